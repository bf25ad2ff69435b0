"""The 2026 story through the pages: a verdeelbesluit refused while terms run, then fixed with
an override reason the besluit shows; an extension to all PRTs after the confirmation page,
then corrected; a realisation report corrected. Screens at 1280 px wide (the default)."""

import datetime as dt
import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from raming.models import Gemeente
from regietafels.models import Realisatiemelding, Regietafel, Termijnverlenging, Verdeelbesluit
from regietafels.services import (
    verdeelbesluit_vaststellen,
    verdeelbesluit_voorstellen,
    verlenging_toekennen,
)
from tests.regietafels.conftest import _maak_raming

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


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
def cyclus(referentiegegevens, gemeenten):
    return _maak_raming(2026).cyclus


@pytest.fixture
def ministerie_demo(ministerie, settings):
    """These flows are about the cycle; the 2FA flow has its own tests."""
    settings.DEMO_MODE = True
    ministerie.is_demo = True
    ministerie.save(update_fields=["is_demo"])
    return ministerie


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


def _binnen_cyclus(dagen: int) -> dt.date:
    vandaag = timezone.localdate()
    if vandaag + dt.timedelta(days=dagen + 2) > dt.date(2026, 12, 31):
        pytest.skip("the 2026 story needs a date in December 2026 or earlier")
    return vandaag + dt.timedelta(days=dagen)


def test_verdeelbesluit_geweigerd_dan_met_reden(live_server, inloggen, cyclus, ministerie_demo):
    # Gelderland (in 9 days) and Overijssel (in 16 days) still have a running term
    for code, dagen in (("PV25", 9), ("PV23", 16)):
        verlenging_toekennen(
            cyclus=cyclus,
            regietafel=Regietafel.objects.get(provincie__code=code),
            nieuwe_datum=_binnen_cyclus(dagen),
            reden="Raadsbesluiten lopen uit",
            door=ministerie_demo,
        )
    besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie_demo)
    page = inloggen(ministerie_demo)
    page.goto(f"{live_server.url}/regietafels/verdeelbesluit/{besluit.pk}/")
    expect(page.locator("#nog-open")).to_contain_text("Gelderland: verslagtermijn loopt tot")
    page.fill("#id_besluitdatum", timezone.localdate().isoformat())
    page.get_by_role("button", name="Verder naar vaststellen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("vaststellen")
    expect(page.locator("#gereedheid")).to_contain_text("Overijssel: verslagtermijn loopt tot")
    expect(page.locator("#gevolgen")).to_contain_text("realisatietermijn van elke gemeente")
    _schermafdruk(page, "verdeelbesluit-bevestigen")
    page.get_by_role("button", name="Bevestigen en vaststellen").click()
    expect(page.locator("#id_afwijkingsreden_error")).to_contain_text(
        "kan nog niet worden vastgesteld"
    )
    besluit.refresh_from_db()
    assert besluit.status == Verdeelbesluit.Status.CONCEPT
    page.fill(
        "#id_afwijkingsreden", "Besluit nodig vóór het kerstreces; Gelderland en Overijssel volgen"
    )
    page.get_by_role("button", name="Bevestigen en vaststellen").click()
    expect(page.locator("#besluit-status")).to_contain_text("Vastgesteld")
    expect(page.locator("#afwijking")).to_contain_text("Besluit nodig vóór het kerstreces")
    expect(page.locator("#afwijking")).to_contain_text("Gelderland: verslagtermijn loopt tot")
    _schermafdruk(page, "verdeelbesluit-met-reden")
    besluit.refresh_from_db()
    assert besluit.status == Verdeelbesluit.Status.VASTGESTELD


def test_verlenging_voor_alle_regietafels_bevestigd_en_gecorrigeerd(
    live_server, inloggen, cyclus, ministerie_demo
):
    eerst, daarna = _binnen_cyclus(14), _binnen_cyclus(12)
    page = inloggen(ministerie_demo)
    page.goto(f"{live_server.url}/regietafels/verlengingen/?cyclus=2026")
    page.get_by_label("Voor").select_option(label="Alle regietafels")
    page.fill("#id_nieuwe_datum", eerst.isoformat())
    page.fill("#id_reden", "De raming verscheen een maand later")
    page.get_by_role("button", name="Verder naar bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verlenging bevestigen")
    expect(page.locator("#gevolgen tbody tr")).to_have_count(12)
    expect(page.locator("#geinformeerd li")).to_have_count(12)
    assert not Termijnverlenging.objects.exists()
    _schermafdruk(page, "verlenging-bevestigen")
    page.get_by_role("button", name="Bevestigen en vastleggen").click()
    expect(page.locator("#toegekend")).to_contain_text("Alle regietafels")
    verlenging = Termijnverlenging.objects.get()
    assert verlenging.nieuwe_datum == eerst

    page.get_by_role("link", name="corrigeren of intrekken").click()
    page.get_by_label("De datum corrigeren").check()
    page.fill("#id_nieuwe_datum", daarna.isoformat())
    page.fill("#id_reden", "Typfout in de datum")
    page.get_by_role("button", name="Verder").click()
    expect(page.locator("#gevolgen")).to_be_visible()
    page.get_by_role("button", name="Bevestigen en corrigeren").click()
    expect(page.locator("#toegekend li")).to_have_count(2)
    expect(page.locator("#toegekend")).to_contain_text("niet meer geldig")
    expect(page.locator("#toegekend")).to_contain_text("Typfout in de datum")
    _schermafdruk(page, "verlenging-gecorrigeerd")
    geldend = Termijnverlenging.objects.get()
    assert geldend.nieuwe_datum == daarna and geldend.vervangt_id == verlenging.pk


def test_realisatiemelding_gecorrigeerd(live_server, inloggen, cyclus, ministerie, gemeente_arnhem):
    besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
    verdeelbesluit_vaststellen(
        verdeelbesluit=besluit,
        besluitdatum=timezone.localdate(),
        afwijkingsreden="Test van de realisatie",
        door=ministerie,
    )
    arnhem = Gemeente.objects.get(naam="Arnhem")
    page = inloggen(gemeente_arnhem)
    page.goto(f"{live_server.url}/regietafels/gemeente/")
    page.fill("#id_datum", timezone.localdate().isoformat())
    page.fill("#id_aantal", "40")
    page.get_by_role("button", name="Melden").click()
    expect(page.locator("#meldingen")).to_contain_text("40 plekken")
    page.get_by_role("link", name="corrigeren of intrekken").click()
    page.fill("#id_aantal", "25")
    page.fill("#id_reden", "Vijftien plekken waren dubbel geteld")
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.locator("#meldingen li")).to_have_count(2)
    expect(page.locator("#meldingen")).to_contain_text("telt niet mee")
    expect(page.locator("#meldingen")).to_contain_text("correctie: Vijftien plekken")
    _schermafdruk(page, "realisatie-gecorrigeerd")
    assert [m.aantal for m in Realisatiemelding.objects.filter(gemeente=arnhem)] == [25]
    assert Realisatiemelding.alle.filter(gemeente=arnhem).count() == 2
