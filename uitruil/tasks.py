"""Celery tasks of uitruil: the notices of an exchange's step, written by the worker after commit.

The step records one outbox row (``meldingen.services.later_melden``) naming this task;
``meldingen`` runs it in the transaction that marks the row done.
"""

from __future__ import annotations

from celery import shared_task

from . import notificaties
from .models import UitruilStap


@shared_task(name="uitruil.tasks.stap_gezet_melden")
def stap_gezet_melden(stap_id: int, status: str) -> None:
    stap = UitruilStap.objects.select_related("uitruil__provincie", "gemeente", "door").get(
        pk=stap_id
    )
    uitruil = stap.uitruil
    uitruil.status = status  # as it was after this step
    notificaties.stap_gezet_melden(uitruil=uitruil, stap=stap)
