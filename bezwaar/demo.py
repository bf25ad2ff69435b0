"""Demo bezwaren (``make run``), each step at its moment through the services (ADR 0007).

After the 2024 verdeelbesluiten (23 December 2024) Almelo, Voorschoten, Wassenaar and the
province of Gelderland lodged bezwaar (recorded fact). The dates, the grounds, the hearings and
the outcomes here are illustrative: Almelo and Wassenaar by letter, Voorschoten by post after the
term (excused, and the decision postponed once), Gelderland in the app through its PRT secretary;
Wassenaar partly gegrond with the motivation supplemented (its number unchanged), the others
ongegrond. 2026 (illustrative): Heerlen objects in the app in January 2027; decided in March.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from accounts.models import Gebruiker
from core.demo import Klok
from raming.models import Provincie, Wetscyclus
from regietafels.models import VerdeelbesluitRegel
from regietafels.selectors import geldend_verdeelbesluit

from . import services
from .models import Bezwaar

D = dt.date
ILLUSTRATIEF = "Illustratief (demo): "


@dataclass(frozen=True)
class Plan:
    jaar: int
    gemeente: str  # the beschikking objected to ("" for Gelderland: chosen from its rows)
    indiener: str
    ontvangen: dt.date
    gronden: str
    door: str = "ministerie"  # the demo user who lodges it (the ministry: received by post)
    verzonden: dt.date | None = None
    verschoonbaar: tuple[dt.date, str] | None = None
    verdaagd: tuple[dt.date, str] | None = None
    gehoord: dt.date | None = None
    beslist: tuple[dt.date, str, str] | None = None  # date, uitkomst, motivering
    provincie: str = ""


ONGEGROND_2024 = (
    "Het verdeelbesluit volgt de capaciteitsraming en het verslag van de regietafel; de "
    "restopgave is naar rato van het indicatieve aantal verdeeld over de gemeenten die minder "
    "aanboden. De aangevoerde omstandigheden zijn bij de vrijstellingen gewogen en geven geen "
    "grond voor een ander aantal."
)

PLANNEN = (
    Plan(
        2024,
        "Almelo",
        Bezwaar.Indiener.GEMEENTE,
        ontvangen=D(2025, 1, 29),
        gronden="De gemeente vangt al veel asielzoekers op en vindt de restopgave onevenredig.",
        gehoord=D(2025, 3, 4),
        beslist=(D(2025, 3, 13), Bezwaar.Uitkomst.ONGEGROND, ONGEGROND_2024),
    ),
    Plan(
        2024,
        "Wassenaar",
        Bezwaar.Indiener.GEMEENTE,
        ontvangen=D(2025, 1, 31),
        gronden="De beschikking motiveert niet waarom de gemeente geen vrijstelling krijgt.",
        gehoord=D(2025, 3, 5),
        beslist=(
            D(2025, 3, 14),
            Bezwaar.Uitkomst.GEDEELTELIJK_GEGROND,
            "De beschikking motiveerde de weigering van een vrijstelling onvoldoende; die "
            "motivering wordt met deze beslissing aangevuld. Het aantal blijft ongewijzigd.",
        ),
    ),
    Plan(
        2024,
        "",
        Bezwaar.Indiener.PROVINCIE,
        provincie="gelderland",
        door="prt-gelderland",
        ontvangen=D(2025, 2, 3),
        gronden="De provincie vindt dat de restopgave de afspraken aan de regietafel doorkruist.",
        gehoord=D(2025, 3, 6),
        beslist=(D(2025, 3, 17), Bezwaar.Uitkomst.ONGEGROND, ONGEGROND_2024),
    ),
    Plan(
        2024,
        "Voorschoten",
        Bezwaar.Indiener.GEMEENTE,
        ontvangen=D(2025, 2, 12),
        verzonden=D(2025, 2, 10),
        gronden="De gemeente heeft onvoldoende geschikte locaties voor het vastgestelde aantal.",
        verschoonbaar=(
            D(2025, 2, 17),
            "De beschikking is naar een verouderd adres gestuurd en pas op 3 februari 2025 "
            "bij de gemeente aangekomen.",
        ),
        verdaagd=(D(2025, 3, 20), "Meer tijd voor het horen en het advies over de locaties."),
        gehoord=D(2025, 4, 8),
        beslist=(D(2025, 5, 2), Bezwaar.Uitkomst.ONGEGROND, ONGEGROND_2024),
    ),
    Plan(
        2026,
        "Heerlen",
        Bezwaar.Indiener.GEMEENTE,
        door="gemeente-heerlen",
        ontvangen=D(2027, 1, 20),
        gronden="De gemeente vraagt rekening te houden met de bestaande opvang in Parkstad.",
        gehoord=D(2027, 2, 23),
        beslist=(D(2027, 3, 9), Bezwaar.Uitkomst.ONGEGROND, ONGEGROND_2024),
    ),
)


def _gebruiker(username: str):
    return Gebruiker.objects.filter(username=username, is_demo=True).first()


def _regel(plan: Plan, cyclus):
    besluit = geldend_verdeelbesluit(cyclus)
    if besluit is None:
        return None
    regels = VerdeelbesluitRegel.objects.filter(verdeelbesluit=besluit)
    if plan.provincie:
        provincie = Provincie.objects.filter(slug=plan.provincie).first()
        return (
            regels.filter(gemeente__provincie=provincie)
            .order_by("-restopgave", "gemeente__code")
            .first()
        )
    return regels.filter(gemeente__naam=plan.gemeente).first()


def laad(*, stdout, klok: Klok | None = None) -> None:
    klok = klok or Klok()
    ministerie = _gebruiker("ministerie")
    if ministerie is None:
        return
    stappen = 0
    for plan in PLANNEN:
        cyclus = Wetscyclus.objects.filter(jaar=plan.jaar).first()
        if cyclus is None or not klok.gebeurd(plan.ontvangen, 11):
            continue
        with transaction.atomic():
            stappen += _verloop(plan, cyclus, klok, ministerie)
    if stappen:
        stdout.write(f"bezwaar: {stappen} stap(pen) in de demobezwaren.")


def _verloop(plan: Plan, cyclus, klok: Klok, ministerie) -> int:
    indiener = _gebruiker(plan.door)
    regel = _regel(plan, cyclus)
    if indiener is None or regel is None:
        return 0
    bezwaar = Bezwaar.objects.filter(
        regel__verdeelbesluit__cyclus=cyclus, gemeente=regel.gemeente, indiener=plan.indiener
    ).first()
    stappen = 0
    if bezwaar is None:
        gronden = ILLUSTRATIEF + plan.gronden
        with klok.op(plan.ontvangen, 11):
            if plan.door == "ministerie":
                bezwaar = services.bezwaar_registreren(
                    regel=regel,
                    indiener=plan.indiener,
                    ontvangen_op=plan.ontvangen,
                    verzonden_op=plan.verzonden,
                    gronden=gronden,
                    door=ministerie,
                )
            else:
                bezwaar = services.bezwaar_indienen(regel=regel, gronden=gronden, door=indiener)
        stappen += 1
    if plan.verschoonbaar and not bezwaar.verschoonbaar and klok.gebeurd(plan.verschoonbaar[0]):
        with klok.op(plan.verschoonbaar[0]):
            bezwaar = services.verschoonbaar_vastleggen(
                bezwaar=bezwaar, reden=plan.verschoonbaar[1], door=ministerie
            )
        stappen += 1
    if plan.verdaagd and not bezwaar.uitstellen.exists() and klok.gebeurd(plan.verdaagd[0]):
        with klok.op(plan.verdaagd[0]):
            services.verdagen(bezwaar=bezwaar, reden=plan.verdaagd[1], door=ministerie)
        stappen += 1
    if plan.gehoord and bezwaar.gehoord_op is None and klok.gebeurd(plan.gehoord, 14):
        with klok.op(plan.gehoord, 14):
            bezwaar = services.horen_vastleggen(
                bezwaar=bezwaar, gehoord_op=plan.gehoord, door=ministerie
            )
        stappen += 1
    if plan.beslist and bezwaar.status == Bezwaar.Status.IN_BEHANDELING:
        datum, uitkomst, motivering = plan.beslist
        if klok.gebeurd(datum, 15):
            with klok.op(datum, 15):
                services.beslissen(
                    bezwaar=bezwaar,
                    uitkomst=uitkomst,
                    motivering=ILLUSTRATIEF + motivering,
                    beslist_op=datum,
                    door=ministerie,
                )
            stappen += 1
    return stappen
