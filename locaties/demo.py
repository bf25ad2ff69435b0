"""Demo data of the location register (``make run``), on the real timeline (ADR 0007).

* **1 February 2026** (peildatum of meerjarig beschikbaar): COA's list of locations is read in
  through the import (so every location is confirmed by COA and its first phase carries
  source "COA"). Illustrative: the real list is not public. Per province the locations that
  count fully under the rule of ``locaties.berekening`` (bestuursovereenkomst concluded before
  the peildatum, available on 31 December 2028, in realisatie or in gebruik) add up exactly
  to the province's recorded meerjarig beschikbaar of 2026, whatever the margin: the figure
  is split over its largest gemeenten (and the demo gemeenten) by population, one location
  each. Beside them a few locations that do not count: one without a concluded agreement
  (planvorming), one that closes on 30 December 2028, one closed.
* **6 February 2026**: the ministry computes meerjarig beschikbaar from the register for all
  twelve provinces with the letter's rule (peildatum 1-2-2026, horizon 31-12-2028, margin 25%
  for the planning phase), through the normal act: dry run, then recorded with its fingerprint.
  Every province comes out at the figure recorded the day before (5 February), so the
  computation changes no number: it puts a gemeente figure and an explanation behind each
  province (the pages under /meerjarig-beschikbaar/). The 2026 raming was postponed on 5
  February, so it keeps its figures (only a computed concept takes them over).
* **15 June 2026**: Zaanstad reports that its planned location entered besluitvorming (COA
  is told); **22 June 2026** COA confirms it. Neither changes what counts.

Idempotent: a load finds the imported list by its COA references and adds nothing twice.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from decimal import Decimal

from accounts.models import Gebruiker, Rol
from core.demo import Klok, naar_rato, spreiding
from raming.demo_gebruikers import DEMO_GEMEENTEN
from raming.models import Gemeente, Inwonertal, MeerjarigBeschikbaar, Provincie, Wetscyclus

from . import beschikbaarheid, services, uitwisseling
from .models import Beschikbaarheidsberekening, Fase, Opvanglocatie, Soort

IMPORT_OP = dt.date(2026, 2, 1)
BEREKEND_OP = dt.date(2026, 2, 6)
HORIZON = dt.date(2028, 12, 31)
MARGE = Decimal(25)
FASE_OP = dt.date(2026, 6, 15)
BEVESTIGD_OP = dt.date(2026, 6, 22)
PLEKKEN_PER_LOCATIE = 400
PREFIX = "COA-"


def _gemeenten_per_provincie() -> dict[int, list[tuple[Gemeente, int]]]:
    inwoners = dict(
        Inwonertal.objects.filter(peildatum=dt.date(2023, 1, 1)).values_list(
            "gemeente_id", "aantal"
        )
    )
    uit: dict[int, list[tuple[Gemeente, int]]] = {}
    for gemeente in Gemeente.objects.order_by("naam"):
        uit.setdefault(gemeente.provincie_id, []).append((gemeente, inwoners.get(gemeente.pk, 0)))
    return uit


def _rij(gemeente: Gemeente, **w) -> dict:
    rij = {
        "COA-referentie": "",
        "Gemeentecode": gemeente.code,
        "Gemeente": gemeente.naam,
        "Naam": "",
        "Straat en huisnummer": "",
        "Postcode": "",
        "Plaats": gemeente.naam,
        "Soort": Soort.REGULIER_AZC.label,
        "Fase": Fase.IN_GEBRUIK.label,
        "Fase sinds": "",
        "Capaciteit regulier": "",
        "Capaciteit amv": "0",
        "Bestuursovereenkomst gesloten op": "",
        "Beschikbaar vanaf": "",
        "Beschikbaar tot": "",
        "Duurzaam": "ja",
    }
    rij.update({k: str(v) for k, v in w.items()})
    return rij


def coa_lijst() -> list[dict]:
    """The rows of COA's list of 1 February 2026 (see the module docstring)."""
    figuren = dict(
        MeerjarigBeschikbaar.objects.filter(cyclus__jaar=2026, provincie__isnull=False).values_list(
            "provincie_id", "aantal"
        )
    )
    per_provincie = _gemeenten_per_provincie()
    rijen: list[dict] = []
    # phases that count fully under the rule (locaties.berekening): no margin in the sums
    fasen = [Fase.IN_GEBRUIK, Fase.IN_GEBRUIK, Fase.REALISATIE]
    for provincie_id, figuur in sorted(figuren.items()):
        gemeenten = sorted(per_provincie.get(provincie_id, []), key=lambda g: (-g[1], g[0].naam))
        if figuur <= 0 or not gemeenten:
            continue
        aantal = min(len(gemeenten), max(1, math.ceil(figuur / PLEKKEN_PER_LOCATIE)))
        gekozen = {g.pk: (g, n) for g, n in gemeenten[:aantal]}
        for g, n in gemeenten:
            if g.naam in DEMO_GEMEENTEN:
                gekozen[g.pk] = (g, n)
        delen = naar_rato(figuur, {pk: max(n, 1) for pk, (_, n) in gekozen.items()})
        for pk, plekken in sorted(delen.items()):
            if plekken <= 0:
                continue
            gemeente = gekozen[pk][0]
            fase = fasen[int(spreiding(gemeente.code) * len(fasen))]
            if fase == Fase.IN_GEBRUIK:
                vanaf = dt.date(2019 + int(spreiding(gemeente.code + "v") * 6), 3, 1)
                sinds, gesloten = vanaf, dt.date(vanaf.year - 1, 11, 1)
            else:  # opens later; agreement concluded in 2025
                vanaf = dt.date(2026 + int(spreiding(gemeente.code + "v") * 2), 9, 1)
                sinds, gesloten = dt.date(2025, 9, 1), dt.date(2025, 6, 1)
            lang = spreiding(gemeente.code + "d") < 0.6
            rijen.append(
                _rij(
                    gemeente,
                    **{
                        "COA-referentie": f"{PREFIX}{gemeente.code}-1",
                        "Naam": f"Azc {gemeente.naam}",
                        "Fase": fase.label,
                        "Fase sinds": sinds.isoformat(),
                        "Capaciteit regulier": plekken,
                        "Bestuursovereenkomst gesloten op": gesloten.isoformat(),
                        "Beschikbaar vanaf": vanaf.isoformat(),
                        "Beschikbaar tot": ""
                        if lang
                        else dt.date(2031 + int(spreiding(gemeente.code + "t") * 5), 12, 31),
                        "Duurzaam": "ja" if lang else "nee",
                    },
                )
            )
    # locations that do not count (the register shows why)
    demo = {g.naam: g for g in Gemeente.objects.filter(naam__in=DEMO_GEMEENTEN)}
    if "Zaanstad" in demo:
        rijen.append(
            _rij(
                demo["Zaanstad"],
                **{
                    "COA-referentie": f"{PREFIX}{demo['Zaanstad'].code}-2",
                    "Naam": "Azc Zaanstad-Noord (plan)",
                    "Fase": Fase.PLANVORMING.label,
                    "Fase sinds": "2025-10-01",
                    "Capaciteit regulier": 250,
                    "Capaciteit amv": 25,
                    "Duurzaam": "nee",
                },
            )
        )
    if "Arnhem" in demo:
        rijen.append(
            _rij(
                demo["Arnhem"],
                **{
                    "COA-referentie": f"{PREFIX}{demo['Arnhem'].code}-2",
                    "Naam": "Noodopvang Arnhem-Schuytgraaf",
                    "Soort": Soort.NOODOPVANG.label,
                    "Fase sinds": "2025-06-01",
                    "Capaciteit regulier": 150,
                    "Bestuursovereenkomst gesloten op": "2025-04-15",
                    "Beschikbaar vanaf": "2025-06-01",
                    "Beschikbaar tot": "2028-12-30",
                    "Duurzaam": "nee",
                },
            )
        )
    if "Heerlen" in demo:
        rijen.append(
            _rij(
                demo["Heerlen"],
                **{
                    "COA-referentie": f"{PREFIX}{demo['Heerlen'].code}-2",
                    "Naam": "Doorstroomlocatie Heerlen",
                    "Soort": Soort.DOORSTROOM.label,
                    "Fase": Fase.GESLOTEN.label,
                    "Fase sinds": "2025-09-30",
                    "Capaciteit regulier": 120,
                    "Bestuursovereenkomst gesloten op": "2023-05-01",
                    "Beschikbaar vanaf": "2023-07-01",
                    "Beschikbaar tot": "2025-09-30",
                    "Duurzaam": "nee",
                },
            )
        )
    return rijen


def _als_csv(rijen: list[dict]) -> bytes:
    uit = io.StringIO()
    schrijver = csv.DictWriter(uit, fieldnames=uitwisseling.KOP, delimiter=";")
    schrijver.writeheader()
    schrijver.writerows(rijen)
    return uit.getvalue().encode("utf-8")


def laad(*, stdout, klok: Klok | None = None) -> None:
    klok = klok or Klok()
    if not klok.gebeurd(IMPORT_OP, 9):
        stdout.write("Opvanglocaties: nog niet (COA's lijst volgt op 1 februari 2026).")
        return
    coa = Gebruiker.objects.filter(username="coa", rol=Rol.COA).first()
    if coa is None or not MeerjarigBeschikbaar.objects.filter(cyclus__jaar=2026).exists():
        stdout.write(
            "Opvanglocaties: geen COA-gebruiker of meerjarig beschikbaar 2026; overgeslagen."
        )
        return
    if not Opvanglocatie.objects.filter(coa_referentie__startswith=PREFIX).exists():
        with klok.op(IMPORT_OP, 9):
            rijen = coa_lijst()
            uitwisseling.import_toepassen(
                door=coa, inhoud=_als_csv(rijen), naam="coa-locaties-2026-02-01.csv"
            )
        stdout.write(f"Opvanglocaties: lijst van COA ingelezen ({len(rijen)} locaties).")
    _berekenen(klok, stdout)
    plan = Opvanglocatie.objects.filter(
        coa_referentie__endswith="-2", naam__endswith="(plan)"
    ).first()
    gemeente_user = (
        Gebruiker.objects.filter(rol=Rol.GEMEENTE, gemeente=plan.gemeente).first() if plan else None
    )
    if plan is None or gemeente_user is None:
        return
    if plan.fase == Fase.PLANVORMING and klok.gebeurd(FASE_OP, 11):
        with klok.op(FASE_OP, 11):
            services.fase_wijzigen(
                door=gemeente_user,
                locatie=plan,
                naar_fase=Fase.BESLUITVORMING,
                datum=FASE_OP,
                toelichting="Het college heeft het voorstel aan de raad gestuurd.",
            )
        plan.refresh_from_db()
    if (
        plan.fase == Fase.BESLUITVORMING
        and not plan.is_bevestigd
        and klok.gebeurd(BEVESTIGD_OP, 10)
    ):
        with klok.op(BEVESTIGD_OP, 10):
            services.locatie_bevestigen(door=coa, locatie=plan)
        stdout.write("Opvanglocaties: fase van Azc Zaanstad-Noord gemeld en door COA bevestigd.")


def _berekenen(klok: Klok, stdout) -> None:
    """Meerjarig beschikbaar 2026 computed from the register (see the module docstring)."""
    cyclus = Wetscyclus.objects.filter(jaar=2026).first()
    ministerie = Gebruiker.objects.filter(username="ministerie", rol=Rol.MINISTERIE).first()
    if (
        cyclus is None
        or ministerie is None
        or not klok.gebeurd(BEREKEND_OP, 10)
        or Beschikbaarheidsberekening.objects.filter(cyclus=cyclus).exists()
    ):
        return
    invoer = {
        "cyclus": cyclus,
        "peildatum": IMPORT_OP,
        "horizon": HORIZON,
        "marge": MARGE,
        "provincie_ids": set(Provincie.objects.values_list("pk", flat=True)),
    }
    with klok.op(BEREKEND_OP, 10):
        voorbeeld = beschikbaarheid.beschikbaar_voorbeeld(door=ministerie, **invoer)
        beschikbaarheid.beschikbaar_vastleggen(
            door=ministerie,
            vingerafdruk=voorbeeld.vingerafdruk,
            toelichting=(
                "De regel van de Kamerbrief van 5 februari 2026 (voetnoot 1) op de lijst van COA "
                "van 1 februari 2026. Illustratief: de echte lijst is niet openbaar."
            ),
            **invoer,
        )
    stdout.write("Opvanglocaties: meerjarig beschikbaar 2026 uit het register berekend.")
