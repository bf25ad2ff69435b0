#!/usr/bin/env bash
# The documents (PDF/A, WeasyPrint: ADR 0012) need Pango and its FreeType backend. Installs
# them with apt-get when missing (as root or with sudo); without apt-get it says what to install
# and returns 0, so `make run` still starts (the document pages then say the PDF is unavailable).
# Idempotent: a second run only checks.
set -uo pipefail

log() { printf '[pango] %s\n' "$*"; }
heeft_pango() {
  ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so.0' \
    && ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0'
}

if heeft_pango; then
  log "Pango gevonden"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
if command -v apt-get >/dev/null 2>&1 && { [ -z "$SUDO" ] || sudo -n true 2>/dev/null; }; then
  log "apt-get install libpango-1.0-0 libpangoft2-1.0-0"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
    libpango-1.0-0 libpangoft2-1.0-0 >/dev/null
fi
if heeft_pango; then
  log "Pango geinstalleerd"
else
  log "LET OP: Pango ontbreekt (libpango-1.0-0, libpangoft2-1.0-0); PDF-documenten kunnen niet worden gemaakt."
fi
exit 0
