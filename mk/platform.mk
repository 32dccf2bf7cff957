# Local platform (dev/platform, dev/cli, scripts): the ECS data plane, the ALB, and the commands around them.
PLATFORM_STATE_DIR := $(LOCAL_DIR)/platform
IAC_DEV := $(VENV)/bin/iac-dev
export EMULATOR_PORT

BENCH_TARGETS += bench-platform

.PHONY: local-up local-down deploy status logs smoke platform-run bench-platform

local-up: venv emulator-venv app-train-deps ## Emulator + local core/workload stacks + tasks + seed model; prints the URLs
	$(IAC_DEV) up

local-down: ## Stop the data plane, its tasks and the emulator; wipe local state (nothing left running)
	@if [ -x $(IAC_DEV) ]; then $(IAC_DEV) down; else echo "nothing to stop (.venv missing)"; fi

deploy: venv ## Deploy an image tag locally: make deploy IMAGE_TAG=<tag> (scripts/deploy.sh against the emulator)
	@test -n "$(IMAGE_TAG)" || { echo "usage: make deploy IMAGE_TAG=<tag>"; exit 2; }
	$(IAC_DEV) deploy "$(IMAGE_TAG)"

status: venv ## Show the ALB listeners (local ports), services, deployments, tasks and events
	@$(IAC_DEV) status

logs: venv ## Print the service's CloudWatch logs from the emulator (FOLLOW=1 to keep following)
	@$(IAC_DEV) logs $(if $(FOLLOW),--follow)

smoke: venv ## Smoke-test the local service through its ALB (scripts/smoke.sh)
	scripts/smoke.sh "$$($(IAC_DEV) url)"

platform-run: venv ## Run the data plane in the foreground (normally make local-up starts it in the background)
	$(IAC_DEV) platform run

bench-platform: venv emulator-venv app-train-deps ## Platform benchmarks: tflocal apply, local-up to first prediction, rollout
	nice $(PY) -m bench.platform
