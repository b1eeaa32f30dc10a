# Newsroom: the two commands a new user needs are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
VNU_JAR := .tools/node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: run test quick edge lint unit bench bench-compare setup demo tools clean help

help:
	@echo "make run    – set up, migrate, load the demo content and serve http://127.0.0.1:$(PORT)"
	@echo "make test   – set up and run the whole suite (ruff, unit, browser tests)"
	@echo "make quick  – the suite without browser, edge and slow tests, for a quick check"
	@echo "make edge   – the edge suite: varnishd in front of two gunicorn servers (tests/edge)"
	@echo "make bench  – run the benchmarks in bench/ and print a table"
	@echo "make bench-compare BASE=<ref> – the article page, BASE against HEAD, timed in turn"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Newsroom needs Python 3.11 or newer (found %s)" % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

# Demo: SQLite in the project folder, DEBUG on so the dev server serves static and media files.
run: $(STAMP)
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py seed_demo
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

demo: $(STAMP)
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py seed_demo

# The HTML checker is optional on a user's machine: without npm or Java its tests skip.
tools:
	@if [ ! -f $(VNU_JAR) ] && command -v npm >/dev/null 2>&1; then \
		npm install --silent --no-audit --no-fund --prefix .tools vnu-jar >/dev/null 2>&1 \
		|| echo "note: could not install vnu-jar; the HTML validity tests will skip"; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

unit: $(STAMP)
	$(BIN)/pytest

# A developer's quick run: everything but the browser tests, the edge suite (it starts
# varnishd, gunicorn and nginx) and the slow ones (the fuzzing).
quick: $(STAMP)
	$(BIN)/pytest -m "not slow and not browser and not edge"

# The edge suite alone (tests/edge): skipped, with the reason, without varnishd.
edge: $(STAMP)
	$(BIN)/pytest -m edge

test: $(STAMP) tools
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DATABASE_URL=sqlite://:memory: $(PY) manage.py makemigrations --check --dry-run --settings=tests.settings >/dev/null \
		|| (echo "Models changed without a migration: run makemigrations" && exit 1)
	$(BIN)/pytest

# The comments benchmark fills a PostgreSQL database whose name contains "bench" with
# 1,000,000 comments (once; later runs reuse it).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/newsroom_bench
bench: $(STAMP)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/run.py

# The article page on BASE (default: where this branch left main) and on HEAD, ROUNDS
# rounds each in turn, on SQLite and PostgreSQL (throw-away databases beside BENCH_DATABASE_URL).
BASE ?=
ROUNDS ?= 8
bench-compare: $(STAMP)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/compare.py --rounds $(ROUNDS) $(BASE)

clean:
	rm -rf $(VENV) .tools staticfiles .pytest_cache .ruff_cache
