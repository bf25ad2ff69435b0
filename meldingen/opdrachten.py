"""The notices of an act, written by the worker after commit.

An act such as a verdeelbesluit (every gemeente its own number) or an extension for all PRTs
tells hundreds of users, and even an act that tells a few (a verslag submitted, reports tied to
a location) made its user wait for their notices. Every act records only what happened plus one
outbox row (:class:`Meldopdracht`, through :func:`later_melden`), in its own transaction:

1. A rolled-back act leaves no row, so no notice.
2. After commit the row is handed to the worker (``tasks.meldopdracht_uitvoeren``). Under
   ``make run`` the task runs in-process right then, so the notices are there at once.
3. :func:`uitvoeren` locks the row (``skip_locked``: one worker at a time), runs the acting
   app's Celery task named on the row in the same transaction (it calls
   ``services.melden_allemaal``, whose rows are unique per event and recipient), and marks the
   row done. A failure rolls the notices back, records the error and plans the next attempt.
4. A broker that is down at commit loses nothing: the mail sweep (beat, every five minutes)
   hands every open row over again, before the mails.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import logging
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import TE_VERSTUREN, Meldopdracht, Verzendstatus

logger = logging.getLogger(__name__)

# The moment of the act whose notices are being written: their time (services.melden_allemaal).
_moment: contextvars.ContextVar[dt.datetime | None] = contextvars.ContextVar(
    "meldmoment", default=None
)


def moment_van_de_handeling() -> dt.datetime:
    return _moment.get() or timezone.now()


@contextmanager
def _op(moment: dt.datetime):
    token = _moment.set(moment)
    try:
        yield
    finally:
        _moment.reset(token)


def later_melden(*, taak: str, sleutel: str, **argumenten) -> Meldopdracht:
    """Record, in the caller's transaction, that the Celery task ``taak`` is to write the
    notices of the event ``sleutel`` with ``argumenten`` (JSON values); it runs after commit.
    Announcing the same event again records nothing new."""
    opdracht, _nieuw = Meldopdracht.objects.get_or_create(
        sleutel=sleutel[:120], defaults={"taak": taak, "argumenten": argumenten}
    )
    pk = opdracht.pk
    transaction.on_commit(lambda: inplannen([pk]))
    return opdracht


def inplannen(ids: list[int]) -> int:
    """Hand the rows to the worker. Never raises: the act has committed, and a row that is not
    handed over now is handed over by the next sweep (in-process, a failure is recorded on the
    row and the sweep or ``manage.py meldingen_versturen`` tries again)."""
    from . import tasks  # tasks imports the services: loaded on first use

    gegeven = 0
    for pk in ids:
        try:
            tasks.meldopdracht_uitvoeren.apply_async(args=[pk], retry=False)
        except Exception:
            logger.warning(
                "Meldopdracht %s niet aan de worker gegeven; de volgende ronde probeert het "
                "opnieuw.",
                pk,
                exc_info=True,
            )
            continue
        gegeven += 1
    return gegeven


def open_ids() -> list[int]:
    """Rows not done yet and not waiting for a planned retry."""
    nu = timezone.now()
    return list(
        Meldopdracht.objects.filter(status__in=TE_VERSTUREN)
        .filter(Q(volgende_poging__isnull=True) | Q(volgende_poging__lte=nu))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def alles_inplannen() -> int:
    """The sweep: every open row to the worker again."""
    return inplannen(open_ids())


class Opdrachtfout(Exception):
    """Writing the notices failed; the row records the error and waits for the next attempt."""


def _taak(app, naam: str):
    """The task by name. Outside a worker Celery finds the apps' ``tasks`` modules on first
    need (autodiscovery), so a name not registered yet makes it import them."""
    if naam not in app.tasks:
        app.loader.import_default_modules()
    return app.tasks[naam]


def uitvoeren(*, opdracht_id: int, wacht_seconden: int = 60) -> bool:
    """Write the notices of one row. False when there was nothing to do (done already, or
    another worker holds it). Raises ``Opdrachtfout`` after recording an error; the next
    attempt is planned ``wacht_seconden`` ahead."""
    from celery import current_app

    fout = None
    with transaction.atomic():
        opdracht = (
            Meldopdracht.objects.select_for_update(skip_locked=True)
            .filter(pk=opdracht_id, status__in=TE_VERSTUREN)
            .first()
        )
        if opdracht is None:
            return False
        try:
            with transaction.atomic(), _op(opdracht.aangemaakt_op):
                _taak(current_app, opdracht.taak)(**opdracht.argumenten)
        except Exception as exc:
            fout = exc
            opdracht.status = Verzendstatus.MISLUKT
            opdracht.laatste_fout = f"{type(exc).__name__}: {exc}"[:2000]
            opdracht.volgende_poging = timezone.now() + dt.timedelta(seconds=wacht_seconden)
        else:
            opdracht.status = Verzendstatus.VERZONDEN
            opdracht.verwerkt_op = timezone.now()
            opdracht.laatste_fout = ""
            opdracht.volgende_poging = None
        opdracht.pogingen += 1
        opdracht.save()
    if fout is not None:
        logger.warning("Meldopdracht %s mislukt: %s", opdracht_id, fout)
        raise Opdrachtfout(str(fout)) from fout
    return True


def alles_uitvoeren() -> tuple[int, int]:
    """Every open row in this process (``manage.py meldingen_versturen``, ``make run``):
    returns (done, failed)."""
    gedaan = mislukt = 0
    for pk in open_ids():
        try:
            if uitvoeren(opdracht_id=pk):
                gedaan += 1
        except Opdrachtfout:
            mislukt += 1
    return gedaan, mislukt
