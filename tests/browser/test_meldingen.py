"""The notices page in a real browser, with the mail really leaving through a Celery worker to
an SMTP server (aiosmtpd): the PRT submits its verslag in the pages; the ministry sees the
notice (the count in the header, the list), marks it read and switches that kind of mail off;
the next notice of that kind reaches the list but no mailbox."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from meldingen.models import Mail, Mailvoorkeur, Melding, Soort
from meldingen.services import melden
from regietafels.models import Regietafel, Verslag
from regietafels.services import verslag_aanmaken
from tests.herinneringen.test_end_to_end import wacht_op
from tests.meldingen.test_smtp_storing import smtp_later, worker_starten  # noqa: F401 (fixture)
from tests.regietafels.conftest import _maak_raming


@pytest.fixture
def worker(smtp_later, live_server):  # noqa: F811 (the imported fixture)
    """The worker renders the mails: their links point at the live server, as the site's do."""
    yield from worker_starten(smtp_later, site_url=live_server.url)


pytestmark = [
    pytest.mark.browser,
    pytest.mark.celery_worker,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

SCHERMAFDRUKKEN = Path(os.environ.get("RT_SCHERMAFDRUKKEN", "/tmp/shots-fix14"))


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
def ministerie_demo(ministerie, settings):
    """This flow is about the notices; the 2FA flow has its own tests."""
    settings.DEMO_MODE = True
    ministerie.is_demo = True
    ministerie.save(update_fields=["is_demo"])
    return ministerie


def _mails_aan(ontvanger, adres):
    return [b for rcpt, b in ontvanger.berichten if rcpt == [adres]]


def _schermafdruk(page, naam):
    SCHERMAFDRUKKEN.mkdir(parents=True, exist_ok=True)
    for breedte in (1280, 375):
        page.set_viewport_size({"width": breedte, "height": 900})
        page.screenshot(path=str(SCHERMAFDRUKKEN / f"{naam}-{breedte}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_melding_zien_lezen_en_mailkeuze(
    live_server,
    page,
    inloggen,
    worker,  # noqa: F811
    smtp_later,  # noqa: F811
    gemeenten,
    prt_gelderland,
    ministerie_demo,
    settings,
):
    smtp_later.start()
    settings.SITE_URL = live_server.url
    cyclus = _maak_raming(2026).cyclus
    tafel = Regietafel.objects.get(provincie__code="PV25")
    verslag = verslag_aanmaken(regietafel=tafel, cyclus=cyclus, door=prt_gelderland)

    # the act: the PRT submits its verslag through the pages
    inloggen(prt_gelderland)
    page.goto(f"{live_server.url}/regietafels/gelderland/verslag/indienen/?cyclus=2026")
    page.check("#id_bevestigd")
    page.get_by_role("button", name="Verslag indienen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ontvangstbevestiging")
    verslag.refresh_from_db()
    assert verslag.status == Verslag.Status.INGEDIEND
    page.context.clear_cookies()
    # the worker writes the act's notices right after its commit
    assert wacht_op(lambda: Melding.objects.filter(ontvanger=ministerie_demo).exists(), seconden=60)

    # the ministry: one unread notice in the header, the notice in the list
    inloggen(ministerie_demo)
    teller = page.locator(".rt-header__meldingen .rt-teller")
    expect(teller).to_contain_text("1")
    page.locator(".rt-header__meldingen").click()
    expect(page).to_have_url(f"{live_server.url}/meldingen/")
    melding = page.locator(".rt-melding").first
    expect(melding).to_contain_text("Verslag Gelderland 2026 ingediend")
    expect(melding.locator(".rt-badge--nieuw")).to_be_visible()
    _schermafdruk(page, "meldingen-ongelezen")

    # the mail of the same notice left through the worker
    ontvanger = smtp_later.ontvanger
    assert wacht_op(lambda: _mails_aan(ontvanger, ministerie_demo.email), seconden=90)
    (bericht,) = _mails_aan(ontvanger, ministerie_demo.email)
    assert bericht["Subject"].startswith("Verslag Gelderland 2026 ingediend")
    tekst = bericht.get_body(preferencelist=("plain",)).get_content()
    assert f"{live_server.url}/regietafels/gelderland/verslag/beoordelen/" in tekst

    # mark it read: the badge and the header count go
    melding.get_by_role("button", name="Markeren als gelezen").click()
    expect(page.locator(".rt-melding").first.locator(".rt-badge--nieuw")).to_have_count(0)
    expect(page.locator(".rt-header__meldingen .rt-teller")).to_have_count(0)
    assert Melding.objects.get(ontvanger=ministerie_demo).gelezen_op is not None

    # switch this kind of notice off by mail
    page.get_by_role("link", name="Kiezen welke meldingen u ook per e-mail krijgt").click()
    keuze = page.get_by_label("Verslag ingediend (ter beoordeling)")
    expect(keuze).to_be_checked()
    keuze.uncheck()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_label("Verslag ingediend (ter beoordeling)")).not_to_be_checked()
    _schermafdruk(page, "meldingen-voorkeuren")
    assert not Mailvoorkeur.objects.get(
        gebruiker=ministerie_demo, soort=Soort.VERSLAG_INGEDIEND
    ).per_mail

    # the next notice of that kind: in the list, no mail
    melden(
        ontvangers=[ministerie_demo],
        soort=Soort.VERSLAG_INGEDIEND,
        onderwerp="Verslag Utrecht 2026 ingediend",
        template="regietafels/meldingen/verslag_ingediend",
        context={"verslag": verslag, "regietafel": tafel, "jaar": "2026", "versie": None},
        sleutel="test-tweede-indiening",
    )
    page.goto(f"{live_server.url}/meldingen/")
    expect(page.locator(".rt-melding").first).to_contain_text("Verslag Utrecht 2026 ingediend")
    expect(page.locator(".rt-header__meldingen .rt-teller")).to_contain_text("1")
    assert not Mail.objects.filter(sleutel="test-tweede-indiening").exists()
    assert len(_mails_aan(ontvanger, ministerie_demo.email)) == 1
