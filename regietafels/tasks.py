"""Celery tasks of regietafels: the notices of an act that tells many people at once.

The act records one outbox row (``meldingen.services.later_melden``) naming one of these tasks;
``meldingen`` runs it in the worker after commit, in the transaction that marks the row done.
Each task reads the act again and writes its notices (unique per event and recipient, so a
second run writes nothing new).
"""

from __future__ import annotations

import datetime as dt

from celery import shared_task

from . import notificaties
from .models import Termijnverlenging, Verdeelbesluit, Verlengingsverzoek


@shared_task(name="regietafels.tasks.verdeelbesluit_vastgesteld_melden")
def verdeelbesluit_vastgesteld_melden(besluit_id: int) -> None:
    notificaties.verdeelbesluit_vastgesteld_melden(
        besluit=Verdeelbesluit.objects.select_related("cyclus", "vastgesteld_door").get(
            pk=besluit_id
        )
    )


def _verlenging(verlenging_id: int) -> Termijnverlenging:
    # a withdrawn extension too: it was granted, and its withdrawal is told after it
    return Termijnverlenging.alle.select_related(
        "cyclus", "regietafel__provincie", "besloten_door", "ingetrokken_door"
    ).get(pk=verlenging_id)


@shared_task(name="regietafels.tasks.verlenging_toegekend_melden")
def verlenging_toegekend_melden(verlenging_id: int, oorspronkelijk: str | None = None) -> None:
    notificaties.verlenging_toegekend_melden(
        verlenging=_verlenging(verlenging_id),
        oorspronkelijk=dt.date.fromisoformat(oorspronkelijk) if oorspronkelijk else None,
    )


@shared_task(name="regietafels.tasks.verlenging_ingetrokken_melden")
def verlenging_ingetrokken_melden(verlenging_id: int) -> None:
    notificaties.verlenging_ingetrokken_melden(verlenging=_verlenging(verlenging_id))


@shared_task(name="regietafels.tasks.verlenging_afgewezen_melden")
def verlenging_afgewezen_melden(verzoek_id: int) -> None:
    notificaties.verlenging_afgewezen_melden(
        verzoek=Verlengingsverzoek.objects.select_related(
            "verslag__regietafel__provincie", "verslag__cyclus", "besloten_door"
        ).get(pk=verzoek_id)
    )
