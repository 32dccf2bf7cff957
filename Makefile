# iac-template — `make help` lists every target.
#
# Each area keeps its targets in mk/<area>.mk and adds itself to the aggregate targets below through
# LINT_TARGETS, BENCH_TARGETS and TEST_DEPS, so `make lint`, `make test` and `make bench` cover everything.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

ROOT := $(abspath .)
# Runtime state of the local platform (emulator data, logs, pids, generated configs). Never committed.
LOCAL_DIR := $(ROOT)/.local
PYTHON311 ?= python3.11
VENV := $(ROOT)/.venv
PY := $(VENV)/bin/python
# Terraform uses the project's CLI config (provider mirror when one exists); see dev/terraform/cli-config.sh.
export TF_CLI_CONFIG_FILE := $(shell $(ROOT)/dev/terraform/cli-config.sh)
export TF_IN_AUTOMATION := 1

LINT_TARGETS :=
BENCH_TARGETS :=
TEST_DEPS :=

include $(sort $(wildcard mk/*.mk))

.PHONY: help venv test test-unit lint bench clean

help: ## List every target with one line each
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z0-9_.-]+:.*## / {printf "  \033[36m%-20s\033[0m %s\n", $$1, $$2}' \
		$(MAKEFILE_LIST) | sort -u

venv: $(VENV)/.installed ## Create .venv: Python 3.11, CPU-only torch, the app and the dev tools

$(VENV)/.installed: pyproject.toml $(wildcard app/pyproject.toml)
	@command -v $(PYTHON311) >/dev/null || { echo "error: $(PYTHON311) not found; install Python 3.11 or set PYTHON311=<path>"; exit 1; }
	test -x $(PY) || $(PYTHON311) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# torch first and pinned: this version's CPU wheel; any other spec pulls a multi-GB CUDA build.
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet $(if $(wildcard app/pyproject.toml),-e './app[train]') -e '.[emulator,infra,platform,test,lint,docs]'
	touch $@

test: venv $(TEST_DEPS) ## Run every test (unit + integration); starts the emulator and servers itself
	$(PY) -m pytest tests

test-unit: venv ## Run the fast tier only (no servers)
	$(PY) -m pytest tests/unit

lint: venv $(LINT_TARGETS) ## Run every static gate (ruff, mypy, terraform, checkov, workflow and image linters)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy $(wildcard app/app) dev

bench: venv ## Run every benchmark; prints each figure as a ratio against its baseline
	@# Every benchmark runs even when an earlier one misses a target; the exit status says whether all met theirs.
	@status=0; for target in $(BENCH_TARGETS); do $(MAKE) $$target || status=1; done; exit $$status

clean: ## Remove environments and local state (stop the local platform first: make local-down)
	rm -rf $(VENV) $(ROOT)/.venv-* $(LOCAL_DIR)
