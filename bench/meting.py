"""What the load test measures: the endpoints, the settings of a run and the targets."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent

KLANTEN = [int(k) for k in os.environ.get("BENCH_CLIENTS", "1,10,50").split(",")]
# seconds per wrk point: the target level (10 clients) longest, 1 and 50 clients shorter
DUUR = os.environ.get("BENCH_DURATION", "3s")
DUUR_ZIJ = os.environ.get("BENCH_DURATION_SIDE", "2s")
# API resources measured at every level; the other API endpoints only at 10 clients
HOOFD_API = ("mij", "ramingen", "verslagen", "uitruil", "gemeenten", "regietafels")
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))
# requests per endpoint with an emptied cache (the first request after a write): their median is
# the figure, min and max are reported beside it (one sample was too easily disturbed)
KOUD_HERHALINGEN = max(1, int(os.environ.get("BENCH_COLD_REPS", "5")))
# the port gunicorn listens on; a free one when not set
POORT = int(os.environ.get("BENCH_PORT", "0"))
RAPPORT = BASE / "docs" / "performance.md"
RESULTATEN = BASE / "bench" / "results"
BEGIN, EIND = "<!-- bench:begin -->", "<!-- bench:end -->"
# targets of issue 9, at 10 clients
DOEL_P95_MS = 150
DOEL_EXPORT_MS = 500
# the first request after a write (the cache emptied), single-user: below the p95 target
# (exports: below the export target)
DOEL_KOUD_MS = DOEL_P95_MS
DOEL_KOUD_EXPORT_MS = DOEL_EXPORT_MS
DOEL_API_RATIO = 0.25
DOEL_QUERIES = 15
DOEL_RSS_MB = 200
# an endpoint slower than this for one request on an idle server is not load-tested: its queued
# requests would outlive the measurement window and spill into the next endpoint's figures
TRAAG_MS = float(os.environ.get("BENCH_SLOW_MS", "1500"))
# above this, 50 clients would leave more queued work than the drain can absorb: 10 clients only
TRAAG_50_MS = float(os.environ.get("BENCH_SLOW_50_MS", "500"))


@dataclass
class Endpoint:
    naam: str
    rol: str
    pad: str
    soort: str = "pagina"  # pagina, export, api, basis
    header: str = ""  # "Name: value" sent by wrk and the checks
    queries: int | None = None  # with an empty cache (what the request itself reads)
    queries_warm: int | None = None  # the same request again, cache filled
    koud_ms: float = 0.0  # the median of KOUD_HERHALINGEN requests with an emptied cache
    koud_min_ms: float = 0.0
    koud_max_ms: float = 0.0
    status: int | None = None
    fout: str = ""
    enkel_ms: float = 0.0
    metingen: dict[int, dict] = field(default_factory=dict)
