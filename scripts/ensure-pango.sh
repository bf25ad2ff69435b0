#!/usr/bin/env bash
# The documents (PDF/A, WeasyPrint: ADR 0012) need Pango and its FreeType backend. Installs
# them with apt-get when missing (as root or with sudo); without apt-get it says what to install
# and returns 0, so `make run` still starts (the document pages then say the PDF is unavailable).
# Idempotent: a second run only checks.
set -uo pipefail

log() { printf '[pango] %s\n' "$*"; }
# The check asks the dynamic loader itself (ctypes), not the ldconfig cache: right after
# apt-get the cache may not list the new libraries yet (it is refreshed below all the same).
PY="${PY:-.venv/bin/python}"
[ -x "$PY" ] || PY="$(command -v python3 || echo python3)"
heeft_pango() {
  "$PY" - <<'PYEOF' 2>/dev/null
import ctypes
for naam in ("libpango-1.0.so.0", "libpangoft2-1.0.so.0"):
    ctypes.CDLL(naam)
PYEOF
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
  # refresh the loader's cache (dpkg triggers do it too, but not always before this line)
  $SUDO ldconfig 2>/dev/null || true
fi
if heeft_pango; then
  log "Pango geinstalleerd"
else
  log "LET OP: Pango ontbreekt (libpango-1.0-0, libpangoft2-1.0-0); PDF-documenten kunnen niet worden gemaakt."
fi
exit 0
