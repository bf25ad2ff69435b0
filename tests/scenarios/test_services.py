"""Scenario services: engine reuse, recomputation, refusal rules, sharing, promotion."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from raming import verdeelsleutel
from raming.berekening import invoer_uit_database, provincie_uitkomsten
from raming.models import Gemeente, GemeenteVerdeling, Provincie, ProvincieVerdeling, Raming
from raming.scenarios import berekening
from raming.scenarios.models import Scenario, ScenarioUitkomst
from raming.scenarios.services import (
    Aanpassing,
    BeschikbaarWijziging,
    ScenarioFout,
    delen_stoppen,
    scenario_aanmaken,
    scenario_delen,
    scenario_promoveren,
    scenario_wijzigen,
)
from tests.factories import ministerie_actor

from .conftest import BESCHIKBAAR, PEILDATUM

pytestmark = pytest.mark.django_db


def _gemeente_aantallen(scenario, set_=ScenarioUitkomst.Set.ACTUEEL):
    return dict(
        ScenarioUitkomst.objects.filter(
            scenario=scenario, set=set_, gemeente__isnull=False
        ).values_list("gemeente__code", "aantal")
    )


def _provincies(scenario, set_=ScenarioUitkomst.Set.ACTUEEL):
    return {
        code: (aantal, beschikbaar, ntr)
        for code, aantal, beschikbaar, ntr in ScenarioUitkomst.objects.filter(
            scenario=scenario, set=set_, gemeente__isnull=True
        ).values_list("provincie__code", "aantal", "beschikbaar", "nog_te_realiseren")
    }


def _snapshot(raming):
    raming.refresh_from_db()
    return (
        (
            raming.status,
            raming.landelijk_aantal,
            raming.amv_aantal,
            raming.versie,
            raming.wijzigingsreden,
        ),
        list(
            GemeenteVerdeling.objects.filter(raming=raming)
            .values_list("gemeente_id", "aantal", "amv", "meerjarig_beschikbaar")
            .order_by("gemeente_id")
        ),
        list(
            ProvincieVerdeling.objects.filter(raming=raming)
            .values_list(
                "provincie_id", "opgave", "amv", "meerjarig_beschikbaar", "nog_te_realiseren"
            )
            .order_by("provincie_id")
        ),
    )


def test_zonder_wijzigingen_dezelfde_cijfers_als_de_raming(raming_2026, ministerie):
    scenario = scenario_aanmaken(
        basis=raming_2026, naam="Basis", beschrijving="Geen wijziging.", auteur=ministerie
    )
    raming_aantallen = dict(
        GemeenteVerdeling.objects.filter(raming=raming_2026).values_list("gemeente__code", "aantal")
    )
    assert len(raming_aantallen) == 342
    assert _gemeente_aantallen(scenario) == raming_aantallen
    raming_provincies = {
        pv.provincie.code: (pv.opgave, pv.meerjarig_beschikbaar, pv.nog_te_realiseren)
        for pv in ProvincieVerdeling.objects.filter(raming=raming_2026).select_related("provincie")
    }
    assert _provincies(scenario) == raming_provincies
    assert scenario.resultaat_landelijk == 88000
    assert scenario.resultaat_amv == 7480
    assert scenario.berekend_op is not None


def test_scenario_rekent_met_de_verdeelsleutel_van_de_raming(raming_2026, ministerie, monkeypatch):
    assert berekening.bereken_verdeling is verdeelsleutel.bereken_verdeling
    aanroepen = []

    def spion(*args, **kwargs):
        aanroepen.append(kwargs)
        return verdeelsleutel.bereken_verdeling(*args, **kwargs)

    monkeypatch.setattr(berekening, "bereken_verdeling", spion)
    scenario_aanmaken(
        basis=raming_2026,
        naam="Spion",
        beschrijving="x",
        auteur=ministerie,
        aanpassingen=[Aanpassing("extra uitstroom statushouders", -12000)],
    )
    assert aanroepen == [{"landelijk_aantal": 76000, "amv_totaal": 6460, "methode": "per_gemeente"}]


def test_aanpassingen_verdelen_het_nieuwe_landelijke_aantal(raming_2026, ministerie):
    scenario = scenario_aanmaken(
        basis=raming_2026,
        naam="Uitstroom + nareis",
        beschrijving="Extra uitstroom en strengere nareis.",
        auteur=ministerie,
        aanpassingen=[
            Aanpassing("extra uitstroom statushouders", -12000),
            Aanpassing("nareisvoorwaarden", -3000),
        ],
    )
    assert scenario.resultaat_landelijk == 73000
    # 7480 / 88000 of 73000 = 6205
    assert scenario.resultaat_amv == 6205
    verwacht = verdeelsleutel.bereken_verdeling(
        invoer_uit_database(peildatum=PEILDATUM, ses_jaar=None).gemeenten,
        landelijk_aantal=73000,
        amv_totaal=6205,
        methode="per_gemeente",
    )
    assert _gemeente_aantallen(scenario) == {g.code: g.aantal for g in verwacht.gemeenten}
    verwacht_p = provincie_uitkomsten(verwacht, BESCHIKBAAR)
    assert _provincies(scenario) == {
        c: (p.opgave, p.beschikbaar, p.nog_te_realiseren) for c, p in verwacht_p.items()
    }
    assert [(a.label, a.delta) for a in scenario.aanpassingen.all()] == [
        ("extra uitstroom statushouders", -12000),
        ("nareisvoorwaarden", -3000),
    ]


def test_absoluut_aantal_amv_aandeel_en_afronding(raming_2026, ministerie):
    scenario = scenario_aanmaken(
        basis=raming_2026,
        naam="Absoluut",
        beschrijving="x",
        auteur=ministerie,
        landelijk_aantal=90000,
        amv_aandeel=Decimal("10"),
        afrondingsmethode=Raming.Afronding.GROOTSTE_OVERSCHOT,
    )
    assert scenario.resultaat_landelijk == 90000
    assert scenario.resultaat_amv == 9000
    # largest remainder: the gemeenten add up to R exactly
    assert sum(_gemeente_aantallen(scenario).values()) == 90000


def test_wijzigen_herberekent_en_bewaart(raming_2026, ministerie):
    scenario = scenario_aanmaken(basis=raming_2026, naam="S", beschrijving="x", auteur=ministerie)
    gelderland_voor = _provincies(scenario)["PV25"]
    scenario_wijzigen(
        scenario=scenario,
        door=ministerie,
        naam="S",
        beschrijving="Locaties in Gelderland sluiten.",
        landelijk_aantal=None,
        amv_aandeel=None,
        peildatum_inwoners=PEILDATUM,
        ses_jaar=None,
        afrondingsmethode=Raming.Afronding.PER_GEMEENTE,
        aanpassingen=[Aanpassing("extra uitstroom", -12000)],
        beschikbaar_wijzigingen=[
            BeschikbaarWijziging(
                provincie=Provincie.objects.get(code="PV25"), delta=-1000, toelichting="sluiting"
            )
        ],
    )
    scenario.refresh_from_db()
    assert scenario.resultaat_landelijk == 76000
    opgave, beschikbaar, ntr = _provincies(scenario)["PV25"]
    assert opgave < gelderland_voor[0]
    assert beschikbaar == 4400
    assert ntr == max(0, opgave - 4400)
    # one set of current results, not two
    assert ScenarioUitkomst.objects.filter(scenario=scenario).count() == 342 + 12


def test_gemeente_beschikbaar_telt_door_in_de_provincie(raming_2026, ministerie):
    arnhem = Gemeente.objects.get(naam="Arnhem")
    scenario = scenario_aanmaken(
        basis=raming_2026,
        naam="Arnhem",
        beschrijving="x",
        auteur=ministerie,
        beschikbaar_wijzigingen=[BeschikbaarWijziging(gemeente=arnhem, nieuw_aantal=800)],
    )
    assert _provincies(scenario)["PV25"][1] == 5400 + 800
    assert ScenarioUitkomst.objects.get(scenario=scenario, gemeente=arnhem).beschikbaar == 800


def test_negatief_landelijk_aantal_wordt_geweigerd(raming_2026, ministerie):
    with pytest.raises(ScenarioFout) as fout:
        scenario_aanmaken(
            basis=raming_2026,
            naam="Te veel",
            beschrijving="x",
            auteur=ministerie,
            aanpassingen=[Aanpassing("uitstroom", -60000), Aanpassing("nareis", -30000)],
        )
    assert "negatief" in fout.value.tekst
    assert "−2.000" in fout.value.tekst
    assert fout.value.veld == "aanpassingen"
    assert not Scenario.objects.exists()
    assert not ScenarioUitkomst.objects.exists()


def test_negatief_beschikbaar_in_een_provincie_wordt_geweigerd(raming_2026, ministerie):
    with pytest.raises(ScenarioFout) as fout:
        scenario_aanmaken(
            basis=raming_2026,
            naam="Sluiting",
            beschrijving="x",
            auteur=ministerie,
            beschikbaar_wijzigingen=[
                BeschikbaarWijziging(provincie=Provincie.objects.get(code="PV25"), delta=-6000)
            ],
        )
    assert "Gelderland" in fout.value.tekst
    assert "−600" in fout.value.tekst
    assert not Scenario.objects.exists()


def test_wijzigen_met_foute_invoer_laat_het_scenario_zoals_het_was(raming_2026, ministerie):
    scenario = scenario_aanmaken(basis=raming_2026, naam="S", beschrijving="x", auteur=ministerie)
    voor = _gemeente_aantallen(scenario)
    with pytest.raises(ScenarioFout):
        scenario_wijzigen(
            scenario=scenario,
            door=ministerie,
            naam="S",
            beschrijving="x",
            landelijk_aantal=1000,
            amv_aandeel=None,
            peildatum_inwoners=PEILDATUM,
            ses_jaar=None,
            afrondingsmethode="per_gemeente",
            aanpassingen=[Aanpassing("te veel", -2000)],
            beschikbaar_wijzigingen=[],
        )
    scenario.refresh_from_db()
    assert scenario.landelijk_aantal is None
    assert scenario.resultaat_landelijk == 88000
    assert _gemeente_aantallen(scenario) == voor


def test_alleen_het_ministerie_maakt_scenarios(raming_2026, prt_gelderland):
    with pytest.raises(PermissionDenied):
        scenario_aanmaken(basis=raming_2026, naam="S", beschrijving="x", auteur=prt_gelderland)


def test_dubbele_naam_wordt_geweigerd(raming_2026, ministerie):
    scenario_aanmaken(basis=raming_2026, naam="S", beschrijving="x", auteur=ministerie)
    with pytest.raises(ScenarioFout) as fout:
        scenario_aanmaken(basis=raming_2026, naam="S", beschrijving="y", auteur=ministerie)
    assert fout.value.veld == "naam"


def test_scenarios_veranderen_gepubliceerde_cijfers_nooit(raming_2026, ministerie, prt_gelderland):
    voor = _snapshot(raming_2026)
    scenario = scenario_aanmaken(
        basis=raming_2026,
        naam="S",
        beschrijving="x",
        auteur=ministerie,
        aanpassingen=[Aanpassing("uitstroom", -12000)],
        beschikbaar_wijzigingen=[
            BeschikbaarWijziging(provincie=Provincie.objects.get(code="PV27"), nieuw_aantal=0)
        ],
    )
    scenario_delen(scenario=scenario, secretarissen=[prt_gelderland], door=ministerie)
    scenario_promoveren(scenario=scenario, door=ministerie)
    assert _snapshot(raming_2026) == voor


def test_promoveren_van_gepubliceerde_raming_is_voorstel_tussentijdse_wijziging(
    raming_2026, ministerie
):
    scenario = scenario_aanmaken(
        basis=raming_2026,
        naam="Extra uitstroom",
        beschrijving="Extra uitstroom van statushouders door het nieuwe beleid.",
        auteur=ministerie,
        aanpassingen=[Aanpassing("extra uitstroom statushouders", -12000)],
    )
    nieuw = scenario_promoveren(scenario=scenario, door=ministerie)
    assert nieuw.status == Raming.Status.CONCEPT
    assert nieuw.versie == 2
    assert nieuw.cyclus_id == raming_2026.cyclus_id
    assert nieuw.vorige_versie == raming_2026
    assert nieuw.landelijk_aantal == 76000
    assert nieuw.amv_aantal == 6460
    assert "tussentijdse wijziging" in nieuw.wijzigingsreden
    assert "Extra uitstroom van statushouders door het nieuwe beleid." in nieuw.wijzigingsreden
    assert "extra uitstroom statushouders: −12.000" in nieuw.wijzigingsreden
    assert dict(
        GemeenteVerdeling.objects.filter(raming=nieuw).values_list("gemeente__code", "aantal")
    ) == _gemeente_aantallen(scenario)
    assert {
        pv.provincie.code: (pv.opgave, pv.meerjarig_beschikbaar, pv.nog_te_realiseren)
        for pv in ProvincieVerdeling.objects.filter(raming=nieuw).select_related("provincie")
    } == _provincies(scenario)
    # a concept raming is visible to the ministry only
    assert nieuw not in Raming.objects.openbaar()


def test_promoveren_van_concept_geeft_nieuwe_conceptraming(concept_raming, ministerie):
    scenario = scenario_aanmaken(
        basis=concept_raming,
        naam="Hoger",
        beschrijving="MPP hoger bijgesteld.",
        auteur=ministerie,
        landelijk_aantal=92000,
    )
    nieuw = scenario_promoveren(scenario=scenario, door=ministerie)
    assert nieuw.status == Raming.Status.CONCEPT
    assert nieuw.versie == 2
    assert nieuw.landelijk_aantal == 92000
    assert "MPP hoger bijgesteld." in nieuw.wijzigingsreden
    assert "tussentijdse" not in nieuw.wijzigingsreden
    concept_raming.refresh_from_db()
    assert concept_raming.landelijk_aantal == 88000


def test_delen_bevriest_de_uitkomst_tot_opnieuw_gedeeld_wordt(
    raming_2026, ministerie, prt_gelderland
):
    scenario = scenario_aanmaken(
        basis=raming_2026,
        naam="S",
        beschrijving="eerste aanname",
        auteur=ministerie,
        aanpassingen=[Aanpassing("uitstroom", -12000)],
    )
    scenario_delen(scenario=scenario, secretarissen=[prt_gelderland], door=ministerie)
    gedeeld = _gemeente_aantallen(scenario, ScenarioUitkomst.Set.GEDEELD)
    assert gedeeld == _gemeente_aantallen(scenario)
    scenario_wijzigen(
        scenario=scenario,
        door=ministerie,
        naam="S",
        beschrijving="tweede aanname",
        landelijk_aantal=None,
        amv_aandeel=None,
        peildatum_inwoners=PEILDATUM,
        ses_jaar=None,
        afrondingsmethode="per_gemeente",
        aanpassingen=[Aanpassing("uitstroom", -15000)],
        beschikbaar_wijzigingen=[],
    )
    scenario.refresh_from_db()
    assert scenario.resultaat_landelijk == 73000
    # the PRT still sees what was shared
    assert _gemeente_aantallen(scenario, ScenarioUitkomst.Set.GEDEELD) == gedeeld
    assert scenario.gedeelde_invoer["resultaat_landelijk"] == 76000
    assert scenario.gedeelde_invoer["beschrijving"] == "eerste aanname"
    scenario_delen(scenario=scenario, secretarissen=[prt_gelderland], door=ministerie)
    scenario.refresh_from_db()
    assert _gemeente_aantallen(scenario, ScenarioUitkomst.Set.GEDEELD) == _gemeente_aantallen(
        scenario
    )
    assert scenario.gedeelde_invoer["resultaat_landelijk"] == 73000


def test_delen_alleen_met_prt_secretarissen(raming_2026, ministerie, gemeente_arnhem):
    scenario = scenario_aanmaken(basis=raming_2026, naam="S", beschrijving="x", auteur=ministerie)
    with pytest.raises(ScenarioFout):
        scenario_delen(scenario=scenario, secretarissen=[gemeente_arnhem], door=ministerie)
    with pytest.raises(ScenarioFout):
        scenario_delen(scenario=scenario, secretarissen=[], door=ministerie)
    scenario.refresh_from_db()
    assert not scenario.gedeeld


def test_zichtbaar_voor(
    raming_2026, ministerie, prt_gelderland, prt_noord_holland, gemeente_arnhem, coa
):
    gedeeld = scenario_aanmaken(basis=raming_2026, naam="G", beschrijving="x", auteur=ministerie)
    intern = scenario_aanmaken(basis=raming_2026, naam="I", beschrijving="x", auteur=ministerie)
    scenario_delen(scenario=gedeeld, secretarissen=[prt_gelderland], door=ministerie)
    assert set(Scenario.objects.zichtbaar_voor(ministerie)) == {gedeeld, intern}
    assert list(Scenario.objects.zichtbaar_voor(prt_gelderland)) == [gedeeld]
    assert not Scenario.objects.zichtbaar_voor(prt_noord_holland).exists()
    assert not Scenario.objects.zichtbaar_voor(gemeente_arnhem).exists()
    assert not Scenario.objects.zichtbaar_voor(coa).exists()
    # sharing with another secretary replaces the list
    scenario_delen(scenario=gedeeld, secretarissen=[prt_noord_holland], door=ministerie)
    assert not Scenario.objects.zichtbaar_voor(prt_gelderland).exists()
    assert list(Scenario.objects.zichtbaar_voor(prt_noord_holland)) == [gedeeld]
    delen_stoppen(scenario=gedeeld, door=ministerie)
    assert not Scenario.objects.zichtbaar_voor(prt_noord_holland).exists()


def test_zelfde_cijfers_als_raming_berekenen_van_de_raming(gemeenten, ministerie):
    """Engine reuse against the raming's own service: a scenario without changes on a raming
    computed by ``raming.services.raming_berekenen`` gives exactly its numbers."""
    import datetime as dt

    from raming import services as raming_services

    cyclus = raming_services.cyclus_aanmaken(jaar=2028, door=ministerie_actor())
    besluit = raming_services.invoerbesluit_vastleggen(
        cyclus=cyclus,
        soort="mpp_capaciteitsbesluit",
        datum=dt.date(2027, 9, 26),
        landelijk_aantal=88000,
        amv_aantal=7480,
        door=ministerie_actor(),
    )
    provincies = {p.code: p for p in Provincie.objects.all()}
    for code, aantal in BESCHIKBAAR.items():
        raming_services.meerjarig_beschikbaar_vastleggen(
            cyclus=cyclus,
            aantal=aantal,
            peildatum=dt.date(2028, 2, 1),
            provincie=provincies[code],
            door=ministerie_actor(),
        )
    arnhem = Gemeente.objects.get(naam="Arnhem")
    raming_services.meerjarig_beschikbaar_vastleggen(
        cyclus=cyclus,
        aantal=650,
        peildatum=dt.date(2028, 2, 1),
        gemeente=arnhem,
        door=ministerie_actor(),
    )
    raming = raming_services.raming_aanmaken(
        cyclus=cyclus,
        invoerbesluit=besluit,
        peildatum_inwoners=PEILDATUM,
        zonder_ses=True,
        door=ministerie_actor(),
    )
    raming = raming_services.raming_berekenen(raming=raming, door=ministerie_actor())
    scenario = scenario_aanmaken(
        basis=raming, naam="Gelijk", beschrijving="geen wijziging", auteur=ministerie
    )
    assert _gemeente_aantallen(scenario) == dict(
        GemeenteVerdeling.objects.filter(raming=raming).values_list("gemeente__code", "aantal")
    )
    assert _provincies(scenario) == {
        pv.provincie.code: (pv.opgave, pv.meerjarig_beschikbaar, pv.nog_te_realiseren)
        for pv in ProvincieVerdeling.objects.filter(raming=raming).select_related("provincie")
    }
    assert _provincies(scenario)["PV25"][1] == 5400 + 650
    assert ScenarioUitkomst.objects.get(scenario=scenario, gemeente=arnhem).beschikbaar == 650


def test_tweede_voorstel_op_dezelfde_gepubliceerde_versie_wordt_geweigerd(raming_2026, ministerie):
    scenario = scenario_aanmaken(
        basis=raming_2026,
        naam="S",
        beschrijving="x",
        auteur=ministerie,
        aanpassingen=[Aanpassing("uitstroom", -12000)],
    )
    scenario_promoveren(scenario=scenario, door=ministerie)
    with pytest.raises(ScenarioFout) as fout:
        scenario_promoveren(scenario=scenario, door=ministerie)
    assert "nieuwere versie" in fout.value.tekst
    assert Raming.objects.filter(cyclus=raming_2026.cyclus).count() == 2


def test_ses_woa_jaar_en_ontbrekende_scores(raming_2026, ministerie):
    from raming.models import SesWoaScore

    alle = list(Gemeente.objects.order_by("code"))
    SesWoaScore.objects.bulk_create(
        SesWoaScore(gemeente=g, jaar=2022, score=Decimal((i % 9) - 4) / 10)
        for i, g in enumerate(alle[1:])
    )
    with pytest.raises(ScenarioFout) as fout:
        scenario_aanmaken(
            basis=raming_2026, naam="SES", beschrijving="x", auteur=ministerie, ses_jaar=2022
        )
    assert fout.value.veld == "ses_jaar"
    assert alle[0].naam in fout.value.tekst
    SesWoaScore.objects.create(gemeente=alle[0], jaar=2022, score=Decimal("0.123"))
    scenario = scenario_aanmaken(
        basis=raming_2026, naam="SES", beschrijving="x", auteur=ministerie, ses_jaar=2022
    )
    verwacht = verdeelsleutel.bereken_verdeling(
        invoer_uit_database(peildatum=PEILDATUM, ses_jaar=2022).gemeenten,
        landelijk_aantal=88000,
        amv_totaal=7480,
        methode="per_gemeente",
    )
    assert _gemeente_aantallen(scenario) == {g.code: g.aantal for g in verwacht.gemeenten}
    assert _gemeente_aantallen(scenario) != dict(
        GemeenteVerdeling.objects.filter(raming=raming_2026).values_list("gemeente__code", "aantal")
    )
