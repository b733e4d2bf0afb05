#!/usr/bin/env bash
# Quick start, part one: set up, then extract the bundled example into an embedded SQLite
# store and print the report (entities with aliases, claims as a dated timeline).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/allegiance demo --db "${1:-demo.db}"
