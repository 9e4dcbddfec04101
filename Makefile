# Imprint: `make` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9

.DEFAULT_GOAL := help
.PHONY: help install demo serve worker test test-sqlite test-postgres lint format bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/uv:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Imprint needs Python 3.11 or newer (set PYTHON=python3.11).")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

# Bytecode compiled once here: every Python process the tests start (a few dozen) then loads
# Django and Wagtail in half the CPU time, even where PYTHONDONTWRITEBYTECODE is set.
$(VENV)/.synced: $(BIN)/uv uv.lock pyproject.toml Makefile
	$(BIN)/uv sync --frozen --compile-bytecode --python $(BIN)/python
	@touch $@

install: $(VENV)/.synced ## Create .venv and install the locked dependencies

demo: $(VENV)/.synced ## Build the demo institute (keeps existing data) and serve it with the worker
	DJANGO_SETTINGS_MODULE=imprint.settings.dev $(BIN)/imprint demo

serve: $(VENV)/.synced ## Serve the site and the worker (production settings unless DJANGO_SETTINGS_MODULE says otherwise)
	$(BIN)/imprint serve

worker: $(VENV)/.synced ## Run the background worker only
	$(BIN)/imprint worker

# One pytest-xdist worker a core and one more: the tests that start real processes wait on them,
# and the extra worker keeps the cores busy meanwhile (2 cores: 5 min 20 s with 2 workers, 4 min
# 43 s with 3). Each module runs whole on one worker (its demo is built once).
# (pytest-xdist 3.8's loadgroup does not group under pytest 9: every test went its own way.)
PYTEST_WORKERS ?= $(shell $(PYTHON) -c 'import os; print(len(os.sched_getaffinity(0)) + 1)' 2>/dev/null || echo auto)
PYTEST_PARALLEL ?= -n $(PYTEST_WORKERS) --dist loadfile

# With IMPRINT_OPENSEARCH_URL set, the search tests run on OpenSearch too, in the first pass.
test: $(VENV)/.synced ## Run the whole suite (SQLite; database tests again on PostgreSQL when DATABASE_URL is set)
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_PARALLEL)
	@if [ -n "$$DATABASE_URL" ]; then \
		echo "--- database tests again on PostgreSQL ($$DATABASE_URL)"; \
		$(BIN)/pytest $(PYTEST_PARALLEL) -m "database and not browser and not opensearch"; \
	fi

lint: $(VENV)/.synced ## ruff format --check and ruff check
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: $(VENV)/.synced ## Format and autofix with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(VENV)/.synced ## Run the benchmarks under bench/ (prints figures)
	$(BIN)/python -m bench.pages

clean: ## Remove the virtualenv and local data (var/)
	rm -rf $(VENV) var
