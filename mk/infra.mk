# Terraform gates of infra/: formatting, validation of every module (through infra/harness) and stack,
# checkov with every suppression carrying its reason inline.
INFRA_DIR := $(ROOT)/infra

.PHONY: lint-infra infra-fmt infra-validate infra-checkov infra-docs

LINT_TARGETS += lint-infra
# tests/integration/infra/test_gates.py runs the same gates (checkov from .venv-tools).
TEST_DEPS += tools

lint-infra: infra-fmt infra-validate infra-checkov ## Terraform fmt, validate (modules + stacks) and checkov over infra/

infra-fmt: ## Check Terraform formatting of infra/ (fix with: terraform fmt -recursive infra)
	terraform fmt -check -recursive -diff $(INFRA_DIR)

infra-validate: ## terraform validate every module (via infra/harness) and every stack
	$(INFRA_DIR)/scripts/validate.sh

infra-checkov: tools ## checkov over infra/: zero unsuppressed findings
	$(TOOLS_BIN)/checkov -d $(INFRA_DIR) --framework terraform --quiet --compact --skip-download

infra-docs: venv ## Regenerate the Inputs/Outputs tables of every infra/modules/*/README.md
	$(PY) $(INFRA_DIR)/scripts/module_docs.py
