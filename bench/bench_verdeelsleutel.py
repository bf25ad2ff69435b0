"""Benchmark: the verdeelsleutel for 342 and 3,420 gemeenten, and storing the raming.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rt_bench_raming \\
        .venv/bin/python bench/bench_verdeelsleutel.py [--herhalingen 20]

1. Compute only (``bereken_verdeling``, no database): the real 342 gemeenten (population
   1-1-2023, Bron: CBS) with a synthetic SES-WOA score, and 3,420 synthetic gemeenten; both
   rounding methods; median of the repetitions.
2. Compute and store on PostgreSQL (``services.raming_berekenen``: read the input, compute,
   delete the old rows, bulk insert ``GemeenteVerdeling`` and ``ProvincieVerdeling``) for the
   342 gemeenten and for 3,420 (342 real + 3,078 synthetic gemeenten), with the query count.
   Uses a scratch database (created and migrated when missing).

Prints a Markdown table; exit code 1 when computing 342 takes 20 ms or more, or storing 342
takes 300 ms or more (the targets in docs/performance.md).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/rt_bench_raming")

CSV = BASE.parent / "shared" / "data" / "cbs_gemeenten_2025_inwoners_2023.csv"
DOEL_REKENEN_MS = 20.0
DOEL_OPSLAAN_MS = 300.0
PEILDATUM = dt.date(2023, 1, 1)
SES_JAAR = 2022
SYNTHETISCH_VANAF = 6000  # synthetic gemeenten get codes GM6000 …


def maak_database() -> None:
    import environ
    import psycopg

    cfg = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    naam = cfg["NAME"]
    with psycopg.connect(
        host=cfg.get("HOST") or "127.0.0.1",
        port=cfg.get("PORT") or 5432,
        user=cfg.get("USER") or "postgres",
        password=cfg.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [naam]).fetchone():
            conn.execute(f'CREATE DATABASE "{naam}"')


def ses(i: int) -> Decimal:
    return Decimal((i * 37) % 601 - 300) / 1000


def invoer_echt():
    from raming.verdeelsleutel import GemeenteInvoer

    with CSV.open(encoding="utf-8", newline="") as f:
        rijen = list(csv.DictReader(f))
    return [
        GemeenteInvoer(
            code=r["gm_code"],
            provincie=r["provincie"],
            inwoners=int(r["inwoners_2023_01_01"]),
            ses_woa=ses(i),
        )
        for i, r in enumerate(rijen)
    ]


def invoer_synthetisch(aantal: int):
    from raming.verdeelsleutel import GemeenteInvoer

    return [
        GemeenteInvoer(
            code=f"GM{i:05d}",
            provincie=f"PV{20 + i % 12}",
            inwoners=1_000 + (i * 7919) % 900_000,
            ses_woa=ses(i),
        )
        for i in range(aantal)
    ]


def meet(functie, herhalingen: int) -> float:
    tijden = []
    for _ in range(herhalingen):
        start = time.perf_counter()
        functie()
        tijden.append((time.perf_counter() - start) * 1000)
    return statistics.median(tijden)


def zaaien(extra: int) -> None:
    """The real 342 gemeenten, plus ``extra`` synthetic ones, with population and SES."""
    from django.core.management import call_command
    from django.db import transaction

    from accounts.rechten import SYSTEEM
    from raming.importeren import import_gemeenten
    from raming.models import Gemeente, Inwonertal, Provincie, Raming, SesWoaScore, Wetscyclus

    call_command("migrate", verbosity=0)
    with transaction.atomic():
        Raming.objects.filter(cyclus__jaar__in=[2090, 2092]).delete()
        Wetscyclus.objects.filter(jaar__in=[2090, 2092]).delete()
        Gemeente.objects.filter(code__gte=f"GM{SYNTHETISCH_VANAF}").delete()
    if not Inwonertal.objects.filter(peildatum=PEILDATUM).exists():
        import_gemeenten(CSV, door=SYSTEEM)
    provincies = list(Provincie.objects.order_by("code"))
    with transaction.atomic():
        nieuw = Gemeente.objects.bulk_create(
            Gemeente(
                code=f"GM{SYNTHETISCH_VANAF + i:04d}",
                naam=f"Synthetisch {i}",
                slug=f"synthetisch-{i}",
                provincie=provincies[i % 12],
            )
            for i in range(extra)
        )
        Inwonertal.objects.bulk_create(
            Inwonertal(gemeente=g, peildatum=PEILDATUM, aantal=1_000 + (i * 7919) % 200_000)
            for i, g in enumerate(nieuw)
        )
        SesWoaScore.objects.filter(jaar=SES_JAAR).delete()
        SesWoaScore.objects.bulk_create(
            SesWoaScore(gemeente_id=pk, jaar=SES_JAAR, score=ses(pk))
            for pk in Gemeente.objects.values_list("pk", flat=True)
        )


def meet_opslaan(jaar: int, herhalingen: int) -> tuple[float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.models import Gebruiker, Rol
    from raming import services

    ministerie, _ = Gebruiker.objects.get_or_create(
        username="bench-ministerie", defaults={"rol": Rol.MINISTERIE, "is_staff": True}
    )
    cyclus = services.cyclus_aanmaken(jaar=jaar, door=ministerie)
    besluit = services.invoerbesluit_vastleggen(
        cyclus=cyclus,
        soort="mpp",
        datum=dt.date(jaar - 1, 9, 26),
        landelijk_aantal=88_000,
        amv_aantal=7_480,
        door=ministerie,
    )
    raming = services.raming_aanmaken(
        cyclus=cyclus,
        invoerbesluit=besluit,
        peildatum_inwoners=PEILDATUM,
        ses_jaar=SES_JAAR,
        door=ministerie,
    )
    services.raming_berekenen(raming=raming, door=ministerie)  # warm up
    with CaptureQueriesContext(connection) as queries:
        services.raming_berekenen(raming=raming, door=ministerie)
    ms = meet(lambda: services.raming_berekenen(raming=raming, door=ministerie), herhalingen)
    return ms, len(queries), raming.gemeenten.count()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herhalingen", type=int, default=20)
    args = parser.parse_args()

    from raming.verdeelsleutel import (
        METHODE_GROOTSTE_OVERSCHOT,
        METHODE_PER_GEMEENTE,
        bereken_verdeling,
    )

    echt = invoer_echt()
    groot = invoer_synthetisch(3_420)
    rijen = []
    for naam, invoer in (("342 gemeenten (CBS 1-1-2023)", echt), ("3.420 synthetisch", groot)):
        for methode in (METHODE_PER_GEMEENTE, METHODE_GROOTSTE_OVERSCHOT):
            ms = meet(
                lambda invoer=invoer, methode=methode: bereken_verdeling(
                    invoer, landelijk_aantal=88_000, amv_totaal=7_480, methode=methode
                ),
                args.herhalingen,
            )
            rijen.append((f"berekenen, {naam}, {methode}", ms, "0"))
    rekenen_342 = max(ms for label, ms, _ in rijen if "342 gemeenten" in label)

    maak_database()
    import django

    django.setup()
    zaaien(0)
    opslaan_342, q342, n342 = meet_opslaan(2090, max(5, args.herhalingen // 2))
    rijen.append((f"berekenen + opslaan (PostgreSQL), {n342} gemeenten", opslaan_342, str(q342)))
    zaaien(3_420 - 342)
    opslaan_groot, qgroot, ngroot = meet_opslaan(2092, max(3, args.herhalingen // 4))
    rijen.append(
        (f"berekenen + opslaan (PostgreSQL), {ngroot} gemeenten", opslaan_groot, str(qgroot))
    )
    zaaien(0)  # leave the scratch database with the real gemeenten only

    print("| meting | mediaan (ms) | queries |")
    print("|---|---:|---:|")
    for label, ms, q in rijen:
        print(f"| {label} | {ms:.1f} | {q} |")
    print()
    print(
        f"Doelen: berekenen 342 < {DOEL_REKENEN_MS:.0f} ms (gemeten {rekenen_342:.1f}), "
        f"opslaan 342 < {DOEL_OPSLAAN_MS:.0f} ms (gemeten {opslaan_342:.1f}); "
        f"queries gelijk bij 342 en 3.420: {'ja' if q342 == qgroot else 'nee'}."
    )
    ok = rekenen_342 < DOEL_REKENEN_MS and opslaan_342 < DOEL_OPSLAAN_MS and q342 == qgroot
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
