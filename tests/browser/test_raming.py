import datetime as dt

import pytest

from raming import services
from raming.models import Invoerbesluit
from tests.factories import ministerie_actor

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def gepubliceerd(gemeenten, ministerie):
    cyclus = services.cyclus_aanmaken(jaar=2026, door=ministerie_actor())
    besluit = services.invoerbesluit_vastleggen(
        cyclus=cyclus,
        soort=Invoerbesluit.Soort.MPP_EN_CAPACITEITSBESLUIT,
        datum=dt.date(2025, 9, 26),
        landelijk_aantal=88_000,
        amv_aantal=7_480,
        door=ministerie_actor(),
    )
    raming = services.raming_aanmaken(
        cyclus=cyclus,
        invoerbesluit=besluit,
        peildatum_inwoners=dt.date(2023, 1, 1),
        zonder_ses=True,
        door=ministerie_actor(),
    )
    services.raming_berekenen(raming=raming, door=ministerie_actor())
    return services.publicatie_registreren(
        raming=raming,
        staatscourant_referentie="Stcrt. 2026, 1",
        gepubliceerd_op=dt.date(2026, 2, 26),
        toelichting="Test",
        door=ministerie,
    )


def test_openbare_raming_zoeken(live_server, page, gepubliceerd):
    fouten = []
    # CSP violations and script errors; failed loads are checked per response below (the
    # browser's own favicon request is not one of ours)
    page.on(
        "console",
        lambda m: (
            fouten.append(m.text)
            if m.type == "error" and "Failed to load resource" not in m.text
            else None
        ),
    )
    page.on("pageerror", lambda e: fouten.append(str(e)))
    page.on("response", lambda r: fouten.append(r.url) if r.status >= 400 else None)
    page.goto(f"{live_server.url}/raming/openbaar/")
    page.click("text=Capaciteitsraming 2026")
    assert page.locator("h1").inner_text().startswith("Capaciteitsraming 2026")
    rijen = page.locator("#gemeenten-tabel tbody tr")
    assert rijen.count() == 342
    # with JS: the table filters while typing
    page.fill("#id_q", "zaanstad")
    zichtbaar = page.locator("#gemeenten-tabel tbody tr:visible")
    assert zichtbaar.count() == 1
    assert "Zaanstad" in zichtbaar.first.inner_text()
    assert "1 van 342" in page.locator("#gemeenten-aantal").inner_text()
    # the form also works as a plain GET search
    page.click(".rt-raming-zoek button[type=submit]")
    page.wait_for_url("**q=zaanstad**")
    assert page.locator("#gemeenten-tabel tbody tr").count() == 1
    page.click("#gemeenten-tabel a:has-text('Zaanstad')")
    page.wait_for_url("**/gemeente/zaanstad/**")
    assert "Zo is het aantal berekend" in page.content()
    assert not fouten, fouten


def test_zoeken_zonder_javascript(live_server, browser, gepubliceerd):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/raming/openbaar/2026/")
    page.fill("#id_q", "Limburg")
    page.click(".rt-raming-zoek button[type=submit]")
    page.wait_for_load_state()
    assert "Heerlen" in page.locator("#gemeenten-tabel").inner_text()
    assert "Zaanstad" not in page.locator("#gemeenten-tabel").inner_text()
    context.close()
