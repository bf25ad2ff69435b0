#!/usr/bin/env bash
# The checks and the test suite of `make test`, against real PostgreSQL and Redis.
# pytest's exit code is passed through.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/regietafel}"
export CELERY_BROKER_URL="${CELERY_BROKER_URL:-redis://127.0.0.1:6379/15}"
export DJANGO_SETTINGS_MODULE=config.settings.test
# Bytecode caches (__pycache__, ignored by git) on: every test process imports the project and
# has pytest rewrite the asserts of ~150 test modules; from the cache that costs each process
# half the CPU (docs/performance.md, "Test suite").
unset PYTHONDONTWRITEBYTECODE

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

# One pass in pytest-xdist workers (each with its own test database, cache key prefix and
# Celery queue keys; the database is migrated once and copied, tests/testdatabase.py). The
# browser and Celery-worker tests form one xdist group ("serieel", tests/conftest.py): one
# worker runs them one at a time while the other runs the rest. PYTEST_WORKERS=0 runs all
# serially in one process.
WORKERS="${PYTEST_WORKERS:-2}"
if [ "$WORKERS" = "0" ]; then
  step "pytest (serial)"
  $PY -m pytest "$@"
  exit $?
fi
step "pytest ($WORKERS workers; browser and Celery-worker tests one at a time in one of them)"
$PY -m pytest -n "$WORKERS" --dist loadgroup "$@"
status=$?
[ $status -eq 5 ] && status=0  # a selection without tests
exit $status
