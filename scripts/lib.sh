# shellcheck shell=bash
# Shared by deploy.sh, rollback.sh and smoke.sh. Sourced, not run.
#
# The same scripts run in GitHub Actions against AWS and locally against the emulator; only the environment
# differs:
#   STACK_DIR        workload stack (default infra/live/prod/workload)
#   TF_WRAPPER       a command run as `$TF_WRAPPER <stack dir> <terraform args>` instead of
#                    `terraform -chdir=<stack dir>` (locally: dev/terraform/tf.sh, i.e. tflocal)
#   TF_STATE_BUCKET  prod: the state bucket, passed to `terraform init -backend-config`
#   AWS_ENDPOINT_URL locally: the emulator (the aws CLI and Terraform honour it)
#   DEPLOY_LOCK_FILE lock taken for the whole deploy (default: one per stack under $TMPDIR)
#   STABLE_TIMEOUT_S how long to wait for the service to be stable (default 900)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STACK_DIR="${STACK_DIR:-infra/live/prod/workload}"
[[ "${STACK_DIR}" = /* ]] || STACK_DIR="${ROOT}/${STACK_DIR}"
export AWS_PAGER=""
if [[ -z "${TF_CLI_CONFIG_FILE:-}" || ! -f "${TF_CLI_CONFIG_FILE}" ]]; then
  TF_CLI_CONFIG_FILE="$("${ROOT}/dev/terraform/cli-config.sh")"
  export TF_CLI_CONFIG_FILE
fi
export TF_IN_AUTOMATION=1

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

need() {
  command -v "$1" >/dev/null 2>&1 || die "$1 not found on PATH: $2"
}

tf() {
  if [[ -n "${TF_WRAPPER:-}" ]]; then
    "${TF_WRAPPER}" "${STACK_DIR}" "$@"
  else
    terraform -chdir="${STACK_DIR}" "$@"
  fi
}

tf_init() {
  # -reconfigure: the backend settings come in full every time (here or from an emulator that may have
  # moved to another port); there is never local state to migrate.
  local args=(-input=false -reconfigure)
  if [[ -n "${TF_STATE_BUCKET:-}" ]]; then
    args+=("-backend-config=bucket=${TF_STATE_BUCKET}" "-backend-config=region=${AWS_REGION:-us-east-1}")
  fi
  tf init "${args[@]}" >/dev/null || die "terraform init failed in ${STACK_DIR}"
}

# One deploy per stack at a time; a second fails at once instead of queueing behind the first.
take_deploy_lock() {
  local lock="${DEPLOY_LOCK_FILE:-${TMPDIR:-/tmp}/iac-deploy-$(printf '%s' "${STACK_DIR}" | cksum | cut -d' ' -f1).lock}"
  mkdir -p "$(dirname "${lock}")"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"${lock}"
    flock -n 9 ||
      die "another deploy of ${STACK_DIR} is running (lock ${lock} is held); wait for it to finish, then retry"
    return 0
  fi
  # No flock(1) (macOS): an atomic mkdir is the lock, removed when this deploy exits.
  mkdir "${lock}.d" 2>/dev/null ||
    die "another deploy of ${STACK_DIR} is running (lock ${lock}.d exists); wait for it, or remove it if no deploy runs"
  # shellcheck disable=SC2064 # expand now: the path is fixed for this deploy
  trap "rmdir '${lock}.d'" EXIT
}
