# Shortcuts; each target is one documented command.
PY ?= .venv/bin/python

.PHONY: setup test eval incidents names throughput speed demo

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

speed: setup         ## CPU, wall and peak memory against spaCy's own nlp.pipe; --jobs 2; linearity
	$(PY) benchmarks/speed.py
