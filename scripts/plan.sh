#!/usr/bin/env bash
# Plan one stack and print the plan as Markdown (for a GitHub job summary). Read-only: no state lock taken,
# nothing applied. The workload stack is planned with the image tag it runs now, so the plan shows only
# infrastructure changes, not a deploy.
#
#   scripts/plan.sh <stack dir>            e.g. infra/live/prod/core
# Environment: see scripts/lib.sh (TF_STATE_BUCKET, AWS_REGION, TF_WRAPPER).
# shellcheck source=scripts/lib.sh disable=SC1091
STACK_DIR="${1:-}"
[[ -n "${STACK_DIR}" ]] || { echo "usage: $0 <stack dir>" >&2; exit 2; }
source "$(dirname "$0")/lib.sh"
need terraform "install Terraform 1.11 (https://developer.hashicorp.com/terraform/install)"

tf_init
vars=()
if grep -q 'variable "image_tag"' "${STACK_DIR}"/variables.tf 2>/dev/null; then
  current="$(tf output -raw image_tag 2>/dev/null || true)"
  [[ -n "${current}" ]] || die "no deployed image_tag in ${STACK_DIR}'s state; deploy once before planning it"
  vars+=(-var "image_tag=${current}")
fi
plan_file="$(mktemp)"
trap 'rm -f "${plan_file}"' EXIT
set +e
tf plan -input=false -lock=false -no-color -detailed-exitcode "${vars[@]}" -out="${plan_file}" >&2
rc=$?
set -e
[[ ${rc} -eq 1 ]] && die "terraform plan failed in ${STACK_DIR}"
echo "### terraform plan: ${STACK_DIR#"${ROOT}/"}"
if [[ ${rc} -eq 0 ]]; then
  echo "No changes."
else
  echo '```'
  tf show -no-color "${plan_file}"
  echo '```'
fi
