#!/usr/bin/env bash
# Apply a core stack (network, ALB, ECR, bucket, IAM). Run by the approved `infra` workflow or by a person;
# never by the deploy pipeline, whose role cannot touch core.
#
#   scripts/apply-core.sh <stack dir>      e.g. infra/live/prod/core
# Environment: see scripts/lib.sh (TF_STATE_BUCKET, AWS_REGION, TF_WRAPPER).
# shellcheck source=scripts/lib.sh disable=SC1091
STACK_DIR="${1:-}"
[[ -n "${STACK_DIR}" ]] || { echo "usage: $0 <stack dir>" >&2; exit 2; }
source "$(dirname "$0")/lib.sh"
need terraform "install Terraform 1.11 (https://developer.hashicorp.com/terraform/install)"
tf_init
log "applying ${STACK_DIR#"${ROOT}/"}"
tf apply -input=false -auto-approve -lock-timeout=60s >&2 || die "terraform apply failed in ${STACK_DIR}"
