# Two commands for a fresh machine: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed

.PHONY: run test install lint format bench worker beat web check-deploy clean

$(STAMP): pyproject.toml package.json package-lock.json
	test -x $(PY) || python3.11 -m venv $(VENV) || python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[dev]"
	npm ci --no-audit --no-fund --loglevel=error
	touch $(STAMP)

install: $(STAMP)

# Runs the portal on embedded defaults: SQLite, a filesystem Celery broker, console email.
run: export DEBUG := true
run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py setup_schedules
	$(VENV)/bin/honcho -f Procfile.dev start

# The whole test suite. Uses DATABASE_URL / REDIS_URL when set (CI sets both), else SQLite.
test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: $(STAMP)
	$(PY) -m pytest tests/benchmarks -p no:randomly -s -o addopts="" -m bench

clean:
	rm -rf var staticfiles
