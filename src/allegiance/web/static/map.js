// The map: the region outline shipped with the package and places sized by their claims.
(function () {
  "use strict";
  const form = document.getElementById("map-form");
  const box = document.getElementById("map");
  const list = document.getElementById("place-list");
  const status = document.getElementById("map-status");
  const map = L.map(box, { attributionControl: false, zoomSnap: 0.5 }).setView([34.5, 41], 5);
  const dots = L.layerGroup().addTo(map);
  fetch("/static/region.geojson").then(function (r) { return r.json(); }).then(function (geo) {
    L.geoJSON(geo, { style: { color: "#777", weight: 1, fillColor: "#eee8dc", fillOpacity: 1 } })
      .addTo(map).bringToBack();
  });
  function draw(data) {
    dots.clearLayers();
    list.replaceChildren();
    data.places.forEach(function (p) {
      const label = document.createElement("span");
      label.textContent = p.name + ": " + p.claims + " claims, " + p.mentions + " mentions";
      L.circleMarker([p.lat, p.lon], { radius: 4 + 3 * Math.sqrt(p.activity), color: "#8b2f2f",
        weight: 1, fillOpacity: 0.6 }).bindTooltip(label).on("click", function () {
        location.href = "/entities/" + encodeURIComponent(p.id);
      }).addTo(dots);
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = "/entities/" + encodeURIComponent(p.id);
      a.textContent = p.name;
      li.appendChild(a);
      li.appendChild(document.createTextNode(" " + p.claims + " claims, " + p.mentions + " mentions"));
      list.appendChild(li);
    });
    status.textContent = data.places.length + " places" +
      (data.unplaced ? ", " + data.unplaced + " more without coordinates" : "");
    box.dataset.places = String(data.places.length);
    box.dataset.ready = "1";
  }
  function load() {
    box.dataset.ready = "0";
    const p = new URLSearchParams();
    new FormData(form).forEach(function (v, k) { if (String(v).trim()) { p.set(k, String(v).trim()); } });
    history.replaceState(null, "", "/map" + (p.toString() ? "?" + p : ""));
    fetch("/map.json?" + p, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (j) { return [r.ok, j]; }); })
      .then(function (res) {
        if (!res[0]) { status.textContent = res[1].error; box.dataset.ready = "1"; return; }
        draw(res[1]);
      });
  }
  form.addEventListener("submit", function (ev) { ev.preventDefault(); load(); });
  load();
})();
