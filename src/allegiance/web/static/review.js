// The review queue: keyboard shortcuts and buttons post decisions with the CSRF token.
(function () {
  "use strict";
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const status = document.getElementById("review-status");
  function rows() { return Array.from(document.querySelectorAll("#queue .item:not(.decided)")); }
  let current = 0;
  function focus(i) {
    const all = rows();
    if (!all.length) { return; }
    current = Math.max(0, Math.min(i, all.length - 1));
    all.forEach(function (r) { r.classList.remove("current"); });
    all[current].classList.add("current");
    all[current].focus();
  }
  function decide(row, decision) {
    const body = new FormData();
    body.set("csrf", csrf);
    body.set("left", row.dataset.left);
    body.set("right", row.dataset.right);
    body.set("decision", decision);
    body.set("reason", row.querySelector(".reason").value);
    status.textContent = "recording…";
    fetch("/review/" + row.dataset.kind, { method: "POST", body: body, headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (j) { return [r.ok, j]; }); })
      .then(function (res) {
        if (!res[0]) { status.textContent = "not recorded: " + res[1].error; status.classList.add("error"); return; }
        const j = res[1].judgement;
        status.classList.remove("error");
        status.textContent = "judgement " + j.id + ": " + j.kind + " " + j.left + " " + (j.right || "") + " by " + j.by;
        row.classList.add("decided", "decided-" + decision);
        row.querySelectorAll("button, input").forEach(function (el) { el.disabled = true; });
        focus(current);
      });
  }
  document.querySelectorAll("#queue .item").forEach(function (row) {
    row.querySelector(".confirm").addEventListener("click", function () { decide(row, "merge"); });
    row.querySelector(".reject").addEventListener("click", function () { decide(row, "reject"); });
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.target.matches("input, textarea, select")) {
      if (ev.key === "Escape") { ev.target.blur(); focus(current); }
      return;
    }
    const all = rows();
    if (!all.length) { return; }
    if (ev.key === "j" || ev.key === "ArrowDown") { focus(current + 1); ev.preventDefault(); }
    else if (ev.key === "k" || ev.key === "ArrowUp") { focus(current - 1); ev.preventDefault(); }
    else if (ev.key === "c") { decide(all[current], "merge"); }
    else if (ev.key === "x") { decide(all[current], "reject"); }
    else if (ev.key === "e") { all[current].querySelector(".reason").focus(); ev.preventDefault(); }
  });
  focus(0);
})();
