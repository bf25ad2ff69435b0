"""The load test's report: the table in docs/performance.md and the raw results."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import time
from pathlib import Path

from django.db import connection

from .meting import (
    BASE,
    BEGIN,
    DOEL_API_RATIO,
    DOEL_EXPORT_MS,
    DOEL_KOUD_EXPORT_MS,
    DOEL_KOUD_MS,
    DOEL_P95_MS,
    DOEL_QUERIES,
    DOEL_RSS_MB,
    DUUR,
    DUUR_ZIJ,
    EIND,
    HOOFD_API,
    KLANTEN,
    KOUD_HERHALINGEN,
    RAPPORT,
    TRAAG_50_MS,
    TRAAG_MS,
    WORKERS,
    Endpoint,
)

# --- report -----------------------------------------------------------------------------------


LOAD_BEGIN = os.getloadavg()


def machine() -> str:
    cpu = "onbekend"
    for regel in Path("/proc/cpuinfo").read_text().splitlines():
        if regel.startswith("model name"):
            cpu = regel.split(":", 1)[1].strip()
            break
    geheugen = 0
    for regel in Path("/proc/meminfo").read_text().splitlines():
        if regel.startswith("MemTotal:"):
            geheugen = int(regel.split()[1]) // 1024 // 1024
    pg = "?"
    with connection.cursor() as cursor:
        cursor.execute("show server_version")
        pg = cursor.fetchone()[0]
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {geheugen} GiB memory, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, PostgreSQL {pg}, "
        f"gunicorn {WORKERS} sync workers; load average at start "
        f"{LOAD_BEGIN[0]:.1f}, at the end {os.getloadavg()[0]:.1f} (other processes on the "
        "machine share its cores: compare ratios to the baseline rather than absolute figures)"
    )


def ms(us: int | float) -> str:
    return f"{us / 1000:.1f}"


def koud(ep: Endpoint) -> str:
    """The empty-cache cell: the median, and the minimum and maximum of the samples."""
    if KOUD_HERHALINGEN == 1:
        return f"{ep.koud_ms:.0f}"
    return f"{ep.koud_ms:.0f} ({ep.koud_min_ms:.0f}–{ep.koud_max_ms:.0f})"


def rapport(lijst, ontbreekt, basis_rps, piek_totaal, seed, begin) -> str:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=BASE, capture_output=True, text=True
    ).stdout.strip()
    regels = [
        BEGIN,
        "",
        f"Run of `make bench` on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, commit `{commit}`, "
        f"in {time.monotonic() - begin:.0f} s.",
        "",
        f"- Machine: {machine()}.",
        f"- Load: wrk at {', '.join(map(str, KLANTEN))} concurrent clients, {DUUR} per point at "
        f"10 clients and {DUUR_ZIJ} at the others (API endpoints outside "
        f"{', '.join(HOOFD_API)} only at 10); "
        "the server is gunicorn with `config.settings.production` (plus the baseline view) on "
        "127.0.0.1, database `rt_bench` on the same machine.",
        f"- Data: {seed}.",
        "- Baseline: `/__bench/baseline/` (all middleware, no database), "
        + ", ".join(f"{basis_rps[k]:.0f} req/s at {k}" for k in KLANTEN if k in basis_rps)
        + ".",
        f"- Peak RSS of a gunicorn worker over the whole run: {piek_totaal:.0f} MB "
        f"(target < {DOEL_RSS_MB} MB).",
        "- Queries: SQL queries per request, counted separately with the Django test client: "
        "`queries` with an empty cache (session, data cache and published pages all read from "
        "the database; the highest count of the empty-cache requests, held against the target "
        "of 15), `cached` the same "
        "request with the cache filled, as under load.",
        "",
        "- 1 request (ms): one request on the idle server, through the test client, with the "
        f"cache filled. `empty cache`: the median of {KOUD_HERHALINGEN} requests each right after "
        "emptying the cache as a write does, at worst (`cache.clear()` and cachalot's "
        "`invalidate()` of every table), with their minimum and maximum in brackets. Endpoints "
        f"slower than {TRAAG_MS:.0f} ms are not load-tested (listed under the targets), those "
        f"slower than {TRAAG_50_MS:.0f} ms not at 50 clients.",
        "",
        "| endpoint | role | URL | clients | req/s | p50 (ms) | p95 (ms) | p99 (ms) | errors "
        "| queries | cached | 1 request (ms) | empty cache (ms, min–max) | peak RSS (MB) "
        "| vs baseline |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for ep in lijst:
        if not ep.metingen and ep.soort != "api-parameters":
            regels.append(
                f"| {ep.naam} | {ep.rol} | `{ep.pad}` | – | – | – | – | – | – | {ep.queries} "
                f"| {ep.queries_warm} | {ep.enkel_ms:.0f} | {koud(ep)} | – "
                "| not load-tested |"
            )
        for k in KLANTEN:
            m = ep.metingen.get(k)
            if m is None:
                continue
            ratio = m["rps"] / basis_rps[k] if basis_rps.get(k) else 0
            if m["requests"] == 0:
                regels.append(
                    f"| {ep.naam} | {ep.rol} | `{ep.pad}` | {k} | 0 | – | – | – | {m['fouten']} "
                    f"| {ep.queries} | {ep.queries_warm} | {ep.enkel_ms:.0f} | {koud(ep)} "
                    f"| {m['rss']:.0f} | 0% (no response within the window) |"
                )
                continue
            regels.append(
                f"| {ep.naam} | {ep.rol} | `{ep.pad}` | {k} | {m['rps']:.1f} | {ms(m['p50_us'])} "
                f"| {ms(m['p95_us'])} | {ms(m['p99_us'])} | {m['fouten']} | {ep.queries} "
                f"| {ep.queries_warm} | {ep.enkel_ms:.0f} | {koud(ep)} | {m['rss']:.0f} "
                f"| {ratio:.0%} |"
            )
    regels += ["", "### Targets at 10 clients", ""]
    gemist = []
    for ep in lijst:
        if ep.enkel_ms > TRAAG_MS and not ep.fout:
            gemist.append(f"{ep.naam}: one request takes {ep.enkel_ms:.0f} ms (not load-tested)")
        koud_grens = DOEL_KOUD_EXPORT_MS if ep.soort == "export" else DOEL_KOUD_MS
        if ep.soort not in ("basis", "api-parameters") and not ep.fout and ep.koud_ms >= koud_grens:
            gemist.append(
                f"{ep.naam}: first request after emptying the cache {ep.koud_ms:.0f} ms "
                f"(median of {KOUD_HERHALINGEN}, {ep.koud_min_ms:.0f}-{ep.koud_max_ms:.0f}) "
                f">= {koud_grens} ms"
            )
        m = ep.metingen.get(10)
        if m is None or ep.soort == "basis":
            continue
        grens = DOEL_EXPORT_MS if ep.soort == "export" else DOEL_P95_MS
        if m["requests"] == 0:
            gemist.append(f"{ep.naam}: no response within {DUUR} at 10 clients")
        elif m["p95_us"] / 1000 > grens:
            gemist.append(f"{ep.naam}: p95 {ms(m['p95_us'])} ms > {grens} ms")
        if ep.queries is not None and ep.queries > DOEL_QUERIES:
            gemist.append(f"{ep.naam}: {ep.queries} queries > {DOEL_QUERIES}")
        if ep.soort == "api" and basis_rps.get(10):
            ratio = m["rps"] / basis_rps[10]
            if ratio < DOEL_API_RATIO:
                gemist.append(f"{ep.naam}: {ratio:.0%} of the baseline < 25%")
    if piek_totaal > DOEL_RSS_MB:
        gemist.append(f"worker RSS {piek_totaal:.0f} MB > {DOEL_RSS_MB} MB")
    regels += [f"- MISSED: {g}" for g in gemist] or ["- All targets met."]
    ontbreekt = ontbreekt + [
        f"{ep.naam} (needs query parameters)" for ep in lijst if ep.soort == "api-parameters"
    ]
    fouten = [ep for ep in lijst if ep.soort != "api-parameters" and _fout(ep)]
    regels += ["", "### Errors", ""]
    regels += [f"- {ep.naam} `{ep.pad}`: {ep.fout or 'errors under load'}" for ep in fouten] or [
        "- None."
    ]
    regels += ["", "### Not measured (URL or data does not exist in this build)", ""]
    regels += [f"- {o}" for o in ontbreekt] or ["- None."]
    regels += ["", EIND]
    return "\n".join(regels)


def _hoofd_api(ep: Endpoint) -> bool:
    return ep.naam.removeprefix("API /api/v1/").split("/")[0] in HOOFD_API


def _fout(ep: Endpoint) -> bool:
    return bool(ep.fout) or any(m["fouten"] for m in ep.metingen.values())


def schrijf_rapport(blok: str) -> None:
    if RAPPORT.exists():
        tekst = RAPPORT.read_text(encoding="utf-8")
        if BEGIN in tekst and EIND in tekst:
            voor, rest = tekst.split(BEGIN, 1)
            _, na = rest.split(EIND, 1)
            RAPPORT.write_text(voor + blok + na, encoding="utf-8")
            return
    kop = (
        "# Performance\n\n"
        "Measured by `make bench` (bench/run.sh): it seeds the PostgreSQL database `rt_bench`, "
        "starts gunicorn with the production settings, drives load with wrk and writes the "
        "section between the markers below. Everything outside the markers is kept.\n\n"
    )
    RAPPORT.write_text(kop + blok + "\n", encoding="utf-8")
