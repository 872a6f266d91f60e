# Meldpunt: `make run` serves the demo, `make test` runs everything CI runs (CONTRACT.md).
# Needs only python3 (>= 3.11) and make: uv is bootstrapped into .tools/ and installs from uv.lock.

SHELL := /bin/bash
PYTHON ?= python3
PORT ?= 8000
UV_VERSION := 0.9.30
UV := .tools/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(shell command -v $(PYTHON))

.PHONY: run test lint install worker messages vendor-css bench clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --quiet
	@touch $@

install: $(VENV)/.synced

run: install
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py demo_load
	@$(PY) manage.py demo_signins --port $(PORT)
	exec $(PY) manage.py run_demo_server --port $(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	PYTHONPATH=src $(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=meldpunt.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=meldpunt.settings.test $(PY) manage.py check --fail-level WARNING

test: lint
	$(VENV)/bin/pytest

# Runs the tasks queue (emails, reminders) in the foreground; `make run` starts one beside the server.
worker: install
	$(PY) manage.py db_worker --no-reload

messages: install
	bash scripts/messages.sh

# Re-vendors the NL Design System CSS from the npm registry (needs Node.js; `make run` does not).
vendor-css:
	bash scripts/vendor-css.sh

bench: install
	@for script in bench/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf .tools $(VENV) var
