#!/usr/bin/env bash
# The checks and the test suite of `make test`, against real PostgreSQL and Redis.
# pytest's exit code is passed through.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/regietafel}"
export CELERY_BROKER_URL="${CELERY_BROKER_URL:-redis://127.0.0.1:6379/15}"
export DJANGO_SETTINGS_MODULE=config.settings.test

step() { printf '\n== %s\n' "$*"; }
fail() { printf '\nFOUT: %s\n' "$*" >&2; exit 1; }

step "ruff (lint)"
.venv/bin/ruff check . || fail "ruff check"
step "ruff (format)"
.venv/bin/ruff format --check . || fail "ruff format --check"

step "makemigrations --check"
$PY manage.py makemigrations --check --dry-run || fail "er ontbreken migraties"

step "check --deploy (production settings)"
SECRET_KEY="ci-$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')-deploy-check-key-long-enough" \
ALLOWED_HOSTS=regietafel.example \
DATABASE_URL="$DATABASE_URL" \
CACHE_URL=redis://127.0.0.1:6379/14 \
DJANGO_SETTINGS_MODULE=config.settings.production \
  $PY manage.py check --deploy --fail-level WARNING || fail "check --deploy"

step "lint-imports (the allowed directions between the apps, docs/architecture.md)"
.venv/bin/lint-imports || fail "lint-imports: een app importeert een app boven zich"

# Two passes: everything that can run side by side in pytest-xdist workers (each with its own
# test database and cache key prefix), then the browser and Celery-worker tests one at a time
# (they share the Celery queue and the machine's browser), and the tests that restore the
# database from a snapshot (serialized rollback; see tests/conftest.py). PYTEST_WORKERS=0 runs all serially.
WORKERS="${PYTEST_WORKERS:-2}"
step "pytest (parallel: $WORKERS workers)"
if [ "$WORKERS" = "0" ]; then
  $PY -m pytest "$@"
  exit $?
fi
$PY -m pytest -n "$WORKERS" -m "not serieel" "$@"
status=$?
[ $status -eq 5 ] && status=0  # a selection without such tests
step "pytest (serial: browser, Celery worker and serialized-rollback tests)"
$PY -m pytest -m "serieel" "$@"
serieel=$?
[ $serieel -eq 5 ] && serieel=0
[ $status -ne 0 ] && exit $status
exit $serieel
