# tawthiq: `make run` sets up and shows the bundled examples; `make test` is everything CI checks.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= var/tawthiq.db
STAMP := $(VENV)/.installed

.PHONY: run test lint types unit eval bench knowledge clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==26.3
	$(BIN)/pip install --quiet -e '.[dev,build]'
	touch $(STAMP)

EXAMPLES := src/tawthiq/examples/reports.jsonl src/tawthiq/examples/ar-daraa-clashes.html

run: $(STAMP)
	@mkdir -p var
	$(BIN)/tawthiq --db $(DB) ingest $(EXAMPLES)
	$(BIN)/tawthiq --db $(DB) incidents --format table
	@echo "Try: $(BIN)/tawthiq extract ../shared/seeds/003_8f90c83d0f1dc36e.txt --published 2017-04-13 --format table"

test: lint types unit

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/ruff format --check src tests scripts bench

types: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -q

eval: $(STAMP)
	$(BIN)/tawthiq eval

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

knowledge: $(STAMP)
	$(BIN)/pip install --quiet -e '.[build]'
	$(BIN)/python scripts/build_gazetteer.py
	$(BIN)/python scripts/build_lexicons.py

clean:
	rm -rf $(VENV) var build dist .mypy_cache .ruff_cache .pytest_cache
