#!/usr/bin/env bash
# Run Terraform against the emulator: dev/terraform/tf.sh <stack-dir> <terraform args...>
#
# Uses tflocal (terraform-local, in .venv-emulator) to point every AWS endpoint of the stack at AWS_ENDPOINT_URL
# (default http://localhost:4566), with test credentials, path-style S3 (offline, *.localhost.localstack.cloud
# does not resolve), the project's Terraform CLI config (provider mirror), and an S3 backend and
# terraform_remote_state data sources that live in the emulator's S3: the state bucket is created when
# missing, so wiping the emulator wipes the state with it.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
if [[ $# -lt 2 ]]; then
  echo "usage: $0 <stack-dir> <terraform args...>   e.g. $0 infra/live/local/core plan" >&2
  exit 2
fi
stack="$1"
shift
if [[ ! -d "${stack}" ]]; then
  echo "error: stack directory '${stack}' does not exist" >&2
  exit 2
fi
stack="$(cd "${stack}" && pwd)"

export AWS_ENDPOINT_URL="${AWS_ENDPOINT_URL:-http://localhost:4566}"
export AWS_REGION="${AWS_REGION:-us-east-1}"
export AWS_DEFAULT_REGION="${AWS_REGION}"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_SECURITY_TOKEN
export S3_HOSTNAME=localhost
TF_CLI_CONFIG_FILE="$("${root}/dev/terraform/cli-config.sh")"
export TF_CLI_CONFIG_FILE
export TF_IN_AUTOMATION=1
export DISABLE_DEPRECATION_NOTICE=1
tflocal="${root}/.venv-emulator/bin/tflocal"
if [[ ! -x "${tflocal}" ]]; then
  echo "error: ${tflocal} not found: run \`make emulator-venv\` (terraform-local is pinned in dev/emulator/requirements.txt)" >&2
  exit 2
fi
if ! "${tflocal%/*}/python" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/_localstack/health", timeout=3)' \
  "${AWS_ENDPOINT_URL}" 2>/dev/null; then
  echo "error: no emulator answers at ${AWS_ENDPOINT_URL}: start it with \`make emulator-up\` (or set AWS_ENDPOINT_URL)" >&2
  exit 2
fi

# Local modules that declare their own provider "aws" need tflocal's override too.
extra=()
while IFS= read -r src; do
  dir="$(cd "${stack}" && cd "${src}" 2>/dev/null && pwd)" || continue
  if grep -qsE '^[[:space:]]*provider[[:space:]]+"aws"' "${dir}"/*.tf; then extra+=("${dir}"); fi
done < <(grep -hoE 'source[[:space:]]*=[[:space:]]*"\.\.?/[^"]+"' "${stack}"/*.tf 2>/dev/null | sed -E 's/.*"(.*)"/\1/' | sort -u)
if [[ ${#extra[@]} -gt 0 ]]; then
  joined="$(IFS=,; echo "${extra[*]}")"
  export ADDITIONAL_TF_OVERRIDE_LOCATIONS="${ADDITIONAL_TF_OVERRIDE_LOCATIONS:+${ADDITIONAL_TF_OVERRIDE_LOCATIONS},}${joined}"
fi

cd "${stack}"
overrides=("${stack}/localstack_providers_override.tf")
for dir in "${extra[@]}"; do overrides+=("${dir}/localstack_providers_override.tf"); done
cleanup() { rm -f "${overrides[@]}"; }
# A stale override (an interrupted earlier run) makes tflocal refuse to start; it is always tflocal's own file.
cleanup
trap cleanup EXIT

# tflocal writes the override files (providers, S3 backend, terraform_remote_state) and stops (DRY_RUN);
# we then make both S3 configurations path-style, which tflocal leaves out, and run Terraform ourselves.
# Generating them costs about a second of Python per call, so the result is cached under .local/ by what
# it depends on: the command class (init runs before a lock file exists), the endpoint, the Terraform and
# tflocal versions, the lock file and every .tf file of the stack and of the modules that get an override.
cmd_class=other
[[ "${1:-}" == init ]] && cmd_class=init
tf_bin="$(command -v terraform)"
cache_key="$(
  {
    echo "${cmd_class} ${AWS_ENDPOINT_URL} ${AWS_REGION} ${S3_HOSTNAME} ${#overrides[@]}"
    stat -L -c '%s %Y' "${tf_bin}"
    cat "${tflocal}" .terraform.lock.hcl 2>/dev/null || true
    for dir in "${stack}" "${extra[@]}"; do
      echo "${dir}"
      find "${dir}" -maxdepth 1 -name '*.tf' ! -name localstack_providers_override.tf -print0 | sort -z | xargs -0 cat
    done
  } | sha256sum | cut -c1-32
)"
cache_dir="${root}/.local/tf-overrides/${cache_key}"
if [[ -d "${cache_dir}" ]]; then
  for i in "${!overrides[@]}"; do
    [[ -f "${cache_dir}/${i}.tf" ]] && cp "${cache_dir}/${i}.tf" "${overrides[$i]}"
  done
else
  DRY_RUN=1 "${tflocal}" "$@" >/dev/null
  tmp_dir="$(mktemp -d "${root}/.local/tf-overrides.XXXXXX")"
  for i in "${!overrides[@]}"; do
    file="${overrides[$i]}"
    [[ -f "${file}" ]] || continue
    grep -qE '^[[:space:]]*use_path_style' "${file}" ||
      sed -i -E 's/^([[:space:]]*backend "s3" \{)/\1\n    use_path_style = true/; s/^([[:space:]]*config = \{)/\1\n    use_path_style = true/' "${file}"
    cp "${file}" "${tmp_dir}/${i}.tf"
  done
  mkdir -p "${cache_dir%/*}"
  mv -T "${tmp_dir}" "${cache_dir}" 2>/dev/null || rm -rf "${tmp_dir}" # a concurrent run cached it first
fi
main_override="${overrides[0]}"
if [[ -f "${main_override}" ]]; then
  bucket="$(awk '/backend "s3"/{b=1} b && /^[[:space:]]*bucket[[:space:]]*=/{gsub(/[" ]/,"",$0); split($0,a,"="); print a[2]; exit}' "${main_override}")"
  # A HEAD on the bucket (path-style) answers in milliseconds; Python only when it has to be created.
  if [[ -n "${bucket}" ]] && ! curl -fsS -o /dev/null -I "${AWS_ENDPOINT_URL%/}/${bucket}" 2>/dev/null; then
    "${tflocal%/*}/python" - "${bucket}" <<'PY'
import os, sys
import boto3
from botocore.exceptions import ClientError

s3 = boto3.client("s3", endpoint_url=os.environ["AWS_ENDPOINT_URL"], region_name=os.environ["AWS_REGION"])
try:
    s3.head_bucket(Bucket=sys.argv[1])
except ClientError:
    extra = {} if s3.meta.region_name == "us-east-1" else {
        "CreateBucketConfiguration": {"LocationConstraint": s3.meta.region_name}}
    try:
        s3.create_bucket(Bucket=sys.argv[1], **extra)
    except ClientError as exc:  # a concurrent run (the other stack) created it a moment ago
        if exc.response["Error"]["Code"] != "BucketAlreadyOwnedByYou":
            raise
    else:
        print(f"tf.sh: created state bucket {sys.argv[1]} in the emulator", file=sys.stderr)
PY
  fi
fi
terraform "$@"
