"""Celery tasks: thin wrappers around ``services``.

``verstuur_mail`` is idempotent: the row is claimed under the task id, so a redelivery after a
worker died (acks late) takes its own claim back and sends once. SMTP errors are retried with
exponential backoff; after the last retry the row waits for the sweep, which keeps offering it
until SMTP answers again. Run in-process (``make run``) a failure is not retried on the spot:
it would hold up the user's request; the next action or ``manage.py meldingen_versturen``
sends it. ``meldopdracht_uitvoeren`` writes the notices of an act that tells many people at once
(``opdrachten``), under the same rules.
"""

from __future__ import annotations

from celery import shared_task

from . import opdrachten, services

MAX_POGINGEN = 5


@shared_task(
    bind=True,
    name="meldingen.tasks.meldopdracht_uitvoeren",
    acks_late=True,
    max_retries=MAX_POGINGEN,
)
def meldopdracht_uitvoeren(self, opdracht_id: int) -> int:
    """Write the notices of one act (``opdrachten.uitvoeren``). A failure is retried with
    backoff; in-process (``make run``) it is not retried on the spot (it would hold up the
    user's request): the sweep or ``manage.py meldingen_versturen`` runs the row again."""
    in_proces = bool(self.request.is_eager)
    laatste = in_proces or self.request.retries >= self.max_retries
    wacht = services.wachttijd(self.request.retries)
    try:
        gedaan = opdrachten.uitvoeren(
            opdracht_id=opdracht_id, wacht_seconden=services.retry_basis() if laatste else wacht
        )
    except opdrachten.Opdrachtfout as exc:
        if in_proces:
            return 0
        if laatste:
            raise
        raise self.retry(exc=exc, countdown=wacht) from exc
    return 1 if gedaan else 0


@shared_task(
    bind=True, name="meldingen.tasks.verstuur_mail", acks_late=True, max_retries=MAX_POGINGEN
)
def verstuur_mail(self, mail_id: int) -> int:
    in_proces = bool(self.request.is_eager)
    laatste = in_proces or self.request.retries >= self.max_retries
    wacht = services.wachttijd(self.request.retries)
    try:
        verzonden = services.mail_versturen(
            mail_id=mail_id,
            claim=self.request.id,
            laatste_poging=laatste,
            volgende_over=services.retry_basis() if laatste else wacht,
        )
    except services.Verzendfout as exc:
        if in_proces:
            return 0
        if laatste:
            raise
        raise self.retry(exc=exc, countdown=wacht) from exc
    return 1 if verzonden else 0


@shared_task(name="meldingen.tasks.verstuur_mails", acks_late=True)
def verstuur_mails(mail_ids: list[int]) -> int:
    """The mails of one action, handed over in one message: each gets its own sending task, so
    each keeps its own retries (a mail already sent or claimed is skipped by its task)."""
    for mail_id in mail_ids:
        verstuur_mail.apply_async(args=[mail_id])
    return len(mail_ids)


@shared_task(name="meldingen.tasks.sweep", acks_late=True)
def sweep() -> int:
    """Hand every open notice job and every due mail to the worker again (beat, every few
    minutes)."""
    opdrachten.alles_inplannen()
    return services.verzending_inplannen()
