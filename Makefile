# The one command developers run locally; .ci/run runs the same steps in a fresh venv.
# Run inside the venv the README sets up (or set BIN=.venv/bin/).
BIN ?=
PYTHON ?= $(BIN)python

.PHONY: check lint format types imports test data bench

check: lint types imports test

lint:
	$(BIN)ruff check .
	$(BIN)ruff format --check .

format:
	$(BIN)ruff check --fix .
	$(BIN)ruff format .

types:
	$(BIN)mypy

imports:
	$(BIN)lint-imports

test:
	$(PYTHON) -m pytest

# Rebuild the shipped references.bib and catalog.yaml from sources/ (import exits 1 because the
# seeds have flags).
data:
	rm -f references.bib catalog.yaml
	$(BIN)refs --store references.bib --catalog catalog.yaml import sources/*.txt; test $$? -le 1

bench:
	$(PYTHON) bench/store.py
	$(PYTHON) bench/parse_accuracy.py
	$(PYTHON) bench/dedupe_accuracy.py
	$(PYTHON) bench/dedupe_speed.py
	$(PYTHON) bench/csl_fidelity.py
	$(PYTHON) bench/catalog_accuracy.py
	$(PYTHON) bench/import_speed.py
