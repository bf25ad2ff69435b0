"""Celery tasks of documenten: thin wrappers around ``bundels``."""

from __future__ import annotations

from celery import shared_task
from celery.signals import worker_process_init

from raming.models import Raming
from regietafels.models import VerdeelbesluitRegel, VerslagVersie

from . import bundels, maken, soorten


@worker_process_init.connect(dispatch_uid="documenten-opwarmen")
def _opwarmen(**kwargs) -> None:
    """Each worker process reads the fonts and the style sheet once when it starts, before its
    first document (WeasyPrint's first rendering in a process costs several documents' time)."""
    maken.opwarmen()


# A national bundle renders up to 342 documents: longer than the default limits allow.
@shared_task(
    name="documenten.tasks.bundel_maken", acks_late=True, soft_time_limit=1500, time_limit=1800
)
def bundel_maken(bundel_id: int) -> str:
    """Hands the parts to the worker; the last part packs the zip."""
    return bundels.bundel_maken(bundel_id=bundel_id).status


@shared_task(
    name="documenten.tasks.beschikkingen_maken",
    acks_late=True,
    soft_time_limit=1500,
    time_limit=1800,
)
def beschikkingen_maken(bundel_id: int, regel_ids: list[int]) -> int:
    bundels.beschikkingen_maken(bundel_id=bundel_id, regel_ids=regel_ids)
    return len(regel_ids)


@shared_task(
    name="documenten.tasks.beschikkingen_vooraf",
    acks_late=True,
    soft_time_limit=1500,
    time_limit=1800,
)
def beschikkingen_vooraf(verdeelbesluit_id: int, gemeente_id: int | None = None) -> int:
    """The beschikkingen of a fixed verdeelbesluit (of one gemeente after its revision)."""
    regels = VerdeelbesluitRegel.objects.filter(verdeelbesluit_id=verdeelbesluit_id)
    if gemeente_id is not None:
        regels = regels.filter(gemeente_id=gemeente_id)
    return len(soorten.beschikkingen(regels.values_list("pk", flat=True)))


@shared_task(name="documenten.tasks.verslagdocumenten_vooraf", acks_late=True)
def verslagdocumenten_vooraf(versie_id: int) -> None:
    versie = VerslagVersie.objects.get(pk=versie_id)
    soorten.verslag_ondertekening(versie)
    soorten.ontvangstbevestiging(versie)


@shared_task(name="documenten.tasks.publicatie_vooraf", acks_late=True)
def publicatie_vooraf(raming_id: int) -> None:
    soorten.raming_publicatie(Raming.objects.get(pk=raming_id))
