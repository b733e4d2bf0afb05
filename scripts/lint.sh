#!/usr/bin/env bash
# Static checks: types (mypy --strict), style (ruff) and the one-way layers (import-linter).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/mypy --strict
.venv/bin/ruff check src tests benchmarks
.venv/bin/lint-imports
