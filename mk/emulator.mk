# AWS emulator (dev/emulator): LocalStack core + the project's provider plugin, as a host process.
EMULATOR_VENV := $(ROOT)/.venv-emulator
EMULATOR_PORT ?= 4566
EMULATOR_STATE_DIR ?= $(LOCAL_DIR)/emulator
EMULATOR_ARGS = --port $(EMULATOR_PORT) --state-dir $(EMULATOR_STATE_DIR)

TEST_DEPS += emulator-venv
BENCH_TARGETS += bench-emulator

.PHONY: emulator-venv emulator-up emulator-down emulator-status emulator-logs tf bench-emulator

emulator-venv: $(EMULATOR_VENV)/.installed ## Create .venv-emulator (Python >= 3.12): pinned LocalStack core + plugin

# The base interpreter: EMULATOR_PYTHON, python3.13/3.12 on PATH, or pyenv's 3.12/3.13 (dev/emulator/pythons.py).
$(EMULATOR_VENV)/.installed: dev/emulator/requirements.txt dev/emulator/plugin/pyproject.toml
	@base="$$(python3 -m dev.emulator.pythons)" || exit 1; \
	test -x $(EMULATOR_VENV)/bin/python || "$$base" -m venv $(EMULATOR_VENV)
	$(EMULATOR_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(EMULATOR_VENV)/bin/python -m pip install --quiet -r dev/emulator/requirements.txt
	# Editable: plugin edits take effect at the next emulator start; --no-deps keeps the pins above.
	$(EMULATOR_VENV)/bin/python -m pip install --quiet --no-deps -e dev/emulator/plugin
	touch $@

emulator-up: venv emulator-venv ## Start the emulator on EMULATOR_PORT (4566); reports the running one if started
	$(PY) -m dev.emulator start $(EMULATOR_ARGS)

emulator-down: venv ## Stop the emulator; its AWS state goes with it (re-apply the local stacks after a restart)
	$(PY) -m dev.emulator stop $(EMULATOR_ARGS)

emulator-status: venv ## Print where the emulator runs (exit 1 when it does not)
	$(PY) -m dev.emulator status $(EMULATOR_ARGS)

emulator-logs: venv ## Print the emulator's log (last 100 lines)
	$(PY) -m dev.emulator logs $(EMULATOR_ARGS)

tf: venv ## Run tflocal in a stack against the emulator: make tf STACK=<dir> ARGS="plan"
	@test -n "$(STACK)" || { echo "usage: make tf STACK=<stack dir> ARGS=\"<terraform args>\""; exit 2; }
	AWS_ENDPOINT_URL="$${AWS_ENDPOINT_URL:-http://localhost:$(EMULATOR_PORT)}" dev/terraform/tf.sh $(STACK) $(ARGS)

bench-emulator: venv emulator-venv ## Emulator benchmarks: start -> healthy, idle RSS, tflocal apply time
	nice $(PY) -m bench.emulator
