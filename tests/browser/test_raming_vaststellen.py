"""The ministry uploads SES-WOA scores, reviews, adopts and publishes a raming in the browser,
without a shell (issue 17)."""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from raming import services
from raming.models import Gemeentefusie, Invoerbesluit, Raming, SesWoaScore

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SES_2022 = Path(__file__).parent.parent / "raming" / "data" / "statline_85539NED_2022_voorlopig.csv"
SCHERMEN = Path("/work/shots/d17")


def _schermafdruk(page, naam):
    if SCHERMEN.is_dir():
        page.screenshot(path=str(SCHERMEN / f"{naam}.png"), full_page=True)


@pytest.fixture
def concept(gemeenten, ministerie):
    cyclus = services.cyclus_aanmaken(jaar=2026, door=ministerie)
    besluit = services.invoerbesluit_vastleggen(
        cyclus=cyclus,
        soort=Invoerbesluit.Soort.MPP_EN_CAPACITEITSBESLUIT,
        datum=dt.date(2025, 9, 26),
        landelijk_aantal=88_000,
        amv_aantal=7_480,
        door=ministerie,
    )
    return services.raming_aanmaken(
        cyclus=cyclus,
        invoerbesluit=besluit,
        peildatum_inwoners=dt.date(2023, 1, 1),
        ses_jaar=2022,
        afrondingsmethode=Raming.Afronding.GROOTSTE_OVERSCHOT,
        door=ministerie,
    )


def test_scores_uploaden_beoordelen_vaststellen_publiceren(
    live_server, inloggen, ministerie, concept
):
    fouten = []
    page = inloggen(ministerie)
    page.on("pageerror", lambda e: fouten.append(str(e)))
    page.on(
        "console",
        lambda m: (
            fouten.append(m.text)
            if m.type == "error" and "Failed to load resource" not in m.text
            else None
        ),
    )

    # The predecessors' population (the weight of Voorne aan Zee's mean) is not recorded: a
    # transactional test before this one may have left it in the merger table.
    Gemeentefusie.objects.update(inwoners=None, inwoners_peildatum=None)

    # 1. upload the StatLine export and look at the preview
    page.goto(f"{live_server.url}/raming/cycli/")
    page.click("text=referentiegegevens van CBS importeren")
    page.check("input[name=soort][value=ses_woa]")
    page.set_input_files("#id_bestand", str(SES_2022))
    page.fill("#id_tabel", "85539NED")
    page.click("text=Voorbeeld bekijken")
    assert page.locator("#aantal-waarden").inner_text() == "340"
    assert page.locator("#aantal-voorlopig").inner_text().startswith("340")
    assert page.locator("#aantal-onbekend").inner_text() == "1"
    assert (
        "Westvoorne (GM0614) → Voorne aan Zee (GM1992)" in page.locator("#lijst-fusie").inner_text()
    )
    assert "Almere (GM0034)" in page.locator("#lijst-zonder").inner_text()
    # the merged gemeente gets no score without its predecessors' population
    assert (
        "Voorne aan Zee (GM1992): niet af te leiden" in page.locator("#lijst-zonder").inner_text()
    )
    _schermafdruk(page, "browser-import-voorbeeld")
    assert SesWoaScore.objects.count() == 0
    page.click("text=Toepassen (340 waarden)")
    page.wait_for_load_state()
    assert "De import is toegepast" in page.content()
    assert SesWoaScore.objects.filter(jaar=2022, tabel="85539NED", voorlopig=True).count() == 340

    # 2. compute and review: Almere and Voorne aan Zee lack a score: vaststellen is blocked
    page.goto(f"{live_server.url}/raming/ramingen/{concept.pk}/")
    page.click("text=Verdeling berekenen")
    page.wait_for_load_state()
    assert "2 gemeente(n) zonder volledige invoer" in page.locator("#ontbrekend").inner_text()
    page.click("text=Vaststellen…")
    assert "Vaststellen kan nu niet" in page.locator("#belemmeringen").inner_text()
    page.go_back()
    page.click("text=Toch vaststellen: uitzondering met reden vastleggen")
    page.fill(
        "#id_uz-reden", "De SES-WOA-score 2022 van Almere en Voorne aan Zee is nog niet bekend."
    )
    page.click("text=Uitzondering vastleggen")
    page.wait_for_load_state()
    assert "Uitzondering bij de vaststelling" in page.locator("#uitzondering").inner_text()

    # 3. vaststellen after the confirmation page
    page.click("text=Vaststellen…")
    assert "bevroren" in page.locator("#wat-gebeurt").inner_text()
    assert "openbaar worden bij de publicatie" in page.locator("#wie-bericht").inner_text()
    _schermafdruk(page, "browser-vaststellen-bevestigen")
    page.click("button:has-text('Vaststellen')")  # without the tick: refused, nothing happens
    assert "Vink aan" in page.content()
    page.check("#id_bevestigd")
    page.click("button:has-text('Vaststellen')")
    page.wait_for_load_state()
    concept.refresh_from_db()
    assert concept.status == Raming.Status.VASTGESTELD

    # 4. publiceren after the confirmation page
    page.click("text=Publiceren…")
    assert "PRT-secretarissen" in page.locator("#wie-bericht").inner_text()
    assert "zonder inloggen" in page.locator("#wordt-openbaar").inner_text()
    page.fill("#id_pub-staatscourant_referentie", "Stcrt. 2026, 5000")
    page.fill("#id_pub-gepubliceerd_op", timezone.localdate().isoformat())
    page.check("#id_bevestigd")
    _schermafdruk(page, "browser-publiceren-bevestigen")
    page.click("button:has-text('Publiceren')")
    page.wait_for_load_state()
    concept.refresh_from_db()
    assert concept.status == Raming.Status.GEPUBLICEERD

    # 5. the public page: totals equal their rows, the exception and the sources shown
    page.goto(f"{live_server.url}/raming/openbaar/2026/")
    tekst = page.locator("main").inner_text()
    assert "Uitzondering bij de vaststelling" in tekst
    assert "Totaal (342 gemeenten)" in tekst
    page.click("#bronnen summary")
    assert "85539NED, periode 2022*" in page.locator("#bronnen").inner_text()
    _schermafdruk(page, "browser-openbaar")
    assert fouten == []
