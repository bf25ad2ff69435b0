"""Reports without a location beside a location in gebruik, in the browser: the PRT sees the
warning on the realisation overview, the gemeente on its own page; the gemeente follows it to
the tie page, is refused without a reason, ties with one, and sees its figure counted once and
every report kept on record."""

import re

import pytest
from playwright.sync_api import expect

from regietafels.models import Realisatiemelding
from tests.factories import arnhem_gemeld_naast_locatie, vastgesteld_verdeelbesluit
from tests.regietafels.conftest import _maak_raming

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

REDEN_VELD = "Waarom zijn deze gemelde plekken die van de locatie?"


@pytest.fixture
def arnhem(gemeenten, ministerie, gemeente_arnhem):
    """The verdeelbesluit 2026 fixed; Arnhem reported 100 and 80 places without a location
    beside its azc of 150 places in gebruik since 1 October 2026 (tests/factories.py)."""
    cyclus = _maak_raming(2026).cyclus
    vastgesteld_verdeelbesluit(cyclus=cyclus, door=ministerie)
    return arnhem_gemeld_naast_locatie(cyclus=cyclus, door=gemeente_arnhem)


def _wissel(page, inloggen, user):
    page.context.clear_cookies()
    return inloggen(user)


def _arnhem_op_overzicht(page):
    return page.locator("#realisatie-gemeenten tbody tr", has_text="Arnhem")


def test_waarschuwing_volgen_en_koppelen(
    live_server, inloggen, arnhem, prt_gelderland, gemeente_arnhem
):
    # 1. the PRT sees on the realisation overview that Arnhem's places may count twice
    page = inloggen(prt_gelderland)
    page.goto(f"{live_server.url}/regietafels/realisatie/?cyclus=2026")
    expect(page.locator("#mogelijk-dubbel")).to_contain_text(
        "Arnhem: controleer of de meldingen zonder locatie (180 plekken) niet dezelfde "
        "plekken zijn als locatie Azc Arnhem-Zuid (150 plekken, in gebruik sinds 1-10-2026)"
    )
    rij = _arnhem_op_overzicht(page).locator("td")
    # realised 330 = 150 from the location + 180 reported without one, "(controleren)"
    expect(rij.nth(1)).to_have_text("330")
    expect(rij.nth(2)).to_have_text("150")
    expect(rij.nth(3)).to_have_text("180 (controleren)")

    # 2. the gemeente sees it on its own page and follows the warning to the tie page
    page = _wissel(page, inloggen, gemeente_arnhem)
    page.goto(f"{live_server.url}/regietafels/gemeente/?cyclus=2026")
    gerealiseerd = page.locator("dt:text-is('Gerealiseerd') + dd")
    expect(gerealiseerd).to_have_text(
        "330: 150 in locaties in gebruik volgens het register, 180 gemeld zonder locatie"
    )
    waarschuwing = page.locator("#mogelijk-dubbel")
    expect(waarschuwing).to_contain_text(
        "Controleer of de meldingen zonder locatie (180 plekken) niet dezelfde plekken zijn "
        "als locatie Azc Arnhem-Zuid (150 plekken"
    )
    waarschuwing.get_by_role("link", name="meldingen koppelen aan Azc Arnhem-Zuid").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Meldingen van Arnhem koppelen aan Azc Arnhem-Zuid"
    )
    tabel = page.locator("#koppeling")
    expect(tabel.locator("tbody tr")).to_have_count(3)
    expect(tabel.locator("tbody tr").nth(0)).to_have_text(
        re.compile(r"2 oktober 2026, zonder locatie\s*100\s*ingetrokken")
    )
    expect(tabel.locator("tbody tr").nth(1)).to_have_text(
        re.compile(r"20 oktober 2026, zonder locatie\s*80\s*30")
    )
    expect(page.locator("#minder")).to_contain_text("wordt 150 lager")
    # the way back leads to its own page, named as in the menu
    kruimel = page.get_by_role("navigation", name="Kruimelpad").get_by_role("link")
    expect(kruimel).to_have_text("Mijn opgave")
    expect(kruimel).to_have_attribute("href", "/regietafels/gemeente/?cyclus=2026")

    # 3. without a reason (only spaces): refused in Dutch, what was typed kept, nothing changed
    veld = page.get_by_label(REDEN_VELD)
    veld.fill("   ")
    page.get_by_role("button", name="Koppelen").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    expect(page.locator("#id_reden_error")).to_have_text("Geef een reden voor het koppelen.")
    expect(page.locator("[data-foutsamenvatting] li")).to_have_text(
        f"{REDEN_VELD} Geef een reden voor het koppelen."
    )
    expect(page.get_by_label(REDEN_VELD)).to_have_value("   ")
    expect(page.locator("#koppeling")).to_be_visible()
    assert "cyclus=2026" in page.url
    assert Realisatiemelding.alle.filter(gemeente=arnhem).count() == 2
    assert not Realisatiemelding.alle.filter(ingetrokken_op__isnull=False).exists()

    # 4. with a reason: back on its page, the places counted once
    page.get_by_label(REDEN_VELD).fill("Het zijn de plekken van het azc.")
    page.get_by_role("button", name="Koppelen").click()
    page.wait_for_url(re.compile(r"/regietafels/gemeente/\?cyclus=2026$"))
    expect(page.locator("main")).to_contain_text("De meldingen zijn gekoppeld aan Azc Arnhem-Zuid.")
    expect(page.locator("dt:text-is('Gerealiseerd') + dd")).to_have_text(
        "180: 150 in locaties in gebruik volgens het register, 30 gemeld zonder locatie"
    )
    expect(page.locator("#mogelijk-dubbel")).to_have_count(0)
    expect(page.locator("#eigen-locaties-in-gebruik")).to_contain_text(
        "Azc Arnhem-Zuid: 150 plekken, in gebruik sinds 1 oktober 2026 (gemeld)"
    )

    # 5. the correction is on record, nothing erased: both old reports struck through with
    # the reason, the corrected rest and the report that names the location
    meldingen = page.locator("#meldingen li")
    expect(meldingen).to_have_count(4)
    waarom = "De plekken zijn die van Azc Arnhem-Zuid: Het zijn de plekken van het azc."
    ingetrokken = page.locator("#meldingen li.rt-zacht")
    expect(ingetrokken).to_have_count(2)
    expect(ingetrokken.filter(has_text="2 oktober 2026: 100 plekken")).to_contain_text(
        f"telt niet mee: {waarom}"
    )
    expect(ingetrokken.filter(has_text="20 oktober 2026: 80 plekken")).to_contain_text(
        f"telt niet mee: Gecorrigeerd: {waarom}"
    )
    expect(ingetrokken.locator("del")).to_have_count(2)
    expect(meldingen.filter(has_text="20 oktober 2026: 30 plekken")).to_contain_text(
        f"correctie: {waarom}"
    )
    expect(
        meldingen.filter(has_text="2 oktober 2026: 150 plekken in Azc Arnhem-Zuid")
    ).to_contain_text("Gekoppeld: Het zijn de plekken van het azc.")

    # 6. the PRT's overview agrees: 180 realised, no warning left
    page = _wissel(page, inloggen, prt_gelderland)
    page.goto(f"{live_server.url}/regietafels/realisatie/?cyclus=2026")
    rij = _arnhem_op_overzicht(page).locator("td")
    expect(rij.nth(1)).to_have_text("180")
    expect(rij.nth(2)).to_have_text("150")
    expect(rij.nth(3)).to_have_text("30")
    expect(page.locator("#mogelijk-dubbel")).to_have_count(0)
