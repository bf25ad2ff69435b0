"""Browser flows of the verslag: a secretary fills and submits; the ministry grants an
extension and the secretary sees the new deadline; the ministry assesses."""

import datetime as dt
import os
import re

import pytest
from playwright.sync_api import expect

from locaties.models import Fase
from raming.models import Gemeente
from regietafels.models import Regietafel, Verlengingsverzoek, Verslag
from regietafels.services import verlenging_aanvragen, verslag_aanmaken, verslag_indienen
from tests.locaties.conftest import locatie_maken
from tests.regietafels.conftest import _maak_raming

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
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


def _schermafdruk_bevestigen(page):
    """With RT_SCHERMAFDRUKKEN set (a folder outside the repository): the confirmation step."""
    map_ = os.environ.get("RT_SCHERMAFDRUKKEN")
    if not map_:
        return
    for breedte in (1280, 375):
        page.set_viewport_size({"width": breedte, "height": 900})
        page.locator("#bevestigen").screenshot(path=f"{map_}/verslag-bevestigen-{breedte}.png")
    page.set_viewport_size({"width": 1280, "height": 900})


def _opnieuw_inloggen(page, inloggen, user):
    page.context.clear_cookies()
    return inloggen(user)


def _getal(n: int) -> str:
    """A whole number as the pages show it (Dutch thousands separator)."""
    return f"{n:,}".replace(",", ".")


def test_secretaris_vult_verslag_in_en_dient_in(live_server, inloggen, cyclus, prt_gelderland):
    page = inloggen(prt_gelderland)
    page.goto(f"{live_server.url}/regietafels/gelderland/")
    page.get_by_role("button", name="Verslag aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verslag Gelderland 2026")

    expect(page.locator("#verslag-form")).to_be_visible()
    arnhem = Verslag.objects.get().regels.get(gemeente__naam="Arnhem")
    expect(page.locator(f"#regel-{arnhem.gemeente_id}-bestaande_locaties")).to_be_visible()
    voor = int(page.locator("#totaal-aangeboden").inner_text().replace(".", ""))
    # an offer above three times Arnhem's indicative number (whatever the fixtures give it)
    hoog = 3 * arnhem.indicatief_aantal + 30
    page.fill(f"#regel-{arnhem.gemeente_id}-bestaande_locaties", str(hoog - 30))
    page.fill(f"#regel-{arnhem.gemeente_id}-vastgestelde_plannen", "30")
    # The totals follow while typing (static/js/regietafels.js).
    expect(page.locator("#totaal-aangeboden")).to_have_text(_getal(voor + hoog))
    rij = page.locator("tr", has=page.locator(f"#regel-{arnhem.gemeente_id}-amv"))
    expect(rij.locator(".rt-rt-verschil")).to_have_text(_getal(hoog - arnhem.indicatief_aantal))
    page.fill(f"#regel-{arnhem.gemeente_id}-beschikbaar_van", "01-07-2026")
    page.fill(f"#regel-{arnhem.gemeente_id}-beschikbaar_tot", "01-07-2031")
    page.fill("#id_knelpunten", "Personeel voor de nieuwe locatie")

    # the save buttons are at the top and at the bottom of the form
    expect(page.get_by_role("button", name="Opslaan en naar indienen")).to_have_count(2)
    page.get_by_role("button", name="Opslaan en naar indienen").last.click()
    # the form comes back with everything typed, naming the row and what saving means;
    # nothing is saved yet
    bevestigen = page.locator("#bevestigen")
    expect(bevestigen).to_contain_text("Ongewoon hoge aantallen: bevestigen")
    expect(bevestigen).to_contain_text(f"Arnhem: {_getal(hoog)} plekken aangeboden")
    expect(page.locator(f"#regel-{arnhem.gemeente_id}-bestaande_locaties")).to_have_value(
        str(hoog - 30)
    )
    expect(page.locator("#id_knelpunten")).to_have_value("Personeel voor de nieuwe locatie")
    assert Verslag.objects.get().regels.get(gemeente__naam="Arnhem").aangeboden == 0
    _schermafdruk_bevestigen(page)
    page.get_by_label("Ik heb deze aantallen gecontroleerd en bevestig ze").check()
    page.get_by_role("button", name="Opslaan en naar indienen").last.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("indienen")
    expect(page.locator("#samenvatting")).to_contain_text(_getal(hoog))
    page.get_by_label(re.compile("Ik bevestig")).check()
    page.get_by_role("button", name="Verslag indienen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ontvangstbevestiging")
    expect(page.locator("#ontvangst")).to_contain_text(_getal(hoog))
    verslag = Verslag.objects.get()
    assert verslag.status == Verslag.Status.INGEDIEND
    assert verslag.regels.get(gemeente__naam="Arnhem").aangeboden == hoog
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


def _breedte(page) -> tuple[int, int]:
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


def _in_beeld(page, selector) -> bool:
    return page.evaluate(
        """(sel) => {
            const r = document.querySelector(sel).getBoundingClientRect();
            return r.top >= 0 && r.bottom <= window.innerHeight + 1 && r.height > 0;
        }""",
        selector,
    )


@pytest.mark.parametrize("breedte,hoogte", [(1280, 900), (375, 800)])
def test_verslag_past_totaalrij_blijft_in_beeld(
    live_server, browser, verslag, prt_gelderland, breedte, hoogte
):
    """Gelderland's 51 gemeenten: the page never scrolls sideways (the table scrolls in its
    own region, or is a card per gemeente at 375 px), and the totals row is in view after
    moving to the last gemeente and while typing there."""
    context = browser.new_context(locale="nl-NL", viewport={"width": breedte, "height": hoogte})
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        page.goto(f"{live_server.url}/account/inloggen/")
        page.fill("#id_username", prt_gelderland.username)
        page.fill("#id_password", "geheim-wachtwoord-123")
        page.click("button[type=submit]")
        page.wait_for_load_state()
        page.goto(f"{live_server.url}/regietafels/gelderland/verslag/")
        rijen = page.locator("#verslag-tabel tbody tr")
        expect(rijen).to_have_count(51)
        assert _breedte(page) == [breedte, breedte]

        laatste = rijen.last.locator("input").first
        laatste.focus()
        laatste.fill("777")
        assert _breedte(page) == [breedte, breedte]
        assert _in_beeld(page, f"#{laatste.get_attribute('id')}")
        assert _in_beeld(page, "#totaalrij")
        expect(page.locator("#som-bestaande_locaties")).to_have_text("777")
        # Enter goes to the same column of the row above (Shift) and does not submit
        laatste.press("Shift+Enter")
        expect(rijen.nth(49).locator("input").first).to_be_focused()
        assert "/verslag/" in page.url and page.locator("#verslag-form").count() == 1
    finally:
        context.close()


def test_verslag_met_locaties_uit_het_register_past_op_375_px(
    live_server, inloggen, verslag, prt_gelderland
):
    """The table of the register's locations hides "voor <gemeente>" in its links: those
    hidden texts sat where the scrolled-away column is and widened the page to ~800 px."""
    for naam in ("Arnhem", "Nijmegen", "Apeldoorn"):
        locatie_maken(Gemeente.objects.get(naam=naam), fase=Fase.IN_GEBRUIK)
    page = inloggen(prt_gelderland)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/regietafels/gelderland/verslag/")
    expect(page.locator("#locatieregels tbody tr")).to_have_count(3)
    assert _breedte(page) == [375, 375]


def test_totalen_tellen_een_onmogelijk_aantal_niet_mee(
    live_server, inloggen, verslag, prt_gelderland
):
    """Twenty digits typed in a row showed a province total of 100.000.000.000.000.000.000
    while typing; a number the server refuses counts as 0 in the live totals."""
    page = inloggen(prt_gelderland)
    page.goto(f"{live_server.url}/regietafels/gelderland/verslag/")
    regels = {r.gemeente.naam: r.gemeente_id for r in verslag.regels.select_related("gemeente")}
    a, b = regels["Arnhem"], regels["Ede"]
    som = page.locator("#som-bestaande_locaties")
    page.fill(f"#regel-{a}-bestaande_locaties", "12")
    page.fill(f"#regel-{b}-bestaande_locaties", "99999999999999999999")
    expect(som).to_have_text("12")
    page.fill(f"#regel-{b}-bestaande_locaties", "1000001")
    expect(som).to_have_text("12")
    page.fill(f"#regel-{b}-bestaande_locaties", "1000000")
    expect(som).to_have_text("1.000.012")


def test_alle_fouten_tegelijk_met_overzicht_en_datum_als_dd_mm_jjjj(
    live_server, inloggen, verslag, prt_gelderland
):
    page = inloggen(prt_gelderland)
    page.goto(f"{live_server.url}/regietafels/gelderland/verslag/")
    regels = {r.gemeente.naam: r.gemeente_id for r in verslag.regels.select_related("gemeente")}
    a, b, c = regels["Arnhem"], regels["Ede"], regels["Zutphen"]
    page.fill(f"#regel-{a}-bestaande_locaties", "veel")
    page.fill(f"#regel-{b}-vastgestelde_plannen", "-4")
    page.fill(f"#regel-{c}-beschikbaar_van", "31-02-2026")
    page.fill(f"#regel-{c}-opmerking", "Blijft staan")
    page.get_by_role("button", name="Concept opslaan").first.click()
    overzicht = page.locator("#foutsamenvatting")
    expect(overzicht).to_be_focused()
    expect(overzicht.locator("li")).to_have_count(3)
    expect(overzicht).to_contain_text("Arnhem, bestaande locaties: Vul een heel getal in.")
    expect(overzicht).to_contain_text("Ede, vastgestelde plannen: Het aantal kan niet negatief")
    expect(overzicht).to_contain_text(
        "Zutphen, beschikbaar van: Vul een geldige datum in als dd-mm-jjjj"
    )
    # everything typed is kept
    expect(page.locator(f"#regel-{a}-bestaande_locaties")).to_have_value("veel")
    expect(page.locator(f"#regel-{c}-opmerking")).to_have_value("Blijft staan")
    overzicht.get_by_role("link", name="Arnhem, bestaande locaties: Vul een heel getal in.").click()
    expect(page.locator(f"#regel-{a}-bestaande_locaties")).to_be_focused()

    page.fill(f"#regel-{a}-bestaande_locaties", "12")
    page.fill(f"#regel-{b}-vastgestelde_plannen", "4")
    page.fill(f"#regel-{c}-beschikbaar_van", "1-7-2026")
    page.get_by_role("button", name="Concept opslaan").last.click()
    expect(page.locator("#foutsamenvatting")).to_have_count(0)
    expect(page.locator(f"#regel-{c}-beschikbaar_van")).to_have_value("01-07-2026")
    regel = verslag.regels.get(gemeente_id=c)
    assert regel.beschikbaar_van == dt.date(2026, 7, 1) and regel.opmerking == "Blijft staan"


def test_waarschuwing_bij_verlaten_met_niet_opgeslagen_wijzigingen(
    live_server, inloggen, verslag, prt_gelderland
):
    page = inloggen(prt_gelderland)
    page.goto(f"{live_server.url}/regietafels/gelderland/verslag/")
    meldingen = []

    def dialoog(d):
        meldingen.append(d.type)
        d.dismiss()

    page.on("dialog", dialoog)
    page.locator("#verslag-tabel tbody input").first.fill("5")
    page.get_by_role("link", name="Verlenging aanvragen").click()
    page.wait_for_timeout(500)
    assert meldingen == ["beforeunload"]
    assert page.url.endswith("/regietafels/gelderland/verslag/")
