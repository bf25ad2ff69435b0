"""The load test's server side: gunicorn on a free port, the workers' memory, and wrk."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from .meting import BASE, DUUR, DUUR_ZIJ, POORT, RESULTATEN, WORKERS, Endpoint

# --- gunicorn, memory, wrk --------------------------------------------------------------------


def vrije_poort() -> int:
    """``BENCH_PORT`` when set (two benches on one machine each choose their own), else a free
    port."""
    if POORT:
        return POORT
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def kinderen(pid: int) -> list[int]:
    uitkomst = []
    for taak in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            uitkomst += [int(p) for p in taak.read_text().split()]
        except OSError:
            pass
    return uitkomst


def rss_mb(pid: int) -> float:
    try:
        for regel in Path(f"/proc/{pid}/status").read_text().splitlines():
            if regel.startswith("VmRSS:"):
                return int(regel.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Geheugen(threading.Thread):
    """Samples the RSS of every gunicorn worker; ``piek`` since the last ``reset``."""

    def __init__(self, master: int):
        super().__init__(daemon=True)
        self.master = master
        self.piek = 0.0
        self.totaal_piek = 0.0
        self.stop = threading.Event()

    def reset(self) -> None:
        self.piek = 0.0

    def run(self) -> None:
        while not self.stop.is_set():
            for pid in kinderen(self.master):
                mb = rss_mb(pid)
                self.piek = max(self.piek, mb)
                self.totaal_piek = max(self.totaal_piek, mb)
            time.sleep(0.2)


def start_gunicorn(poort: int) -> subprocess.Popen:
    RESULTATEN.mkdir(parents=True, exist_ok=True)
    proces = subprocess.Popen(
        [
            str(BASE / ".venv" / "bin" / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{poort}",
            "--workers",
            str(WORKERS),
            "--timeout",
            "60",
            "--error-logfile",
            str(RESULTATEN / "gunicorn.log"),
        ],
        cwd=BASE,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"},
    )
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{poort}/__bench/baseline/", timeout=2):
                return proces
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    proces.terminate()
    raise SystemExit("gunicorn startte niet; zie bench/results/gunicorn.log")


class GeenOmleiding(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def http_controle(poort: int, ep: Endpoint) -> None:
    """The endpoint must answer 200 over HTTP (a redirect to the login page is an error)."""
    verzoek = urllib.request.Request(f"http://127.0.0.1:{poort}{ep.pad}")
    if ep.header:
        naam, waarde = ep.header.split(": ", 1)
        verzoek.add_header(naam, waarde)
    opener = urllib.request.build_opener(GeenOmleiding)
    try:
        with opener.open(verzoek, timeout=30) as antwoord:
            status = antwoord.status
    except urllib.error.HTTPError as fout:
        status = fout.code
    if status != 200 and not ep.fout:
        ep.fout = f"HTTP {status} via gunicorn"


def baseline_tijd(poort: int) -> float:
    tijden = []
    for _ in range(7):
        begin = time.monotonic()
        with urllib.request.urlopen(f"http://127.0.0.1:{poort}/__bench/baseline/", timeout=60):
            pass
        tijden.append(time.monotonic() - begin)
    return sorted(tijden)[len(tijden) // 2]


RUST_S = 0.05  # the baseline's latency at rest; measured once gunicorn runs


def leeglopen(poort: int, maximaal_s: float = 180) -> None:
    """Wait until the workers are idle again: sync workers still answer the requests wrk left
    in the listen backlog, which would otherwise be billed to the next measurement."""
    einde = time.monotonic() + maximaal_s
    while time.monotonic() < einde:
        begin = time.monotonic()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{poort}/__bench/baseline/", timeout=60):
                pass
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() - begin < max(0.05, 3 * RUST_S):
            return
        time.sleep(0.2)


def wrk(poort: int, ep: Endpoint, klanten: int) -> dict:
    omgeving = {**os.environ, "BENCH_HEADER": ep.header}
    uitvoer = subprocess.run(
        [
            "/usr/bin/wrk",
            "-t",
            str(min(klanten, 2)),
            "-c",
            str(klanten),
            "-d",
            DUUR if klanten == 10 else DUUR_ZIJ,
            "--timeout",
            "30s",
            "--latency",
            "-s",
            str(BASE / "bench" / "load.lua"),
            f"http://127.0.0.1:{poort}{ep.pad}",
        ],
        capture_output=True,
        text=True,
        env=omgeving,
        timeout=300,
    )
    regel = next((r for r in uitvoer.stdout.splitlines() if r.startswith("BENCH ")), None)
    if regel is None:
        raise SystemExit(f"wrk gaf geen uitkomst voor {ep.pad}:\n{uitvoer.stdout}{uitvoer.stderr}")
    data = json.loads(regel[6:])
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    data["fouten"] = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
    return data
