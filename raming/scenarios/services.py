"""Actions on scenarios: create, change inputs (and recompute), share, promote.

The arithmetic is in ``raming.scenarios.berekening`` (the raming's own engine); these actions
check the role, store the inputs and the outcome, and keep the history.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accounts.rechten import Handeling, vereist
from raming import services as raming_services
from raming.models import (
    Gemeente,
    GemeenteVerdeling,
    Provincie,
    ProvincieVerdeling,
    Raming,
)

from .berekening import (
    _BASIS,
    Aanpassing,
    Berekening,
    BeschikbaarWijziging,
    ScenarioFout,
    _aanpassingen_van,
    _naam_vrij,
    _nl,
    _opslaan_uitkomsten,
    _ses_jaar_van,
    _valideer_wijzigingen,
    _vervang_invoer,
    _wijzigingen_van,
    basis_landelijk,
    bereken,
)
from .models import (
    Scenario,
    ScenarioDeling,
    ScenarioUitkomst,
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
    bulk_create_with_history(
        [
            ScenarioDeling(scenario=scenario, gebruiker=s, gedeeld_door=door)
            for s in secretarissen
            if s.pk not in bestaand
        ],
        ScenarioDeling,
        default_user=door,
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
