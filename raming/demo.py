"""Demo data of the raming: the 2024 and 2026 cycles as they happened (``make run``).

Idempotent: every step checks what is already there, so a second run changes nothing.

Choices and assumptions (also shown in the app where they matter):

* **2024** is recorded as published (``historisch=True``): 96,000 places of which 8,140 amv,
  published 31 January 2024 (Stcrt. 2024, 3320), with the official provincial opgave per
  province from ``raming_cijfers.csv`` (they sum to 96,002 because each gemeente was rounded
  on its own). Regietafel does not recompute it: the per-gemeente numbers depended on SES-WOA
  scores that are not loaded here.
* **2026**: MPP and capaciteitsbesluit COA of 26 September 2025 give 88,000. The amv number of
  2026 is not in the sources; **assumption**: the 2024 share (8,140 / 96,000 ≈ 8.5%) →
  7,480. Population base: the newest loaded CBS figures (1-1-2023; the statutory base would be
  1-1-2025, which is not available here).
* No SES-WOA scores are available, so the 2026 indicative distribution is computed on
  population only and marked ``zonder_ses=True``. The normal route (``raming_vaststellen``)
  refuses such a raming; the demo therefore records the publication of 26 February 2026 with
  ``publicatie_registreren`` (a historical registration, ``historisch=True``) with an
  explanation, so the app keeps what was published while being explicit that these numbers
  are a population-only approximation.
* Meerjarig beschikbaar (about 50,000, peildatum 1-2-2026) is only known nationally and as six
  provincial "nog te realiseren" figures. It is recorded **per province**: for the four
  reported provinces with a shortfall, beschikbaar = opgave − reported nog te realiseren; for
  Groningen and Flevoland (reported 0, "already above the opgave") beschikbaar = opgave + 5%;
  the remaining national shortfall (38,000 minus the reported ones) is spread over the six
  other provinces pro rata their opgave. The national total then lands at about 50,000 and
  38,000 (a little above 50,000 because of the 5% surplus).
* The postponement on 5 February 2026 (Kamerbrief) and the publication 26 days late give all
  PRTs one month more for their verslag (1 November → 1 December 2026); that extension is
  recorded by ``regietafels.demo``.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from . import services
from .models import Invoerbesluit, Inwonertal, MeerjarigBeschikbaar, Raming, Wetscyclus

CIJFERS = "raming_cijfers.csv"
PEILDATUM_INWONERS = dt.date(2023, 1, 1)
PEILDATUM_BESCHIKBAAR = dt.date(2026, 2, 1)
AMV_AANDEEL_2024 = Decimal(8140) / Decimal(96000)


def _cijfers() -> list[dict] | None:
    pad = Path(getattr(settings, "REFERENCE_DATA_DIR", "")) / CIJFERS
    if not pad.is_file():
        return None
    with pad.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _ministerie():
    from accounts.models import Gebruiker, Rol

    return (
        Gebruiker.objects.filter(username="ministerie").first()
        or Gebruiker.objects.filter(rol=Rol.MINISTERIE).order_by("pk").first()
    )


def _cyclus(jaar: int, omschrijving: str) -> Wetscyclus:
    cyclus = Wetscyclus.objects.filter(jaar=jaar).first()
    return cyclus or services.cyclus_aanmaken(jaar=jaar, omschrijving=omschrijving)


def laad(*, stdout) -> None:
    from . import demo_gebruikers

    # the demo users first: the raming records who adopted it
    demo_gebruikers.laad(stdout=stdout)
    rijen = _cijfers()
    if rijen is None:
        stdout.write(
            f"raming: {CIJFERS} niet gevonden in REFERENCE_DATA_DIR; demo-ramingen overgeslagen."
        )
        return
    door = _ministerie()
    _cyclus_2024(rijen, door, stdout)
    _cyclus_2026(rijen, door, stdout)


@transaction.atomic
def _cyclus_2024(rijen: list[dict], door, stdout) -> None:
    cyclus = _cyclus(2024, "Eerste cyclus van de Spreidingswet")
    if Raming.objects.filter(cyclus=cyclus).exists():
        stdout.write("raming: cyclus 2024 bestaat al.")
        return
    opgaven = {
        r["provincie_code"]: int(r["aantal"])
        for r in rijen
        if r["cyclus"] == "2024" and r["soort"] == "provinciale_opgave"
    }
    services.historische_raming_vastleggen(
        cyclus=cyclus,
        landelijk_aantal=96_000,
        amv_aantal=8_140,
        opgaven=opgaven,
        gepubliceerd_op=dt.date(2024, 1, 31),
        staatscourant_referentie="Stcrt. 2024, 3320",
        toelichting=(
            "Vastgelegd zoals gepubliceerd: provinciale opgaven uit de Staatscourant "
            "(som 96.002, omdat elke gemeente apart is afgerond). Niet door Regietafel berekend."
        ),
        door=door,
    )
    stdout.write(f"raming: cyclus 2024 gepubliceerd vastgelegd ({len(opgaven)} provincies).")


def _beschikbaar_per_provincie(opgaven: dict[str, int], rijen: list[dict]) -> dict[str, int]:
    """See the module docstring: derive meerjarig beschikbaar per province from the reported
    nog-te-realiseren figures."""
    gemeld = {
        r["provincie_code"]: int(r["aantal"])
        for r in rijen
        if r["cyclus"] == "2026"
        and r["soort"] == "nog_te_realiseren"
        and r["provincie_code"] != "NL"
    }
    landelijk_tekort = next(
        (
            int(r["aantal"])
            for r in rijen
            if r["cyclus"] == "2026"
            and r["soort"] == "nog_te_realiseren"
            and r["provincie_code"] == "NL"
        ),
        38_000,
    )
    beschikbaar: dict[str, int] = {}
    for code, tekort in gemeld.items():
        if code not in opgaven:
            continue
        if tekort == 0:
            beschikbaar[code] = int(
                (Decimal(opgaven[code]) * Decimal("1.05")).to_integral_value(ROUND_HALF_UP)
            )
        else:
            beschikbaar[code] = max(0, opgaven[code] - tekort)
    overig = {code: opgave for code, opgave in opgaven.items() if code not in gemeld}
    rest_tekort = max(0, landelijk_tekort - sum(gemeld.values()))
    som_overig = sum(overig.values()) or 1
    for code, opgave in overig.items():
        tekort = int((Decimal(rest_tekort) * opgave / som_overig).to_integral_value(ROUND_HALF_UP))
        beschikbaar[code] = max(0, opgave - tekort)
    return beschikbaar


@transaction.atomic
def _cyclus_2026(rijen: list[dict], door, stdout) -> None:
    cyclus = _cyclus(2026, "Tweede cyclus; raming later gepubliceerd (26 februari 2026)")
    if not Inwonertal.objects.filter(peildatum=PEILDATUM_INWONERS).exists():
        stdout.write(
            "raming: geen inwonertallen op 1-1-2023 (import_gemeenten); raming 2026 overgeslagen."
        )
        return
    invoer = Invoerbesluit.objects.filter(cyclus=cyclus, datum=dt.date(2025, 9, 26)).first()
    if invoer is None:
        amv = int((88_000 * AMV_AANDEEL_2024).to_integral_value(ROUND_HALF_UP))
        invoer = services.invoerbesluit_vastleggen(
            cyclus=cyclus,
            soort=Invoerbesluit.Soort.MPP_EN_CAPACITEITSBESLUIT,
            datum=dt.date(2025, 9, 26),
            referentie="MPP en capaciteitsbesluit COA, 26 september 2025",
            landelijk_aantal=88_000,
            amv_aantal=amv,
            toelichting=(
                f"Aanname: het amv-aantal ({amv}) volgt het aandeel van 2024 "
                "(8.140 van 96.000 ≈ 8,5%); het werkelijke amv-aantal 2026 is hier niet bekend."
            ),
        )
    raming = Raming.objects.filter(cyclus=cyclus).order_by("versie").first()
    if raming is None:
        raming = services.raming_aanmaken(
            cyclus=cyclus,
            invoerbesluit=invoer,
            peildatum_inwoners=PEILDATUM_INWONERS,
            afrondingsmethode=Raming.Afronding.GROOTSTE_OVERSCHOT,
            zonder_ses=True,
        )
    if raming.status == Raming.Status.CONCEPT:
        if not MeerjarigBeschikbaar.objects.filter(cyclus=cyclus).exists():
            services.raming_berekenen(raming=raming)
            opgaven = dict(raming.provincies.values_list("provincie__code", "opgave"))
            from .models import Provincie

            provincies = {p.code: p for p in Provincie.objects.all()}
            for code, aantal in _beschikbaar_per_provincie(opgaven, rijen).items():
                services.meerjarig_beschikbaar_vastleggen(
                    cyclus=cyclus,
                    provincie=provincies[code],
                    aantal=aantal,
                    peildatum=PEILDATUM_BESCHIKBAAR,
                    bron=(
                        "Demo: afgeleid uit de gemelde ‘nog te realiseren’-cijfers "
                        "(Kamerbrief 5-2-2026; pers 27-2-2026); zie raming/demo.py"
                    ),
                )
        services.raming_berekenen(raming=raming)
        raming = services.raming_uitstellen(
            raming=raming,
            reden=(
                "De demissionaire minister liet de vaststelling van de capaciteitsraming aan "
                "haar opvolger; de raming verschijnt na 1 februari."
            ),
            kamerbrief="Kamerbrief 5 februari 2026",
            uitgesteld_op=dt.date(2026, 2, 5),
        )
    if raming.status == Raming.Status.UITGESTELD:
        raming = services.publicatie_registreren(
            raming=raming,
            staatscourant_referentie="Staatscourant, 26 februari 2026",
            gepubliceerd_op=dt.date(2026, 2, 26),
            toelichting=(
                "Publicatie van 26 februari 2026 geregistreerd. De indicatieve verdeling per "
                "gemeente is hier zonder SES-WOA berekend (alleen inwonertal 1-1-2023), omdat de "
                "SES-WOA-scores niet zijn geladen; de officiële aantallen wijken daarvan af."
            ),
            door=door,
        )
        stdout.write("raming: cyclus 2026 uitgesteld (5-2-2026) en gepubliceerd (26-2-2026).")
