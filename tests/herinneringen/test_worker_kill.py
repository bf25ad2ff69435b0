"""A real Celery worker is killed (SIGKILL) in the middle of sending a digest; the broker redelivers
the unacknowledged message to a second worker. Real Redis, real worker subprocesses, a real SMTP
server (aiosmtpd) that stalls on the first mail so the kill lands inside the task.

What this proves, and what cannot be promised:

* Killed BEFORE the SMTP server accepted the mail (the server stalls before answering DATA):
  the redelivered task (same task id, so it takes its own claim back; the claim lease is left at
  its default of minutes, so the lease plays no part) sends the digest, and every recipient ends
  up with exactly one accepted mail; every reminder row is ``verzonden`` once.
* Killed AFTER the SMTP server accepted the mail but before the rows were marked sent (the server
  stalls on QUIT, after its 250 for DATA): nobody can know whether the mail went out, so the
  redelivered task sends it again. Sending is at-least-once across the SMTP hand-over; exactly
  once cannot be guaranteed without the mail server taking part. What the design does guarantee,
  and this test asserts: the second mail is the same digest with the same Message-ID (built from
  the reminder rows), so a receiving system that collapses duplicates by Message-ID shows it once,
  and the reminder rows are recorded ``verzonden`` exactly once. Nothing is lost.
"""

import asyncio
import datetime as dt
import email
import email.policy
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import redis
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection
from django.utils import timezone

from herinneringen import services
from herinneringen.models import TE_VERSTUREN, Herinnering, Verzendstatus
from raming.models import Mijlpaal, Wetscyclus

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

BASE_DIR = Path(settings.BASE_DIR)
# The longest wait for a condition (a worker reaching the SMTP server, a redelivery); on a quiet
# machine each is met in seconds, under load starting a worker alone can take half a minute.
# Only a failing test waits this long.
WACHTTIJD = 180


class StokkendeServer:
    """An SMTP handler that stalls on the first mail: before answering DATA (``bij="DATA"``, the
    mail is not accepted) or after accepting it, on QUIT (``bij="QUIT"``). Only mails answered
    with 250 count as delivered."""

    def __init__(self, *, bij: str):
        self.bij = bij
        self.afgeleverd: list[tuple[list[str], email.message.EmailMessage]] = []
        self.afgebroken: list[tuple[list[str], email.message.EmailMessage]] = []
        self.gestokt = threading.Event()
        self.loslaten = threading.Event()
        self._eerste = True
        self._lock = threading.Lock()

    def _stokken_nu(self) -> bool:
        with self._lock:
            eerste, self._eerste = self._eerste, False
        return eerste

    async def _stokken(self) -> None:
        self.gestokt.set()
        while not self.loslaten.is_set():
            await asyncio.sleep(0.05)

    async def handle_DATA(self, server, session, envelope):
        bericht = email.message_from_bytes(envelope.content, policy=email.policy.default)
        if self.bij == "DATA" and self._stokken_nu():
            self.afgebroken.append((list(envelope.rcpt_tos), bericht))
            await self._stokken()
            return "451 Requested action aborted"
        self.afgeleverd.append((list(envelope.rcpt_tos), bericht))
        if self.bij == "QUIT":
            session.stokken_bij_quit = self._stokken_nu()
        return "250 OK"

    async def handle_QUIT(self, server, session, envelope):
        if getattr(session, "stokken_bij_quit", False):
            await self._stokken()
        return "221 Bye"

    def per_adres(self) -> dict[str, list[email.message.EmailMessage]]:
        uitkomst: dict[str, list] = {}
        for rcpt, bericht in self.afgeleverd:
            for adres in rcpt:
                uitkomst.setdefault(adres, []).append(bericht)
        return uitkomst


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def broker_opruimen() -> None:
    """Empty the queue and kombu's bookkeeping of unacknowledged messages (a killed worker leaves
    its message there): this run's keys, under its prefix (config/settings/test.py)."""
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    try:
        client.delete(
            *(
                settings.BROKER_SLEUTELPREFIX + sleutel
                for sleutel in ("celery", "unacked", "unacked_index", "unacked_mutex")
            )
        )
    finally:
        client.close()


@pytest.fixture
def workers():
    """Start worker subprocesses with ``start(poort)``; every one is killed at teardown."""
    broker_opruimen()
    processen: list[subprocess.Popen] = []
    db = connection.settings_dict
    celery = str(Path(sys.executable).parent / "celery")

    def start(poort: int) -> subprocess.Popen:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.herinneringen.worker_settings_kill",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(poort),
            "SITE_URL": "https://regietafel.example",
            "PYTHONPATH": str(BASE_DIR),
        }
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
                "-n",
                f"kill-{len(processen)}@%h",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        processen.append(proces)
        return proces

    try:
        yield start
    finally:
        for proces in processen:
            if proces.poll() is None:
                proces.kill()
            try:
                uitvoer, _ = proces.communicate(timeout=15)
            except subprocess.TimeoutExpired:
                uitvoer = b""
            print(f"--- worker {proces.pid} (exit {proces.returncode}) ---")
            print((uitvoer or b"").decode(errors="replace")[-3000:])
        broker_opruimen()


@pytest.fixture
def smtp():
    """``smtp(bij)`` starts a stalling SMTP server; it is released and stopped at teardown."""
    gestart: list[tuple[Controller, StokkendeServer]] = []

    def start(bij: str) -> tuple[Controller, StokkendeServer]:
        server = StokkendeServer(bij=bij)
        controller = Controller(server, hostname="127.0.0.1", port=vrije_poort())
        controller.start()
        gestart.append((controller, server))
        return controller, server

    try:
        yield start
    finally:
        for controller, server in gestart:
            server.loslaten.set()
            controller.stop()


def broker_afgehandeld() -> bool:
    """No message waits in the queue and none is delivered but unacknowledged: every task the
    broker handed out has finished (tasks are acknowledged late), so no further delivery and
    hence no further mail can follow. A killed worker's message stays unacknowledged until the
    broker gives it to the next worker, so this also waits for the redelivered task."""
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    try:
        prefix = settings.BROKER_SLEUTELPREFIX  # this run's keys (config/settings/test.py)
        return client.llen(prefix + "celery") == 0 and client.hlen(prefix + "unacked") == 0
    finally:
        client.close()


def wacht_op(voorwaarde, *, seconden=WACHTTIJD) -> bool:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if voorwaarde():
            return True
        time.sleep(0.2)
    return False


def verslagtermijn_over_een_week() -> dt.date:
    vandaag = timezone.localdate()
    cyclus = Wetscyclus.objects.create(jaar=2097)
    termijn = vandaag + dt.timedelta(days=7)
    Mijlpaal.objects.create(
        cyclus=cyclus, soort=Mijlpaal.Soort.VERSLAG, oorspronkelijke_datum=termijn, datum=termijn
    )
    return vandaag


def kill_midden_in_de_taak(workers, smtp, bij: str):
    """Plan and enqueue the digests, let the first worker stall on the first mail, SIGKILL it
    there, then start a second worker and let the broker redeliver. Returns the SMTP server, the
    recipient whose task was killed, and that recipient's reminder row as it was at the kill."""
    controller, server = smtp(bij)
    eerste = workers(controller.port)
    planning = services.dagelijkse_sweep(datum=verslagtermijn_over_een_week())
    assert planning.nieuw == 2
    assert server.gestokt.wait(WACHTTIJD), "de worker kwam niet bij de SMTP-server"
    eerste.send_signal(signal.SIGKILL)
    assert eerste.wait(timeout=10) == -signal.SIGKILL
    server.loslaten.set()

    getroffen = (server.afgebroken or server.afgeleverd)[0][0][0]
    rij_bij_kill = Herinnering.objects.get(ontvanger__email=getroffen)
    # Killed inside the task: the rows are claimed under its task id and not recorded as sent.
    assert rij_bij_kill.status == Verzendstatus.GEPLAND
    assert rij_bij_kill.geclaimd_door != ""

    workers(controller.port)
    assert wacht_op(lambda: not Herinnering.objects.filter(status__in=TE_VERSTUREN).exists()), (
        "de taak van de gedode worker werd niet opnieuw bezorgd"
    )
    # A duplicate, if there were one, would come from a message still queued or unacknowledged;
    # a task is acknowledged after its SMTP session ended, so its mail has been counted.
    assert wacht_op(broker_afgehandeld), "de broker hield een onafgehandelde taak vast"
    return server, getroffen, rij_bij_kill


def test_kill_voor_overdracht_aan_smtp_elke_ontvanger_precies_een_mail(
    workers, smtp, prt_gelderland, prt_noord_holland
):
    server, getroffen, rij_bij_kill = kill_midden_in_de_taak(workers, smtp, bij="DATA")

    # The killed worker's mail was never accepted; after redelivery each recipient has one.
    assert len(server.afgebroken) == 1
    per_adres = server.per_adres()
    assert sorted(per_adres) == sorted([prt_gelderland.email, prt_noord_holland.email])
    assert all(len(berichten) == 1 for berichten in per_adres.values()), per_adres
    # The redelivered task sent the very digest the killed one was sending.
    _, afgebroken = server.afgebroken[0]
    assert per_adres[getroffen][0]["Message-ID"] == afgebroken["Message-ID"]
    assert per_adres[getroffen][0]["Subject"] == "Regietafel: 1 termijn vraagt uw aandacht"

    rijen = {r.e_mail: r for r in Herinnering.objects.all()}
    assert len(rijen) == 2
    assert {r.status for r in rijen.values()} == {Verzendstatus.VERZONDEN}
    assert all(r.geclaimd_door == "" and r.laatste_fout == "" for r in rijen.values())
    # Claimed twice (killed task, redelivered task), sent once; the other recipient once.
    assert rijen[getroffen].pogingen == 2
    assert rijen[getroffen].verzonden_op > rij_bij_kill.geclaimd_op
    anderen = [r for adres, r in rijen.items() if adres != getroffen]
    assert [r.pogingen for r in anderen] == [1]


def test_kill_na_overdracht_aan_smtp_zelfde_digest_met_zelfde_message_id(
    workers, smtp, prt_gelderland, prt_noord_holland
):
    server, getroffen, _ = kill_midden_in_de_taak(workers, smtp, bij="QUIT")

    per_adres = server.per_adres()
    assert sorted(per_adres) == sorted([prt_gelderland.email, prt_noord_holland.email])
    # Documented: the mail the killed worker handed over is sent again by the redelivered task
    # (at-least-once across the SMTP hand-over) ...
    assert len(per_adres[getroffen]) == 2
    eerste, tweede = per_adres[getroffen]
    # ... as the same digest with the same Message-ID, so it can be recognised as one mail.
    assert eerste["Message-ID"] == tweede["Message-ID"]
    assert eerste["Message-ID"].startswith("<herinnering-")
    assert eerste["Subject"] == tweede["Subject"]
    tekst = [b.get_body(preferencelist=("plain",)).get_content() for b in (eerste, tweede)]
    assert tekst[0] == tekst[1]
    # The recipient whose task was not killed got one mail; per Message-ID, everyone got one.
    anderen = [a for a in per_adres if a != getroffen]
    assert [len(per_adres[a]) for a in anderen] == [1]
    message_ids = {b["Message-ID"] for _, b in server.afgeleverd}
    assert len(message_ids) == 2

    # The reminder rows are recorded sent exactly once.
    rijen = {r.e_mail: r for r in Herinnering.objects.all()}
    assert {r.status for r in rijen.values()} == {Verzendstatus.VERZONDEN}
    assert rijen[getroffen].pogingen == 2
    assert all(r.geclaimd_door == "" for r in rijen.values())
