"""Scenarios in the browser: the ministry compares scenarios, a PRT secretary reads a shared
one; axe-core finds no WCAG 2.1 A/AA violation on the scenario pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from raming.models import Wetscyclus
from raming.scenarios.services import Aanpassing, scenario_aanmaken, scenario_delen
from tests.inzicht.hulp import sessie_inloggen
from tests.scenarios.conftest import maak_raming

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "static" / "vendor-test" / "axe.min.js"


def _axe(page) -> list:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
            return r.violations.map(v => [v.id, v.nodes.slice(0, 3).map(n => n.html)]);
        }"""
    )


@pytest.fixture
def scenarios(gemeenten, ministerie):
    raming = maak_raming(cyclus=Wetscyclus.objects.get_or_create(jaar=2026)[0])
    return [
        scenario_aanmaken(basis=raming, naam="Basis MPP", beschrijving="b", auteur=ministerie),
        scenario_aanmaken(
            basis=raming,
            naam="Extra uitstroom",
            beschrijving="Extra uitstroom van statushouders",
            auteur=ministerie,
            aanpassingen=[Aanpassing("extra uitstroom statushouders", -12000)],
        ),
    ]


def test_ministerie_vergelijkt_en_prt_leest_gedeeld(
    live_server, browser, ministerie, prt_gelderland, scenarios
):
    # bypass_csp only so the axe-core script can be injected; the pages themselves run none
    context = browser.new_context(
        locale="nl-NL", viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    sessie_inloggen(context, live_server, ministerie)
    page.goto(f"{live_server.url}/scenarios/")
    assert _axe(page) == []
    page.check(f"#vergelijk-{scenarios[0].pk}")
    page.check(f"#vergelijk-{scenarios[1].pk}")
    page.click("text=Vergelijk de gekozen scenario's")
    page.wait_for_load_state()
    assert "/scenarios/vergelijken/" in page.url
    assert page.locator("svg.rt-grafiek").count() == 1
    assert page.locator("text=grote verschuiving").count() > 0
    assert _axe(page) == []
    # sort the gemeenten by the difference of S2, via the column head link
    page.click("a:text-is('S2 verschil') >> nth=-1")
    page.wait_for_load_state()
    assert "sorteer=v2" in page.url
    eerste = page.locator(".rt-tabel-gemeenten tbody tr th").first.inner_text()
    assert eerste.startswith("Amsterdam")

    page.goto(f"{live_server.url}/scenarios/{scenarios[1].pk}/")
    assert _axe(page) == []
    page.goto(f"{live_server.url}/scenarios/nieuw/?basis={scenarios[0].basis_id}")
    assert _axe(page) == []

    scenario_delen(scenario=scenarios[1], secretarissen=[prt_gelderland], door=ministerie)
    sessie_inloggen(context, live_server, prt_gelderland)
    page.goto(f"{live_server.url}/scenarios/{scenarios[1].pk}/")
    assert "scenario — geen besluit" in page.inner_text("main")
    assert "Invoer wijzigen" not in page.inner_text("main")
    assert _axe(page) == []
    antwoord = page.goto(f"{live_server.url}/scenarios/{scenarios[0].pk}/")
    assert antwoord.status == 404
    context.close()
