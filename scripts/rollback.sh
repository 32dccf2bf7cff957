#!/usr/bin/env bash
# Roll back: Terraform owns the task definition, so a rollback is a deploy of the previous image tag.
#
#   scripts/rollback.sh <image tag to return to>
set -euo pipefail
[[ -n "${1:-}" ]] || { echo "usage: $0 <image tag to return to>" >&2; exit 2; }
echo "rolling back to image tag $1" >&2
exec "$(dirname "$0")/deploy.sh" "$1"
