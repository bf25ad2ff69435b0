"""Celery tasks of documenten: thin wrappers around ``bundels``."""

from __future__ import annotations

from celery import shared_task

from . import bundels


# A national bundle renders up to 342 documents: longer than the default limits allow.
@shared_task(
    name="documenten.tasks.bundel_maken", acks_late=True, soft_time_limit=1500, time_limit=1800
)
def bundel_maken(bundel_id: int) -> str:
    return bundels.bundel_maken(bundel_id=bundel_id).status
