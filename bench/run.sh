#!/usr/bin/env bash
# `make bench`: seed rt_bench, load-test gunicorn with wrk, write docs/performance.md.
# Exits non-zero when a request failed (or seeding/migrating failed).
#
#   BENCH_DURATION=3s BENCH_DURATION_SIDE=2s BENCH_CLIENTS=1,10,50 BENCH_WORKERS=3 bash bench/run.sh
#   BENCH_REUSE=1 bash bench/run.sh     # keep an already seeded rt_bench (skips ~2 minutes)
#   BENCH_COLD_REPS=5                    # requests per endpoint with an emptied cache (median)
# A second run beside another on the same machine takes its own database, Redis databases,
# static files and port: BENCH_DB, BENCH_CACHE_URL, BENCH_STATIC_ROOT, BENCH_PORT,
# BENCH_DOCUMENTEN_DB and BENCH_DOCUMENTEN_BROKER.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PGURL=postgres://postgres@127.0.0.1:5432
DB="${BENCH_DB:-rt_bench}"

log() { printf '[bench] %s\n' "$*"; }
command -v wrk >/dev/null 2>&1 || {
  log "wrk ontbreekt: apt-get install wrk"
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq wrk >/dev/null; else exit 1; fi
}

# Production settings, on plain HTTP on the loopback address. The throttle is raised: the load
# generator is one user sending thousands of requests a minute.
export DJANGO_SETTINGS_MODULE=bench.settings
export DATABASE_URL="$PGURL/$DB"
export SECRET_KEY="bench-$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')-not-for-production"
export ALLOWED_HOSTS=127.0.0.1,localhost,testserver
export SECURE_SSL_REDIRECT=false
# Shared by the gunicorn workers, as in production (docker-compose.yml).
export CACHE_URL="${BENCH_CACHE_URL:-redis://127.0.0.1:6379/13}"
export SECURE_HSTS_SECONDS=0
export API_THROTTLE_USER=10000000/minute
export API_THROTTLE_ANON=10000000/minute
export STATIC_ROOT="${BENCH_STATIC_ROOT:-/tmp/rt-bench-static}"
export REFERENCE_DATA_DIR="${REFERENCE_DATA_DIR:-$(cd .. && pwd)/shared/data}"
export LOG_LEVEL=WARNING
export BENCH_DURATION="${BENCH_DURATION:-3s}"
mkdir -p bench/results

if [ "${BENCH_REUSE:-0}" = "1" ] && psql "$PGURL/postgres" -Atqc "select 1 from pg_database where datname='$DB'" | grep -q 1; then
  log "bestaande database $DB hergebruiken"
  $PY manage.py migrate --noinput -v0
else
  log "database $DB opnieuw aanmaken"
  dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"
  createdb -h 127.0.0.1 -U postgres "$DB"
  $PY manage.py migrate --noinput -v0
  $PY bench/seed.py | tee bench/results/seed.log
fi
SEED_JSON=$(tail -n 1 bench/results/seed.log 2>/dev/null || echo '{}')
export BENCH_SEED_SUMMARY
BENCH_SEED_SUMMARY=$($PY -c '
import json, sys
d = json.loads(sys.argv[1] or "{}")
made = "; ".join(f"{k}: {v}" for k, v in d.get("gemaakt", {}).items())
skipped = "; ".join(f"{k} ({v})" for k, v in d.get("overgeslagen", {}).items())
print(made + (f"; not seeded: {skipped}" if skipped else ""))
' "$SEED_JSON")

log "cache legen (waarden van een vorige run)"
$PY manage.py shell -c "from django.core.cache import cache; cache.clear()"

log "collectstatic naar $STATIC_ROOT"
$PY manage.py collectstatic --noinput -v0

log "belasting meten"
status=0
$PY bench/load.py || status=$?

log "schrijfacties meten (enkele gebruiker)"
$PY bench/bench_schrijven.py || status=$?

log "alle beschikkingen als zip, in een Celery-worker (eigen database en Redis-database: BENCH_DOCUMENTEN_DB, BENCH_DOCUMENTEN_BROKER)"
(unset DJANGO_SETTINGS_MODULE DATABASE_URL CACHE_URL; $PY bench/bench_beschikkingen.py) | tee bench/results/beschikkingen.md || status=$?
exit $status
