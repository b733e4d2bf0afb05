// The network: groups and people from /network.json, redrawn when the date slider moves.
(function () {
  "use strict";
  const form = document.getElementById("network-form");
  const slider = document.getElementById("slider");
  const at = document.getElementById("at");
  const dated = document.getElementById("dated");
  const entity = document.getElementById("entity");
  const box = document.getElementById("cy");
  const list = document.getElementById("edge-list");
  const status = document.getElementById("graph-status");
  const months = [];
  const first = form.dataset.first, last = form.dataset.last;
  if (first && last) {
    let y = parseInt(first.slice(0, 4), 10), m = first.length >= 7 ? parseInt(first.slice(5, 7), 10) : 1;
    const ly = parseInt(last.slice(0, 4), 10), lm = last.length >= 7 ? parseInt(last.slice(5, 7), 10) : 12;
    while (y < ly || (y === ly && m <= lm)) {
      months.push(y + "-" + String(m).padStart(2, "0"));
      m += 1;
      if (m > 12) { m = 1; y += 1; }
    }
  }
  slider.max = String(Math.max(0, months.length - 1));
  if (at.value && months.indexOf(at.value.slice(0, 7)) !== -1) {
    slider.value = String(months.indexOf(at.value.slice(0, 7)));
  }
  const cy = cytoscape({
    container: box,
    style: [
      { selector: "node", style: { label: "data(name)", "font-size": 10, "text-wrap": "wrap",
        "text-max-width": 120, "background-color": "#4f6d8f", width: 18, height: 18 } },
      { selector: "node[type = 'Person']", style: { "background-color": "#b3804a", shape: "ellipse" } },
      { selector: "node[type = 'Organization']", style: { shape: "round-rectangle" } },
      { selector: "edge", style: { width: 2, "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "target-arrow-shape": "triangle", "curve-style": "bezier", label: "data(predicate)", "font-size": 8,
        "text-rotation": "autorotate", color: "#555" } },
      { selector: "edge[?dashed]", style: { "line-style": "dashed" } },
    ],
    wheelSensitivity: 0.3,
  });
  cy.on("tap", "node", function (ev) {
    location.href = "/entities/" + encodeURIComponent(ev.target.id());
  });
  function query() {
    const p = new URLSearchParams();
    if (entity.value.trim()) { p.set("entity", entity.value.trim()); }
    if (dated.checked && at.value.trim()) { p.set("at", at.value.trim()); }
    return p;
  }
  function draw(data) {
    const t0 = performance.now();
    cy.elements().remove();
    cy.add(data.nodes.map(function (n) { return { group: "nodes", data: n }; }));
    cy.add(data.edges.map(function (e) { return { group: "edges", data: e }; }));
    // a force layout for a small graph; rings around the entity asked about for a large one
    const focus = data.filters.entity;
    const big = data.nodes.length > 60;
    // a large graph draws straight edges without labels (the list below names them)
    cy.style().selector("edge").style(big ? { label: "", "curve-style": "haystack" }
      : { label: "data(predicate)", "curve-style": "bezier" }).update();
    cy.layout(big ? { name: "concentric", animate: false, minNodeSpacing: 4,
      concentric: function (n) { return n.id() === focus ? 2 : 1; }, levelWidth: function () { return 1; } }
      : { name: "cose", animate: false }).run();
    box.dataset.edges = String(data.edges.length);
    box.dataset.drawMs = String(Math.round(performance.now() - t0));
    list.replaceChildren();
    const names = {};
    data.nodes.forEach(function (n) { names[n.id] = n.name; });
    data.edges.forEach(function (e) {
      const li = document.createElement("li");
      li.dataset.predicate = e.predicate;
      li.textContent = names[e.source] + " " + e.predicate + " " + names[e.target] +
        " (" + e.time + "; " + e.stance + (e.certainty === "uncertain" ? "; may hold" : "") + ")";
      list.appendChild(li);
    });
    status.textContent = data.nodes.length + " entities, " + data.edges.length + " edges" +
      (data.filters.at ? " as of " + data.filters.at : "") +
      (data.left_out ? "; the first " + data.drawn_limit + " edges drawn, " + data.left_out + " more left out" : "") +
      (data.truncated ? "; only the first " + data.read_limit + " facts were read" : "");
    box.dataset.ready = "1";
  }
  function load() {
    box.dataset.ready = "0";
    const p = query();
    history.replaceState(null, "", "/network" + (p.toString() ? "?" + p : ""));
    fetch("/network.json?" + p, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (j) { return [r.ok, j]; }); })
      .then(function (res) {
        if (!res[0]) { status.textContent = res[1].error; box.dataset.ready = "1"; return; }
        draw(res[1]);
      });
  }
  slider.addEventListener("input", function () {
    if (!months.length) { return; }
    at.value = months[parseInt(slider.value, 10)];
    dated.checked = true;
  });
  slider.addEventListener("change", load);
  dated.addEventListener("change", load);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); load(); });
  const legend = document.getElementById("legend");
  load();
  legend.textContent = "Edges are coloured by predicate; dashed when the text doubts or denies them. Click a node to open it.";
})();
