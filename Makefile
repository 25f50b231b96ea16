# Shortcuts; each target runs what the README documents.
UV ?= $(shell command -v uv 2>/dev/null || echo python3 -m uv)

.PHONY: serve check test lint types layers fast-tests migrate seed bench
serve:            ## migrate, load demo data if empty, serve on 127.0.0.1:8000
	$(UV) run --frozen spacetime serve
check: lint types layers fast-tests  ## the inner loop: lint, types, layers, unit and contract tests
test:             ## everything CI runs
	./scripts/test
lint:
	$(UV) run --frozen ruff check src tests bench alembic && $(UV) run --frozen ruff format --check src tests bench alembic
types:
	$(UV) run --frozen mypy
layers:
	$(UV) run --frozen lint-imports
fast-tests:       ## unit and contract tests (real SQLite and PostgreSQL adapters included)
	$(UV) run --frozen pytest -q -p no:cacheprovider tests/unit tests/contracts
migrate:
	$(UV) run --frozen spacetime migrate
seed:             ## a larger data set: make seed ORDERS=5000000
	$(UV) run --frozen spacetime seed --products $(or $(PRODUCTS),20000) --orders $(or $(ORDERS),1000000) --seed 7
bench:            ## one benchmark of docs/benchmarks.md (minutes; large data): make bench NAME=daily_stats
	$(UV) run --frozen python bench/$(or $(NAME),external_sort).py
