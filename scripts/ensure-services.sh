#!/usr/bin/env bash
# Makes sure the services the test suite needs run on this machine: PostgreSQL, Redis and the
# system Chromium (and LibreOffice Calc). Installs them with apt-get when missing, starts them when stopped.
# Idempotent: a second run only checks.
set -euo pipefail

log() { printf '[services] %s\n' "$*"; }
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
APT_UPDATED=0
apt_install() {
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    $SUDO apt-get update -qq
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

# --- PostgreSQL -----------------------------------------------------------------------------
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
  apt_install postgresql postgresql-client
fi
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  version=$(ls /etc/postgresql | sort -n | tail -n 1)
  log "PostgreSQL $version starten"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
if ! psql -h 127.0.0.1 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
  # A fresh Debian install asks for a password on TCP; the suite uses trust on loopback only.
  version=$(ls /etc/postgresql | sort -n | tail -n 1)
  hba=/etc/postgresql/$version/main/pg_hba.conf
  log "trust-authenticatie voor 127.0.0.1 in $hba"
  $SUDO sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  sleep 1
fi
psql -h 127.0.0.1 -U postgres -d postgres -Atqc 'select version()' >/dev/null
log "PostgreSQL: $(psql -h 127.0.0.1 -U postgres -d postgres -Atqc 'show server_version')"

# --- Redis ----------------------------------------------------------------------------------
if ! command -v redis-server >/dev/null 2>&1; then
  apt_install redis-server
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  log "Redis starten"
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.5; done
fi
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null
log "Redis: $(redis-cli -h 127.0.0.1 -p 6379 info server | grep redis_version | tr -d '\r')"

# --- Chromium (browser tests) ---------------------------------------------------------------
if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi
log "Chromium: $(/usr/bin/chromium --version 2>/dev/null || echo 'niet gevonden')"

# --- LibreOffice Calc (the verslag workbook is checked to open outside Python) -----------------
command -v soffice >/dev/null 2>&1 || apt_install libreoffice-calc
log "LibreOffice: $(soffice --version 2>/dev/null | head -n 1 || echo 'niet gevonden')"

# --- Pango (documents, ADR 0012) and pdftoppm (the tests render document pages to PNG) ---------
bash "$(dirname "$0")/ensure-pango.sh"
command -v pdftoppm >/dev/null 2>&1 || apt_install poppler-utils

# --- pg_dump/pg_restore, wrk (backup test, benchmarks) ----------------------------------------
command -v pg_dump >/dev/null 2>&1 || apt_install postgresql-client
exit 0
