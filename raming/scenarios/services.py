"""Actions on scenarios: create, change inputs (and recompute), share, promote.

Every computation goes through the raming's own engine: ``raming.berekening.invoer_uit_database``
for the input, ``raming.verdeelsleutel.bereken_verdeling`` for the distribution and
``raming.berekening.provincie_uitkomsten`` for opgave / nog te realiseren. No second
implementation of the arithmetic lives here.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.rechten import Handeling, vereist
from raming import services as raming_services
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
    ScenarioDeling,
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
    ScenarioAanpassing.objects.bulk_create(
        ScenarioAanpassing(scenario=scenario, label=a.label, delta=a.delta, volgorde=i)
        for i, a in enumerate(aanpassingen)
    )
    scenario.beschikbaar_wijzigingen.all().delete()
    ScenarioBeschikbaarWijziging.objects.bulk_create(
        ScenarioBeschikbaarWijziging(
            scenario=scenario,
            provincie=w.provincie,
            gemeente=w.gemeente,
            nieuw_aantal=w.nieuw_aantal,
            delta=w.delta,
            toelichting=w.toelichting,
        )
        for w in wijzigingen
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


# --- services ---------------------------------------------------------------------------------


@transaction.atomic
def scenario_aanmaken(
    *,
    basis: Raming,
    naam: str,
    beschrijving: str,
    auteur,
    landelijk_aantal: int | None = None,
    amv_aandeel: Decimal | None = None,
    peildatum_inwoners: dt.date | None = None,
    ses_jaar: int | None = _BASIS,
    afrondingsmethode: str | None = None,
    aanpassingen: list[Aanpassing] | None = None,
    beschikbaar_wijzigingen: list[BeschikbaarWijziging] | None = None,
) -> Scenario:
    """Create a scenario on ``basis`` (concept or published) and compute it.

    Inputs left out are taken from the basis raming. Nothing is saved when the input is refused.
    """
    vereist(auteur, Handeling.SCENARIO_WERKEN)
    naam = naam.strip()
    if not naam:
        raise ScenarioFout("Geef het scenario een naam.", veld="naam")
    if not beschrijving.strip():
        raise ScenarioFout("Beschrijf de aanname van het scenario.", veld="beschrijving")
    _naam_vrij(basis=basis, naam=naam)
    peildatum = peildatum_inwoners or basis.peildatum_inwoners
    if peildatum is None:
        raise ScenarioFout(
            "De basisraming heeft geen peildatum voor het inwonertal: vul er een in.",
            veld="peildatum_inwoners",
        )
    aanpassingen = list(aanpassingen or [])
    wijzigingen = list(beschikbaar_wijzigingen or [])
    _valideer_wijzigingen(wijzigingen)
    scenario = Scenario(
        basis=basis,
        naam=naam,
        beschrijving=beschrijving.strip(),
        auteur=auteur,
        landelijk_aantal=landelijk_aantal,
        amv_aandeel=amv_aandeel,
        peildatum_inwoners=peildatum,
        ses_jaar=_ses_jaar_van(basis) if ses_jaar is _BASIS else ses_jaar,
        afrondingsmethode=afrondingsmethode or basis.afrondingsmethode,
    )
    berekening = bereken(scenario, aanpassingen, wijzigingen)
    scenario.save()
    _vervang_invoer(scenario, aanpassingen, wijzigingen)
    _opslaan_uitkomsten(scenario, berekening)
    return scenario


@transaction.atomic
def scenario_wijzigen(
    *,
    scenario: Scenario,
    door,
    naam: str,
    beschrijving: str,
    landelijk_aantal: int | None,
    amv_aandeel: Decimal | None,
    peildatum_inwoners: dt.date,
    ses_jaar: int | None,
    afrondingsmethode: str,
    aanpassingen: list[Aanpassing],
    beschikbaar_wijzigingen: list[BeschikbaarWijziging],
) -> Scenario:
    """Replace the inputs of a scenario and recompute it. The frozen shared results stay as
    they were until the scenario is shared again."""
    vereist(door, Handeling.SCENARIO_WERKEN)
    scenario = Scenario.objects.select_for_update().select_related("basis").get(pk=scenario.pk)
    naam = naam.strip()
    if not naam:
        raise ScenarioFout("Geef het scenario een naam.", veld="naam")
    if not beschrijving.strip():
        raise ScenarioFout("Beschrijf de aanname van het scenario.", veld="beschrijving")
    _naam_vrij(basis=scenario.basis, naam=naam, behalve=scenario.pk)
    _valideer_wijzigingen(beschikbaar_wijzigingen)
    scenario.naam = naam
    scenario.beschrijving = beschrijving.strip()
    scenario.landelijk_aantal = landelijk_aantal
    scenario.amv_aandeel = amv_aandeel
    scenario.peildatum_inwoners = peildatum_inwoners
    scenario.ses_jaar = ses_jaar
    scenario.afrondingsmethode = afrondingsmethode
    berekening = bereken(scenario, list(aanpassingen), list(beschikbaar_wijzigingen))
    scenario.save()
    _vervang_invoer(scenario, list(aanpassingen), list(beschikbaar_wijzigingen))
    _opslaan_uitkomsten(scenario, berekening)
    return scenario


@transaction.atomic
def scenario_herberekenen(*, scenario: Scenario, door) -> Scenario:
    """Recompute a scenario on its stored inputs (e.g. after reference data changed)."""
    vereist(door, Handeling.SCENARIO_WERKEN)
    scenario = Scenario.objects.select_for_update().select_related("basis").get(pk=scenario.pk)
    berekening = bereken(scenario, _aanpassingen_van(scenario), _wijzigingen_van(scenario))
    _opslaan_uitkomsten(scenario, berekening)
    return scenario


def invoer_samenvatting(scenario: Scenario) -> dict:
    """The inputs as plain data: shown with frozen results and carried into a promotion."""
    return {
        "naam": scenario.naam,
        "beschrijving": scenario.beschrijving,
        "basis": str(scenario.basis),
        "landelijk_aantal": scenario.landelijk_aantal,
        "resultaat_landelijk": scenario.resultaat_landelijk,
        "resultaat_amv": scenario.resultaat_amv,
        "amv_aandeel": str(scenario.amv_aandeel) if scenario.amv_aandeel is not None else None,
        "peildatum_inwoners": scenario.peildatum_inwoners.isoformat(),
        "ses_jaar": scenario.ses_jaar,
        "afrondingsmethode": scenario.afrondingsmethode,
        "aanpassingen": [{"label": a.label, "delta": a.delta} for a in scenario.aanpassingen.all()],
        "beschikbaar_wijzigingen": [
            {
                "wat": str(w.gemeente or w.provincie),
                "nieuw_aantal": w.nieuw_aantal,
                "delta": w.delta,
                "toelichting": w.toelichting,
            }
            for w in scenario.beschikbaar_wijzigingen.select_related("gemeente", "provincie")
        ],
        "berekend_op": scenario.berekend_op.isoformat() if scenario.berekend_op else None,
    }


@transaction.atomic
def scenario_delen(*, scenario: Scenario, secretarissen, door) -> Scenario:
    """Share a scenario read-only with exactly these PRT secretaries and freeze its current
    results for them. Sharing again refreshes the frozen results and the list of readers."""
    vereist(door, Handeling.SCENARIO_WERKEN)
    scenario = Scenario.objects.select_for_update().get(pk=scenario.pk)
    secretarissen = list(secretarissen)
    if not secretarissen:
        raise ScenarioFout("Kies ten minste één PRT-secretaris.", veld="secretarissen")
    geen_prt = [str(s) for s in secretarissen if not getattr(s, "is_prt", False)]
    if geen_prt:
        raise ScenarioFout(
            "Een scenario kan alleen met PRT-secretarissen gedeeld worden, niet met "
            + ", ".join(geen_prt)
            + ".",
            veld="secretarissen",
        )
    if scenario.berekend_op is None:
        raise ScenarioFout("Het scenario is nog niet berekend.")
    ids = {s.pk for s in secretarissen}
    scenario.delingen.exclude(gebruiker_id__in=ids).delete()
    bestaand = set(scenario.delingen.values_list("gebruiker_id", flat=True))
    ScenarioDeling.objects.bulk_create(
        ScenarioDeling(scenario=scenario, gebruiker=s, gedeeld_door=door)
        for s in secretarissen
        if s.pk not in bestaand
    )
    ScenarioUitkomst.objects.filter(scenario=scenario, set=ScenarioUitkomst.Set.GEDEELD).delete()
    actueel = ScenarioUitkomst.objects.filter(scenario=scenario, set=ScenarioUitkomst.Set.ACTUEEL)
    ScenarioUitkomst.objects.bulk_create(
        [
            ScenarioUitkomst(
                scenario=scenario,
                set=ScenarioUitkomst.Set.GEDEELD,
                provincie_id=u.provincie_id,
                gemeente_id=u.gemeente_id,
                aantal=u.aantal,
                amv=u.amv,
                beschikbaar=u.beschikbaar,
                nog_te_realiseren=u.nog_te_realiseren,
            )
            for u in actueel
        ],
        batch_size=1000,
    )
    scenario.gedeeld = True
    scenario.gedeeld_op = timezone.now()
    scenario.gedeelde_invoer = invoer_samenvatting(scenario)
    scenario.save(update_fields=["gedeeld", "gedeeld_op", "gedeelde_invoer"])
    return scenario


@transaction.atomic
def delen_stoppen(*, scenario: Scenario, door) -> Scenario:
    """Stop sharing: no PRT secretary sees the scenario any more."""
    vereist(door, Handeling.SCENARIO_WERKEN)
    scenario = Scenario.objects.select_for_update().get(pk=scenario.pk)
    scenario.delingen.all().delete()
    ScenarioUitkomst.objects.filter(scenario=scenario, set=ScenarioUitkomst.Set.GEDEELD).delete()
    scenario.gedeeld = False
    scenario.gedeeld_op = None
    scenario.gedeelde_invoer = {}
    scenario.save(update_fields=["gedeeld", "gedeeld_op", "gedeelde_invoer"])
    return scenario


def promotie_reden(scenario: Scenario) -> str:
    """The scenario's assumptions as the reason of the new raming version."""
    regels = [f"Scenario '{scenario.naam}' op {scenario.basis}: {scenario.beschrijving}"]
    start = basis_landelijk(scenario)
    regels.append(f"Landelijk aantal: {_nl(start)}")
    for a in scenario.aanpassingen.all():
        regels.append(f"- {a.label}: {'+' if a.delta >= 0 else ''}{_nl(a.delta)}")
    regels.append(f"Uitkomst: {_nl(scenario.resultaat_landelijk)} plekken.")
    if scenario.amv_aandeel is not None:
        regels.append(f"Amv-aandeel: {scenario.amv_aandeel} %.")
    for w in scenario.beschikbaar_wijzigingen.select_related("gemeente", "provincie"):
        wat = w.gemeente or w.provincie
        hoe = f"nieuw {_nl(w.nieuw_aantal)}" if w.delta is None else f"{w.delta:+d}"
        regels.append(
            f"Meerjarig beschikbaar {wat}: {hoe}" + (f" ({w.toelichting})" if w.toelichting else "")
        )
    return "\n".join(regels)


@transaction.atomic
def scenario_promoveren(*, scenario: Scenario, door) -> Raming:
    """Turn a scenario into a new concept raming of the basis's cycle.

    On a published (or adopted) basis this is a proposal for a *tussentijdse wijziging*: the
    raming's own service ``tussentijdse_wijziging`` starts the new concept version (its
    ``vorige_versie`` is the published one). On a concept basis a further concept version is
    created. Either way the scenario's assumptions are the mandatory reason and the new
    version gets the scenario's inputs and distribution. The basis raming is not touched.
    """
    vereist(door, Handeling.SCENARIO_WERKEN)
    scenario = Scenario.objects.select_for_update().select_related("basis").get(pk=scenario.pk)
    basis = scenario.basis
    berekening = bereken(scenario, _aanpassingen_van(scenario), _wijzigingen_van(scenario))
    reden = promotie_reden(scenario)
    if basis.is_bevroren:
        try:
            raming = raming_services.tussentijdse_wijziging(
                raming=basis,
                reden="Voorstel tussentijdse wijziging (art. 2 lid 2). " + reden,
                door=door,
            )
        except raming_services.RamingFout as fout:
            raise ScenarioFout(" ".join(fout.messages)) from fout
    else:
        # the raming services have no action for a further concept version next to a concept
        # (raming_aanmaken makes only a cycle's first version): created here, numbered after
        # the cycle's latest version under a row lock
        versies = Raming.objects.select_for_update().filter(cyclus_id=basis.cyclus_id)
        volgende = (versies.aggregate(m=Max("versie"))["m"] or 0) + 1
        raming = Raming.objects.create(
            cyclus_id=basis.cyclus_id,
            versie=volgende,
            vorige_versie=basis,
            wijzigingsreden=reden,
            status=Raming.Status.CONCEPT,
            invoerbesluit_id=basis.invoerbesluit_id,
        )
    _neem_scenario_over(raming, scenario, berekening)
    return raming


def _neem_scenario_over(raming: Raming, scenario: Scenario, berekening: Berekening) -> None:
    """Give a (new, concept) raming the scenario's inputs and its distribution."""
    if raming.status != Raming.Status.CONCEPT:
        raise ScenarioFout("Een scenario wordt alleen in een conceptraming overgenomen.")
    invoerbesluit = raming.invoerbesluit
    if invoerbesluit is not None and (
        invoerbesluit.landelijk_aantal != berekening.landelijk
        or invoerbesluit.amv_aantal != berekening.amv
    ):
        raming.invoerbesluit = None  # the scenario's number is not the MPP's any more
    raming.landelijk_aantal = berekening.landelijk
    raming.amv_aantal = berekening.amv
    raming.peildatum_inwoners = scenario.peildatum_inwoners
    raming.ses_jaar = scenario.ses_jaar
    raming.zonder_ses = scenario.ses_jaar is None
    raming.afrondingsmethode = scenario.afrondingsmethode
    raming.berekend_op = timezone.now()
    raming.save()
    GemeenteVerdeling.objects.filter(raming=raming).delete()
    ProvincieVerdeling.objects.filter(raming=raming).delete()
    gemeenten = dict(Gemeente.objects.values_list("code", "pk"))
    provincies = dict(Provincie.objects.values_list("code", "pk"))
    zes = Decimal("0.000001")
    GemeenteVerdeling.objects.bulk_create(
        [
            GemeenteVerdeling(
                raming=raming,
                gemeente_id=gemeenten[g.code],
                inwoners=g.inwoners,
                ses_woa=(
                    None
                    if scenario.ses_jaar is None
                    else (Decimal(g.ses_woa.numerator) / Decimal(g.ses_woa.denominator)).quantize(
                        Decimal("0.001")
                    )
                ),
                gewicht=(Decimal(g.gewicht.numerator) / Decimal(g.gewicht.denominator)).quantize(
                    zes
                ),
                exact=g.exact_decimal.quantize(zes),
                aantal=g.aantal,
                amv=g.amv,
                meerjarig_beschikbaar=berekening.beschikbaar_gemeente.get(g.code),
            )
            for g in berekening.verdeling.gemeenten
        ],
        batch_size=1000,
    )
    ProvincieVerdeling.objects.bulk_create(
        ProvincieVerdeling(
            raming=raming,
            provincie_id=provincies[p.code],
            opgave=p.opgave,
            amv=p.amv,
            meerjarig_beschikbaar=p.beschikbaar,
            nog_te_realiseren=p.nog_te_realiseren,
        )
        for p in berekening.provincies.values()
    )
