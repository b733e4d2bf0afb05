# Shortcuts; each target is one documented command.
PY ?= .venv/bin/python

.PHONY: setup test lint eval incidents names throughput demo serve screenshots webspeed bigstore storequeries exports speed cueaudit

setup:
	bash scripts/setup.sh

test: setup
	$(PY) -m pytest -q

lint: setup          ## mypy --strict, ruff, and the one-way layers (import-linter)
	bash scripts/lint.sh

demo: setup
	.venv/bin/allegiance demo --db demo.db

eval: setup          ## figures on the ten development texts (../shared/eval/dev), a table per text
	$(PY) benchmarks/founding.py

incidents: setup     ## perpetrator benchmark on ../shared/data/wiki-incidents
	$(PY) benchmarks/incidents.py

names: setup         ## name clustering benchmark on the UN list, and what spelling alone allows
	$(PY) benchmarks/names_cluster.py
	$(PY) benchmarks/names_ceiling.py

throughput: setup    ## texts/s and words/s on 10,000 texts, 1 and 2 processes
	$(PY) benchmarks/throughput.py -n 10000

bigstore: setup      ## a 1,000,000-claim store (100,000 entities, 20,000 documents) in big.db
	$(PY) benchmarks/make_store.py --db big.db

storequeries: setup  ## p50/p95 of timeline, at --around, path and search on big.db
	$(PY) benchmarks/store_queries.py --db big.db

serve: setup         ## the web workbench over demo.db on http://127.0.0.1:8000/
	.venv/bin/allegiance demo --db demo.db >/dev/null
	.venv/bin/allegiance serve --db demo.db

screenshots: setup   ## docs/web/*.png: every page on the bundled example, taken by the browser tests
	ALLEGIANCE_SCREENSHOTS=docs/web $(PY) -m pytest -q tests/web/test_web_browser.py

webspeed: setup      ## first-byte p95 of every page and the network draw time, on big.db
	$(PY) benchmarks/web.py --db big.db

exports: setup       ## time and peak memory of exporting big.db to every format
	$(PY) benchmarks/export_speed.py --db big.db

speed: setup         ## CPU, wall and peak memory against spaCy's own nlp.pipe; --jobs 2; linearity
	$(PY) benchmarks/speed.py

cueaudit: setup      ## on how many dev texts each cue entry occurs and gives gold claims; one-text entries measured
	$(PY) benchmarks/cue_audit.py --ablate
