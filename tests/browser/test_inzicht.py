"""The insight overview in a real browser: a screenshot at desktop and phone width, nothing
sticks out sideways, and it works without JavaScript."""

from pathlib import Path

import pytest

from tests.inzicht.conftest import (  # noqa: F401 (fixtures)
    cijfers,
    kaartbestand,
    referentiegegevens,
)
from tests.inzicht.hulp import sessie_inloggen

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def schermafdrukken(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("schermafdrukken")


@pytest.mark.parametrize("breedte", [1280, 375])
@pytest.mark.usefixtures("kaartbestand", "cijfers")
def test_overzicht_past_op_het_scherm(
    live_server,
    browser,
    ministerie,
    breedte,
    schermafdrukken,
):
    context = browser.new_context(locale="nl-NL", viewport={"width": breedte, "height": 900})
    try:
        page = context.new_page()
        sessie_inloggen(context, live_server, ministerie)
        page.goto(f"{live_server.url}/inzicht/")
        assert page.locator("h1").inner_text().startswith("Inzicht")
        assert page.locator("svg.rt-kaart path[data-code]").count() == 12
        bestand = schermafdrukken / f"inzicht-{breedte}.png"
        page.screenshot(path=str(bestand), full_page=True)
        assert bestand.stat().st_size > 10_000
        breedtes = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert breedtes[0] <= breedtes[1], f"pagina steekt uit: {breedtes}"
        # every chart fits its column; a wide table scrolls inside its focusable region
        # ({% tabelvak %}), and that region fits the screen
        te_breed = page.evaluate(
            """() => [...document.querySelectorAll('svg, table')]
                .map(e => e.tagName === 'TABLE' ? e.closest('.rt-tabel-container') || e : e)
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .map(e => e.className.baseVal || e.className || e.tagName)"""
        )
        assert te_breed == []
        assert page.locator("table").count() == page.locator(".rt-tabel-container table").count()
    finally:
        context.close()


@pytest.mark.usefixtures("kaartbestand", "cijfers")
def test_overzicht_werkt_zonder_javascript(
    live_server,
    browser,
    ministerie,
):
    context = browser.new_context(
        locale="nl-NL", viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    try:
        page = context.new_page()
        sessie_inloggen(context, live_server, ministerie)
        page.goto(f"{live_server.url}/inzicht/")
        page.select_option("#id_maat", "verslag")
        page.click("form.rt-maatkeuze button[type=submit]")
        page.wait_for_load_state()
        assert "maat=verslag" in page.url
        assert page.locator("svg.rt-kaart").get_attribute("data-maat") == "verslag"
        # a province on the map leads to its page
        page.locator("svg.rt-kaart a[href='/inzicht/provincie/PV25/']").click()
        page.wait_for_load_state()
        assert page.url.endswith("/inzicht/provincie/PV25/")
        assert "Gelderland" in page.locator("h1").inner_text()
        assert page.locator("svg.rt-voortgang g.rt-voortgang__rij").count() > 40
    finally:
        context.close()
