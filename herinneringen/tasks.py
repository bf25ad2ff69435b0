"""Celery tasks: thin wrappers around ``services``.

Every task is idempotent: the rows it sends are claimed under the task id, so a redelivery after
a worker died (acks late) takes its own claim back and sends once; SMTP errors are retried with
exponential backoff, and after the last retry the rows are marked ``mislukt`` for the next sweep.
"""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.conf import settings

from . import services

MAX_POGINGEN = 5


def wachttijd(pogingen: int) -> int:
    """Exponential backoff: basis × 2^n seconds (60, 120, 240, … by default)."""
    basis = int(getattr(settings, "HERINNERINGEN_RETRY_BASIS_SECONDEN", 60))
    return basis * (2**pogingen)


@shared_task(name="herinneringen.tasks.dagelijkse_sweep", acks_late=True)
def dagelijkse_sweep(datum: str | None = None) -> dict:
    planning = services.dagelijkse_sweep(datum=dt.date.fromisoformat(datum) if datum else None)
    return {
        "datum": planning.datum.isoformat(),
        "termijnen": planning.termijnen,
        "nieuw": planning.nieuw,
        "vervallen": planning.vervallen,
    }


@shared_task(
    bind=True,
    name="herinneringen.tasks.verstuur_digest",
    acks_late=True,
    max_retries=MAX_POGINGEN,
)
def verstuur_digest(self, ontvanger_id: int) -> int:
    laatste = self.request.retries >= self.max_retries
    try:
        verzonden = services.digest_versturen(
            ontvanger_id=ontvanger_id, claim=self.request.id, laatste_poging=laatste
        )
    except services.Verzendfout as exc:
        if laatste:
            raise  # the rows are now 'mislukt'; the next sweep tries them again
        raise self.retry(exc=exc, countdown=wachttijd(self.request.retries)) from exc
    return verzonden.aantal if verzonden else 0
