#!/usr/bin/env bash
# Rebuild the web workbench's vendored JavaScript and its region outline from npm packages.
# Installs the pinned versions in a scratch folder, copies their built files and licences into
# src/allegiance/web/static/vendor/ and writes vendor/MANIFEST.json. Run by hand when a version
# changes; nothing here runs at install or run time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=src/allegiance/web/static/vendor
PACKAGES=(cytoscape@3.35.0 vis-timeline@8.5.4 vis-data@8.0.6 moment@2.31.0 leaflet@1.9.4 world-atlas@2.0.2
          topojson-client@3.1.0)
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
cd "$SCRATCH"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "${PACKAGES[@]}"
M=node_modules
rm -rf "${ROOT:?}/$OUT"
mkdir -p "$ROOT/$OUT"/{cytoscape,vis-timeline,vis-data,moment,leaflet/images,world-atlas}
cp $M/cytoscape/dist/cytoscape.min.js $M/cytoscape/LICENSE "$ROOT/$OUT/cytoscape/"
# the "peer" builds: the standalone one injects its style sheet as a <style> element, which
# the workbench's CSP refuses; the peer build takes moment and vis-data as separate scripts
cp $M/moment/min/moment.min.js $M/moment/LICENSE "$ROOT/$OUT/moment/"
cp $M/vis-data/peer/umd/vis-data.min.js $M/vis-data/LICENSE-MIT $M/vis-data/LICENSE-APACHE-2.0 \
   "$ROOT/$OUT/vis-data/"
cp $M/vis-timeline/peer/umd/vis-timeline-graph2d.min.js \
   $M/vis-timeline/styles/vis-timeline-graph2d.min.css \
   $M/vis-timeline/LICENSE.MIT.txt $M/vis-timeline/LICENSE.Apache-2.0.txt "$ROOT/$OUT/vis-timeline/"
cp $M/leaflet/dist/leaflet.js $M/leaflet/dist/leaflet.css $M/leaflet/LICENSE "$ROOT/$OUT/leaflet/"
cp $M/leaflet/dist/images/*.png "$ROOT/$OUT/leaflet/images/"
cp $M/world-atlas/LICENSE "$ROOT/$OUT/world-atlas/"
# the region outline: countries of the Middle East and North Africa from Natural Earth (via
# world-atlas, 1:50m), as GeoJSON with coordinates rounded to 0.01 degree
node "$ROOT/scripts/region-outline.js" $M/world-atlas/countries-50m.json \
  > "$ROOT/src/allegiance/web/static/region.geojson"
node -e '
const names = process.argv.slice(1);
const out = {};
for (const n of names) {
  const j = require("./node_modules/" + n + "/package.json");
  out[n] = {version: j.version, license: j.license};
}
console.log(JSON.stringify(out, null, 2));
' cytoscape vis-timeline vis-data moment leaflet world-atlas topojson-client > "$ROOT/$OUT/MANIFEST.json"
echo "vendored into $OUT"
