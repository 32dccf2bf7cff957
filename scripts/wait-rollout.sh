#!/usr/bin/env bash
# Wait for an ECS service to finish rolling out $task_def and report how it ended; exit 1 on a rollback.
# Input (environment): cluster, service, task_def; STABLE_TIMEOUT_S (default 900).
# shellcheck source=scripts/lib.sh disable=SC1091
source "$(dirname "$0")/lib.sh"
: "${cluster:?}" "${service:?}" "${task_def:?}"
timeout_s="${STABLE_TIMEOUT_S:-900}"

describe() {
  aws ecs describe-services --cluster "${cluster}" --services "${service}" --output text --query "$1"
}

# ECS creates the deployment inside UpdateService; an emulator's data plane may take a poll to show it.
# Wait until the revision shows up in the deployments, or the service has already moved off it (rollback).
deadline=$((SECONDS + 60))
until [[ "$(describe "length(services[0].deployments[?taskDefinition=='${task_def}'])")" != "0" ||
         "$(describe 'services[0].taskDefinition')" != "${task_def}" ]]; do
  ((SECONDS < deadline)) || die "the service never started a deployment of ${task_def}"
  sleep 1
done

# Poll faster than the CLI waiter's fixed 15 s, with its own success rule (one deployment, running ==
# desired); then let `aws ecs wait services-stable` confirm it.
log "waiting for ${service} to be stable (up to ${timeout_s} s)"
deadline=$((SECONDS + timeout_s))
# shellcheck disable=SC2016 # JMESPath literals, not shell expansions
until [[ "$(describe 'length(services[?length(deployments)==`1` && runningCount==desiredCount])')" == "1" ]]; do
  ((SECONDS < deadline)) || die "${service} did not become stable within ${timeout_s} s"
  sleep "${POLL_S:-2}"
done
aws ecs wait services-stable --cluster "${cluster}" --services "${service}"

# shellcheck disable=SC2016
read -r running_td state < <(describe 'services[0].deployments[?status==`PRIMARY`] | [0].[taskDefinition, rolloutState]')
if [[ "${running_td}" != "${task_def}" ]]; then
  printf 'error: the deployment of %s was rolled back; the service runs %s again.\nrecent events:\n' \
    "${task_def##*/}" "${running_td##*/}" >&2
  describe 'services[0].events[:6].message' | tr '\t' '\n' | sed 's/^/  /' >&2
  exit 1
fi
if [[ "${state}" == "FAILED" ]]; then
  die "the deployment of ${task_def##*/} failed (rolloutState FAILED)"
fi
