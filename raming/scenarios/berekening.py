"""The computation of a scenario on the raming's own engine, its inputs and their checks.

Every computation goes through the raming's own engine: ``raming.berekening.invoer_uit_database``
for the input, ``raming.verdeelsleutel.bereken_verdeling`` for the distribution and
``raming.berekening.provincie_uitkomsten`` for opgave / nog te realiseren. No second
implementation of the arithmetic lives here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from raming.berekening import ProvincieUitkomst, invoer_uit_database, provincie_uitkomsten
from raming.models import (
    Gemeente,
    GemeenteVerdeling,
    Provincie,
    ProvincieVerdeling,
    Raming,
)
from raming.verdeelsleutel import VerdeelsleutelFout, Verdeling, bereken_verdeling

from .models import (
    Scenario,
    ScenarioAanpassing,
    ScenarioBeschikbaarWijziging,
    ScenarioUitkomst,
)

_BASIS: Any = object()  # "take this input from the basis raming"


class ScenarioFout(ValidationError):
    """Input a scenario cannot be computed with. The message is Dutch; ``veld`` names the form
    field it belongs to (or None)."""

    def __init__(self, message: str, *, veld: str | None = None):
        super().__init__(message)
        self.veld = veld
        self.tekst = message


def _nl(getal: int) -> str:
    tekst = f"{abs(getal):,}".replace(",", ".")
    return f"−{tekst}" if getal < 0 else tekst


def _half_up(waarde: Fraction) -> int:
    return math.floor(waarde + Fraction(1, 2))


# --- inputs -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Aanpassing:
    label: str
    delta: int


@dataclass(frozen=True)
class BeschikbaarWijziging:
    """Exactly one of provincie / gemeente, exactly one of nieuw_aantal / delta."""

    provincie: Provincie | None = None
    gemeente: Gemeente | None = None
    nieuw_aantal: int | None = None
    delta: int | None = None
    toelichting: str = ""


def basis_landelijk(scenario: Scenario) -> int:
    """The national number before the labelled adjustments: absolute input or the basis."""
    if scenario.landelijk_aantal is not None:
        return scenario.landelijk_aantal
    if scenario.basis.landelijk_aantal is None:
        raise ScenarioFout(
            "De basisraming heeft geen landelijk aantal: vul een absoluut landelijk aantal in.",
            veld="landelijk_aantal",
        )
    return scenario.basis.landelijk_aantal


def landelijk_na_aanpassingen(scenario: Scenario, aanpassingen: list[Aanpassing]) -> int:
    """The national number R of the scenario; refuses a negative result."""
    start = basis_landelijk(scenario)
    totaal = start + sum(a.delta for a in aanpassingen)
    if totaal < 0:
        raise ScenarioFout(
            f"De aanpassingen maken het landelijke aantal negatief: {_nl(start)} "
            f"{' '.join(f'{a.delta:+d}' for a in aanpassingen)} = {_nl(totaal)}. "
            "Een landelijk aantal kan niet kleiner zijn dan 0.",
            veld="aanpassingen",
        )
    return totaal


def amv_totaal(scenario: Scenario, landelijk: int) -> int:
    """The amv part of R: the scenario's share (percent), else the basis raming's share."""
    if scenario.amv_aandeel is not None:
        if not (Decimal(0) <= scenario.amv_aandeel <= Decimal(100)):
            raise ScenarioFout("Het amv-aandeel ligt tussen 0 en 100 %.", veld="amv_aandeel")
        return _half_up(landelijk * Fraction(str(scenario.amv_aandeel)) / 100)
    basis = scenario.basis
    if basis.amv_aantal and basis.landelijk_aantal:
        return _half_up(Fraction(landelijk * basis.amv_aantal, basis.landelijk_aantal))
    return 0


def _beschikbaar(
    scenario: Scenario, wijzigingen: list[BeschikbaarWijziging]
) -> tuple[dict[str, int], dict[str, int]]:
    """Meerjarig beschikbaar per province code and per gemeente code: the basis raming's
    figures with the scenario's changes. Refuses a negative result."""
    per_provincie = dict(
        ProvincieVerdeling.objects.filter(raming=scenario.basis).values_list(
            "provincie__code", "meerjarig_beschikbaar"
        )
    )
    per_gemeente = {
        code: aantal
        for code, aantal in GemeenteVerdeling.objects.filter(
            raming=scenario.basis, meerjarig_beschikbaar__isnull=False
        ).values_list("gemeente__code", "meerjarig_beschikbaar")
    }
    for w in wijzigingen:
        if w.gemeente is None:
            continue
        oud = per_gemeente.get(w.gemeente.code, 0)
        nieuw = w.nieuw_aantal if w.nieuw_aantal is not None else oud + (w.delta or 0)
        if nieuw < 0:
            raise ScenarioFout(
                f"{w.gemeente.naam} heeft {_nl(oud)} meerjarig beschikbare plekken; een "
                f"verandering van {_nl(w.delta or 0)} laat er {_nl(nieuw)} over. Dat kan niet: "
                "het aantal beschikbare plekken kan niet negatief worden.",
                veld="beschikbaar",
            )
        per_gemeente[w.gemeente.code] = nieuw
        pcode = w.gemeente.provincie.code
        per_provincie[pcode] = (per_provincie.get(pcode) or 0) + (nieuw - oud)
    for w in wijzigingen:
        if w.provincie is None:
            continue
        oud = per_provincie.get(w.provincie.code) or 0  # None: not recorded in the basis
        nieuw = w.nieuw_aantal if w.nieuw_aantal is not None else oud + (w.delta or 0)
        per_provincie[w.provincie.code] = nieuw
    for code, aantal in per_provincie.items():
        if aantal is not None and aantal < 0:
            naam = Provincie.objects.get(code=code).naam
            raise ScenarioFout(
                f"Na deze wijzigingen blijven er in {naam} {_nl(aantal)} meerjarig beschikbare "
                "plekken over. Dat kan niet: het aantal beschikbare plekken van een provincie "
                "kan niet negatief worden.",
                veld="beschikbaar",
            )
    return per_provincie, per_gemeente


@dataclass(frozen=True)
class Berekening:
    landelijk: int
    amv: int
    verdeling: Verdeling
    provincies: dict[str, ProvincieUitkomst]
    beschikbaar_gemeente: dict[str, int]


def bereken(
    scenario: Scenario,
    aanpassingen: list[Aanpassing],
    wijzigingen: list[BeschikbaarWijziging],
) -> Berekening:
    """Compute a scenario with the raming's engine. Raises ScenarioFout on bad input."""
    landelijk = landelijk_na_aanpassingen(scenario, aanpassingen)
    amv = amv_totaal(scenario, landelijk)
    invoer = invoer_uit_database(peildatum=scenario.peildatum_inwoners, ses_jaar=scenario.ses_jaar)
    if invoer.zonder_inwoners:
        namen = ", ".join(invoer.zonder_inwoners[:5])
        raise ScenarioFout(
            f"Voor {len(invoer.zonder_inwoners)} gemeenten is er geen inwonertal op "
            f"{scenario.peildatum_inwoners:%d-%m-%Y} (bijv. {namen}). Kies een andere peildatum.",
            veld="peildatum_inwoners",
        )
    if invoer.zonder_ses:
        namen = ", ".join(invoer.zonder_ses[:5])
        raise ScenarioFout(
            f"Voor {len(invoer.zonder_ses)} gemeenten is er geen SES-WOA-score over "
            f"{scenario.ses_jaar} (bijv. {namen}). Kies een ander jaar of laat het leeg.",
            veld="ses_jaar",
        )
    try:
        verdeling = bereken_verdeling(
            invoer.gemeenten,
            landelijk_aantal=landelijk,
            amv_totaal=amv,
            methode=scenario.afrondingsmethode,
        )
    except VerdeelsleutelFout as exc:
        raise ScenarioFout(str(exc)) from exc
    per_provincie, per_gemeente = _beschikbaar(scenario, wijzigingen)
    return Berekening(
        landelijk=landelijk,
        amv=amv,
        verdeling=verdeling,
        provincies=provincie_uitkomsten(verdeling, per_provincie),
        beschikbaar_gemeente=per_gemeente,
    )


def _aanpassingen_van(scenario: Scenario) -> list[Aanpassing]:
    return [Aanpassing(a.label, a.delta) for a in scenario.aanpassingen.all()]


def _wijzigingen_van(scenario: Scenario) -> list[BeschikbaarWijziging]:
    return [
        BeschikbaarWijziging(
            provincie=w.provincie,
            gemeente=w.gemeente,
            nieuw_aantal=w.nieuw_aantal,
            delta=w.delta,
            toelichting=w.toelichting,
        )
        for w in scenario.beschikbaar_wijzigingen.select_related("provincie", "gemeente__provincie")
    ]


def _opslaan_uitkomsten(scenario: Scenario, berekening: Berekening) -> None:
    provincie_ids = dict(Provincie.objects.values_list("code", "pk"))
    gemeente_ids = dict(Gemeente.objects.values_list("code", "pk"))
    ScenarioUitkomst.objects.filter(scenario=scenario, set=ScenarioUitkomst.Set.ACTUEEL).delete()
    rijen = [
        ScenarioUitkomst(
            scenario=scenario,
            set=ScenarioUitkomst.Set.ACTUEEL,
            provincie_id=provincie_ids[p.code],
            aantal=p.opgave,
            amv=p.amv,
            beschikbaar=p.beschikbaar,
            nog_te_realiseren=p.nog_te_realiseren,
        )
        for p in berekening.provincies.values()
    ]
    rijen += [
        ScenarioUitkomst(
            scenario=scenario,
            set=ScenarioUitkomst.Set.ACTUEEL,
            provincie_id=provincie_ids[g.provincie],
            gemeente_id=gemeente_ids[g.code],
            aantal=g.aantal,
            amv=g.amv,
            beschikbaar=berekening.beschikbaar_gemeente.get(g.code),
        )
        for g in berekening.verdeling.gemeenten
    ]
    ScenarioUitkomst.objects.bulk_create(rijen, batch_size=1000)
    scenario.resultaat_landelijk = berekening.landelijk
    scenario.resultaat_amv = berekening.amv
    scenario.berekend_op = timezone.now()
    scenario.save(update_fields=["resultaat_landelijk", "resultaat_amv", "berekend_op"])


def _valideer_wijzigingen(wijzigingen: list[BeschikbaarWijziging]) -> None:
    for w in wijzigingen:
        if (w.provincie is None) == (w.gemeente is None):
            raise ScenarioFout(
                "Kies bij een wijziging van beschikbare plekken een provincie óf een gemeente.",
                veld="beschikbaar",
            )
        if (w.nieuw_aantal is None) == (w.delta is None):
            raise ScenarioFout(
                "Geef bij een wijziging van beschikbare plekken een nieuw aantal óf een "
                "verandering.",
                veld="beschikbaar",
            )
        if w.nieuw_aantal is not None and w.nieuw_aantal < 0:
            raise ScenarioFout(
                "Een nieuw aantal beschikbare plekken kan niet negatief zijn.", veld="beschikbaar"
            )


def _vervang_invoer(
    scenario: Scenario, aanpassingen: list[Aanpassing], wijzigingen: list[BeschikbaarWijziging]
) -> None:
    scenario.aanpassingen.all().delete()
    bulk_create_with_history(
        [
            ScenarioAanpassing(scenario=scenario, label=a.label, delta=a.delta, volgorde=i)
            for i, a in enumerate(aanpassingen)
        ],
        ScenarioAanpassing,
    )
    scenario.beschikbaar_wijzigingen.all().delete()
    bulk_create_with_history(
        [
            ScenarioBeschikbaarWijziging(
                scenario=scenario,
                provincie=w.provincie,
                gemeente=w.gemeente,
                nieuw_aantal=w.nieuw_aantal,
                delta=w.delta,
                toelichting=w.toelichting,
            )
            for w in wijzigingen
        ],
        ScenarioBeschikbaarWijziging,
    )


def _ses_jaar_van(raming: Raming) -> int | None:
    """The SES-WOA year a raming computed with (None: on population only)."""
    return None if raming.zonder_ses else raming.ses_jaar


def _naam_vrij(*, basis: Raming, naam: str, behalve: int | None = None) -> None:
    bestaand = Scenario.objects.filter(basis=basis, naam=naam)
    if behalve is not None:
        bestaand = bestaand.exclude(pk=behalve)
    if bestaand.exists():
        raise ScenarioFout(
            f"Er is al een scenario '{naam}' op deze raming. Kies een andere naam.", veld="naam"
        )
