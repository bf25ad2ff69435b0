"""Benchmark: the reminder sweep over 10,000 open terms with 3 recipients each.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rt_bench_herinneringen \\
        .venv/bin/python bench/bench_herinneringen.py [--termijnen 10000] [--versturen]

Uses a scratch PostgreSQL database (created and migrated when missing). Seeds open exchange
proposals (``UitruilPartij`` waiting for an answer) over the real 342 gemeenten, three gemeente
users per gemeente, so every term has three recipients. Measures, with the query count:

1. collecting the open terms (``open_termijnen``);
2. the first sweep (``herinneringen_plannen``: decide + bulk insert 30,000 reminder rows);
3. a second sweep of the same day (writes nothing: the unique constraint);
4. the same at a tenth of the size, to show the query count does not grow with the terms;
5. with ``--versturen``: sending every digest (locmem backend), one per recipient.

Prints a Markdown table; exit code 1 when the first sweep takes 10 s or more, or when its query
count differs between the small and the full run.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/rt_bench_herinneringen")

DREMPEL_S = 10.0


def database_aanmaken() -> None:
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
        bestaat = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [naam]).fetchone()
        if not bestaat:
            conn.execute(f'CREATE DATABASE "{naam}"')


def zaaien(aantal: int) -> None:
    """Exactly ``aantal`` open exchange answers (and nothing else that is open)."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction

    from accounts.models import Gebruiker, Rol
    from accounts.rechten import SYSTEEM
    from herinneringen.models import Herinnering
    from raming.importeren import import_gemeenten
    from raming.models import Gemeente, Wetscyclus
    from uitruil.models import Uitruil, UitruilPartij

    call_command("migrate", verbosity=0)
    if Gemeente.objects.count() != 342:
        import_gemeenten(
            Path(settings.BASE_DIR).parent
            / "shared"
            / "data"
            / "cbs_gemeenten_2025_inwoners_2023.csv",
            door=SYSTEEM,
        )
    gemeenten = list(Gemeente.objects.order_by("code"))
    with transaction.atomic():
        Herinnering.objects.all().delete()
        UitruilPartij.objects.all().delete()
        Uitruil.objects.all().delete()
        bestaand = set(Gebruiker.objects.values_list("username", flat=True))
        nieuw = [
            Gebruiker(
                username=f"bench-{g.slug}-{n}",
                email=f"bench-{g.slug}-{n}@regietafel.example",
                rol=Rol.GEMEENTE,
                gemeente=g,
            )
            for g in gemeenten
            for n in range(3)
            if f"bench-{g.slug}-{n}" not in bestaand
        ]
        Gebruiker.objects.bulk_create(nieuw, batch_size=1000)
        indiener, _ = Gebruiker.objects.get_or_create(
            username="bench-indiener", defaults={"rol": Rol.MINISTERIE}
        )
        cyclus, _ = Wetscyclus.objects.get_or_create(jaar=2026)
        uitruilen = Uitruil.objects.bulk_create(
            [
                Uitruil(
                    cyclus=cyclus,
                    provincie_id=gemeenten[i % len(gemeenten)].provincie_id,
                    voorgesteld_door_gemeente=gemeenten[i % len(gemeenten)],
                    voorgesteld_door=indiener,
                    motivatie="Benchmark",
                )
                for i in range((aantal + 1) // 2)
            ],
            batch_size=1000,
        )
        partijen = []
        for i, uitruil in enumerate(uitruilen):
            for kant in range(2):
                if len(partijen) == aantal:
                    break
                partijen.append(
                    UitruilPartij(
                        uitruil=uitruil,
                        gemeente=gemeenten[(i + kant * 7) % len(gemeenten)],
                        taak="asielopvang" if kant == 0 else "statushouders",
                        richting="neemt_op" if kant == 0 else "geeft_af",
                        aantal=10,
                    )
                )
        UitruilPartij.objects.bulk_create(partijen, batch_size=2000)


def meten(functie):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        uitkomst = functie()
        duur = time.perf_counter() - start
    return uitkomst, duur, len(queries.captured_queries)


def ronde(aantal: int, *, versturen: bool) -> list[tuple[str, int, float, int, str]]:
    from django.core import mail
    from django.core.mail import get_connection
    from django.utils import timezone

    from herinneringen import services
    from herinneringen.termijnen import open_termijnen

    zaaien(aantal)
    DATUM = timezone.localdate()  # the proposals were made today: step W+0 is due  # noqa: N806
    rijen = []
    termijnen, duur, q = meten(lambda: open_termijnen(vandaag=DATUM))
    assert len(termijnen) == aantal, len(termijnen)
    ontvangers = sum(len(t.ontvangers) for t in termijnen)
    rijen.append(("open termijnen verzamelen", aantal, duur, q, f"{ontvangers} ontvangers"))
    planning, duur, q = meten(lambda: services.herinneringen_plannen(datum=DATUM))
    rijen.append(("sweep 1 (plannen + bulk insert)", aantal, duur, q, f"{planning.nieuw} nieuw"))
    planning, duur, q = meten(lambda: services.herinneringen_plannen(datum=DATUM))
    rijen.append(("sweep 2 (zelfde dag)", aantal, duur, q, f"{planning.nieuw} nieuw"))
    if versturen:
        mail.outbox = []
        verbinding = get_connection("django.core.mail.backends.locmem.EmailBackend")

        def alles_versturen():
            n = 0
            for uid in services.ontvangers_met_herinneringen():
                if services.digest_versturen(
                    ontvanger_id=uid, verbinding=verbinding, vandaag=DATUM
                ):
                    n += 1
            return n

        n, duur, q = meten(alles_versturen)
        rijen.append(("alle digests versturen (locmem)", aantal, duur, q, f"{n} e-mails"))
    return rijen


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--termijnen", type=int, default=10_000)
    parser.add_argument("--versturen", action="store_true")
    args = parser.parse_args()
    database_aanmaken()
    import django

    django.setup()
    klein = ronde(max(args.termijnen // 10, 10), versturen=False)
    groot = ronde(args.termijnen, versturen=args.versturen)
    print("| stap | open termijnen | duur (s) | queries | uitkomst |")
    print("|---|---:|---:|---:|---|")
    for stap, aantal, duur, q, uitkomst in klein + groot:
        print(f"| {stap} | {aantal:,} | {duur:.2f} | {q} | {uitkomst} |")
    sweep_klein = next(r for r in klein if r[0].startswith("sweep 1"))
    sweep_groot = next(r for r in groot if r[0].startswith("sweep 1"))
    verzamelen = next(r for r in groot if r[0].startswith("open"))
    totaal = sweep_groot[2]
    print()
    print(
        f"Sweep over {args.termijnen:,} termijnen (verzamelen + plannen): {totaal:.2f} s "
        f"(drempel {DREMPEL_S:.0f} s); queries {sweep_klein[3]} bij {sweep_klein[1]:,} en "
        f"{sweep_groot[3]} bij {sweep_groot[1]:,} termijnen (verzamelen alleen: {verzamelen[3]})."
    )
    return 0 if totaal < DREMPEL_S and sweep_klein[3] == sweep_groot[3] else 1


if __name__ == "__main__":
    sys.exit(main())
