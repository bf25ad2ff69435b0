#!/usr/bin/env bash
# Schemathesis against the OpenAPI schema, on a running server, with a user's API token.
# Checks: no 5xx and every response conforms to the schema.
#
# Usage: scripts/schemathesis.sh SCHEMA_FILE BASE_URL TOKEN [extra schemathesis args]
#   SCHEMA_FILE  e.g. docs/openapi.yaml (or a freshly generated one)
#   BASE_URL     e.g. http://127.0.0.1:8000  (paths in the schema start with /api/v1)
#   ST_MAX_EXAMPLES  examples per operation (default 3: this runs inside `make test`)
set -euo pipefail
cd "$(dirname "$0")/.."
SCHEMA="$1"; BASE_URL="$2"; TOKEN="$3"; shift 3
exec .venv/bin/schemathesis run "$SCHEMA" \
  --url "$BASE_URL" \
  --header "Authorization: Token $TOKEN" \
  --checks not_a_server_error,response_schema_conformance \
  --mode positive \
  --phases examples,fuzzing \
  --max-examples "${ST_MAX_EXAMPLES:-3}" \
  --seed "${ST_SEED:-20260226}" \
  --no-shrink \
  --workers 1 \
  --request-timeout 30 \
  --suppress-health-check all \
  "$@"
