"""CPU time per request, in-process, for every endpoint `bench/load.py` measures.

With 2 cores, p95 < 150 ms at 10 concurrent clients needs roughly 20-25 ms of CPU per request,
whatever else runs on the machine; CPU time (``time.process_time``) is far less disturbed by
other load than wall time. Run with the environment of bench/run.sh on a seeded database,
preferably with a Redis database of its own (the cache is emptied per endpoint):

    CACHE_URL=redis://127.0.0.1:6379/14 ... .venv/bin/python bench/cpu.py [part of a name or URL]

Per endpoint: the median CPU ms of ``BENCH_CPU_REPS`` requests with a filled cache, of requests
with an emptied cache (the first request after a write, at worst: ``bench.load.cache_legen``,
as bench/load.py empties it), the SQL queries of each, and
the Redis round trips with a filled cache.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import redis  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import load  # noqa: E402  (sets Django up)

HERHALINGEN = int(os.environ.get("BENCH_CPU_REPS", "5"))
_rondes = [0]


def _tellen(origineel):
    def geteld(*args, **kwargs):
        _rondes[0] += 1
        return origineel(*args, **kwargs)

    return geteld


# one command or one pipeline: one round trip
redis.Redis.execute_command = _tellen(redis.Redis.execute_command)
redis.client.Pipeline.execute = _tellen(redis.client.Pipeline.execute)


def _client(ep) -> tuple[Client, dict]:
    client = Client(raise_request_exception=False)
    kop = {}
    if ep.header:
        naam, waarde = ep.header.split(": ", 1)
        if naam == "Cookie":
            sleutel, _, sessie = waarde.partition("=")
            client.cookies[sleutel] = sessie
        else:
            kop[naam] = waarde
    return client, kop


def _meten(client, pad, kop) -> tuple[float, int, int, int]:
    _rondes[0] = 0
    begin = time.process_time()
    with CaptureQueriesContext(connection) as queries:
        antwoord = client.get(pad, headers=kop)
    cpu = (time.process_time() - begin) * 1000
    return cpu, len(queries.captured_queries), _rondes[0], antwoord.status_code


def main() -> None:
    zoek = sys.argv[1] if len(sys.argv) > 1 else ""
    lijst, _ = load.endpoints()
    print("filled ms  empty ms  queries filled/empty  redis  status  endpoint")
    for ep in lijst:
        if zoek and zoek not in ep.naam and zoek not in ep.pad:
            continue
        client, kop = _client(ep)
        client.get(ep.pad, headers=kop)  # per-process first use
        leeg = []
        for _ in range(max(1, HERHALINGEN // 2)):
            load.cache_legen()  # as a write does: cache.clear() and cachalot's invalidate()
            cpu, queries_leeg, _, _ = _meten(client, ep.pad, kop)
            leeg.append(cpu)
        client.get(ep.pad, headers=kop)
        gevuld = [_meten(client, ep.pad, kop) for _ in range(HERHALINGEN)]
        _, queries, rondes, status = gevuld[-1]
        print(
            f"{statistics.median(g[0] for g in gevuld):9.1f} {statistics.median(leeg):9.1f}"
            f"  {queries:>7}/{queries_leeg:<12} {rondes:>5}  {status:>6}  {ep.naam} {ep.pad}",
            flush=True,
        )


if __name__ == "__main__":
    main()
