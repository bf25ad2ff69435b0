"""Arnhem lodges bezwaar against its beschikking in the browser; the ministry records the
hearing, checks the decision on the confirmation page and takes it; Arnhem reads the result."""

import datetime as dt

import pytest
from django.utils import timezone

from bezwaar.models import Bezwaar
from documenten.models import Document
from tests.bezwaar.conftest import maak_besluit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _eigen_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "media")


def _uitloggen(page):
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()


def test_gemeente_maakt_bezwaar_en_het_ministerie_beslist(
    live_server, page, inloggen, gemeenten, gemeente_arnhem, ministerie, tmp_path
):
    vandaag = timezone.localdate()
    maak_besluit(vandaag - dt.timedelta(days=10))

    # Arnhem lodges bezwaar through the menu and the form, with a PDF attached.
    inloggen(gemeente_arnhem)
    page.get_by_role("link", name="Bezwaren", exact=True).click()
    page.get_by_role("link", name="Bezwaar maken").click()
    page.get_by_role("button", name="Bezwaar indienen").click()  # empty: the errors
    page.wait_for_load_state()
    assert "Gronden van het bezwaar" in page.locator("#foutsamenvatting").inner_text()
    pdf = tmp_path / "bezwaarschrift.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% bezwaarschrift\n")
    page.fill("#id_gronden", "De restopgave houdt geen rekening met de noodopvang in Arnhem.")
    page.set_input_files("#id_bijlage", str(pdf))
    page.get_by_role("button", name="Bezwaar indienen").click()
    page.wait_for_load_state()
    bezwaar = Bezwaar.objects.get()
    assert f"Bezwaar {bezwaar.kenmerk}" in page.locator("h1").inner_text()
    assert "Ja" in page.locator("#tijdig").inner_text()
    assert "bezwaarschrift.pdf" in page.locator("#bijlagen").inner_text()
    assert page.get_by_role("link", name="Beslissen op het bezwaar").count() == 0
    _uitloggen(page)

    # The ministry finds it, records the hearing and decides after the confirmation page.
    inloggen(ministerie)
    page.goto(f"{live_server.url}/bezwaar/")
    page.get_by_role("link", name=bezwaar.kenmerk).click()
    page.get_by_role("link", name="Beslissen op het bezwaar").click()
    page.get_by_role("radio", name="Ongegrond").check()
    page.fill("#id_motivering", "De restopgave volgt de raming.")
    page.get_by_role("button", name="Controleren").click()
    page.wait_for_load_state()
    assert "hoorzitting" in page.locator("#foutsamenvatting").inner_text()
    page.get_by_role("link", name=bezwaar.kenmerk).click()
    page.fill("#id_gehoord_op", vandaag.isoformat())
    page.locator("section[aria-labelledby=stap-horen] button").click()
    page.wait_for_load_state()
    assert "De hoorzitting is vastgelegd." in page.content()
    page.get_by_role("link", name="Beslissen op het bezwaar").click()
    page.get_by_role("radio", name="Ongegrond").check()
    page.fill("#id_motivering", "De restopgave volgt de raming.")
    page.get_by_role("button", name="Controleren").click()
    page.wait_for_load_state()
    assert "Blijft ongewijzigd" in page.locator("#gevolgen").inner_text()
    bezwaar.refresh_from_db()
    assert bezwaar.status == Bezwaar.Status.IN_BEHANDELING
    page.get_by_role("button", name="Beslissing vastleggen").click()
    page.wait_for_load_state()
    assert "De beslissing op het bezwaar is vastgelegd." in page.content()
    bezwaar.refresh_from_db()
    assert bezwaar.uitkomst == Bezwaar.Uitkomst.ONGEGROND
    assert Document.objects.van(bezwaar).exists()
    _uitloggen(page)

    # Arnhem reads the decision and downloads the document.
    inloggen(gemeente_arnhem)
    page.goto(f"{live_server.url}/bezwaar/{bezwaar.pk}/")
    assert "Beslist: ongegrond" in page.locator("#status").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name=f"Beslissing op bezwaar {bezwaar.kenmerk} (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
