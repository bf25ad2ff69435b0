"""Browser flows of the verslag: a secretary fills and submits; the ministry grants an
extension and the secretary sees the new deadline; the ministry assesses."""

import re

import pytest
from playwright.sync_api import expect

from regietafels.models import Regietafel, Verlengingsverzoek, Verslag
from regietafels.services import verlenging_aanvragen, verslag_aanmaken, verslag_indienen
from tests.regietafels.conftest import _maak_raming

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def referentiegegevens(transactional_db):
    """The provinces and regietafels come from data migrations; a transactional test that ran
    earlier in the session may have flushed them, so make sure they are there."""
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
def verslag(cyclus, prt_gelderland):
    return verslag_aanmaken(
        regietafel=Regietafel.objects.get(provincie__code="PV25"),
        cyclus=cyclus,
        door=prt_gelderland,
    )


@pytest.fixture
def ministerie_zonder_2fa(ministerie, settings):
    """Ministry accounts need a second factor; these flows are about the verslag, so the
    ministry user is a demo user with DEMO_MODE on (the 2FA flow has its own tests)."""
    settings.DEMO_MODE = True
    ministerie.is_demo = True
    ministerie.save(update_fields=["is_demo"])
    return ministerie


def _opnieuw_inloggen(page, inloggen, user):
    page.context.clear_cookies()
    return inloggen(user)


def test_secretaris_vult_verslag_in_en_dient_in(live_server, inloggen, cyclus, prt_gelderland):
    page = inloggen(prt_gelderland)
    page.goto(f"{live_server.url}/regietafels/gelderland/")
    page.get_by_role("button", name="Verslag aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verslag Gelderland 2026")

    expect(page.locator("#verslag-form")).to_be_visible()
    arnhem = Verslag.objects.get().regels.get(gemeente__naam="Arnhem")
    expect(page.locator(f"#regel-{arnhem.gemeente_id}-bestaande_locaties")).to_be_visible()
    voor = int(page.locator("#totaal-aangeboden").inner_text().replace(".", ""))
    page.fill(f"#regel-{arnhem.gemeente_id}-bestaande_locaties", "120")
    page.fill(f"#regel-{arnhem.gemeente_id}-vastgestelde_plannen", "30")
    # The totals follow while typing (static/js/regietafels.js).
    expect(page.locator("#totaal-aangeboden")).to_have_text(str(voor + 150))
    rij = page.locator("tr", has=page.locator(f"#regel-{arnhem.gemeente_id}-amv"))
    expect(rij.locator(".rt-rt-verschil")).to_have_text(str(150 - arnhem.indicatief_aantal))
    page.fill(f"#regel-{arnhem.gemeente_id}-beschikbaar_van", "2026-07-01")
    page.fill(f"#regel-{arnhem.gemeente_id}-beschikbaar_tot", "2031-07-01")
    page.fill("#id_knelpunten", "Personeel voor de nieuwe locatie")

    page.get_by_role("button", name="Opslaan en naar indienen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("indienen")
    expect(page.locator("#samenvatting")).to_contain_text("150")
    page.get_by_label(re.compile("Ik bevestig")).check()
    page.get_by_role("button", name="Verslag indienen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ontvangstbevestiging")
    expect(page.locator("#ontvangst")).to_contain_text("150")
    verslag = Verslag.objects.get()
    assert verslag.status == Verslag.Status.INGEDIEND
    assert verslag.regels.get(gemeente__naam="Arnhem").aangeboden == 150
    page.goto(f"{live_server.url}/regietafels/gelderland/verslag/")
    expect(page.locator("#verslag-form")).to_have_count(0)
    expect(page.locator("#verslag-status")).to_contain_text("Ingediend")


def test_ministerie_verleent_verlenging_secretaris_ziet_nieuwe_termijn(
    live_server, inloggen, verslag, prt_gelderland, ministerie_zonder_2fa
):
    ministerie = ministerie_zonder_2fa
    import datetime as dt

    verzoek = verlenging_aanvragen(
        verslag=verslag,
        reden="Raadsbesluit op 18 november",
        gevraagde_datum=dt.date(2026, 11, 25),
        door=prt_gelderland,
    )
    page = inloggen(ministerie)
    page.goto(f"{live_server.url}/regietafels/verlengingen/")
    kaart = page.locator(f"section[aria-labelledby='verzoek-{verzoek.pk}']")
    expect(kaart).to_contain_text("Raadsbesluit op 18 november")
    kaart.get_by_role("radio", name="Toekennen").check()
    kaart.get_by_label("Reden van het besluit").fill("Akkoord, raadsbesluit afwachten")
    kaart.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.locator("#toegekend")).to_contain_text("25 november 2026")
    verzoek.refresh_from_db()
    assert verzoek.status == Verlengingsverzoek.Status.TOEGEKEND

    page = _opnieuw_inloggen(page, inloggen, prt_gelderland)
    page.goto(f"{live_server.url}/regietafels/gelderland/")
    expect(page.locator("#verslagtermijn")).to_contain_text("25 november 2026")
    expect(page.locator("#verslagtermijn")).to_contain_text("oorspronkelijk 1 november 2026")
    expect(page.locator("#verzoeken")).to_contain_text("Toegekend")


def test_ministerie_beoordeelt_verslag(
    live_server, inloggen, verslag, prt_gelderland, ministerie_zonder_2fa
):
    ministerie = ministerie_zonder_2fa
    verslag_indienen(verslag=verslag, door=prt_gelderland)
    page = inloggen(ministerie)
    page.goto(f"{live_server.url}/regietafels/")
    rij = page.locator("#overzicht tr", has_text="Gelderland")
    expect(rij).to_contain_text("Ingediend")
    page.goto(f"{live_server.url}/regietafels/gelderland/verslag/")
    page.get_by_role("link", name="Beoordelen of terugsturen").click()
    page.get_by_role("radio", name="Voldoende", exact=True).check()
    page.get_by_label("Opmerkingen").fill("Volledig en op tijd.")
    page.get_by_role("button", name="Oordeel vastleggen").click()
    expect(page.locator("#verslag-status")).to_contain_text("Beoordeeld")
    expect(page.locator(".utrecht-alert--ok", has_text="Voldoende")).to_contain_text(
        "Volledig en op tijd."
    )
    verslag.refresh_from_db()
    assert verslag.status == Verslag.Status.BEOORDEELD
