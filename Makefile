# Two commands for a new user: `make demo` and `make test`.
# Both create .venv from pyproject.toml on first use; later runs reuse it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest docs bench fuzz clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/flowroute demo

test: lint typecheck docs pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/python -m pytest -q

docs: $(STAMP)
	$(BIN)/sphinx-build -q -W -b html docs docs/_build/html

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_calls.py
	$(BIN)/python benchmarks/bench_threads.py

fuzz: $(STAMP)
	FLOWROUTE_FUZZ_EXAMPLES=10000 $(BIN)/python -m pytest -q tests/reliability -k fuzz

clean:
	rm -rf $(VENV) docs/_build .mypy_cache .ruff_cache .pytest_cache
