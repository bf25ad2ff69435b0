"""Celery tasks of locaties: the notices of a phase reported or confirmed, written by the worker
after commit (``meldingen.services.later_melden`` records the row naming the task; ``meldingen``
runs it in the transaction that marks the row done)."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.contrib.auth import get_user_model

from . import notificaties
from .models import Fasewijziging, Opvanglocatie


def _gebruiker(pk: int | None):
    return get_user_model().objects.filter(pk=pk).first() if pk else None


@shared_task(name="locaties.tasks.fase_gemeld_melden")
def fase_gemeld_melden(wijziging_id: int, door_id: int | None = None) -> None:
    notificaties.fase_gemeld_melden(
        wijziging=Fasewijziging.objects.select_related("locatie__gemeente", "gemeld_door").get(
            pk=wijziging_id
        ),
        door=_gebruiker(door_id),
    )


@shared_task(name="locaties.tasks.bevestigd_melden")
def bevestigd_melden(locatie_id: int, op: str, door_id: int | None = None) -> None:
    locatie = Opvanglocatie.objects.select_related("gemeente").get(pk=locatie_id)
    locatie.coa_bevestigd_op = dt.datetime.fromisoformat(op)  # the confirmation told
    notificaties.bevestigd_melden(
        locatie=locatie, op=locatie.coa_bevestigd_op, door=_gebruiker(door_id)
    )
