// The network: groups and people from /network.json, redrawn when the date slider moves.
// The first graph's data is fetched while the scripts load (the page's preload link). A
// large graph is placed in rings around the entity asked about (no layout to run) and
// drawn without names, too small to read at that zoom: they appear once one zooms in.
// Performance marks: network-script (scripts run), network-data (data in hand),
// network-laid-out (elements placed), network-drawn (first frame painted with them).
(function () {
  "use strict";
  performance.mark("network-script");
  // the first graph's data, asked for before anything else is set up
  const preload = document.getElementById("network-data");
  const firstData = fetch(preload.href);
  const BIG = 60;  // more nodes than this: rings, plain edges, names shown on zooming in
  const RING_GAP = 70, SPACING = 34, MARGIN = 30, READABLE = 7;
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
  // made with the first data, its elements given at once: no empty graph to paint first
  let cy = null;
  const STYLE = [
      { selector: "node", style: { label: "data(name)", "font-size": 10, "text-wrap": "wrap",
        "text-max-width": 120, "min-zoomed-font-size": READABLE, "background-color": "#4f6d8f",
        width: 18, height: 18 } },
      { selector: "node[type = 'Person']", style: { "background-color": "#b3804a", shape: "ellipse" } },
      { selector: "node[type = 'Organization']", style: { shape: "round-rectangle" } },
      { selector: "edge", style: { width: 2, "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "target-arrow-shape": "triangle", "curve-style": "bezier", label: "data(predicate)", "font-size": 8,
        "min-zoomed-font-size": READABLE, "text-rotation": "autorotate", color: "#555" } },
      // a large graph: straight edges without labels or arrows, cytoscape's fastest (the
      // list below names them), nodes without names until one zooms in far enough to read
      { selector: "edge.plain", style: { label: "", "curve-style": "haystack", "haystack-radius": 0 } },
      { selector: "node.plain", style: { label: "" } },
      { selector: "edge[?dashed]", style: { "line-style": "dashed" } },
  ];
  let shown = null;  // the data drawn
  function start(elements) {
    const made = cytoscape({ container: box, style: STYLE, elements: elements,
      layout: { name: "preset", fit: false }, wheelSensitivity: 0.3 });
    made.on("zoom", function () {
      const plain = made.nodes(".plain");
      if (made.zoom() * 10 >= READABLE && plain.nonempty()) {
        plain.removeClass("plain");
        if (shown) { describe(shown, false); }
      }
    });
    made.on("tap", "node", function (ev) {
      location.href = "/entities/" + encodeURIComponent(ev.target.id());
    });
    return made;
  }
  function query() {
    const p = new URLSearchParams();
    if (entity.value.trim()) { p.set("entity", entity.value.trim()); }
    if (dated.checked && at.value.trim()) { p.set("at", at.value.trim()); }
    return p;
  }
  // The entity asked about (else the most connected) in the middle, the others on rings
  // around it, most connected first; returns positions and the outer ring's radius.
  function rings(data) {
    const focus = data.filters.entity;
    const degree = {};
    data.edges.forEach(function (e) {
      degree[e.source] = (degree[e.source] || 0) + 1;
      degree[e.target] = (degree[e.target] || 0) + 1;
    });
    const order = data.nodes.slice().sort(function (a, b) {
      return (b.id === focus) - (a.id === focus) || (degree[b.id] || 0) - (degree[a.id] || 0) ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    });
    const pos = {};
    let i = 0, ring = 0, radius = 0;
    while (i < order.length) {
      radius = ring * RING_GAP;
      const n = ring === 0 ? 1 : Math.min(order.length - i, Math.floor(2 * Math.PI * radius / SPACING));
      for (let k = 0; k < n; k++) {
        const a = 2 * Math.PI * k / n + ring * 0.4;
        pos[order[i + k].id] = { x: radius * Math.cos(a), y: radius * Math.sin(a) };
      }
      i += n;
      ring += 1;
    }
    return { pos: pos, radius: radius };
  }
  function listEdges(data) {
    const names = {};
    data.nodes.forEach(function (n) { names[n.id] = n.name; });
    const items = document.createDocumentFragment();
    data.edges.forEach(function (e) {
      const li = document.createElement("li");
      li.dataset.predicate = e.predicate;
      li.textContent = names[e.source] + " " + e.predicate + " " + names[e.target] +
        " (" + e.time + "; " + e.stance + ")";
      items.appendChild(li);
    });
    list.replaceChildren(items);
  }
  function describe(data, small) {
    status.textContent = data.nodes.length + " entities, " + data.edges.length + " edges" +
      (data.filters.at ? " as of " + data.filters.at : "") +
      (data.left_out ? "; the first " + data.drawn_limit + " edges drawn, " + data.left_out + " more left out" : "") +
      (data.truncated ? "; only the first " + data.read_limit + " facts were read" : "") +
      (small ? "; zoom in to read the names" : "");
  }
  function draw(data) {
    performance.mark("network-data");
    shown = data;
    const t0 = performance.now();
    const big = data.nodes.length > BIG;
    const placed = big ? rings(data) : null;
    const elements = data.nodes.map(function (n) {
      return placed ? { group: "nodes", data: n, position: placed.pos[n.id], classes: "plain" }
        : { group: "nodes", data: n };
    }).concat(data.edges.map(function (e) {
      return { group: "edges", data: e, classes: big ? "plain" : "" };
    }));
    if (cy === null) {
      cy = start(elements);
    } else {
      cy.batch(function () { cy.elements().remove(); cy.add(elements); });
    }
    if (placed) {
      // the rings fill the box: the zoom follows from their radius, no label is measured
      const w = box.clientWidth, h = box.clientHeight;
      const zoom = Math.min(w, h) / (2 * (placed.radius + MARGIN));
      cy.viewport({ zoom: zoom, pan: { x: w / 2, y: h / 2 } });
      if (zoom * 10 >= READABLE) { cy.nodes().removeClass("plain"); }
    } else {
      cy.layout({ name: "cose", animate: false }).run();
    }
    performance.mark("network-laid-out");
    box.dataset.edges = String(data.edges.length);
    box.dataset.drawMs = String(Math.round(performance.now() - t0));
    let done = false;
    function drawn() {
      if (done) { return; }
      done = true;
      performance.mark("network-drawn");
      listEdges(data);
      describe(data, cy.nodes(".plain").nonempty());
      box.dataset.ready = "1";
    }
    // the first frame painted with the new elements (an empty graph may paint nothing)
    cy.one("render", drawn);
    if (cy.elements().empty()) { requestAnimationFrame(function () { requestAnimationFrame(drawn); }); }
  }
  function load(asked) {
    box.dataset.ready = "0";
    const p = query();
    history.replaceState(null, "", "/network" + (asked ? new URL(preload.href).search : (p.toString() ? "?" + p : "")));
    (asked || fetch("/network.json?" + p))
      .then(function (r) { return r.json().then(function (j) { return [r.ok, j]; }); })
      .then(function (res) {
        if (!res[0]) { status.textContent = res[1].error; box.dataset.ready = "1"; return; }
        draw(res[1]);
      });
  }
  function reload() { load(null); }
  slider.addEventListener("input", function () {
    if (!months.length) { return; }
    at.value = months[parseInt(slider.value, 10)];
    dated.checked = true;
  });
  slider.addEventListener("change", reload);
  dated.addEventListener("change", reload);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); reload(); });
  const legend = document.getElementById("legend");
  load(firstData);
  legend.textContent = "Edges are coloured by predicate; dashed when the text doubts or denies them. Click a node to open it.";
})();
