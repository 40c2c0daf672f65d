# Common tasks. `make demo` and `make test` set up a virtual environment on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test words lint layers typecheck unit bench goldens pictures clean-venv

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/nsm demo

test: lint layers typecheck unit

# Compile the word catalogues (.po, edited by translators) to the .mo files the package ships.
words: $(STAMP)
	for po in nsm_excel/locale/*/LC_MESSAGES/*.po; do \
		$(BIN)/pybabel compile --use-fuzzy -i $$po -o $${po%.po}.mo || exit 1; \
	done

lint: $(STAMP)
	$(BIN)/ruff check nsm_excel tests
	$(BIN)/ruff format --check nsm_excel tests

layers: $(STAMP)
	$(BIN)/lint-imports

# The package as Linux, Windows and macOS see it: a module one of them lacks fails here.
typecheck: $(STAMP)
	$(BIN)/mypy
	$(BIN)/mypy --platform win32
	$(BIN)/mypy --platform darwin

unit: $(STAMP)
	$(BIN)/pytest

# make bench SECTIONS="cycle scale" runs only those sections.
bench: $(STAMP)
	$(BIN)/python -m nsm_excel.demo.bench $(SECTIONS)

# Write the reference outputs again after a change meant to alter them; review the diff.
goldens: $(STAMP)
	$(BIN)/python -m tests.golden_outputs

# The README's and the guide's pictures, made with LibreOffice, poppler and Chromium (see docs/clients.md).
pictures: $(STAMP)
	$(BIN)/python -m tests.clients.pictures docs/pictures
	$(BIN)/python -m tests.clients.guide_pictures docs/guide/pictures

clean-venv:
	rm -rf $(VENV)
