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
    document.querySelectorAll("#queue .item").forEach(function (r) { r.classList.remove("current"); });
    all[current].classList.add("current");
    all[current].focus();
  }
  function said(kind, res) {
    if (kind === "names") {
      const j = res.judgement;
      return "judgement " + j.id + ": " + j.kind + " " + j.left + " " + (j.right || "") + " by " + j.by;
    }
    const r = res.review;
    return "review " + r.id + ": " + r.target + " " + r.target_id.slice(0, 12) + " " + r.state + " by " + r.by;
  }
  function decide(row, decision) {
    const kind = row.dataset.kind;
    const body = new FormData();
    body.set("csrf", csrf);
    if (kind === "names") {
      body.set("left", row.dataset.left);
      body.set("right", row.dataset.right);
      body.set("decision", decision === "confirm" ? "merge" : "reject");
      body.set("reason", row.querySelector(".reason").value);
    } else {
      body.set("id", row.dataset.id);
      body.set("decision", decision);
      body.set("note", row.querySelector(".reason").value);
      if (decision === "edit") {
        ["predicate", "time_start", "time_end", "stance"].forEach(function (k) {
          const el = row.querySelector(".f-" + k);
          if (el && el.value) { body.set(k, el.value); }
        });
      }
    }
    status.textContent = "recording…";
    fetch("/review/" + kind, { method: "POST", body: body, headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (j) { return [r.ok, j]; }); })
      .then(function (res) {
        if (!res[0]) { status.textContent = "not recorded: " + res[1].error; status.classList.add("error"); return; }
        status.classList.remove("error");
        status.textContent = said(kind, res[1]);
        row.classList.add("decided", "decided-" + decision);
        row.querySelectorAll("button, input, select").forEach(function (el) { el.disabled = true; });
        focus(current);
      });
  }
  function openEdit(row) {
    const edit = row.querySelector(".edit");
    if (!edit) { row.querySelector(".reason").focus(); return; }
    edit.hidden = false;
    edit.querySelector("select, input").focus();
  }
  document.querySelectorAll("#queue .item").forEach(function (row) {
    row.querySelector(".confirm").addEventListener("click", function () { decide(row, "confirm"); });
    row.querySelector(".reject").addEventListener("click", function () { decide(row, "reject"); });
    const open = row.querySelector(".edit-open");
    if (open) { open.addEventListener("click", function () { openEdit(row); }); }
    const save = row.querySelector(".save");
    if (save) { save.addEventListener("click", function () { decide(row, "edit"); }); }
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
    else if (ev.key === "c") { decide(all[current], "confirm"); }
    else if (ev.key === "x") { decide(all[current], "reject"); }
    else if (ev.key === "e") { openEdit(all[current]); ev.preventDefault(); }
  });
  focus(0);
})();
