#!/usr/bin/env bash
# `terraform validate` of every module and every stack of infra/, in a throw-away copy of the tree so no
# .terraform/ directory or lock file lands in it. The modules are validated through infra/harness, a root
# module that calls each of them (one init and one validate instead of eleven); stacks and the bootstrap
# are initialised without their backend.
#
# usage: infra/scripts/validate.sh [dir...]   (default: infra/harness and every stack under infra/live)
set -euo pipefail
infra="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "${infra}/.." && pwd)"
export TF_CLI_CONFIG_FILE="$("${root}/dev/terraform/cli-config.sh")"
export TF_IN_AUTOMATION=1
# One provider download/unpack for all copies.
export TF_PLUGIN_CACHE_DIR="${root}/.local/terraform/plugin-cache"
mkdir -p "${TF_PLUGIN_CACHE_DIR}"

if (($# == 0)); then
  shopt -s nullglob
  set -- "${infra}/harness" "${infra}"/live/*/*/
fi

work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
# Copy infra/ once (without working files); module sources are relative paths, so the layout must stay.
tar -C "${root}" --exclude=.terraform --exclude='*.tfstate*' --exclude=.terraform.lock.hcl \
  --exclude=localstack_providers_override.tf -cf - infra | tar -C "${work}" -xf -

failed=0
for dir in "$@"; do
  rel="$(cd "${dir}" && pwd)"
  rel="${rel#"${root}/"}"
  copy="${work}/${rel}"
  if ! out="$(terraform -chdir="${copy}" init -backend=false -input=false -no-color 2>&1)"; then
    echo "FAIL ${rel} (init)"; echo "${out}"; failed=1; continue
  fi
  if out="$(terraform -chdir="${copy}" validate -no-color 2>&1)"; then
    echo "ok   ${rel}"
  else
    echo "FAIL ${rel}"; echo "${out}"; failed=1
  fi
done
exit "${failed}"
