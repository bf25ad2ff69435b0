"""Demo data of the raming: the 2024 and 2026 cycles as they happened, and the start of 2028
(``make run``). Every step runs at its historical moment and only when that moment has passed
(see ``core.demo``). Idempotent: every step checks what is already there.

What is a recorded fact and what is illustrative (also said in the app, in the raming's
explanation and in the source of each figure):

* **2024** is recorded as published (``historisch=True``): 96,000 places of which 8,140 amv,
  published 31 January 2024 (Stcrt. 2024, 3320), with the provincial opgave per province from
  ``raming_cijfers.csv`` (they sum to 96,002 because each gemeente was rounded on its own).
  The numbers per gemeente depended on SES-WOA scores that are not loaded here; the demo
  splits each provincial opgave over its gemeenten by population (1-1-2023) and marks that
  split as illustrative. Provincial amv and meerjarig beschikbaar of 2024 are not in the
  record: unknown.
* **2026**: MPP and capaciteitsbesluit COA of 26 September 2025 give 88,000 (recorded). The
  amv number of 2026 is not in the sources; illustrative: the 2024 share (≈ 8.5%) → 7,462.
  Population base: the newest loaded CBS figures (1-1-2023). Without SES-WOA scores the
  distribution is computed on population only (``zonder_ses=True``, illustrative), so the
  provincial opgaven differ from the published ones; the publication of 26 February 2026 is
  recorded with ``publicatie_registreren`` after the postponement of 5 February 2026.
* Meerjarig beschikbaar (about 50,000, peildatum 1-2-2026) is recorded for the six provinces
  whose "nog te realiseren" was reported (beschikbaar = opgave − reported figure; Groningen and
  Flevoland, reported 0 "already above the opgave": opgave + 5%, illustrative); for the other
  six the remaining national shortfall (about 38,000) is spread pro rata their opgave
  (illustrative).
* The late publication gives all PRTs one month more for their verslag (1 November → 1
  December 2026), decided on 26 February 2026 (Nota); that step is ``regietafels.demo``'s.
* **2028** (from 1 September 2027): the next cycle, with an illustrative raming published on
  29 January 2028 (no figures of 2028 exist yet; the 2026 inputs are reused).
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from accounts.models import Gebruiker, Rol
from core.demo import Klok, naar_rato

from . import demo_gebruikers, services
from .models import (
    GemeenteVerdeling,
    Herkomst,
    Invoerbesluit,
    Inwonertal,
    MeerjarigBeschikbaar,
    Provincie,
    Raming,
    Wetscyclus,
)

CIJFERS = "raming_cijfers.csv"
PEILDATUM_INWONERS = dt.date(2023, 1, 1)
PEILDATUM_BESCHIKBAAR = dt.date(2026, 2, 1)
AMV_AANDEEL_2024 = Decimal(8140) / Decimal(96000)
STCRT_2024 = "https://zoek.officielebekendmakingen.nl/stcrt-2024-3320.html"
PERS_2026 = dt.date(2026, 2, 27)
ILLUSTRATIEF_2026 = (
    "Illustratief: berekend op het inwonertal van 1-1-2023 zonder SES-WOA (de scores zijn hier "
    "niet geladen); de gepubliceerde opgaven van 26-2-2026 wijken daarvan af."
)
ILLUSTRATIEF_2024 = (
    "De aantallen per gemeente zijn illustratief: de provinciale opgave is hier naar rato van "
    "het inwonertal op 1-1-2023 over de gemeenten verdeeld (de gepubliceerde aantallen per "
    "gemeente gebruikten ook de SES-WOA-score, die hier niet is geladen)."
)


def _cijfers() -> list[dict] | None:
    pad = Path(getattr(settings, "REFERENCE_DATA_DIR", "")) / CIJFERS
    if not pad.is_file():
        return None
    with pad.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _getal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _ministerie():

    return (
        Gebruiker.objects.filter(username="ministerie").first()
        or Gebruiker.objects.filter(rol=Rol.MINISTERIE).order_by("pk").first()
    )


def _cyclus(klok: Klok, jaar: int, omschrijving: str, aangemaakt: dt.date) -> Wetscyclus | None:
    cyclus = Wetscyclus.objects.filter(jaar=jaar).first()
    if cyclus is not None or not klok.gebeurd(aangemaakt, 9):
        return cyclus
    with klok.op(aangemaakt, 9):
        return services.cyclus_aanmaken(jaar=jaar, omschrijving=omschrijving, door=_ministerie())


def laad(*, stdout, klok: Klok | None = None) -> None:

    klok = klok or Klok()
    # the demo users first: the raming records who adopted it
    demo_gebruikers.laad(stdout=stdout, klok=klok)
    rijen = _cijfers()
    if rijen is None:
        stdout.write(
            f"raming: {CIJFERS} niet gevonden in REFERENCE_DATA_DIR; demo-ramingen overgeslagen."
        )
        return
    door = _ministerie()
    _cyclus_2024(rijen, door, stdout, klok)
    _cyclus_2026(rijen, door, stdout, klok)
    _cyclus_2028(door, stdout, klok)


@transaction.atomic
def _cyclus_2024(rijen: list[dict], door, stdout, klok: Klok) -> None:
    cyclus = _cyclus(klok, 2024, "Eerste cyclus van de Spreidingswet", dt.date(2024, 1, 10))
    if cyclus is None:
        return
    if Raming.objects.filter(cyclus=cyclus).exists():
        stdout.write("raming: cyclus 2024 bestaat al.")
        return
    if not klok.gebeurd(dt.date(2024, 1, 31), 12):
        return
    opgaven = {
        r["provincie_code"]: int(r["aantal"])
        for r in rijen
        if r["cyclus"] == "2024" and r["soort"] == "provinciale_opgave"
    }
    with klok.op(dt.date(2024, 1, 31), 12):
        raming = services.historische_raming_vastleggen(
            cyclus=cyclus,
            landelijk_aantal=96_000,
            amv_aantal=8_140,
            opgaven=opgaven,
            gepubliceerd_op=dt.date(2024, 1, 31),
            staatscourant_referentie="Stcrt. 2024, 3320",
            bron_url=STCRT_2024,
            toelichting=(
                "Vastgelegd zoals gepubliceerd: het landelijke aantal (96.000, waarvan 8.140 amv) "
                "en de provinciale opgaven uit de Staatscourant (som 96.002, omdat elke gemeente "
                "apart is afgerond). Niet door Regietafel berekend. " + ILLUSTRATIEF_2024
            ),
            door=door,
        )
        _gemeenten_2024(raming, opgaven)
    stdout.write(f"raming: cyclus 2024 gepubliceerd vastgelegd ({len(opgaven)} provincies).")


def _gemeenten_2024(raming: Raming, opgaven: dict[str, int]) -> None:
    """The illustrative split of each recorded provincial opgave over its gemeenten."""
    inwoners = {
        (gemeente_id, code): aantal
        for gemeente_id, code, aantal in Inwonertal.objects.filter(
            peildatum=PEILDATUM_INWONERS
        ).values_list("gemeente_id", "gemeente__provincie__code", "aantal")
    }
    rijen = []
    for code, opgave in opgaven.items():
        gewichten = {g: n for (g, c), n in inwoners.items() if c == code}
        for gemeente_id, aantal in naar_rato(opgave, gewichten).items():
            amv = int((aantal * AMV_AANDEEL_2024).to_integral_value(ROUND_HALF_UP))
            rijen.append(
                GemeenteVerdeling(
                    raming=raming,
                    gemeente_id=gemeente_id,
                    inwoners=gewichten[gemeente_id],
                    aantal=aantal,
                    amv=amv,
                )
            )
    GemeenteVerdeling.objects.bulk_create(rijen)


def _beschikbaar_per_provincie(
    opgaven: dict[str, int], rijen: list[dict]
) -> dict[str, tuple[int, str, str]]:
    """Province code → (meerjarig beschikbaar, its source, its provenance), derived from the
    reported nog-te-realiseren figures (see the module docstring)."""
    gemeld = {
        r["provincie_code"]: (int(r["aantal"]), r["bron"])
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
    bron_pers = "pers over de gepubliceerde raming, 27-2-2026"
    beschikbaar: dict[str, tuple[int, str, str]] = {}
    for code, (tekort, _) in gemeld.items():
        if code not in opgaven:
            continue
        if tekort == 0:
            aantal = int(
                (Decimal(opgaven[code]) * Decimal("1.05")).to_integral_value(ROUND_HALF_UP)
            )
            beschikbaar[code] = (
                aantal,
                f"Gemeld ‘al boven de opgave’, nog te realiseren 0 ({bron_pers}); hier opgave + 5%",
                Herkomst.ILLUSTRATIEF,
            )
        else:
            beschikbaar[code] = (
                max(0, opgaven[code] - tekort),
                f"Opgave − gemeld nog te realiseren {_getal(tekort)} ({bron_pers})",
                Herkomst.VASTGELEGD,
            )
    overig = {code: opgave for code, opgave in opgaven.items() if code not in gemeld}
    rest_tekort = max(0, landelijk_tekort - sum(t for t, _ in gemeld.values()))
    for code, tekort in naar_rato(rest_tekort, overig).items():
        beschikbaar[code] = (
            max(0, overig[code] - tekort),
            "Het resterende landelijke tekort (ca. 38.000, Kamerbrief 5-2-2026) "
            "naar rato van de opgave verdeeld",
            Herkomst.ILLUSTRATIEF,
        )
    return beschikbaar


def _invoer_2026(cyclus: Wetscyclus, klok: Klok) -> Invoerbesluit | None:
    invoer = Invoerbesluit.objects.filter(cyclus=cyclus, datum=dt.date(2025, 9, 26)).first()
    if invoer is not None or not klok.gebeurd(dt.date(2025, 9, 26), 14):
        return invoer
    amv = int((88_000 * AMV_AANDEEL_2024).to_integral_value(ROUND_HALF_UP))
    with klok.op(dt.date(2025, 9, 26), 14):
        return services.invoerbesluit_vastleggen(
            cyclus=cyclus,
            soort=Invoerbesluit.Soort.MPP_EN_CAPACITEITSBESLUIT,
            datum=dt.date(2025, 9, 26),
            referentie="MPP en capaciteitsbesluit COA, 26 september 2025",
            landelijk_aantal=88_000,
            amv_aantal=amv,
            toelichting=(
                f"Landelijk aantal vastgelegd (MPP en capaciteitsbesluit COA). Het amv-aantal "
                f"({_getal(amv)}) is illustratief: het volgt het aandeel van 2024 "
                "(8.140 van 96.000 ≈ 8,5%); het werkelijke amv-aantal 2026 is hier niet bekend."
            ),
            door=_ministerie(),
        )


@transaction.atomic
def _cyclus_2026(rijen: list[dict], door, stdout, klok: Klok) -> None:
    cyclus = _cyclus(
        klok,
        2026,
        "Tweede cyclus; raming later gepubliceerd (26 februari 2026)",
        dt.date(2025, 9, 1),
    )
    if cyclus is None:
        return
    if not Inwonertal.objects.filter(peildatum=PEILDATUM_INWONERS).exists():
        stdout.write(
            "raming: geen inwonertallen op 1-1-2023 (import_gemeenten); raming 2026 overgeslagen."
        )
        return
    invoer = _invoer_2026(cyclus, klok)
    if invoer is None:
        return
    raming = Raming.objects.filter(cyclus=cyclus).order_by("versie").first()
    if raming is None:
        if not klok.gebeurd(dt.date(2026, 1, 20)):
            return
        with klok.op(dt.date(2026, 1, 20)):
            raming = services.raming_aanmaken(
                cyclus=cyclus,
                invoerbesluit=invoer,
                peildatum_inwoners=PEILDATUM_INWONERS,
                afrondingsmethode=Raming.Afronding.GROOTSTE_OVERSCHOT,
                zonder_ses=True,
                door=_ministerie(),
            )
            services.raming_berekenen(
                raming=raming,
                herkomst=Herkomst.ILLUSTRATIEF,
                bron=ILLUSTRATIEF_2026,
                door=_ministerie(),
            )
    if raming.status == Raming.Status.CONCEPT and klok.gebeurd(dt.date(2026, 2, 5), 11):
        with klok.op(dt.date(2026, 2, 5), 11):
            if not MeerjarigBeschikbaar.objects.filter(cyclus=cyclus).exists():
                opgaven = dict(raming.provincies.values_list("provincie__code", "opgave"))
                provincies = {p.code: p for p in Provincie.objects.all()}
                beschikbaar = _beschikbaar_per_provincie(opgaven, rijen)
                for code, (aantal, bron, herkomst) in beschikbaar.items():
                    services.meerjarig_beschikbaar_vastleggen(
                        cyclus=cyclus,
                        provincie=provincies[code],
                        aantal=aantal,
                        peildatum=PEILDATUM_BESCHIKBAAR,
                        bron=bron,
                        herkomst=herkomst,
                        bron_peildatum=PERS_2026,
                        door=_ministerie(),
                    )
            services.raming_berekenen(
                raming=raming,
                herkomst=Herkomst.ILLUSTRATIEF,
                bron=ILLUSTRATIEF_2026,
                door=_ministerie(),
            )
            raming = services.raming_uitstellen(
                raming=raming,
                reden=(
                    "De demissionaire minister liet de vaststelling van de capaciteitsraming aan "
                    "haar opvolger; de raming verschijnt na 1 februari."
                ),
                kamerbrief="Kamerbrief 5 februari 2026",
                uitgesteld_op=dt.date(2026, 2, 5),
                door=_ministerie(),
            )
    if raming.status == Raming.Status.UITGESTELD and klok.gebeurd(dt.date(2026, 2, 26), 12):
        with klok.op(dt.date(2026, 2, 26), 12):
            raming = services.publicatie_registreren(
                raming=raming,
                staatscourant_referentie="Staatscourant, 26 februari 2026",
                gepubliceerd_op=dt.date(2026, 2, 26),
                toelichting=(
                    "Publicatie van 26 februari 2026 geregistreerd (vastgelegd: 88.000 plekken, "
                    "uitstel 5-2-2026, publicatie 26-2-2026). Illustratief: de verdeling per "
                    "gemeente en de provinciale opgaven zijn hier zonder SES-WOA berekend "
                    "(alleen inwonertal 1-1-2023), omdat de SES-WOA-scores niet zijn geladen; "
                    "de officiële aantallen wijken daarvan af."
                ),
                door=door,
            )
        stdout.write("raming: cyclus 2026 uitgesteld (5-2-2026) en gepubliceerd (26-2-2026).")


@transaction.atomic
def _cyclus_2028(door, stdout, klok: Klok) -> None:
    """The next cycle, illustrative: created 1 September 2027, inputs 24 September 2027,
    published on time on 29 January 2028."""
    cyclus = _cyclus(
        klok, 2028, "Derde cyclus (illustratief: nog niet gebeurd)", dt.date(2027, 9, 1)
    )
    if cyclus is None or Raming.objects.filter(cyclus=cyclus).exists():
        return
    if not klok.gebeurd(dt.date(2028, 1, 29), 12):
        return
    if not Inwonertal.objects.filter(peildatum=PEILDATUM_INWONERS).exists():
        return
    with klok.op(dt.date(2027, 9, 24), 14):
        invoer = services.invoerbesluit_vastleggen(
            cyclus=cyclus,
            soort=Invoerbesluit.Soort.MPP_EN_CAPACITEITSBESLUIT,
            datum=dt.date(2027, 9, 24),
            referentie="MPP en capaciteitsbesluit COA (illustratief)",
            landelijk_aantal=88_000,
            amv_aantal=int((88_000 * AMV_AANDEEL_2024).to_integral_value(ROUND_HALF_UP)),
            toelichting="Illustratief: de cijfers van 2028 bestaan nog niet; die van 2026.",
            door=_ministerie(),
        )
    with klok.op(dt.date(2028, 1, 15)):
        raming = services.raming_aanmaken(
            cyclus=cyclus,
            invoerbesluit=invoer,
            peildatum_inwoners=PEILDATUM_INWONERS,
            afrondingsmethode=Raming.Afronding.GROOTSTE_OVERSCHOT,
            zonder_ses=True,
            door=_ministerie(),
        )
        services.raming_berekenen(
            raming=raming,
            herkomst=Herkomst.ILLUSTRATIEF,
            bron="Illustratief: de raming 2028 bestaat nog niet; berekend met de invoer van 2026.",
            door=_ministerie(),
        )
    with klok.op(dt.date(2028, 1, 29), 12):
        services.publicatie_registreren(
            raming=raming,
            staatscourant_referentie="Staatscourant, 29 januari 2028 (illustratief)",
            gepubliceerd_op=dt.date(2028, 1, 29),
            toelichting=(
                "Illustratief: deze raming bestaat nog niet; de demo toont hoe de derde cyclus "
                "begint, met de invoer van 2026 en zonder SES-WOA berekend."
            ),
            door=door,
        )
    stdout.write("raming: cyclus 2028 (illustratief) gepubliceerd op 29-1-2028.")
