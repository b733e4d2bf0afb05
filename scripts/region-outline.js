// Usage: node region-outline.js countries-50m.json > region.geojson
// Writes the countries of the region as a GeoJSON FeatureCollection (name property only),
// coordinates rounded to 0.01 degree. Run from a folder where topojson-client is installed.
const fs = require("fs");
const path = require("path");
const topojson = require(path.resolve("node_modules/topojson-client"));

const REGION = new Set([
  "Iraq", "Syria", "Turkey", "Jordan", "Lebanon", "Israel", "Palestine", "Iran", "Saudi Arabia",
  "Kuwait", "Yemen", "Oman", "United Arab Emirates", "Qatar", "Bahrain", "Egypt", "Libya",
  "Tunisia", "Algeria", "Cyprus", "Afghanistan", "Pakistan", "Azerbaijan", "Armenia", "Georgia",
]);

const topo = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const all = topojson.feature(topo, topo.objects.countries);
const round = (c) => (typeof c[0] === "number"
  ? [Math.round(c[0] * 100) / 100, Math.round(c[1] * 100) / 100]
  : c.map(round));
const features = all.features
  .filter((f) => REGION.has(f.properties.name))
  .map((f) => ({
    type: "Feature",
    properties: { name: f.properties.name },
    geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) },
  }))
  .sort((a, b) => a.properties.name.localeCompare(b.properties.name));
process.stdout.write(JSON.stringify({ type: "FeatureCollection", features }) + "\n");
