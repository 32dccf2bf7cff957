#!/usr/bin/env bash
# Smoke-test the service through its load balancer: liveness, the OpenAPI document, and a prediction when
# a model is active (a fresh environment without one passes with a notice).
#
#   scripts/smoke.sh <base url>        e.g. https://api.example.com or http://127.0.0.1:8080
# SMOKE_ROWS: JSON rows to predict (default: one row of app.sample's friedman1 columns).
set -euo pipefail
url="${1:-}"
[[ -n "${url}" ]] || { echo "usage: $0 <base url>" >&2; exit 2; }
url="${url%/}"
default_rows='[{"x0":0.5,"x1":0.5,"x2":0.5,"x3":0.5,"x4":0.5,"x5":0.5,"x6":0.5,"x7":0.5,"cat":"a"}]'
rows="${SMOKE_ROWS:-${default_rows}}"
fail() { echo "smoke: FAIL: $*" >&2; exit 1; }

# A fresh deployment may take a few seconds to answer through the load balancer.
for attempt in $(seq 1 "${SMOKE_ATTEMPTS:-10}"); do
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "${url}/health/live" || true)"
  [[ "${code}" == "200" ]] && break
  [[ "${attempt}" == "${SMOKE_ATTEMPTS:-10}" ]] && fail "GET /health/live answered ${code:-nothing}"
  sleep 3
done
echo "smoke: GET /health/live 200" >&2
code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "${url}/openapi.json")"
[[ "${code}" == "200" ]] || fail "GET /openapi.json answered ${code}"
echo "smoke: GET /openapi.json 200" >&2

ready="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "${url}/health/ready")"
if [[ "${ready}" != "200" ]]; then
  echo "smoke: no active model yet (GET /health/ready ${ready}); prediction skipped" >&2
  exit 0
fi
body="$(curl -s -w '\n%{http_code}' --max-time 30 -H 'Content-Type: application/json' \
  -d "{\"rows\": ${rows}}" "${url}/predict")"
code="${body##*$'\n'}"
[[ "${code}" == "200" ]] || fail "POST /predict answered ${code}: ${body%$'\n'*}"
echo "smoke: POST /predict 200 ${body%$'\n'*}" >&2
