"""The places behind every number, in the browser: a gemeente registers a location, COA
confirms it, the PRT builds the verslag row from it, the ministry computes meerjarig
beschikbaar and finds the location in the explanation."""

import os
import re

import pytest
from playwright.sync_api import expect

from locaties.models import Beschikbaarheidsberekening, Opvanglocatie
from raming.models import MeerjarigBeschikbaar
from regietafels.models import Regietafel, VerslagRegel
from regietafels.services import verslag_aanmaken
from tests.regietafels.conftest import _maak_raming

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _schermafdruk(page, naam: str) -> None:
    """With RT_SCHERMAFDRUKKEN set (a folder outside the repository): the page at 1280 and
    375 px wide, to look at."""
    map_ = os.environ.get("RT_SCHERMAFDRUKKEN")
    if not map_:
        return
    for breedte in (1280, 375):
        page.set_viewport_size({"width": breedte, "height": 900})
        page.screenshot(path=f"{map_}/{naam}-{breedte}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture(autouse=True)
def referentiegegevens(transactional_db):
    from raming.models import Provincie
    from raming.provincies import PROVINCIES

    for code, naam, slug in PROVINCIES:
        provincie, _ = Provincie.objects.get_or_create(
            code=code, defaults={"naam": naam, "slug": slug}
        )
        Regietafel.objects.get_or_create(
            provincie=provincie, defaults={"naam": f"Provinciale regietafel {naam}"}
        )


@pytest.fixture
def verslag(referentiegegevens, gemeenten, prt_gelderland):
    cyclus = _maak_raming(2026).cyclus
    return verslag_aanmaken(
        regietafel=Regietafel.objects.get(provincie__code="PV25"),
        cyclus=cyclus,
        door=prt_gelderland,
    )


@pytest.fixture
def ministerie_zonder_2fa(ministerie, settings):
    """The flow is about the register; the 2FA flow has its own tests."""
    settings.DEMO_MODE = True
    ministerie.is_demo = True
    ministerie.save(update_fields=["is_demo"])
    return ministerie


def _wissel(page, inloggen, user):
    page.context.clear_cookies()
    return inloggen(user)


def test_van_locatie_tot_meerjarig_beschikbaar(
    live_server, inloggen, verslag, gemeente_arnhem, coa, prt_gelderland, ministerie_zonder_2fa
):
    # 1. the gemeente registers a location in realisation with a concluded agreement
    page = inloggen(gemeente_arnhem)
    page.goto(f"{live_server.url}/locaties/nieuw/")
    page.get_by_label("Naam", exact=True).fill("Azc Arnhem-Schuytgraaf")
    page.get_by_label("Capaciteit regulier (plekken)").fill("280")
    page.get_by_label("Capaciteit amv (plekken)").fill("20")
    page.get_by_label("Soort locatie").select_option("regulier_azc")
    page.get_by_label("Fase", exact=True).select_option("realisatie")
    page.get_by_label("In deze fase sinds").fill("2025-11-01")
    page.get_by_label("Bestuursovereenkomst gesloten op").fill("2025-10-15")
    page.get_by_label("Beschikbaar vanaf").fill("2026-09-01")
    page.get_by_role("button", name="Registreren").click()
    locatie = Opvanglocatie.objects.get(naam="Azc Arnhem-Schuytgraaf")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Azc Arnhem-Schuytgraaf")
    assert locatie.coa_bevestigd_op is None

    # 2. COA confirms capacity and phase
    page = _wissel(page, inloggen, coa)
    page.goto(f"{live_server.url}/locaties/{locatie.pk}/bevestigen/")
    page.get_by_role("button", name="Bevestigen").click()
    locatie.refresh_from_db()
    assert locatie.coa_bevestigd_op is not None

    # 3. the PRT builds Arnhem's verslag row from the register, after a preview
    page = _wissel(page, inloggen, prt_gelderland)
    page.goto(f"{live_server.url}/regietafels/gelderland/verslag/")
    tabel = page.locator("#locatieregels")
    expect(tabel).to_contain_text("Arnhem")
    tabel.get_by_role("link", name=re.compile("Bekijken en overnemen")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Verslagregels uit het locatieregister"
    )
    expect(page.locator("main")).to_contain_text("vastgestelde plannen: 0 → 300")
    _schermafdruk(page, "verslag-uit-locaties")
    page.get_by_label(re.compile("uit het locatieregister overnemen")).check()
    page.get_by_role("button", name="Overnemen in het verslag").click()
    expect(page.locator("#uit-locaties")).to_be_visible()
    regel = VerslagRegel.objects.get(verslag=verslag, gemeente__naam="Arnhem")
    assert (regel.vastgestelde_plannen, regel.amv) == (300, 20)

    # 4. the ministry computes meerjarig beschikbaar and finds the location in the explanation
    page = _wissel(page, inloggen, ministerie_zonder_2fa)
    page.goto(f"{live_server.url}/raming/cycli/2026/")
    page.get_by_role("link", name=re.compile("Meerjarig beschikbaar berekenen")).click()
    page.get_by_label("Onzekerheidsmarge planfase (procent)").fill("25")
    page.get_by_label("Gelderland").check()
    page.get_by_role("button", name="Gevolgen bekijken").click()
    expect(page.locator("#gevolgen")).to_contain_text("Gelderland")
    expect(page.locator("#gevolgen")).to_contain_text("300")
    _schermafdruk(page, "bevestigen")
    page.get_by_label("Ik heb gelezen wat er gebeurt en wil doorgaan.").check()
    page.get_by_role("button", name="Berekening vastleggen").click()
    berekening = Beschikbaarheidsberekening.objects.get()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"berekening {berekening.pk}")
    page.get_by_role("link", name="Gelderland").click()
    page.get_by_role("link", name="Arnhem").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Arnhem: meerjarig beschikbaar 300")
    expect(page.locator("#tellen")).to_contain_text("Azc Arnhem-Schuytgraaf")
    expect(page.locator("#tellen")).to_contain_text("telt volledig")
    _schermafdruk(page, "uitleg-gemeente")
    assert (
        MeerjarigBeschikbaar.objects.get(cyclus=verslag.cyclus, gemeente__naam="Arnhem").aantal
        == 300
    )
