// The reader: clicking a claim (or opening #claim-ID) highlights its evidence in the text.
(function () {
  "use strict";
  const claims = document.querySelectorAll("#claims .claim");
  function pieces(index) {
    return Array.from(document.querySelectorAll("#text .ev")).filter(function (el) {
      return el.dataset.claims.split(" ").indexOf(index) !== -1;
    });
  }
  function select(li) {
    document.querySelectorAll("#text .hl").forEach(function (el) { el.classList.remove("hl"); });
    claims.forEach(function (c) { c.classList.remove("selected"); });
    li.classList.add("selected");
    const found = pieces(li.dataset.index);
    found.forEach(function (el) { el.classList.add("hl"); });
    if (found.length) { found[0].scrollIntoView({ block: "center" }); }
  }
  claims.forEach(function (li) {
    li.addEventListener("click", function (ev) {
      if (ev.target.closest("a")) { return; }
      select(li);
      history.replaceState(null, "", "#" + li.id);
    });
    li.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); select(li); }
    });
  });
  if (location.hash.indexOf("#claim-") === 0) {
    const li = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (li) { select(li); li.scrollIntoView({ block: "nearest" }); }
  }
})();
