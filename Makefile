# Common tasks. `make demo` and `make test` set up a virtual environment on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint typecheck unit bench goldens pictures clean-venv

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/nsm demo

test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check nsm_excel tests
	$(BIN)/ruff format --check nsm_excel tests

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m nsm_excel.bench

# Write the reference outputs again after a change meant to alter them; review the diff.
goldens: $(STAMP)
	$(BIN)/python -m tests.golden_outputs

# The README's pictures, made with LibreOffice, poppler and Chromium (see docs/clients.md).
pictures: $(STAMP)
	$(BIN)/python -m tests.clients.pictures docs/pictures

clean-venv:
	rm -rf $(VENV)
