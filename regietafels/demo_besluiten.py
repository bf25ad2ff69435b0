"""Demo verdeelbesluiten and realisation (``make run``), each step at its moment.

2024 (recorded): proposed from the assessed verslagen, the restopgave spread by the project's
own rule (``services.verdeelbesluit_voorstellen``: pro rata the indicative number over the
gemeenten that offered less), Cranendonck and Gilze en Rijen exempted, fixed on 23 December
2024; realisation reported up to 30 June 2025, a few gemeenten behind until November 2025
(the reports are illustrative). Realised places are the register's locations in gebruik plus
the reports without a location (ADR 0014): at each report date a location in gebruik that the
register held on that date and that no report names yet is reported by name (it counts
already, the report adds nothing), and a report without a location brings the gemeente to
that date's share of its number, so the figure is never above the share unless its locations
alone are. The register starts with COA's list of 1-2-2026 (``locaties.demo``, loaded before
this), which also holds locations that were in gebruik long before: the reports of 2025 were
made without it, so they name no location. When the list is in (1 February 2026, 10:00) each
PRT ties its gemeenten's reports to the locations in gebruik that no report names
(``services.meldingen_aan_locatie_koppelen``: the reports are lowered by the location's
places, oldest first, and one names the location), so those places count once. A load on 15
January and again on 15 February thus gives the same rows and figures as one load on 15
February. Where a
verslag offered more than a gemeente's number, the number is fixed at the indicative number
with that reason, so each province's total is its opgave. 2026 (illustrative): the same steps
in December 2026, realisation through the first half of 2027.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Gebruiker, Rol
from core.demo import Klok, spreiding
from locaties.demo import IMPORT_OP
from locaties.models import Opvanglocatie
from raming.models import Herkomst, Wetscyclus

from . import selectors, services
from .models import Realisatiemelding, Verdeelbesluit, VerdeelbesluitRegel, Verslag

D = dt.date
VRIJSTELLING_2024 = (
    "Vrijgesteld van de restopgave in het verdeelbesluit van 23 december 2024 (zoals gemeld); "
    "de gemeente vangt al veel asielzoekers op in een bestaande COA-locatie."
)
BOVEN_AANTAL = (
    "Het verslag biedt meer dan het indicatieve aantal; vastgesteld op het indicatieve aantal "
    "(het meerdere telt als extra aanbod van de provincie)."
)


@dataclass(frozen=True)
class Besluitplan:
    jaar: int
    voorgesteld: dt.date
    vrijstellingen: tuple[str, ...]
    vrijstelling_reden: str
    vastgesteld: dt.date
    # report date, cumulative share realised, and the share the gemeenten that fall behind
    # reach by then (1.0: they have caught up)
    tranches: tuple[tuple[dt.date, float, float], ...]


BESLUITEN = (
    Besluitplan(
        2024,
        voorgesteld=D(2024, 12, 9),
        vrijstellingen=("Cranendonck", "Gilze en Rijen"),
        vrijstelling_reden=VRIJSTELLING_2024,
        vastgesteld=D(2024, 12, 23),
        tranches=(
            (D(2025, 3, 31), 0.6, 0.75),
            (D(2025, 6, 27), 1.0, 0.75),
            (D(2025, 11, 28), 1.0, 1.0),
        ),
    ),
    Besluitplan(
        2026,
        voorgesteld=D(2026, 12, 17),
        vrijstellingen=(),
        vrijstelling_reden="",
        vastgesteld=D(2026, 12, 22),
        tranches=(
            (D(2027, 2, 15), 0.4, 0.75),
            (D(2027, 4, 15), 0.7, 0.75),
            (D(2027, 6, 15), 1.0, 0.75),
            (D(2027, 11, 26), 1.0, 1.0),
        ),
    ),
)


def besluiten_en_realisatie(*, stdout, klok: Klok, ministerie) -> None:
    for plan in BESLUITEN:
        cyclus = Wetscyclus.objects.filter(jaar=plan.jaar).first()
        if cyclus is None:
            continue
        with transaction.atomic():
            besluit = _verdeelbesluit(cyclus, plan, klok, ministerie, stdout)
        if besluit is not None and besluit.status == Verdeelbesluit.Status.VASTGESTELD:
            with transaction.atomic():
                _realisatie(cyclus, besluit, plan, klok, stdout)
            with transaction.atomic():
                _koppelen(cyclus, besluit, klok, stdout)


def _verdeelbesluit(cyclus, plan: Besluitplan, klok: Klok, ministerie, stdout):
    besluit = Verdeelbesluit.objects.filter(cyclus=cyclus).order_by("versie").first()
    if besluit is None:
        if not klok.gebeurd(plan.voorgesteld):
            return None
        verslagen = Verslag.objects.filter(cyclus=cyclus)
        if verslagen.count() < 12 or verslagen.exclude(status=Verslag.Status.BEOORDEELD).exists():
            stdout.write(f"regietafels: verdeelbesluit {plan.jaar}: nog niet alle verslagen "
                         "beoordeeld; overgeslagen.")  # fmt: skip
            return None
        with klok.op(plan.voorgesteld):
            besluit = services.verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
            _aanpassen(besluit, plan, ministerie)
        stdout.write(f"regietafels: verdeelbesluit {plan.jaar} voorgesteld.")
    if besluit.status == Verdeelbesluit.Status.CONCEPT and klok.gebeurd(plan.vastgesteld, 11):
        with klok.op(plan.vastgesteld, 11):
            besluit = services.verdeelbesluit_vaststellen(
                verdeelbesluit=besluit, besluitdatum=plan.vastgesteld, door=ministerie
            )
        stdout.write(f"regietafels: verdeelbesluit {plan.jaar} vastgesteld op "
                     f"{plan.vastgesteld:%d-%m-%Y}.")  # fmt: skip
    return besluit


def _aanpassen(besluit: Verdeelbesluit, plan: Besluitplan, ministerie) -> None:
    regels = VerdeelbesluitRegel.objects.filter(verdeelbesluit=besluit)
    for regel in regels.filter(gemeente__naam__in=plan.vrijstellingen):
        services.gemeente_vrijstellen(
            regel=regel, vrijgesteld=True, reden=plan.vrijstelling_reden, door=ministerie
        )
    for regel in regels.all():
        if regel.aangeboden > regel.indicatief_aantal and regel.aantal > regel.indicatief_aantal:
            services.regel_aanpassen(
                regel=regel, aantal=regel.indicatief_aantal, reden=BOVEN_AANTAL, door=ministerie
            )


def _realisatie(cyclus, besluit: Verdeelbesluit, plan: Besluitplan, klok: Klok, stdout) -> None:

    secretarissen = {
        u.provincie_id: u
        for u in Gebruiker.objects.filter(rol=Rol.PRT_SECRETARIS, is_demo=True).order_by("-pk")
    }
    # every report made, also one withdrawn later (tied to its location): made once
    data: set[tuple[int, dt.date]] = set(
        Realisatiemelding.alle.filter(cyclus=cyclus).values_list("gemeente_id", "datum")
    )
    # the day each location came into the register: a report knows only those before it
    geregistreerd = {
        pk: timezone.localdate(op)
        for pk, op in Opvanglocatie.objects.values_list("pk", "aangemaakt_op")
    }
    regels = list(
        besluit.regels.filter(aantal__gt=0).select_related("gemeente").order_by("gemeente__code")
    )
    gemeente_ids = {r.gemeente_id for r in regels}
    nieuw = 0
    for datum, aandeel, achterstand in plan.tranches:
        if not klok.gebeurd(datum, 12):
            break
        with klok.op(datum, 12):
            # what counts on the day: the locations in gebruik plus reports without a location
            standen = selectors.standen(cyclus, gemeente_ids=gemeente_ids, datum=datum)
            for regel in regels:
                gemeente = regel.gemeente
                door = secretarissen.get(gemeente.provincie_id)
                if door is None or (gemeente.pk, datum) in data:
                    continue
                stand = standen.get(gemeente.pk) or selectors.Stand()
                bekend = [loc for loc in stand.locaties if geregistreerd[loc.locatie_id] <= datum]
                # a location in gebruik is reported by name (it counts already; the report
                # says these places are that location)
                for loc in bekend:
                    if loc.locatie_id in stand.gemeld_bij_locatie:
                        continue
                    services.realisatie_melden(
                        gemeente=gemeente,
                        cyclus=cyclus,
                        datum=datum,
                        aantal=None,
                        locatie=Opvanglocatie.objects.get(pk=loc.locatie_id),
                        door=door,
                        opmerking="Illustratief: demomelding van een locatie uit het register.",
                        herkomst={
                            "herkomst": Herkomst.ILLUSTRATIEF,
                            "bron": "De demo meldt een locatie in gebruik uit de lijst van COA "
                            "(illustratief) bij naam.",
                        },
                    )
                    nieuw += 1
                # some gemeenten fall behind (illustrative)
                achter = spreiding(f"realisatie-{plan.jaar}-{gemeente.code}") < 0.15
                doel = int(regel.aantal * aandeel * (achterstand if achter else 1))
                # what the gemeente has reported by then: its reports without a location, the
                # locations it knew, and the ones a report names (tied later: a load after the
                # tie finds the same total as the load before it, and adds nothing)
                gemeld = stand.zonder_locatie + sum(
                    loc.plekken
                    for loc in stand.locaties
                    if geregistreerd[loc.locatie_id] <= datum
                    or loc.locatie_id in stand.gemeld_bij_locatie
                )
                erbij = doel - gemeld
                if erbij < 1:
                    continue
                services.realisatie_melden(
                    gemeente=gemeente,
                    cyclus=cyclus,
                    datum=datum,
                    aantal=erbij,
                    # within its number by construction; a location the register got later
                    # (and that counts from its own date) was not what the gemeente knew then
                    bevestigd=True,
                    door=door,
                    opmerking="Illustratief: demomelding.",
                    herkomst={
                        "herkomst": Herkomst.ILLUSTRATIEF,
                        "bron": "De realisatie per gemeente is niet gemeld; de demo meldt het "
                        "vastgestelde aantal in delen (enkele gemeenten lopen achter).",
                    },
                )
                nieuw += 1
    if nieuw:
        stdout.write(f"regietafels: {nieuw} realisatiemeldingen {plan.jaar}.")


def _koppelen(cyclus, besluit: Verdeelbesluit, klok: Klok, stdout) -> None:
    """When COA's list is in (1-2-2026, 10:00), the PRTs tie the reports without a location
    to the locations in gebruik that no report names (see the module docstring)."""
    if not klok.gebeurd(IMPORT_OP, 10):
        return
    secretarissen = {
        u.provincie_id: u
        for u in Gebruiker.objects.filter(rol=Rol.PRT_SECRETARIS, is_demo=True).order_by("-pk")
    }
    gemeenten = {r.gemeente_id: r.gemeente for r in besluit.regels.select_related("gemeente")}
    gekoppeld = 0
    with klok.op(IMPORT_OP, 10):
        standen = selectors.standen(cyclus, gemeente_ids=set(gemeenten), datum=IMPORT_OP)
        for gemeente_id, stand in sorted(standen.items()):
            gemeente = gemeenten[gemeente_id]
            door = secretarissen.get(gemeente.provincie_id)
            if door is None or not stand.mogelijk_dubbel:
                continue
            for loc in sorted(stand.locaties_zonder_melding, key=lambda loc: loc.in_gebruik_sinds):
                nu = selectors.standen(cyclus, gemeente_ids={gemeente_id}, datum=IMPORT_OP)
                if not nu[gemeente_id].zonder_locatie:
                    break
                try:
                    services.meldingen_aan_locatie_koppelen(
                        gemeente=gemeente,
                        cyclus=cyclus,
                        locatie=Opvanglocatie.objects.get(pk=loc.locatie_id),
                        reden="Volgens de lijst van COA van 1 februari 2026 zijn deze gemelde "
                        "plekken deze locatie (illustratief).",
                        door=door,
                        herkomst={
                            "herkomst": Herkomst.ILLUSTRATIEF,
                            "bron": "De demo koppelt meldingen zonder locatie aan een locatie in "
                            "gebruik uit de lijst van COA (illustratief).",
                        },
                    )
                except ValidationError:
                    continue  # no report of a day it was in gebruik: the overview warns
                gekoppeld += 1
    if gekoppeld:
        stdout.write(f"regietafels: {gekoppeld} locaties aan meldingen {cyclus.jaar} gekoppeld.")
