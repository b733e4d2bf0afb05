# Shortcuts; each target is one documented command.
PY ?= .venv/bin/python

.PHONY: setup test eval incidents names throughput demo bigstore exports

setup:
	bash scripts/setup.sh

test: setup
	$(PY) -m pytest -q

demo: setup
	.venv/bin/allegiance demo --db demo.db

eval: setup          ## figures on the founding example (../shared/eval/dev)
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

exports: setup       ## time and peak memory of exporting big.db to every format
	$(PY) benchmarks/export_speed.py --db big.db
