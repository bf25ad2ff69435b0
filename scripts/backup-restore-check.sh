#!/usr/bin/env bash
# Backup and restore, proven: seed a database, dump it with pg_dump (custom format), restore
# the dump with pg_restore into a NEW database, then compare the row count of every table and a
# checksum of the contents of every table. Exit code 0 only when both databases are identical.
#
# Usage: scripts/backup-restore-check.sh
#   PG_URL       server to use (default postgres://postgres@127.0.0.1:5432); needs CREATEDB
#   BRON_URL     an existing database to check instead of seeding a fresh one (optional)
#   SEED         "demo" (default: migrate + gemeenten + demo data) or "migrate" (schema only)
#   NA_HERSTEL_SQL  SQL run on the restored database before comparing (used by the test that
#                proves a difference is caught)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PG_URL="${PG_URL:-postgres://postgres@127.0.0.1:5432}"
SEED="${SEED:-demo}"
SUFFIX="$$_$(date +%s)"
BRON_DB="rt_backupcheck_bron_${SUFFIX}"
DOEL_DB="rt_backupcheck_doel_${SUFFIX}"
DUMP="$(mktemp -d)/regietafel.dump"
GEMEENTEN_CSV="${GEMEENTEN_CSV:-../shared/data/cbs_gemeenten_2025_inwoners_2023.csv}"

log() { printf '[backup-check] %s\n' "$*"; }
opruimen() {
  rm -rf "$(dirname "$DUMP")"
  if [ -z "${BRON_URL_GEGEVEN:-}" ]; then psql -X -q -d "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS \"$BRON_DB\"" 2>/dev/null || true; fi
  psql -X -q -d "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS \"$DOEL_DB\"" 2>/dev/null || true
}
trap opruimen EXIT

if [ -n "${BRON_URL:-}" ]; then
  BRON_URL_GEGEVEN=1
else
  log "bron-database $BRON_DB aanmaken en vullen ($SEED)"
  psql -X -q -d "$PG_URL/postgres" -c "CREATE DATABASE \"$BRON_DB\""
  BRON_URL="$PG_URL/$BRON_DB"
  export DJANGO_SETTINGS_MODULE=config.settings.test DATABASE_URL="$BRON_URL"
  $PY manage.py migrate --noinput -v 0
  if [ "$SEED" = "demo" ]; then
    $PY manage.py import_gemeenten "$GEMEENTEN_CSV" >/dev/null
    CELERY_TASK_ALWAYS_EAGER=1 $PY manage.py demo_laden >/dev/null
  fi
fi

log "pg_dump (custom format)"
pg_dump --format=custom --no-owner --no-privileges --file="$DUMP" "$BRON_URL"

log "pg_restore in nieuwe database $DOEL_DB"
psql -X -q -d "$PG_URL/postgres" -c "CREATE DATABASE \"$DOEL_DB\""
DOEL_URL="$PG_URL/$DOEL_DB"
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$DOEL_URL" "$DUMP"

if [ -n "${NA_HERSTEL_SQL:-}" ]; then
  psql -X -q -d "$DOEL_URL" -c "$NA_HERSTEL_SQL" >/dev/null
fi

# one line per table: name, row count, md5 of all rows in a stable order
TELLING_SQL=$(cat <<'SQL'
SELECT format(
  'SELECT %L || '' '' || count(*) || '' '' || coalesce(md5(string_agg(t::text, E''\n'' ORDER BY t::text)), ''leeg'') FROM %I.%I t;',
  schemaname || '.' || tablename, schemaname, tablename)
FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename
SQL
)
tellen() {
  psql -X -q -At -d "$1" -c "$TELLING_SQL" | psql -X -q -At -d "$1"
}
BRON_TELLING="$(tellen "$BRON_URL")"
DOEL_TELLING="$(tellen "$DOEL_URL")"
TABELLEN=$(printf '%s\n' "$BRON_TELLING" | wc -l)
RIJEN=$(printf '%s\n' "$BRON_TELLING" | awk '{s+=$2} END {print s}')

if [ "$BRON_TELLING" != "$DOEL_TELLING" ]; then
  log "FOUT: de teruggezette database wijkt af van de bron:"
  diff <(printf '%s\n' "$BRON_TELLING") <(printf '%s\n' "$DOEL_TELLING") || true
  exit 1
fi
if [ "$SEED" = "demo" ] && [ -z "${BRON_URL_GEGEVEN:-}" ] && [ "$RIJEN" -lt 342 ]; then
  log "FOUT: de bron bevat maar $RIJEN rijen; het vullen is mislukt"
  exit 1
fi
log "OK: $TABELLEN tabellen, $RIJEN rijen; aantallen en controlesommen gelijk na terugzetten"
