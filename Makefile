# tawthiq: `make run` sets up and shows the bundled examples; `make test` is everything CI checks.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= var/tawthiq.db
STAMP := $(VENV)/.installed

.PHONY: run serve test lint types unit vulnerabilities eval bench knowledge assets clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==26.3
	$(BIN)/pip install --quiet -e '.[dev,build]'
	touch $(STAMP)

EXAMPLES := src/tawthiq/examples/reports.jsonl src/tawthiq/examples/ar-daraa-clashes.html
FRONTEND := src/tawthiq/web/frontend
ASSETS := $(FRONTEND)/node_modules/.package-lock.json

# Front-end packages (Leaflet) come from the npm registry, pinned by package-lock.json; none is committed.
$(ASSETS): $(FRONTEND)/package.json $(FRONTEND)/package-lock.json
	npm ci --prefix $(FRONTEND) --no-audit --no-fund --ignore-scripts
	touch $(ASSETS)

assets: $(ASSETS)

run: $(STAMP) $(ASSETS)
	@mkdir -p var
	$(BIN)/tawthiq --db $(DB) ingest $(EXAMPLES)
	$(BIN)/tawthiq --db $(DB) incidents --format table
	@echo
	@echo "Create your admin account (in another terminal, the app keeps this one):"
	@echo "    $(BIN)/tawthiq --db $(DB) users add admin --role admin"
	@echo "then log in at http://127.0.0.1:8000 as admin. Stop the app with Ctrl-C."
	@echo
	$(BIN)/tawthiq --db $(DB) serve --host 127.0.0.1 --port 8000

serve: $(STAMP) $(ASSETS)
	$(BIN)/tawthiq --db $(DB) serve --host 127.0.0.1 --port 8000

test: lint types unit vulnerabilities

# Known vulnerabilities in the pinned dependencies (PyPI's advisory data). A package the index cannot
# describe (an offline mirror) is listed as not audited, and does not fail the run.
vulnerabilities: $(STAMP)
	$(BIN)/pip-audit --skip-editable --progress-spinner off

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts bench fuzz
	$(BIN)/ruff format --check src tests scripts bench fuzz

types: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) $(ASSETS)
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
	rm -rf $(VENV) var build dist .mypy_cache .ruff_cache .pytest_cache $(FRONTEND)/node_modules
