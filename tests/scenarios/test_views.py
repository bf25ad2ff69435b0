"""Scenario pages: access rule, forms, comparison (sorting, movers, chart, query count), xlsx."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from raming.models import GemeenteVerdeling, Provincie, Raming
from raming.scenarios.models import GEEN_BESLUIT, Scenario
from raming.scenarios.services import (
    Aanpassing,
    BeschikbaarWijziging,
    scenario_aanmaken,
    scenario_delen,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def vier(raming_2026, ministerie):
    return [
        scenario_aanmaken(basis=raming_2026, naam="Basis MPP", beschrijving="x", auteur=ministerie),
        scenario_aanmaken(
            basis=raming_2026,
            naam="Extra uitstroom",
            beschrijving="x",
            auteur=ministerie,
            aanpassingen=[Aanpassing("extra uitstroom statushouders", -12000)],
        ),
        scenario_aanmaken(
            basis=raming_2026,
            naam="Uitstroom + nareis",
            beschrijving="x",
            auteur=ministerie,
            aanpassingen=[Aanpassing("uitstroom", -12000), Aanpassing("nareis", -3000)],
        ),
        scenario_aanmaken(
            basis=raming_2026,
            naam="Sluiting Gelderland",
            beschrijving="x",
            auteur=ministerie,
            beschikbaar_wijzigingen=[
                BeschikbaarWijziging(provincie=Provincie.objects.get(code="PV25"), delta=-2000)
            ],
        ),
    ]


def _vergelijk_url(scenarios, **extra):
    query = "&".join(f"s={s.pk}" for s in scenarios)
    for k, v in extra.items():
        query += f"&{k}={v}"
    return reverse("scenarios:vergelijken") + "?" + query


def test_lijst_en_detail_voor_het_ministerie(client, ministerie, vier):
    client.force_login(ministerie)
    antwoord = client.get(reverse("scenarios:lijst"))
    assert antwoord.status_code == 200
    for s in vier:
        assert s.naam in antwoord.content.decode()
    antwoord = client.get(reverse("scenarios:detail", args=[vier[1].pk]))
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert GEEN_BESLUIT in html
    assert "extra uitstroom statushouders" in html
    assert "76.000" in html


def test_gedeeld_scenario_toegang(
    client, ministerie, vier, prt_gelderland, prt_noord_holland, gemeente_arnhem, coa
):
    scenario = vier[1]
    scenario_delen(scenario=scenario, secretarissen=[prt_gelderland], door=ministerie)
    url = reverse("scenarios:detail", args=[scenario.pk])

    client.force_login(prt_gelderland)
    antwoord = client.get(url)
    assert antwoord.status_code == 200
    assert GEEN_BESLUIT in antwoord.content.decode()
    assert "Invoer wijzigen" not in antwoord.content.decode()
    lijst = client.get(reverse("scenarios:lijst")).content.decode()
    assert "Extra uitstroom" in lijst
    assert "Basis MPP" not in lijst
    # a shared secretary cannot see the unshared ones nor act on the shared one
    assert client.get(reverse("scenarios:detail", args=[vier[0].pk])).status_code == 404
    assert client.get(reverse("scenarios:bewerken", args=[scenario.pk])).status_code == 403
    assert client.post(reverse("scenarios:promoveren", args=[scenario.pk])).status_code == 403

    # another province's secretary: not shared, so not found; gemeente and COA: no scenarios
    # at all for their role (403)
    for ander, status in ((prt_noord_holland, 404), (gemeente_arnhem, 403), (coa, 403)):
        client.force_login(ander)
        assert client.get(url).status_code == status
        assert client.get(_vergelijk_url([scenario])).status_code == status
    client.force_login(gemeente_arnhem)
    assert client.get(reverse("scenarios:lijst")).status_code == 403


def test_prt_ziet_de_bevroren_cijfers(client, ministerie, raming_2026, prt_gelderland):
    scenario = scenario_aanmaken(
        basis=raming_2026,
        naam="S",
        beschrijving="eerste",
        auteur=ministerie,
        aanpassingen=[Aanpassing("uitstroom", -12000)],
    )
    scenario_delen(scenario=scenario, secretarissen=[prt_gelderland], door=ministerie)
    client.force_login(ministerie)
    data = _formulier_data(raming_2026, naam="Nieuwe naam", beschrijving="tweede", delta=-20000)
    antwoord = client.post(reverse("scenarios:bewerken", args=[scenario.pk]), data)
    assert antwoord.status_code == 302
    scenario.refresh_from_db()
    assert scenario.resultaat_landelijk == 68000
    client.force_login(prt_gelderland)
    html = client.get(reverse("scenarios:detail", args=[scenario.pk])).content.decode()
    assert "76.000" in html
    assert "eerste" in html
    assert "68.000" not in html
    assert "tweede" not in html
    assert "Nieuwe naam" not in html
    lijst = client.get(reverse("scenarios:lijst")).content.decode()
    assert "Nieuwe naam" not in lijst and "76.000" in lijst
    vergelijk = client.get(_vergelijk_url([scenario])).content.decode()
    assert "Nieuwe naam" not in vergelijk and "−12.000" in vergelijk


def _formulier_data(basis, *, naam, beschrijving, delta=None, provincie_delta=None):
    data = {
        "basis": basis.pk,
        "naam": naam,
        "beschrijving": beschrijving,
        "landelijk_aantal": "",
        "amv_aandeel": "",
        "peildatum_inwoners": "2023-01-01",
        "ses_jaar": "",
        "afrondingsmethode": "per_gemeente",
        "aanpassing-TOTAL_FORMS": "1",
        "aanpassing-INITIAL_FORMS": "0",
        "aanpassing-0-label": "aanpassing" if delta is not None else "",
        "aanpassing-0-delta": "" if delta is None else str(delta),
        "beschikbaar-TOTAL_FORMS": "1",
        "beschikbaar-INITIAL_FORMS": "0",
        "beschikbaar-0-provincie": "",
        "beschikbaar-0-gemeente": "",
        "beschikbaar-0-soort": "delta",
        "beschikbaar-0-aantal": "",
        "beschikbaar-0-toelichting": "",
    }
    if provincie_delta is not None:
        code, aantal = provincie_delta
        data["beschikbaar-0-provincie"] = Provincie.objects.get(code=code).pk
        data["beschikbaar-0-aantal"] = str(aantal)
    return data


def test_nieuw_scenario_via_het_formulier(client, ministerie, raming_2026):
    client.force_login(ministerie)
    url = reverse("scenarios:nieuw") + f"?basis={raming_2026.pk}"
    assert client.get(url).status_code == 200
    antwoord = client.post(
        url, _formulier_data(raming_2026, naam="Nareis", beschrijving="Nareis", delta=-3000)
    )
    assert antwoord.status_code == 302
    scenario = Scenario.objects.get(naam="Nareis")
    assert scenario.resultaat_landelijk == 85000
    assert scenario.auteur == ministerie


def test_formulier_weigert_negatief_met_nederlandse_melding(client, ministerie, raming_2026):
    client.force_login(ministerie)
    url = reverse("scenarios:nieuw") + f"?basis={raming_2026.pk}"
    antwoord = client.post(
        url, _formulier_data(raming_2026, naam="Te veel", beschrijving="x", delta=-90000)
    )
    assert antwoord.status_code == 200
    assert "landelijke aantal negatief" in antwoord.content.decode()
    antwoord = client.post(
        url,
        _formulier_data(
            raming_2026, naam="Dicht", beschrijving="x", provincie_delta=("PV24", -9999)
        ),
    )
    assert antwoord.status_code == 200
    assert "Flevoland" in antwoord.content.decode()
    assert not Scenario.objects.exists()


def test_formulier_alleen_voor_het_ministerie(client, prt_gelderland, raming_2026):
    client.force_login(prt_gelderland)
    assert client.get(reverse("scenarios:nieuw")).status_code == 403


def test_promoveren_via_de_pagina(client, ministerie, vier, raming_2026):
    client.force_login(ministerie)
    antwoord = client.post(reverse("scenarios:promoveren", args=[vier[1].pk]), follow=True)
    assert "tussentijdse wijziging" in antwoord.content.decode()
    nieuw = Raming.objects.get(cyclus=raming_2026.cyclus, versie=2)
    assert nieuw.status == Raming.Status.CONCEPT
    assert nieuw.landelijk_aantal == 76000


def test_vergelijken_toont_verschillen_en_grafiek(client, ministerie, vier, raming_2026):
    client.force_login(ministerie)
    antwoord = client.get(_vergelijk_url(vier))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "<svg" in html and "Gelderland" in html
    assert "S4 −2.000" not in html  # the opgave does not move when only places close
    assert "S2 −" in html
    assert "grote verschuiving" in html
    assert "−12.000" in html and "−13,6 %" in html  # 76,000 vs 88,000
    assert "−15.000" in html and "−17,0 %" in html
    v = antwoord.context["v"]
    assert [k.landelijk.verschil for k in v.kolommen] == [0, -12000, -15000, 0]
    # nog te realiseren rises in Gelderland when 2,000 places close
    gld = next(r for r in v.provincies_ntr if r.code == "PV25")
    assert gld.cellen[3].verschil == min(2000, gld.cellen[3].waarde)
    assert len([r for r in v.gemeenten if r.beweger]) == 10


def test_vergelijken_sorteren(client, ministerie, vier, raming_2026):
    client.force_login(ministerie)
    v = client.get(_vergelijk_url(vier, sorteer="v3")).context["v"]
    verschillen = [r.cellen[2].verschil for r in v.gemeenten]
    assert verschillen == sorted(verschillen)
    assert v.gemeenten[0].naam == "Amsterdam"
    v = client.get(_vergelijk_url(vier, sorteer="-basis", psorteer="-s1")).context["v"]
    basis = [r.basis for r in v.gemeenten]
    assert basis == sorted(basis, reverse=True)
    assert v.provincies[0].naam == "Zuid-Holland"
    # an unknown sort value falls back to the name
    v = client.get(_vergelijk_url(vier, sorteer="<script>")).context["v"]
    assert [r.naam.lower() for r in v.gemeenten] == sorted(r.naam.lower() for r in v.gemeenten)


def test_vergelijken_grenzen(client, ministerie, vier, raming_2026, concept_raming):
    client.force_login(ministerie)
    vijfde = scenario_aanmaken(basis=raming_2026, naam="Vijf", beschrijving="x", auteur=ministerie)
    antwoord = client.get(_vergelijk_url([*vier, vijfde]), follow=True)
    assert "ten hoogste vier" in antwoord.content.decode()
    ander = scenario_aanmaken(basis=concept_raming, naam="C", beschrijving="x", auteur=ministerie)
    antwoord = client.get(_vergelijk_url([vier[0], ander]), follow=True)
    assert "dezelfde basisraming" in antwoord.content.decode()


def test_vergelijken_constant_aantal_queries(client, ministerie, vier, zonder_cache):
    client.force_login(ministerie)
    client.get(_vergelijk_url(vier[:1]))  # warm up session/user caches
    with CaptureQueriesContext(connection) as een:
        assert client.get(_vergelijk_url(vier[:1])).status_code == 200
    with CaptureQueriesContext(connection) as vier_q:
        assert client.get(_vergelijk_url(vier)).status_code == 200
    assert len(vier_q) == len(een)
    assert len(vier_q) <= 12
    xlsx = reverse("scenarios:vergelijken_xlsx") + "?"
    with CaptureQueriesContext(connection) as een:
        assert client.get(xlsx + f"s={vier[0].pk}").status_code == 200
    with CaptureQueriesContext(connection) as vier_q:
        assert client.get(xlsx + "&".join(f"s={s.pk}" for s in vier)).status_code == 200
    assert len(vier_q) == len(een)


def test_detail_constant_aantal_queries(client, ministerie, vier, django_assert_max_num_queries):
    client.force_login(ministerie)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("scenarios:detail", args=[vier[2].pk])).status_code == 200


def test_xlsx_terug_te_lezen(client, ministerie, vier, raming_2026):
    client.force_login(ministerie)
    query = "&".join(f"s={s.pk}" for s in vier)
    antwoord = client.get(reverse("scenarios:vergelijken_xlsx") + "?" + query)
    assert antwoord.status_code == 200
    assert "attachment" in antwoord["Content-Disposition"]
    wb = load_workbook(io.BytesIO(antwoord.content))
    assert wb.sheetnames == [
        "Vergelijking",
        "S1 Basis MPP",
        "S2 Extra uitstroom",
        "S3 Uitstroom + nareis",
        "S4 Sluiting Gelderland",
    ]
    vergelijking = wb["Vergelijking"]
    rijen = list(vergelijking.iter_rows(values_only=True))
    landelijk = next(r for r in rijen if r[0] == "Landelijk aantal (R)")
    assert landelijk[:8] == ("Landelijk aantal (R)", 88000, 88000, 0, 0, 76000, -12000, -13.64)
    # per gemeente: the scenario sheet agrees with the stored results
    blad = wb["S3 Uitstroom + nareis"]
    rijen = [r[:7] for r in blad.iter_rows(values_only=True)]
    kop = rijen.index(("Code", "Gemeente", "Provincie", "Basis", "Aantal", "Verschil", "%"))
    gemeenten = {r[0]: r for r in rijen[kop + 1 :]}
    assert len(gemeenten) == 342
    basis = dict(
        GemeenteVerdeling.objects.filter(raming=raming_2026).values_list("gemeente__code", "aantal")
    )
    uitkomst = dict(
        vier[2]
        .uitkomsten.filter(set="actueel", gemeente__isnull=False)
        .values_list("gemeente__code", "aantal")
    )
    for code, rij in gemeenten.items():
        assert rij[3] == basis[code]
        assert rij[4] == uitkomst[code]
        assert rij[5] == uitkomst[code] - basis[code]
    assert ("Aanpassing", "nareis", -3000, None, None, None, None) in rijen


def test_home_panel_en_navigatie(client, ministerie, vier, prt_gelderland):
    client.force_login(ministerie)
    html = client.get("/").content.decode()
    assert reverse("scenarios:lijst") in html
    assert "Extra uitstroom" in html
    client.force_login(prt_gelderland)
    html = client.get("/").content.decode()
    assert "Extra uitstroom" not in html
    scenario_delen(scenario=vier[1], secretarissen=[prt_gelderland], door=ministerie)
    html = client.get("/").content.decode()
    assert "Scenario&#x27;s die met u gedeeld zijn" in html or "die met u gedeeld zijn" in html
    assert "Extra uitstroom" in html


def test_lijst_constant_aantal_queries(client, ministerie, vier, django_assert_max_num_queries):
    client.force_login(ministerie)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("scenarios:lijst")).status_code == 200


def test_beheer_voor_het_ministerie(client, ministerie, vier):
    ministerie.is_superuser = True
    ministerie.save()
    client.force_login(ministerie)
    assert client.get("/beheer/scenarios/scenario/").status_code == 200
    antwoord = client.get(f"/beheer/scenarios/scenario/{vier[1].pk}/change/")
    assert antwoord.status_code == 200
    assert "extra uitstroom statushouders" in antwoord.content.decode()
    assert client.get("/beheer/scenarios/scenariouitkomst/").status_code == 200
    assert client.get("/beheer/scenarios/scenario/add/").status_code == 403
