# Accord: make demo · make test · make lint · make bench
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON_FOR_VENV = $(shell scripts/find-python)
CHROMIUM ?= /usr/bin/chromium
# The PostgreSQL pass: set ACCORD_TEST_DATABASE_URL, or a local server on 127.0.0.1:5432 is used
# (scripts/test-database-url).

.PHONY: demo serve test test-sqlite test-postgres lint lint-static messages bench chromium gettext clean kernels

$(BIN)/accord: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON_FOR_VENV) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.test-installed: $(BIN)/accord
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	@touch $@

## demo: install, migrate an SQLite database under ./var/, load the scenario, serve on :8000 with
## one background worker (one Ctrl-C stops both)
demo: $(BIN)/accord
	@mkdir -p var
	ACCORD_DEMO=1 $(BIN)/accord demo
	ACCORD_DEMO=1 $(BIN)/accord serve --with-worker --host 127.0.0.1 --port 8000

## chromium: Debian's Chromium for the browser tests (installed when missing and root)
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "No Chromium at $(CHROMIUM): browser tests will be skipped (they fail in CI)."; \
	  fi; \
	fi

## gettext: GNU gettext's xgettext, which extracts the marked texts (installed when missing and root)
gettext:
	@if ! command -v xgettext >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's gettext for the translation catalogues"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
	  else \
	    echo "No xgettext: install GNU gettext to extract and check the catalogues." >&2; exit 1; \
	  fi; \
	fi

## test: the whole suite on SQLite (with the browser journeys), then on PostgreSQL
# One pass after the other: run side by side (make -j2), four workers, Chromium and the database
# server shared two cores and the whole took longer, not less (measured: 23 min against 18).
# But the PostgreSQL pass's snapshot (tests/prebuild.py) is built during the SQLite pass, in the
# time that pass leaves a core idle, instead of by one worker while the other waits.
test: $(VENV)/.test-installed chromium gettext
	@snapshots="$$(mktemp -d)"; url="$$(scripts/test-database-url $(BIN)/python)"; \
	if [ -n "$$url" ]; then \
	  ACCORD_TEST_DATABASE_URL="$$url" ACCORD_TEST_SNAPSHOT_DIR="$$snapshots" \
	    $(BIN)/python -m tests.prebuild > "$$snapshots/prebuild.log" 2>&1 & \
	fi; \
	status=0; $(MAKE) --no-print-directory test-sqlite || status=$$?; \
	wait; \
	if [ -n "$$url" ] && [ ! -e "$$snapshots/scenario-keys.json" ]; then \
	  echo "The snapshot built ahead failed; the PostgreSQL pass builds its own:"; \
	  tail -20 "$$snapshots/prebuild.log"; fi; \
	if [ $$status = 0 ]; then \
	  ACCORD_TEST_SNAPSHOT_DIR="$$snapshots" $(MAKE) --no-print-directory test-postgres || status=$$?; fi; \
	rm -rf "$$snapshots"; exit $$status

# When a PostgreSQL pass follows, each database test runs once, there: the SQLite pass keeps
# SQLite's own tests, the browser journeys and the tests that touch no database (tests/conftest.py).
# Without PostgreSQL, everything runs here.
# The route planner's compiled searches, compiled once here into numba's on-disk cache (a few
# seconds; then only loaded), so that the test workers do not each compile them.
kernels: $(VENV)/.test-installed
	@$(BIN)/python -c "from accord.transit.engine import kernels; kernels.warm()"

test-sqlite: $(VENV)/.test-installed kernels
	@marks="not postgres"; follows=0; \
	if [ -n "$$(scripts/test-database-url $(BIN)/python)" ]; then marks="$$marks and not exhaustive"; follows=1; fi; \
	echo "SQLite pass: -m \"$$marks\"$$( [ $$follows = 1 ] && echo ', database tests left to PostgreSQL')"; \
	ACCORD_TEST_DATABASE_URL= ACCORD_TEST_POSTGRES_FOLLOWS=$$follows $(BIN)/pytest -m "$$marks" -p xdist -n 2 --dist worksteal $(PYTEST_ARGS)

test-postgres: $(VENV)/.test-installed kernels
	@url="$$(scripts/test-database-url $(BIN)/python)"; \
	if [ -z "$$url" ]; then \
	  if [ -n "$${CI:-}" ]; then echo "CI needs PostgreSQL: set ACCORD_TEST_DATABASE_URL" >&2; exit 1; fi; \
	  echo "No PostgreSQL found: the PostgreSQL pass is skipped (set ACCORD_TEST_DATABASE_URL)."; exit 0; fi; \
	ACCORD_TEST_DATABASE_URL="$$url" $(BIN)/pytest -m "not browser" -p xdist -n 2 --dist worksteal $(PYTEST_ARGS)

## lint: ruff (lint and format), migrations up to date, one-way dependencies, the error catalogue, the
## conventions (no role or marking named in an interface, every page on the toolkit)
lint: lint-static
	ACCORD_TEST_DATABASE_URL= $(BIN)/pytest -p no:xdist -q tests/test_error_catalogue.py tests/test_conventions.py tests/test_translations.py

# The checks that run no test. CI runs these, then `make test`, whose SQLite pass runs the
# convention, catalogue and translation tests among the others (once, on both workers). Whether
# docs/api.md lists the error catalogue (`accord errors --markdown --check`) is one of those
# tests (tests/test_error_catalogue.py), so it is not checked here a second time.
lint-static: $(VENV)/.test-installed gettext
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	ACCORD_DEBUG=1 ACCORD_VAR_DIR=$$(mktemp -d) $(BIN)/accord makemigrations --check --dry-run
	$(BIN)/lint-imports

## messages: extract the marked texts into each app's catalogues and compile them (needs GNU gettext)
messages: $(VENV)/.test-installed gettext
	ACCORD_DEBUG=1 ACCORD_VAR_DIR=$$(mktemp -d) $(BIN)/accord messages

## bench: every script in bench/, each printing its figure beside its anchor
bench: $(VENV)/.test-installed
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
