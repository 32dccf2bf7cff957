# Delivery: workflows, images, compose and docs. Static gates for them run in `make lint`.
WORKFLOWS := $(wildcard .github/workflows/*.yml)
DOCKERFILES := $(wildcard app/Dockerfile dev/emulator/Dockerfile)
SHELL_SCRIPTS := $(wildcard scripts/*.sh dev/*/*.sh dev/*/*/*.sh .ci/run)

LINT_TARGETS += lint-delivery

.PHONY: lint-delivery docs

lint-delivery: venv tools ## Lint workflows (actionlint, zizmor, yamllint), Dockerfiles, shell scripts, compose.yaml
	$(VENV)/bin/actionlint -shellcheck $(TOOLS_BIN)/shellcheck $(WORKFLOWS)
	$(TOOLS_BIN)/zizmor --offline --min-severity low .github/workflows
	$(TOOLS_BIN)/yamllint --strict -c .yamllint.yaml .github compose.yaml
	$(if $(DOCKERFILES),$(TOOLS_BIN)/hadolint $(DOCKERFILES))
	$(TOOLS_BIN)/shellcheck $(SHELL_SCRIPTS)
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.compose-spec compose.yaml

docs: venv ## Regenerate docs/architecture.png from docs/architecture.py (needs Graphviz: apt install graphviz)
	@command -v dot >/dev/null || { echo "error: Graphviz 'dot' not found; install it (apt install graphviz / brew install graphviz)"; exit 1; }
	$(PY) docs/architecture.py
