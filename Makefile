# Two commands for a new user: `make demo` and `make test`.
#
# `make test` runs the suite on every Python the package declares:
#   .venv      the newest supported Python (3.13) with the newest dependencies and
#              every extra (the optional orjson decoder included):
#              lint, format check, mypy --strict, docs build and the suite;
#   .venv-min  the oldest supported Python (3.9) with every declared dependency
#              at its floor, pinned exactly by constraints/min.txt (the optional
#              orjson and libcst too): the suite, reading bodies with the standard
#              library's decoder (FLOWROUTE_TEST_JSON=stdlib, see tests/conftest.py)
#              but for the decoder's own tests, which run both decoders;
#   .venv-3.10, .venv-3.11, .venv-3.12  the Pythons between, with the newest
#              dependencies and every extra: the suite (3.11 reads date-times with
#              fromisoformat but cannot fill models by class assignment, a
#              combination neither end has).
# Each venv is created on first use and rebuilt when pyproject.toml changes. The
# runs go in parallel (TEST_JOBS, 4): a third of each is waiting on loopback
# servers (deadlines, drips), so they overlap well even on two cores.
#
# The Pythons are looked up on PATH (python3.13, python3.9, ...) and in pyenv
# (~/.pyenv/versions/3.13.*, 3.9.*, ...); name the ends yourself if they live
# elsewhere, or leave the middle ones out (MIDDLE=) where they are not installed:
#   make test PYTHON_NEWEST=/opt/python3.13/bin/python3 PYTHON_OLDEST=/usr/bin/python3.9
NEWEST := 3.13
OLDEST := 3.9
MIDDLE ?= 3.10 3.11 3.12
TEST_JOBS ?= 4

# The first of $(2) that runs and reports version $(1), or nothing.
runs_as = $(firstword $(foreach p,$(2),$(shell $(p) -c \
	'import sys; print(sys.executable if "%d.%d" % sys.version_info[:2] == "$(1)" else "")' \
	2>/dev/null)))
find_python = $(call runs_as,$(1),python$(1) $(sort $(wildcard $(HOME)/.pyenv/versions/$(1).*/bin/python$(1))))

ifndef PYTHON_NEWEST
PYTHON_NEWEST := $(call find_python,$(NEWEST))
endif
ifndef PYTHON_OLDEST
PYTHON_OLDEST := $(call find_python,$(OLDEST))
endif

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(NEWEST)
VENV_MIN := .venv-min
BIN_MIN := $(VENV_MIN)/bin
STAMP_MIN := $(VENV_MIN)/.installed-$(OLDEST)
PYTEST_ARGS ?= -q
# (Variables: a comma inside $(call ...) arguments would split them.)
INSTALL_NEWEST := --upgrade --upgrade-strategy eager -e '.[testing,fast,migrate]' --group dev
INSTALL_OLDEST := -c constraints/min.txt -e '.[testing,fast,migrate]' --group test
INSTALL_MIDDLE := --upgrade --upgrade-strategy eager -e '.[testing,fast,migrate]' --group test

.PHONY: demo test test-all test-newest test-min test-middle lint typecheck pytest docs bench fuzz \
	check-wheel clean

# What to pass make when Python $(1) is not found.
python_hint = $(if $(filter $(1),$(NEWEST)),PYTHON_NEWEST=/path/to/python$(1),$(if \
	$(filter $(1),$(OLDEST)),PYTHON_OLDEST=/path/to/python$(1),MIDDLE='$(filter-out \
	$(1),$(MIDDLE))' to test without it))

# $(1): venv, $(2): Python version, $(3): interpreter, $(4): pip install arguments.
define make_venv
	@test -n "$(3)" || { echo "make: needs Python $(2) for $(1): install it (pyenv install $(2))" \
		"or pass $(call python_hint,$(2))" >&2; exit 1; }
	@# A venv left from another Python is rebuilt rather than reused.
	@$(1)/bin/python -c 'import sys; sys.exit("%d.%d" % sys.version_info[:2] != "$(2)")' \
		2>/dev/null || { rm -rf $(1) && $(3) -m venv $(1); }
	$(1)/bin/python -m pip install --quiet --upgrade pip
	$(1)/bin/python -m pip install --quiet $(4)
	touch $@
endef

# $(1): a Python version between the ends: its venv, and its run of the suite.
define middle_python
.venv-$(1)/.installed: pyproject.toml Makefile
	$$(call make_venv,.venv-$(1),$(1),$$(call find_python,$(1)),$$(INSTALL_MIDDLE))

test-$(1): .venv-$(1)/.installed
	FLOWROUTE_FUZZ_EXAMPLES=50 .venv-$(1)/bin/python -m pytest $$(PYTEST_ARGS) -p no:cacheprovider
endef
$(foreach version,$(MIDDLE),$(eval $(call middle_python,$(version))))

# Every extra on both stacks: the newest reads every body with orjson (and mypy checks
# that path); the oldest installs orjson at its floor for tests/test_json.py and reads
# every other body with the standard library, so each decoder runs the whole suite once.
$(STAMP): pyproject.toml Makefile
	$(call make_venv,$(VENV),$(NEWEST),$(PYTHON_NEWEST),$(INSTALL_NEWEST))

$(STAMP_MIN): pyproject.toml constraints/min.txt Makefile
	$(call make_venv,$(VENV_MIN),$(OLDEST),$(PYTHON_OLDEST),$(INSTALL_OLDEST))

demo: $(STAMP)
	$(BIN)/flowroute demo

test:
	@$(MAKE) --no-print-directory -j$(TEST_JOBS) --output-sync=target test-all

test-all: test-newest test-min test-middle

test-middle: $(addprefix test-,$(MIDDLE))

test-newest: lint typecheck docs pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# pytest exits 5 when it collected no test: make fails on it like on any other failure.
pytest: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The old stack's run fuzzes briefly: the newest run fuzzes 200 examples a call already.
test-min: $(STAMP_MIN)
	FLOWROUTE_FUZZ_EXAMPLES=50 FLOWROUTE_TEST_JSON=stdlib $(BIN_MIN)/python -m pytest $(PYTEST_ARGS) -p no:cacheprovider

# The reference names what users import: a private module in the pages is an error.
docs: $(STAMP)
	$(BIN)/sphinx-build -q -E -W -b html docs docs/_build/html
	@! grep -rhoE 'flowroute(\.[a-z0-9]+)*\._[a-z][a-z0-9_]*' docs/_build/html --include='*.html' \
		| sort -u | sed 's/^/private name in the docs: /' | grep .

# Every benchmark runs even when one misses its target; the status says whether any did.
BENCHMARKS := bench_calls bench_threads bench_walk bench_emulator_messages bench_cdr_parse

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --group bench
	@missed=""; for b in $(BENCHMARKS); do \
		echo "$(BIN)/python benchmarks/$$b.py"; \
		$(BIN)/python benchmarks/$$b.py || missed="$$missed $$b"; \
	done; test -z "$$missed" || { echo "make bench: missed a target in:$$missed" >&2; exit 1; }

# The fuzz tests run in every `make test` with a few hundred examples each; this runs 10,000.
fuzz: $(STAMP)
	FLOWROUTE_FUZZ_EXAMPLES=10000 $(BIN)/python -m pytest $(PYTEST_ARGS) -m fuzz

# What a new user installs: the built wheel, by its name, in fresh venvs on both
# Pythons, running the README quickstart (needs the package index; not in `test`).
check-wheel:
	@test -n "$(PYTHON_NEWEST)" -a -n "$(PYTHON_OLDEST)" || { echo "make: check-wheel needs" \
		"Python $(NEWEST) and $(OLDEST) (PYTHON_NEWEST=..., PYTHON_OLDEST=...)" >&2; exit 1; }
	scripts/check-wheel $(PYTHON_NEWEST) $(PYTHON_OLDEST)

clean:
	rm -rf $(VENV) $(VENV_MIN) $(addprefix .venv-,$(MIDDLE)) docs/_build .mypy_cache \
		.ruff_cache .pytest_cache
