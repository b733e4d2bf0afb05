// The timeline: dated claims from /timeline.json drawn with vis-timeline, filtered by the form.
(function () {
  "use strict";
  const form = document.getElementById("timeline-form");
  const box = document.getElementById("timeline");
  const list = document.getElementById("item-list");
  const status = document.getElementById("timeline-status");
  const items = new vis.DataSet();
  const timeline = new vis.Timeline(box, items, { stack: true, maxHeight: 520, zoomMin: 86400000 });
  function dayAfter(iso) {
    const parts = iso.split("-").map(function (x) { return parseInt(x, 10); });
    const d = new Date(Date.UTC(parts[0], (parts[1] || 1) - 1, parts[2] || 1));
    d.setUTCDate(d.getUTCDate() + 1);
    return d;
  }
  function content(item) {
    const span = document.createElement("span");
    span.textContent = item.label + " · " + item.time;
    return span;
  }
  function draw(data) {
    items.clear();
    list.replaceChildren();
    data.items.forEach(function (it) {
      const entry = { id: it.id, content: content(it), start: it.start,
        className: (it.dashed ? "contested" : "supported") + (it.open_start ? " open-start" : "") + (it.open_end ? " open-end" : "") };
      if (it.end) { entry.end = dayAfter(it.end); entry.type = "range"; }
      else if (it.open_end) { entry.type = "point"; }
      else { entry.type = "box"; }
      items.add(entry);
      const li = document.createElement("li");
      li.dataset.predicate = it.predicate;
      li.dataset.stances = it.stances.join(" ");
      li.textContent = it.time + " " + it.label + " (" + it.stance + "; " + it.sources +
        (it.sources === 1 ? " source)" : " sources)");
      list.appendChild(li);
    });
    if (data.items.length) { timeline.fit({ animation: false }); }
    status.textContent = data.items.length + " dated facts" + (data.truncated ? " (first only)" : "");
    box.dataset.items = String(data.items.length);
    box.dataset.ready = "1";
  }
  function load() {
    box.dataset.ready = "0";
    const p = new URLSearchParams();
    new FormData(form).forEach(function (v, k) { if (String(v).trim()) { p.set(k, String(v).trim()); } });
    history.replaceState(null, "", "/timeline" + (p.toString() ? "?" + p : ""));
    fetch("/timeline.json?" + p, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (j) { return [r.ok, j]; }); })
      .then(function (res) {
        if (!res[0]) { status.textContent = res[1].error; box.dataset.ready = "1"; return; }
        draw(res[1]);
      });
  }
  timeline.on("select", function (props) {
    if (props.items.length) {
      const it = items.get(props.items[0]);
      if (it) { status.textContent = it.content.textContent; }
    }
  });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); load(); });
  form.querySelectorAll("select").forEach(function (s) { s.addEventListener("change", load); });
  load();
})();
