# The two commands of the README: `make run` and `make test`. Everything else is a step of theirs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run serve test test-fast typecheck install lint bench translations clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Byte-compiled, as pip does for an installed package (this machine sets PYTHONDONTWRITEBYTECODE, and every
# test worker, server and command would compile the sources again).
install: $(STAMP) translations
	$(BIN)/python -m compileall -q tracker forms reports seed

translations: $(STAMP)
	$(BIN)/pybabel -q compile -d tracker/translations

run: install
	$(BIN)/tracker db upgrade
	$(BIN)/tracker seed
	$(BIN)/tracker demo --if-empty
	$(BIN)/tracker run --host 127.0.0.1 --port 5000

# Production: gunicorn with several workers (gunicorn.conf.py); needs SECRET_KEY and PUBLIC_BASE_URL, and
# DATABASE_URL for PostgreSQL. No demo data is loaded.
serve: install
	$(BIN)/tracker db upgrade
	$(BIN)/tracker seed
	$(BIN)/gunicorn -c gunicorn.conf.py

# pytest-xdist: one worker per core; a test file runs in one worker, so its module fixtures are built once.
PYTEST := $(BIN)/pytest -n auto --dist loadfile

test: install
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(PYTEST)

# While you work: everything but the tests marked slow, on SQLite (the PostgreSQL half runs in `make test`).
test-fast: install
	TEST_DATABASE_URL= $(PYTEST) -m "not slow"

typecheck: install
	$(BIN)/mypy

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) instance .pytest_cache .hypothesis
