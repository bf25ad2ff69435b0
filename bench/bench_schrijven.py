"""The writes users wait for, single-user, on the seeded `rt_bench` (part of `make bench`).

Each write runs through its service, as the page or API would call it, with the production
settings of the load test (cachalot on the shared Redis, so its invalidation work counts).
Every repetition runs in a transaction that is rolled back afterwards, so the seeded data stays
as it is (a commit itself is not in the figure). Median and maximum of ``BENCH_WRITES_N``
(default 5) repetitions, after one unmeasured warm-up; target < 300 ms each. Also the median CPU
time of this process (``time.process_time``: what the write costs here, whatever the load of
the machine; PostgreSQL's and Redis's own work is not in it) and the SQL statements sent.

- saving the Noord-Brabant verslag of 2028 (56 rows, every row changed), and submitting it;
- proposing the 2028 verdeelbesluit (342 gemeenten), and fixing it;
- computing and storing the 2028 raming (342 gemeenten; set back to concept first, unmeasured);
- adopting the 2028 raming and publishing it (342 gemeenten; set back to concept or vastgesteld
  first, unmeasured): each tells every PRT secretary and gemeente user;
- an extension for all PRTs (2028).

Writes the table between the markers ``bench:schrijven`` in docs/performance.md and prints it.
Exit code 1 when a write is over the target or fails. ``BENCH_WRITES_ALLEEN=vaststellen``
measures only the writes whose name contains that text, and only prints the table (to compare
two versions of the code on the same data at the same load).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Gebruiker, Rol  # noqa: E402
from raming.models import Raming, Wetscyclus  # noqa: E402
from regietafels import services  # noqa: E402
from regietafels.models import Regietafel, Verslag  # noqa: E402

DOEL_MS = 300.0
N = int(os.environ.get("BENCH_WRITES_N", "5"))
ALLEEN = os.environ.get("BENCH_WRITES_ALLEEN", "")
RAPPORT = BASE / "docs" / "performance.md"
BEGIN, EIND = "<!-- bench:schrijven:begin -->", "<!-- bench:schrijven:eind -->"


class _Terug(Exception):
    pass


class _Teller:
    """Counts the SQL statements sent while it is installed."""

    def __init__(self):
        self.aantal = 0

    def __call__(self, execute, sql, params, many, context):
        self.aantal += 1
        return execute(sql, params, many, context)


def _meten(voorbereiden, schrijven) -> list[tuple[float, float, int]]:
    """(wall ms, CPU ms of this process, SQL statements) of ``schrijven(voorbereiden())`` per
    repetition, each rolled back."""
    metingen = []
    for i in range(N + 1):
        try:
            with transaction.atomic():
                staat = voorbereiden()
                teller = _Teller()
                with connection.execute_wrapper(teller):
                    begin, cpu = time.perf_counter(), time.process_time()
                    schrijven(staat)
                    wand, cpu = time.perf_counter() - begin, time.process_time() - cpu
                if i:  # the first one warms up
                    metingen.append((wand * 1000, cpu * 1000, teller.aantal))
                raise _Terug
        except _Terug:
            pass
    return metingen


def main() -> int:
    cyclus = Wetscyclus.objects.get(jaar=2028)
    ministerie = Gebruiker.objects.filter(rol=Rol.MINISTERIE).order_by("pk").first()
    tafel = Regietafel.objects.get(provincie__slug="noord-brabant")
    prt = Gebruiker.objects.filter(rol=Rol.PRT_SECRETARIS, provincie=tafel.provincie).first()
    verslag = Verslag.objects.get(regietafel=tafel, cyclus=cyclus)

    def verslag_klaar():
        v = Verslag.objects.get(pk=verslag.pk)
        regels = {}
        for regel in v.regels.all():
            velden = {veld: getattr(regel, veld) for veld in services.REGEL_VELDEN}
            velden["bestaande_locaties"] = (velden["bestaande_locaties"] or 0) + 1
            regels[regel.gemeente_id] = services.RegelInvoer(**velden)
        return v, regels

    def opslaan(staat):
        v, regels = staat
        services.verslag_opslaan(verslag=v, versie=v.versie, regels=regels, door=prt)

    def indienen_klaar():
        v, regels = verslag_klaar()
        services.verslag_opslaan(verslag=v, versie=v.versie, regels=regels, door=prt)
        return Verslag.objects.get(pk=v.pk)

    def indienen(v):
        services.verslag_indienen(verslag=v, door=prt, nu=timezone.now())

    def alle_ingediend():
        # the verdeelbesluit is proposed from submitted verslagen
        Verslag.objects.filter(cyclus=cyclus).update(
            status=Verslag.Status.INGEDIEND, ingediend_op=timezone.now()
        )
        return None

    def voorstellen(_):
        services.verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)

    def voorgesteld():
        alle_ingediend()
        return services.verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)

    def vaststellen(besluit):
        services.verdeelbesluit_vaststellen(
            verdeelbesluit=besluit,
            besluitdatum=timezone.localdate(),
            door=ministerie,
            # the seeded 2028 cycle has terms still running: the ministry's recorded override
            afwijkingsreden="Benchmark",
        )

    def raming_concept():
        from raming.selectors import geldende_raming

        raming = geldende_raming(cyclus)
        Raming.objects.filter(pk=raming.pk).update(status=Raming.Status.CONCEPT)
        return Raming.objects.get(pk=raming.pk)

    def berekenen(raming):
        from raming.services import raming_berekenen

        raming_berekenen(raming=raming, door=ministerie)

    def raming_terug(status):
        from raming.selectors import geldende_raming

        raming = geldende_raming(cyclus)
        Raming.objects.filter(pk=raming.pk).update(
            status=status, gepubliceerd_op=None, staatscourant_referentie=""
        )
        return Raming.objects.get(pk=raming.pk)

    def vaststellen_raming(raming):
        from raming.services import raming_vaststellen

        raming_vaststellen(raming=raming, door=ministerie)

    def publiceren(raming):
        from raming.services import raming_publiceren

        raming_publiceren(
            raming=raming,
            staatscourant_referentie="Stcrt. 2028, benchmark",
            gepubliceerd_op=timezone.localdate(),
            door=ministerie,
        )

    def verlengen(_):
        # a month after the latest deadline in force for any PRT of 2028
        laatste = max(
            d
            for d in [
                *services_termijnen(),
                cyclus.mijlpalen.order_by("-datum").values_list("datum", flat=True).first(),
                timezone.localdate(),
            ]
            if d is not None
        )
        services.verlenging_toekennen(
            cyclus=cyclus,
            nieuwe_datum=laatste + dt.timedelta(days=31),
            reden="Benchmark",
            door=ministerie,
        )

    def services_termijnen():
        from regietafels.models import Termijnverlenging

        return list(
            Termijnverlenging.objects.filter(cyclus=cyclus).values_list("nieuwe_datum", flat=True)
        )

    metingen = [
        ("verslag Noord-Brabant opslaan (56 regels)", verslag_klaar, opslaan),
        ("verslag Noord-Brabant indienen", indienen_klaar, indienen),
        ("verdeelbesluit voorstellen (342 gemeenten)", alle_ingediend, voorstellen),
        ("verdeelbesluit vaststellen (342 gemeenten)", voorgesteld, vaststellen),
        ("raming berekenen en opslaan (342 gemeenten)", raming_concept, berekenen),
        (
            "raming vaststellen (342 gemeenten)",
            lambda: raming_terug(Raming.Status.CONCEPT),
            vaststellen_raming,
        ),
        (
            "raming publiceren (342 gemeenten)",
            lambda: raming_terug(Raming.Status.VASTGESTELD),
            publiceren,
        ),
        ("verlenging voor alle PRT's", lambda: None, verlengen),
    ]
    regels = [
        f"Writes of `make bench` (`bench/bench_schrijven.py`) on "
        f"{timezone.now():%Y-%m-%d %H:%M} UTC, single user, {N} repetitions each (after one "
        f"warm-up), each in a transaction rolled back afterwards; load average at the start "
        f"{os.getloadavg()[0]:.1f} (the machine's two cores are shared with other work).",
        "",
        "| write | median (ms) | max (ms) | CPU median (ms) | queries | target | result |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    te_traag = False
    for naam, voorbereiden, schrijven in metingen:
        if ALLEEN not in naam:
            continue
        try:
            metingen = _meten(voorbereiden, schrijven)
        except Exception as fout:  # report, do not hide
            regels.append(f"| {naam} | – | – | – | – | < {DOEL_MS:.0f} | fout: {fout!s:.80} |")
            te_traag = True
            continue
        tijden = [wand for wand, _, _ in metingen]
        mediaan, hoogste = statistics.median(tijden), max(tijden)
        cpu = statistics.median(c for _, c, _ in metingen)
        queries = max(q for _, _, q in metingen)
        gehaald = mediaan < DOEL_MS
        te_traag |= not gehaald
        regels.append(
            f"| {naam} | {mediaan:.0f} | {hoogste:.0f} | {cpu:.0f} | {queries} | "
            f"< {DOEL_MS:.0f} | {'gehaald' if gehaald else 'NIET gehaald'} |"
        )
    blok = "\n".join(regels)
    print(blok)
    if ALLEEN:
        return 1 if te_traag else 0
    tekst = RAPPORT.read_text(encoding="utf-8")
    if BEGIN in tekst and EIND in tekst:
        voor, rest = tekst.split(BEGIN, 1)
        tekst = voor + BEGIN + "\n\n" + blok + "\n\n" + EIND + rest.split(EIND, 1)[1]
    else:
        tekst = tekst.rstrip() + "\n\n## Writes\n\n" + BEGIN + "\n\n" + blok + "\n\n" + EIND + "\n"
    RAPPORT.write_text(tekst, encoding="utf-8")
    return 1 if te_traag else 0


if __name__ == "__main__":
    sys.exit(main())
