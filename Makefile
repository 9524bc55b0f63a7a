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

# Rebuild the shipped references.bib and catalog.yaml from sources/, as a maintainer does: import
# (exit 1 when the seeds have warnings), merge the duplicates (exit 1: a conflict needs a person), then
# make the generated keys from the merged entries. tests/test_data.py checks the shipped files
# are this target's output, byte for byte.
STORE_ARGS = --store references.bib --catalog catalog.yaml
data:
	rm -f references.bib catalog.yaml
	$(BIN)refs $(STORE_ARGS) import sources/[0-9]*.md; test $$? -le 1
	$(BIN)refs $(STORE_ARGS) dedupe --apply >/dev/null; test $$? -le 1
	$(BIN)refs $(STORE_ARGS) rekey --all >/dev/null

bench:
	$(PYTHON) bench/store.py
	$(PYTHON) bench/parse_accuracy.py
	$(PYTHON) bench/dedupe_accuracy.py
	$(PYTHON) bench/dedupe_speed.py
	$(PYTHON) bench/csl_fidelity.py
	$(PYTHON) bench/catalog_accuracy.py
	$(PYTHON) bench/import_speed.py
