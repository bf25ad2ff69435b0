"""End to end: a real Redis broker, a real Celery worker (subprocess) and a real SMTP server."""

import datetime as dt
import email
import email.policy
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection
from django.utils import timezone

from herinneringen import tasks
from herinneringen.models import Herinnering, Verzendstatus
from raming.models import Mijlpaal, Wetscyclus

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

BASE_DIR = Path(settings.BASE_DIR)


class Ontvanger:
    def __init__(self):
        self.berichten = []

    async def handle_DATA(self, server, session, envelope):
        self.berichten.append(
            (
                envelope.rcpt_tos,
                email.message_from_bytes(envelope.content, policy=email.policy.default),
            )
        )
        return "250 OK"


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    ontvanger = Ontvanger()
    controller = Controller(ontvanger, hostname="127.0.0.1", port=vrije_poort())
    controller.start()
    yield controller, ontvanger
    controller.stop()


@pytest.fixture
def broker_leeg():
    from config.celery import app

    with app.connection_for_write() as verbinding:
        verbinding.default_channel.queue_purge("celery")
    yield app
    with app.connection_for_write() as verbinding:
        verbinding.default_channel.queue_purge("celery")


@pytest.fixture
def worker(smtp_server, broker_leeg):
    controller, _ = smtp_server
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.herinneringen.worker_settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(controller.port),
        "SITE_URL": "https://regietafel.example",
        "PYTHONPATH": str(BASE_DIR),
    }
    celery = str(Path(sys.executable).parent / "celery")
    proces = subprocess.Popen(
        [
            celery,
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


def wacht_op(voorwaarde, *, seconden=120):
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if voorwaarde():
            return True
        time.sleep(0.5)
    return False


def test_sweep_via_redis_en_worker_naar_smtp(
    worker, smtp_server, prt_gelderland, prt_noord_holland, ministerie
):
    _, ontvanger = smtp_server
    vandaag = timezone.localdate()
    cyclus = Wetscyclus.objects.create(jaar=2098)
    termijn = vandaag + dt.timedelta(days=7)
    Mijlpaal.objects.create(
        cyclus=cyclus, soort=Mijlpaal.Soort.VERSLAG, oorspronkelijke_datum=termijn, datum=termijn
    )
    # Two beat processes fire the same sweep: every recipient still gets one mail.
    tasks.dagelijkse_sweep.apply_async(args=[vandaag.isoformat()])
    tasks.dagelijkse_sweep.apply_async(args=[vandaag.isoformat()])
    assert wacht_op(lambda: len(ontvanger.berichten) >= 2), worker.poll()
    assert wacht_op(
        lambda: not Herinnering.objects.filter(status=Verzendstatus.GEPLAND).exists(), seconden=60
    )
    time.sleep(3)  # room for a duplicate to arrive, if there were one
    adressen = sorted(r[0] for r, _ in ontvanger.berichten)
    assert adressen == sorted([prt_gelderland.email, prt_noord_holland.email])

    rcpt, bericht = next(b for b in ontvanger.berichten if b[0] == [prt_gelderland.email])
    assert bericht["Subject"] == "Regietafel: 1 termijn vraagt uw aandacht"
    assert bericht["From"] == settings.DEFAULT_FROM_EMAIL
    assert bericht["Reply-To"] == settings.EMAIL_REPLY_TO
    assert bericht.get_content_type() == "multipart/alternative"
    tekst = bericht.get_body(preferencelist=("plain",)).get_content()
    html = bericht.get_body(preferencelist=("html",)).get_content()
    assert "Verslag regietafel Gelderland 2098 indienen" in tekst
    assert "nog 7 dagen" in tekst and "nog 7 dagen" in html
    assert "https://regietafel.example/" in tekst
    assert 'href="https://regietafel.example/' in html
    assert Herinnering.objects.filter(status=Verzendstatus.VERZONDEN).count() == 2
