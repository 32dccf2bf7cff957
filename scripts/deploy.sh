#!/usr/bin/env bash
# Deploy an image tag: apply the workload stack with -var image_tag=<tag>, wait until the ECS service is
# stable, and fail (exit 1) when the rollout did not end on that revision, e.g. when the deployment circuit
# breaker rolled it back. Prints the previously deployed tag, and writes it to $GITHUB_OUTPUT as
# previous_image_tag when run in GitHub Actions. Environment: see scripts/lib.sh.
#
#   scripts/deploy.sh <image tag>
# shellcheck source=scripts/lib.sh disable=SC1091
source "$(dirname "$0")/lib.sh"

tag="${1:-}"
[[ -n "${tag}" ]] || die "usage: $0 <image tag>"
[[ "${tag}" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || die "'${tag}' is not a valid image tag"
need terraform "install Terraform 1.11 (https://developer.hashicorp.com/terraform/install)"
need aws "install the AWS CLI (locally: make venv puts it in .venv/bin)"
take_deploy_lock

tf_init
previous="$(tf output -raw image_tag 2>/dev/null || true)"
if [[ -n "${previous}" ]]; then
  log "currently deployed: ${previous}"
  [[ -n "${GITHUB_OUTPUT:-}" ]] && echo "previous_image_tag=${previous}" >>"${GITHUB_OUTPUT}"
fi

log "applying ${STACK_DIR#"${ROOT}/"} with image_tag=${tag}"
tf apply -input=false -auto-approve -lock-timeout=0s -var "image_tag=${tag}" >&2 ||
  die "terraform apply failed (if the state lock is held, another deploy is running)"

cluster="$(tf output -raw cluster_name)"
service="$(tf output -raw service_name)"
task_def="$(tf output -raw task_definition_arn)"
export cluster service task_def
"$(dirname "$0")/wait-rollout.sh"
log "deployed ${tag} (${task_def##*/})"
