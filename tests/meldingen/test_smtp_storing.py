"""Must show: the SMTP server is down when the PRT submits its verslag. The submission
succeeds, the receipt arrives once SMTP is back, and nothing is sent twice: through a real
Celery worker on Redis (its retry with backoff), and in-process as under ``make run`` (the
sweep). And: a verdeelbesluit records one outbox row and no notice; the real worker writes
every gemeente's and PRT's notice after commit and mails each once."""

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse

from meldingen import services
from meldingen.models import Mail, Melding, Meldopdracht, Soort, Verzendstatus
from regietafels import services as rt
from regietafels.models import Verslag
from tests.herinneringen.test_end_to_end import Ontvanger, vrije_poort, wacht_op

BASE_DIR = Path(settings.BASE_DIR)
NU = time_machine.travel("2026-10-20 10:00 +0000", tick=True)


def _indienen(client, prt, verslag):
    client.force_login(prt)
    url = reverse("regietafels:indienen", kwargs={"slug": "gelderland"})
    return client.post(url, {"versie": str(verslag.versie), "bevestigd": "1"})


def _ontvangsten(ontvanger, adres):
    return [
        bericht
        for rcpt, bericht in ontvanger.berichten
        if rcpt == [adres] and bericht["Subject"].startswith("Ontvangstbevestiging")
    ]


class SmtpLater:
    """An SMTP server on a fixed port that is down until ``start()``."""

    def __init__(self):
        self.poort = vrije_poort()
        self.ontvanger = Ontvanger()
        self.controller = None

    def start(self):
        self.controller = Controller(self.ontvanger, hostname="127.0.0.1", port=self.poort)
        self.controller.start()

    def stop(self):
        if self.controller:
            self.controller.stop()


@pytest.fixture
def smtp_later():
    smtp = SmtpLater()
    yield smtp
    smtp.stop()


def worker_starten(smtp_later, *, site_url: str):
    """A real Celery worker on this test database, mailing to ``smtp_later``. ``site_url`` is
    the address its mails link to: the sender renders them, and in production the site and the
    worker read the same SITE_URL."""
    from config.celery import app

    with app.connection_for_write() as verbinding:
        verbinding.default_channel.queue_purge("celery")
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.herinneringen.worker_settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_later.poort),
        "EMAIL_TIMEOUT": "5",
        "MELDINGEN_RETRY_BASIS_SECONDEN": "1",
        "SITE_URL": site_url,
        "PYTHONPATH": str(BASE_DIR),
    }
    proces = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-Q",
            "celery",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    yield proces
    proces.terminate()
    try:
        uitvoer, _ = proces.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proces.kill()
        uitvoer, _ = proces.communicate()
    print(uitvoer.decode(errors="replace")[-4000:])
    with app.connection_for_write() as verbinding:
        verbinding.default_channel.queue_purge("celery")


@pytest.fixture
def worker(smtp_later):
    yield from worker_starten(smtp_later, site_url="http://127.0.0.1:8101")


@pytest.mark.celery_worker
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_smtp_down_worker_sends_the_receipt_once_when_it_is_back(
    client, worker, smtp_later, verslag_gelderland, prt_gelderland, ministerie, settings
):
    settings.SITE_URL = "http://127.0.0.1:8101"  # as `make run PORT=8101` sets it
    with NU:
        antwoord = _indienen(client, prt_gelderland, verslag_gelderland)
    assert antwoord.status_code == 302
    verslag_gelderland.refresh_from_db()
    assert verslag_gelderland.status == Verslag.Status.INGEDIEND
    # the worker writes the notices and their mails after commit (the act's outbox row)
    ontvangsten = Mail.objects.filter(soort=Soort.VERSLAG_ONTVANGEN, ontvanger=prt_gelderland)
    assert wacht_op(ontvangsten.exists, seconden=60), worker.poll()
    ontvangst = ontvangsten.get()
    # the worker tries, SMTP refuses, the error is recorded and a retry planned
    assert wacht_op(
        lambda: (
            Mail.objects.filter(pk=ontvangst.pk, pogingen__gte=1).exclude(laatste_fout="").exists()
        ),
        seconden=60,
    ), worker.poll()
    ontvangst.refresh_from_db()
    assert ontvangst.status != Verzendstatus.VERZONDEN
    assert "Connection refused" in ontvangst.laatste_fout or "Errno" in ontvangst.laatste_fout
    smtp_later.start()
    ontvanger = smtp_later.ontvanger
    assert wacht_op(lambda: _ontvangsten(ontvanger, prt_gelderland.email), seconden=90)
    assert wacht_op(
        lambda: not Mail.objects.exclude(status=Verzendstatus.VERZONDEN).exists(), seconden=60
    )
    # the sweep finds nothing left; room for a duplicate to arrive, if there were one
    assert services.verzending_inplannen() == 0
    time.sleep(3)
    (bericht,) = _ontvangsten(ontvanger, prt_gelderland.email)
    tekst = bericht.get_body(preferencelist=("plain",)).get_content()
    assert "wetscyclus 2026" in tekst
    assert "http://127.0.0.1:8101/regietafels/gelderland/verslag/ontvangst/1/" in tekst
    ministerie_mails = [b for rcpt, b in ontvanger.berichten if rcpt == [ministerie.email]]
    assert len(ministerie_mails) == 1
    assert ministerie_mails[0]["Subject"] == "Verslag Gelderland 2026 ingediend"
    assert len(ontvanger.berichten) == 2


@pytest.mark.django_db
def test_smtp_down_in_process_as_under_make_run(
    client,
    eager,
    smtp_later,
    settings,
    verslag_gelderland,
    prt_gelderland,
    ministerie,
    django_capture_on_commit_callbacks,
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_later.poort
    settings.EMAIL_TIMEOUT = 5
    with NU:
        with django_capture_on_commit_callbacks(execute=True):
            antwoord = _indienen(client, prt_gelderland, verslag_gelderland)
        assert antwoord.status_code == 302  # not a 500: the outage does not fail the action
        # the user's page still works and shows the receipt
        assert "Ontvangstbevestiging" in client.get(antwoord["Location"]).content.decode()
    verslag_gelderland.refresh_from_db()
    assert verslag_gelderland.status == Verslag.Status.INGEDIEND
    assert set(Mail.objects.values_list("status", flat=True)) == {Verzendstatus.MISLUKT}
    smtp_later.start()
    with time_machine.travel("2026-10-20 10:05 +0000"):
        call_command("meldingen_versturen")
        call_command("meldingen_versturen")
    ontvanger = smtp_later.ontvanger
    assert len(_ontvangsten(ontvanger, prt_gelderland.email)) == 1
    assert len(ontvanger.berichten) == 2  # the receipt and the ministry's notice, once each
    assert set(Mail.objects.values_list("status", flat=True)) == {Verzendstatus.VERZONDEN}


@pytest.mark.celery_worker
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_verdeelbesluit_notices_are_written_and_mailed_by_the_worker(
    worker, smtp_later, verslag_gelderland, prt_gelderland, ministerie, iedereen, settings
):
    settings.SITE_URL = "http://127.0.0.1:8101"
    smtp_later.start()
    cyclus = verslag_gelderland.cyclus
    # the documents the worker would render after these acts (342 beschikkingen) are not what
    # this test is about: they are not handed over
    with NU, mock.patch("documenten.ontvangers._na_commit"):
        rt.verslag_indienen(verslag=verslag_gelderland, door=prt_gelderland)
        besluit = rt.verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
        with transaction.atomic():
            besluit = rt.verdeelbesluit_vaststellen(
                verdeelbesluit=besluit,
                besluitdatum=dt.date(2026, 10, 20),
                door=ministerie,
                afwijkingsreden="Test: termijnen lopen nog",
            )
            # in the act's transaction: one outbox row, no notice and no mail
            opdracht = Meldopdracht.objects.get(sleutel=f"verdeelbesluit:{besluit.pk}")
            assert not Melding.objects.filter(soort=Soort.VERDEELBESLUIT).exists()
            assert not Mail.objects.filter(soort=Soort.VERDEELBESLUIT).exists()
    verwacht = {
        prt_gelderland.email,
        iedereen["arnhem"].email,
        iedereen["nijmegen"].email,
        iedereen["zaanstad"].email,
        "t-prt-gelderland-2@regietafel.example",
        "t-prt-noord-holland@regietafel.example",
    }
    ontvanger = smtp_later.ontvanger

    def besluitmails():
        return [
            (rcpt, bericht)
            for rcpt, bericht in ontvanger.berichten
            if bericht["Subject"] == "Verdeelbesluit 2026 vastgesteld (versie 1)"
        ]

    assert wacht_op(lambda: len(besluitmails()) >= len(verwacht), seconden=120), worker.poll()
    opdracht.refresh_from_db()
    assert opdracht.status == Verzendstatus.VERZONDEN and opdracht.pogingen == 1
    assert (
        set(
            Melding.objects.filter(soort=Soort.VERDEELBESLUIT).values_list(
                "ontvanger__email", flat=True
            )
        )
        == verwacht
    )
    time.sleep(3)  # room for a duplicate to arrive, if there were one
    assert sorted(rcpt[0] for rcpt, _ in besluitmails()) == sorted(verwacht)
    regel = besluit.regels.get(gemeente__naam="Arnhem")
    (arnhem,) = [b for rcpt, b in besluitmails() if rcpt == [iedereen["arnhem"].email]]
    tekst = arnhem.get_body(preferencelist=("plain",)).get_content()
    assert f"Arnhem: {regel.aantal} opvangplekken" in tekst
    assert (
        not Mail.objects.filter(soort=Soort.VERDEELBESLUIT)
        .exclude(status=Verzendstatus.VERZONDEN)
        .exists()
    )
