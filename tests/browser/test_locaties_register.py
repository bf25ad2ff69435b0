"""The register's own edit flows in the browser: a gemeente registers a location (bad input
first: every error in the summary, the input kept), edits it, reports a phase change through
the confirmation page, and COA confirms."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from locaties.models import Fasewijziging, Opvanglocatie

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _wissel(page, inloggen, user):
    page.context.clear_cookies()
    return inloggen(user)


def test_gemeente_registreert_wijzigt_meldt_fase_en_coa_bevestigt(
    live_server, inloggen, gemeenten, gemeente_arnhem, coa
):
    page = inloggen(gemeente_arnhem)
    page.goto(f"{live_server.url}/locaties/nieuw/")
    # 1. bad input: no name, a negative regular and a huge amv capacity, a date far ahead
    page.get_by_label("Plaats").fill("Arnhem")
    page.get_by_label("Capaciteit regulier (plekken)").fill("-5")
    page.get_by_label("Capaciteit amv (plekken)").fill("99999999")
    page.get_by_label("Soort locatie").select_option("regulier_azc")
    page.get_by_label("In deze fase sinds").fill("2999-01-01")
    page.get_by_role("button", name="Registreren").click()
    samenvatting = page.locator("#foutsamenvatting")
    expect(samenvatting).to_be_visible()
    expect(samenvatting).to_contain_text("Naam")
    expect(samenvatting).to_contain_text("Capaciteit regulier")
    expect(samenvatting).to_contain_text("Capaciteit amv")
    expect(samenvatting).to_contain_text("In deze fase sinds")
    # what was typed is still there
    expect(page.get_by_label("Plaats")).to_have_value("Arnhem")
    expect(page.get_by_label("Capaciteit regulier (plekken)")).to_have_value("-5")
    expect(page.get_by_label("Capaciteit amv (plekken)")).to_have_value("99999999")
    expect(page.get_by_label("Soort locatie")).to_have_value("regulier_azc")
    assert not Opvanglocatie.objects.exists()

    # 2. corrected: registered in realisatie
    page.get_by_label("Naam", exact=True).fill("Azc Arnhem-Noord")
    page.get_by_label("Capaciteit regulier (plekken)").fill("280")
    page.get_by_label("Capaciteit amv (plekken)").fill("20")
    page.get_by_label("Fase", exact=True).select_option("realisatie")
    page.get_by_label("In deze fase sinds").fill("2025-11-01")
    page.get_by_label("Bestuursovereenkomst gesloten op").fill("2025-10-15")
    page.get_by_label("Beschikbaar vanaf").fill("2026-09-01")
    page.get_by_role("button", name="Registreren").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Azc Arnhem-Noord")
    locatie = Opvanglocatie.objects.get(naam="Azc Arnhem-Noord")
    assert (locatie.capaciteit_regulier, locatie.capaciteit_amv) == (280, 20)

    # 3. edit: an empty name is refused with the input kept; then the capacity changes
    page.goto(f"{live_server.url}/locaties/{locatie.pk}/wijzigen/")
    page.get_by_label("Naam", exact=True).fill("")
    page.get_by_label("Capaciteit regulier (plekken)").fill("300")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#foutsamenvatting")).to_contain_text("Naam")
    expect(page.get_by_label("Capaciteit regulier (plekken)")).to_have_value("300")
    page.get_by_label("Naam", exact=True).fill("Azc Arnhem-Noord")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("main")).to_contain_text("De wijziging is opgeslagen.")
    locatie.refresh_from_db()
    assert locatie.capaciteit_regulier == 300

    # 4. phase change through the confirmation page: in gebruik from 1 December 2026
    page.goto(f"{live_server.url}/locaties/{locatie.pk}/fase/")
    page.get_by_label("Nieuwe fase").select_option("in_gebruik")
    page.get_by_label("Datum waarop de fase begon").fill("2026-12-01")
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fasewijziging bevestigen")
    expect(page.locator("main")).to_contain_text("COA krijgt een melding")
    locatie.refresh_from_db()
    assert locatie.fase == "realisatie"  # nothing recorded before the confirmation
    page.get_by_role("button", name="Fase vastleggen").click()
    locatie.refresh_from_db()
    assert locatie.fase == "in_gebruik" and locatie.fase_sinds == dt.date(2026, 12, 1)
    assert Fasewijziging.objects.filter(locatie=locatie, naar_fase="in_gebruik").exists()
    assert locatie.coa_bevestigd_op is None

    # 5. COA confirms capacity and phase
    page = _wissel(page, inloggen, coa)
    page.goto(f"{live_server.url}/locaties/{locatie.pk}/bevestigen/")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.locator("main")).to_contain_text("COA heeft capaciteit en fase bevestigd")
    locatie.refresh_from_db()
    assert locatie.coa_bevestigd_op is not None
