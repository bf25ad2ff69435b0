"""Browser flows of the documents: a gemeente downloads its own beschikking from its page; the
ministry asks for all beschikkingen as a zip, sees the status page and downloads the zip.
``RT_SCHERMAFDRUKKEN=map`` saves screenshots at 1280 and 375 px."""

import datetime as dt
import os
import zipfile

import pytest
import time_machine

from regietafels.models import Regietafel, VerdeelbesluitRegel
from regietafels.services import verdeelbesluit_vaststellen, verdeelbesluit_voorstellen
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


@pytest.fixture(autouse=True)
def _eigen_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "media")
    settings.MEDIA_ROOT = settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def besluit(referentiegegevens, gemeenten, ministerie):
    cyclus = _maak_raming(2026).cyclus
    with time_machine.travel(dt.datetime(2026, 12, 22, 10, tzinfo=dt.UTC), tick=False):
        besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
        # Gelderland only: the zip stays small enough for a browser test
        VerdeelbesluitRegel.objects.filter(verdeelbesluit=besluit).exclude(
            gemeente__provincie__code="PV25"
        ).delete()
        return verdeelbesluit_vaststellen(
            verdeelbesluit=besluit,
            besluitdatum=dt.date(2026, 12, 22),
            door=ministerie,
            afwijkingsreden="Test",
        )


def _afdruk(page, naam):
    map_ = os.environ.get("RT_SCHERMAFDRUKKEN")
    if not map_:
        return
    os.makedirs(map_, exist_ok=True)
    for breedte in (1280, 375):
        page.set_viewport_size({"width": breedte, "height": 900})
        page.screenshot(path=os.path.join(map_, f"{naam}-{breedte}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_gemeente_downloadt_de_eigen_beschikking(live_server, inloggen, besluit, gemeente_arnhem):
    page = inloggen(gemeente_arnhem)
    page.goto(f"{live_server.url}/regietafels/gemeente/")
    link = page.get_by_role("link", name="Beschikking verdeelbesluit 2026, versie 1 (PDF)")
    _afdruk(page, "gemeente-beschikking")
    with page.expect_download() as download:
        link.click()
    pad = download.value.path()
    with open(pad, "rb") as f:
        assert f.read(5) == b"%PDF-"
    assert download.value.suggested_filename.endswith("GM0202.pdf")


@pytest.fixture
def ministerie_zonder_2fa(ministerie, settings):
    settings.DEMO_MODE = True
    ministerie.is_demo = True
    ministerie.save(update_fields=["is_demo"])
    return ministerie


def test_ministerie_maakt_en_downloadt_de_zip(
    live_server, inloggen, besluit, ministerie_zonder_2fa, eager, tmp_path
):
    aantal = besluit.regels.count()
    page = inloggen(ministerie_zonder_2fa)
    page.goto(f"{live_server.url}/regietafels/verdeelbesluit/{besluit.pk}/")
    _afdruk(page, "verdeelbesluit-beschikkingen")
    # With the tasks eager, the request makes all the PDFs before it answers: on two shared
    # cores that can take longer than Playwright's default 15 s.
    page.get_by_role("button", name=f"Alle {aantal} beschikkingen als zip maken").click(
        timeout=120_000
    )
    page.wait_for_url("**/documenten/bundels/**")
    status = page.locator("#bundel-status")
    assert f"Klaar: {aantal} beschikkingen" in status.inner_text()
    _afdruk(page, "bundel-klaar")
    with page.expect_download() as download:
        page.get_by_role("link", name="Zip downloaden").click()
    with zipfile.ZipFile(download.value.path()) as zf:
        assert len([n for n in zf.namelist() if n.endswith(".pdf")]) == aantal
