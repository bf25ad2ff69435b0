"""Freshness of the scenario pages and API after their write services (as
``tests/regietafels/test_versheid.py``): each page and response is read twice first (the second
read is served from cachalot and, for the comparison and the home page, from the page
fragments), then a scenario is created, changed, shared with a PRT secretary, no longer shared
and promoted to a concept raming; after each write every page shows the new state, for the
ministry and for the secretary it is shared with. A scenario is never deleted (there is no such
act): stopping to share it is what takes it away from a secretary."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from raming.models import Raming
from raming.scenarios.services import (
    Aanpassing,
    delen_stoppen,
    scenario_aanmaken,
    scenario_delen,
    scenario_promoveren,
    scenario_wijzigen,
)

pytestmark = pytest.mark.django_db


def _pagina(client, url) -> str:
    antwoord = client.get(url)
    assert antwoord.status_code == 200, (url, antwoord.status_code)
    return antwoord.content.decode().replace(" ", "")


def _warm(client, urls) -> None:
    for url in urls:
        _pagina(client, url)
        _pagina(client, url)


def _client(user) -> Client:
    # one session per user, logged in once: a login writes the user's row (last_login), which
    # would redraw the fragments and hide a stale one
    client = Client()
    client.force_login(user)
    return client


def _wijzigen(scenario, door, *, naam: str, uitstroom: int):
    return scenario_wijzigen(
        scenario=scenario,
        door=door,
        naam=naam,
        beschrijving=scenario.beschrijving,
        landelijk_aantal=scenario.landelijk_aantal,
        amv_aandeel=scenario.amv_aandeel,
        peildatum_inwoners=scenario.peildatum_inwoners,
        ses_jaar=scenario.ses_jaar,
        afrondingsmethode=scenario.afrondingsmethode,
        aanpassingen=[Aanpassing("extra uitstroom", uitstroom)],
        beschikbaar_wijzigingen=[],
    )


def test_scenario_schrijfdiensten_overal_zichtbaar(raming_2026, ministerie, prt_gelderland):
    m, prt = _client(ministerie), _client(prt_gelderland)
    lijst, api = reverse("scenarios:lijst"), "/api/v1/scenarios/"
    _warm(m, ["/", lijst, api])
    _warm(prt, ["/", lijst, api])
    for url in ("/", lijst, api):
        assert "Versheid-A" not in _pagina(m, url)

    a = scenario_aanmaken(
        basis=raming_2026, naam="Versheid-A", beschrijving="Aanname", auteur=ministerie
    )
    b = scenario_aanmaken(
        basis=raming_2026,
        naam="Versheid-B",
        beschrijving="Aanname",
        auteur=ministerie,
        aanpassingen=[Aanpassing("extra uitstroom", -12_000)],
    )
    for url in ("/", lijst, api):
        assert "Versheid-A" in _pagina(m, url), url  # the home panel lists the newest five
    detail = reverse("scenarios:detail", args=[b.pk])
    api_detail = f"{api}{b.pk}/"
    vergelijken = reverse("scenarios:vergelijken") + f"?s={a.pk}&s={b.pk}"
    _warm(m, [detail, api_detail, vergelijken])
    assert "76.000" in _pagina(m, detail) and '"resultaat_landelijk":76000' in _pagina(
        m, api_detail
    )
    assert "−12.000" in _pagina(m, vergelijken)

    # changed inputs: recomputed outcomes on the detail page, the API and the comparison's
    # cached gemeente rows
    voor = _pagina(m, vergelijken)
    b = _wijzigen(b, ministerie, naam="Versheid-B2", uitstroom=-20_000)
    assert "68.000" in _pagina(m, detail) and "Versheid-B2" in _pagina(m, lijst)
    assert '"resultaat_landelijk":68000' in _pagina(m, api_detail)
    na = _pagina(m, vergelijken)
    assert "−20.000" in na and na != voor
    assert "Versheid-B2" in _pagina(m, "/")

    # shared with Gelderland's secretary: its list, home panel and API show the frozen figures
    for url in ("/", lijst, api):
        assert "Versheid-B2" not in _pagina(prt, url)
    scenario_delen(scenario=b, secretarissen=[prt_gelderland], door=ministerie)
    for url in ("/", lijst, api, detail, api_detail):
        assert "Versheid-B2" in _pagina(prt, url), url
    assert '"gedeeld":true' in _pagina(m, api_detail)

    # changed after sharing: the secretary keeps the frozen figures until shared again
    _wijzigen(b, ministerie, naam="Versheid-B3", uitstroom=-8_000)
    assert '"resultaat_landelijk":80000' in _pagina(m, api_detail)
    assert '"resultaat_landelijk":68000' in _pagina(prt, api_detail)
    scenario_delen(scenario=b, secretarissen=[prt_gelderland], door=ministerie)
    assert '"resultaat_landelijk":80000' in _pagina(prt, api_detail)
    assert "Versheid-B3" in _pagina(prt, lijst)

    # no longer shared: gone from everything the secretary sees
    delen_stoppen(scenario=b, door=ministerie)
    for url in ("/", lijst, api):
        assert "Versheid-B3" not in _pagina(prt, url), url
    assert prt.get(detail).status_code == 404
    assert prt.get(api_detail).status_code == 404

    # promoted: a new concept version of the raming, on the raming's pages and API
    raming_api = f"/api/v1/ramingen/?cyclus={raming_2026.cyclus.jaar}"
    _warm(m, [raming_api])
    assert '"versie":2' not in _pagina(m, raming_api)
    nieuw = scenario_promoveren(scenario=b, door=ministerie)
    assert nieuw.status == Raming.Status.CONCEPT and nieuw.landelijk_aantal == 80_000
    assert '"versie":2' in _pagina(m, raming_api)
    assert "80.000" in _pagina(m, reverse("raming:raming", kwargs={"pk": nieuw.pk}))
