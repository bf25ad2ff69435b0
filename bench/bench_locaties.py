"""Benchmark: the register of reception locations at 2,000 locations.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rt_bench_locaties \\
        .venv/bin/python bench/bench_locaties.py [--runs 20]

Uses a scratch PostgreSQL database (created and migrated when missing), the real 342
gemeenten from ../shared/data and 2,000 locations spread over them. Renders the register pages
(every role, with filters, a later page), the exports and the API list through the full Django
stack with the query cache off (every query computed afresh: the worst case), and prints a
Markdown table with the median, p95 and the number of queries. Exit code 1 when a page's median
is 300 ms or more, or when a page reads a different number of queries at 20 and at 2,000
locations (the budget is constant).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/rt_bench_locaties")

DREMPEL_MS = 300
AANTAL = 2_000


def database_aanmaken() -> None:
    import environ
    import psycopg

    cfg = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    with psycopg.connect(
        host=cfg.get("HOST") or "127.0.0.1",
        port=cfg.get("PORT") or 5432,
        user=cfg.get("USER") or "postgres",
        password=cfg.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        if not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]]
        ).fetchone():
            conn.execute(f'CREATE DATABASE "{cfg["NAME"]}"')


def locaties_zetten(aantal: int) -> None:
    import datetime as dt
    import random

    from locaties.models import Fasewijziging, Opvanglocatie
    from raming.models import Gemeente

    rng = random.Random(20)  # noqa: S311 - test data
    Fasewijziging.objects.all().delete()
    Opvanglocatie.objects.all().delete()
    gemeenten = list(Gemeente.objects.values_list("pk", flat=True))
    fasen = ["planvorming", "besluitvorming", "realisatie", "in_gebruik", "gesloten"]
    # Arnhem (the gemeente and PRT users' scope) gets its share like any other
    Opvanglocatie.objects.bulk_create(
        Opvanglocatie(
            gemeente_id=gemeenten[n % len(gemeenten)],
            naam=f"Locatie {n:05d}",
            capaciteit_regulier=rng.randint(20, 900),
            capaciteit_amv=rng.choice([0, 15, 40]),
            soort=rng.choice(["regulier_azc", "noodopvang", "doorstroom", "amv", "overig"]),
            fase=rng.choice(fasen),
            fase_sinds=dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 400)),
            beschikbaar_tot=dt.date(2030, 1, 1),
            coa_referentie=f"B-{n:05d}",
        )
        for n in range(aantal)
    )


def voorbereiden():
    from django.conf import settings
    from django.core.management import call_command
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import Gebruiker, Rol
    from accounts.rechten import SYSTEEM
    from raming.importeren import import_gemeenten
    from raming.models import Gemeente

    call_command("migrate", verbosity=0)
    if Gemeente.objects.count() != 342:
        import_gemeenten(
            Path(settings.BASE_DIR).parent
            / "shared"
            / "data"
            / "cbs_gemeenten_2025_inwoners_2023.csv",
            door=SYSTEEM,
        )
    arnhem = Gemeente.objects.get(naam="Arnhem")
    gebruikers = {
        "ministerie": Gebruiker.objects.get_or_create(
            username="bench-loc-ministerie", defaults={"rol": Rol.MINISTERIE, "is_staff": True}
        )[0],
        "coa": Gebruiker.objects.get_or_create(username="bench-loc-coa", defaults={"rol": Rol.COA})[
            0
        ],
        "prt": Gebruiker.objects.get_or_create(
            username="bench-loc-prt",
            defaults={"rol": Rol.PRT_SECRETARIS, "provincie": arnhem.provincie},
        )[0],
        "gemeente": Gebruiker.objects.get_or_create(
            username="bench-loc-gemeente", defaults={"rol": Rol.GEMEENTE, "gemeente": arnhem}
        )[0],
    }
    gebruikers["ministerie"].otp_device = TOTPDevice.objects.get_or_create(
        user=gebruikers["ministerie"], name="bench", defaults={"confirmed": True}
    )[0]
    return gebruikers


def meten(client, url: str, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up
    tijden = []
    for _ in range(runs):
        begin = time.perf_counter()
        antwoord = client.get(url)
        tijden.append((time.perf_counter() - begin) * 1000)
        assert antwoord.status_code == 200, (url, antwoord.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    tijden.sort()
    return {
        "median": statistics.median(tijden),
        "p95": tijden[max(0, int(len(tijden) * 0.95) - 1)],
        "queries": len(queries),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    database_aanmaken()
    import django

    django.setup()
    from cachalot.api import cachalot_disabled
    from django.test import Client

    gebruikers = voorbereiden()
    clients = {}
    for rol, gebruiker in gebruikers.items():
        clients[rol] = Client(SERVER_NAME="localhost")
        clients[rol].force_login(gebruiker)
    metingen = [
        ("register, ministerie (pagina 1)", "ministerie", "/locaties/"),
        (
            "register, ministerie, fase + bevestigd, pagina 2",
            "ministerie",
            "/locaties/?fase=realisatie&bevestigd=nee&pagina=2",
        ),
        ("register, COA", "coa", "/locaties/"),
        ("register, PRT Gelderland", "prt", "/locaties/"),
        ("register, gemeente Arnhem", "gemeente", "/locaties/"),
        ("export CSV (alle locaties)", "ministerie", "/locaties/export.csv"),
        ("export xlsx (alle locaties)", "ministerie", "/locaties/export.xlsx"),
        ("API-lijst (COA)", "coa", "/api/v1/opvanglocaties/"),
    ]
    fout = False
    with cachalot_disabled(all_queries=True):
        locaties_zetten(20)
        klein = {naam: meten(clients[rol], url, 3)["queries"] for naam, rol, url in metingen}
        locaties_zetten(AANTAL)
        print(
            f"\n## Opvanglocaties ({AANTAL} locaties, {args.runs} metingen per regel, "
            "PostgreSQL, query-cache uit)\n"
        )
        print("| pagina | mediaan (ms) | p95 (ms) | queries (20 → 2.000 locaties) |")
        print("|---|--:|--:|--:|")
        for naam, rol, url in metingen:
            m = meten(clients[rol], url, args.runs)
            print(
                f"| {naam} | {m['median']:.0f} | {m['p95']:.0f} | {klein[naam]} → {m['queries']} |"
            )
            if klein[naam] != m["queries"]:
                fout = True
            if not naam.startswith("export") and m["median"] >= DREMPEL_MS:
                fout = True
    return 1 if fout else 0


if __name__ == "__main__":
    sys.exit(main())
