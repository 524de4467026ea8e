# The README's two commands: `make run` serves the app, `make test` runs every test.
# Each creates .venv and installs what it needs; run again, each does only its job.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test browser bench

run: $(VENV)/.runtime
	$(PY) app.py $(ARGS)

test: $(VENV)/.dev browser
	$(PY) -m pytest $(ARGS)

# A Chromium for the browser tests: one already on the machine, else Debian's
# package, else Playwright's own download.
browser: $(VENV)/.dev
	@scripts/install_chromium.sh $(PY)

# e.g. `make bench NAME=startup`
bench: $(VENV)/.dev
	$(PY) -m bench $(NAME)

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.runtime
