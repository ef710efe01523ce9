# wavegan-drums: the two commands a user needs are `make run` and `make test`.
# Everything they need is installed here (a venv in .venv, and on Debian/Ubuntu the system
# packages, when run as root or with passwordless sudo).

PY        ?= python3
VENV      := .venv
BIN       := $(VENV)/bin
RUN_ARGS  ?=
# python3-venv only where $(PY) cannot make a venv by itself (Debian's own python3)
APT_RUN   := libportaudio2 libsndfile1 \
             $(shell $(PY) -m ensurepip --version >/dev/null 2>&1 || echo python3-venv)
APT_TEST  := $(APT_RUN) jackd2 liblo-tools puredata-core fluidsynth fluid-soundfont-gm \
             timgm6mb-soundfont sonic-pi-samples hydrogen-data
PYTEST_ARGS ?=
# one pytest worker per core, at most 4 (each holds its own TensorFlow)
TEST_WORKERS ?= $(shell $(PY) -c "import os; print(min(4, len(os.sched_getaffinity(0))))" 2>/dev/null || echo 1)

.PHONY: run test bench lint install install-test system-deps system-test-deps clean help

help:
	@echo "make run               install and start the daemon on the default checkpoint (RUN_ARGS=... adds flags)"
	@echo "make test              install test dependencies, then ruff and the whole test suite (PYTEST_ARGS=... narrows it)"
	@echo "make bench             run every benchmark and print one table (.bench/results.json)"
	@echo "make lint              ruff check ."
	@echo "make install           the venv (.venv) with wavegan-drums, and the system packages make run needs"
	@echo "make install-test      the venv with the test and sagemaker extras, and the system test packages"
	@echo "make system-deps       only the system packages for make run (PortAudio, libsndfile; Debian/Ubuntu)"
	@echo "make system-test-deps  only the system packages for make test (jackd2, liblo-tools, puredata-core, fluidsynth ...)"
	@echo "make clean             remove out/, .bench/ and the pytest and ruff caches"
	@echo "make help              this list"

# --- system packages ------------------------------------------------------------------------
# $(1): Debian packages; $(2): the command to run when they are missing and we are not root.
define apt_install
	@if command -v apt-get >/dev/null 2>&1; then \
	  missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	    else SUDO=no; fi; \
	    if [ "$$SUDO" = no ]; then \
	      echo "missing system packages:$$missing (install as root: sudo apt-get install$$missing)"; \
	      $(2); \
	    else \
	      echo "installing system packages:$$missing"; \
	      echo "jackd2 jackd/tweak_rt_limits boolean false" | $$SUDO debconf-set-selections; \
	      $$SUDO apt-get update -q && \
	      $$SUDO env DEBIAN_FRONTEND=noninteractive \
	        apt-get install -y -q --no-install-recommends $$missing; \
	    fi; \
	  fi; \
	else echo "not Debian/Ubuntu: make sure PortAudio and libsndfile are installed (macOS: brew install portaudio libsndfile)"; fi
endef

# Without PortAudio the daemon still runs, headless (OSC/MIDI control, files rendered).
system-deps:
	$(call apt_install,$(APT_RUN),echo "continuing: without PortAudio the daemon runs headless")

system-test-deps:
	$(call apt_install,$(APT_TEST),exit 1)

# --- python ---------------------------------------------------------------------------------
$(BIN)/python:
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
	  echo "wavegan-drums needs Python >= 3.11; $(PY) is $$($(PY) -V 2>&1). Use PY=python3.11"; \
	  exit 1; }
	$(PY) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "could not make a venv (Debian/Ubuntu: apt-get install python3-venv)"; exit 1; }
	$(BIN)/pip install -q --upgrade pip || { rm -rf $(VENV); exit 1; }

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install -q -e ".[test,sagemaker]"
	@touch $@

$(VENV)/.installed-bench: $(VENV)/.installed-test pyproject.toml
	$(BIN)/pip install -q -e ".[bench]"
	@touch $@

install: system-deps $(VENV)/.installed
install-test: system-test-deps $(VENV)/.installed-test

# --- the two commands -----------------------------------------------------------------------
run: install
	$(BIN)/wavegan serve --out out $(RUN_ARGS)

# Two passes: the tests that time nothing spread over the cores (pytest-xdist, a file per
# worker so module fixtures are built once), then the `realtime` ones alone on a quiet machine.
# Exit status 5 is "no test selected", which a narrowed PYTEST_ARGS makes of one pass.
test: install-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -rs --durations=15 -m "not realtime" \
	  -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS) || [ $$? = 5 ]
	$(BIN)/python -m pytest -q -rs --durations=5 -m realtime $(PYTEST_ARGS) || [ $$? = 5 ]

bench: install-test $(VENV)/.installed-bench
	$(BIN)/python -m tests.benchmarks.run_all --json .bench/results.json

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

clean:
	rm -rf out .bench .pytest_cache .ruff_cache
