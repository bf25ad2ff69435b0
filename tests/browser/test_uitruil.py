# ruff: noqa: F811  (fixtures imported from tests.uitruil.conftest are used as arguments)
"""Zaanstad proposes, Purmerend accepts, the Noord-Holland secretary confirms; the ledger and
the verslag show the result."""

import datetime as dt

import pytest

from raming.models import Mijlpaal
from regietafels.models import Regietafel
from tests.uitruil.conftest import (  # noqa: F401  (fixtures)
    cyclus,
    gemeenten,
    provincie_gelderland,
    provincie_noord_holland,
    purmerend,
    raming,
    zaanstad,
)
from uitruil.models import Uitruil

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _uitloggen(page):
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()


def test_uitruil_van_voorstel_tot_grootboek_en_verslag(
    live_server,
    page,
    inloggen,
    cyclus,
    zaanstad,
    purmerend,
    prt_noord_holland,
):
    # Zaanstad proposes, through the nav and the form (five rows, no JS needed).
    inloggen(zaanstad)
    page.get_by_role("link", name="Uitruil", exact=True).click()
    page.get_by_role("link", name="Uitruil voorstellen").click()
    # The optional script adds rows; the five rows already there are enough without it.
    page.get_by_role("button", name="Extra partijrij").click()
    assert page.locator("#id_partij-5-aantal").count() == 1
    assert page.input_value("#id_partij-TOTAL_FORMS") == "6"
    page.select_option("#id_partij-0-gemeente", label="Zaanstad")
    page.select_option("#id_partij-0-richting", "neemt_op")
    page.select_option("#id_partij-0-taak", "asielopvang")
    page.fill("#id_partij-0-aantal", "300")
    page.select_option("#id_partij-1-gemeente", label="Purmerend")
    page.select_option("#id_partij-1-richting", "geeft_af")
    page.select_option("#id_partij-1-taak", "asielopvang")
    page.fill("#id_partij-1-aantal", "300")
    page.select_option("#id_partij-2-gemeente", label="Purmerend")
    page.select_option("#id_partij-2-richting", "neemt_op")
    page.select_option("#id_partij-2-taak", "oekraine")
    page.fill("#id_partij-2-aantal", "300")
    page.fill("#id_motivatie", "Zaanstad heeft een locatie; Purmerend vangt Oekraïners op.")
    page.get_by_role("button", name="Voorstel versturen").click()
    page.wait_for_load_state()
    assert "Uitruil" in page.locator("h1").inner_text()
    assert "Voorgesteld" in page.locator("#tijdlijn").inner_text()
    uitruil = Uitruil.objects.get()
    assert uitruil.status == Uitruil.Status.VOORGESTELD
    _uitloggen(page)

    # Purmerend sees it waiting on its home page and accepts.
    inloggen(purmerend)
    assert "Wacht op uw reactie (1)" in page.content()
    page.locator("#uitruil-wacht a").first.click()
    page.get_by_role("button", name="Accepteren").click()
    page.wait_for_load_state()
    assert "U heeft de uitruil geaccepteerd." in page.content()
    _uitloggen(page)

    # The Noord-Holland secretary confirms.
    inloggen(prt_noord_holland)
    assert "wacht op uw bevestiging (1)" in page.content()
    page.locator("#uitruil-wacht a").first.click()
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_load_state()
    tijdlijn = page.locator("#tijdlijn").inner_text()
    assert "Bevestigd" in tijdlijn and "Geaccepteerd" in tijdlijn
    uitruil.refresh_from_db()
    assert uitruil.status == Uitruil.Status.BEVESTIGD

    # The province ledger shows the result.
    page.goto(f"{live_server.url}/uitruil/grootboek/")
    assert "Onder aan de streep gehaald" in page.locator("#onder-aan-de-streep").inner_text()
    zaanstad_rij = page.locator('#grootboek tr[data-gemeente="Zaanstad"]').inner_text()
    assert "1.300" in zaanstad_rij and "+300" in zaanstad_rij
    purmerend_rij = page.locator('#grootboek tr[data-gemeente="Purmerend"]').inner_text()
    assert "-300" in purmerend_rij

    # The verslag of Noord-Holland shows it in its own section and in the gemeente's row.
    from regietafels.services import verslag_aanmaken

    Mijlpaal.objects.get_or_create(
        cyclus=cyclus,
        soort=Mijlpaal.Soort.VERSLAG,
        defaults={"oorspronkelijke_datum": dt.date(2026, 11, 1), "datum": dt.date(2026, 11, 1)},
    )
    tafel, _ = Regietafel.objects.get_or_create(
        provincie=prt_noord_holland.provincie, defaults={"naam": "PRT Noord-Holland"}
    )
    verslag_aanmaken(regietafel=tafel, cyclus=cyclus, door=prt_noord_holland)
    page.goto(
        f"{live_server.url}/regietafels/{prt_noord_holland.provincie.slug}/verslag/?cyclus=2026"
    )
    afspraken = page.locator("#uitruilafspraken").inner_text()
    assert "Zaanstad neemt op 300 asielopvang" in afspraken
    assert "Purmerend geeft af 300 asielopvang" in afspraken
    assert (
        "1.300"
        in page.locator("tr", has=page.locator("th", has_text="Zaanstad")).first.inner_text()
    )


def test_uitruilpaginas_zonder_wcag_overtredingen(
    browser, live_server, cyclus, zaanstad, purmerend, prt_noord_holland, coa
):
    """axe-core (WCAG 2.0/2.1 A and AA) over the uitruil pages of each role."""
    from tests.browser.test_a11y import _axe, _rapport
    from tests.inzicht.hulp import sessie_inloggen
    from tests.uitruil.helpers import zaanstad_purmerend
    from uitruil import services

    bevestigd = zaanstad_purmerend(cyclus, zaanstad, aantal=100)
    services.accepteren(uitruil=bevestigd, door=purmerend)
    services.bevestigen(uitruil=bevestigd, door=prt_noord_holland)
    open_ = zaanstad_purmerend(cyclus, zaanstad, aantal=10)
    context = browser.new_context(locale="nl-NL", bypass_csp=True)
    page = context.new_page()
    paden = {
        zaanstad: [
            "/",
            "/uitruil/",
            "/uitruil/voorstellen/",
            f"/uitruil/{open_.pk}/",
            "/uitruil/grootboek/gemeente/zaanstad/",
            "/uitruil/taakstelling/",
        ],
        purmerend: ["/", f"/uitruil/{open_.pk}/"],
        prt_noord_holland: [
            "/",
            f"/uitruil/{bevestigd.pk}/",
            "/uitruil/grootboek/provincie/noord-holland/",
        ],
        coa: ["/uitruil/?provincie=noord-holland", "/uitruil/grootboek/"],
    }
    bevindingen = {}
    for user, lijst in paden.items():
        sessie_inloggen(context, live_server, user)
        for pad in lijst:
            antwoord = page.goto(live_server.url + pad)
            assert antwoord.status == 200, pad
            if overtredingen := _axe(page):
                bevindingen[f"{user.username} {pad}"] = overtredingen
    # The form with its error messages, too.
    sessie_inloggen(context, live_server, zaanstad)
    page.goto(live_server.url + "/uitruil/voorstellen/")
    page.fill("#id_partij-0-aantal", "0")
    page.get_by_role("button", name="Voorstel versturen").click()
    page.wait_for_load_state()
    assert "Vul een positief geheel getal in" in page.content()
    if overtredingen := _axe(page):
        bevindingen["voorstellen met fouten"] = overtredingen
    context.close()
    assert not bevindingen, _rapport(bevindingen)


def test_voorstel_met_fouten_op_375_px(live_server, inloggen, cyclus, zaanstad):
    """A proposal with errors in every row: the error summary says which row, and at 375 px
    the form does not scroll sideways (the fieldset grew with the error texts in its table)."""
    page = inloggen(zaanstad)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/uitruil/voorstellen/")
    for rij in range(5):
        page.fill(f"#id_partij-{rij}-aantal", "-3")
    page.get_by_role("button", name="Voorstel versturen").click()
    page.wait_for_load_state()
    samenvatting = page.locator("#foutsamenvatting").inner_text()
    assert "Rij 2, gemeente: Kies een gemeente." in samenvatting
    assert "Rij 5, aantal: " in samenvatting
    assert page.input_value("#id_partij-4-aantal") == "-3"
    breedte = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert breedte == [375, 375]
