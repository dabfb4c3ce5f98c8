# The two commands a new user needs:  make run  and  make test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test model index serve eval bench clean

setup: $(STAMP)

# CPU torch first, from this machine's disk: a bare `torch` requirement would pull a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

model: setup
	$(BIN)/vraagbaak model build

index: model
	$(BIN)/vraagbaak ingest

run: index
	$(BIN)/vraagbaak serve --host 127.0.0.1 --port 8000

test: setup
	$(BIN)/python -m pytest

eval: index
	$(BIN)/vraagbaak eval

bench: index
	$(BIN)/python -m eval.bench

clean:
	rm -rf data .pytest_cache test-artifacts
