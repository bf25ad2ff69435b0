"""Celery tasks of bezwaar: the notices of a bezwaar lodged, withdrawn or decided, written by
the worker after commit (``meldingen.services.later_melden`` records the row naming the task;
``meldingen`` runs it in the transaction that marks the row done)."""

from __future__ import annotations

from celery import shared_task
from django.contrib.auth import get_user_model

from . import notificaties
from .models import Bezwaar


def _lezen(bezwaar_id: int, door_id: int | None) -> dict:
    bezwaar = Bezwaar.objects.select_related(
        "gemeente__provincie", "regel__verdeelbesluit__cyclus", "nieuw_verdeelbesluit"
    ).get(pk=bezwaar_id)
    door = get_user_model().objects.filter(pk=door_id).first() if door_id else None
    return {"bezwaar": bezwaar, "door": door}


@shared_task(name="bezwaar.tasks.bezwaar_ingediend_melden")
def bezwaar_ingediend_melden(bezwaar_id: int, door_id: int | None = None) -> None:
    notificaties.bezwaar_ingediend_melden(**_lezen(bezwaar_id, door_id))


@shared_task(name="bezwaar.tasks.bezwaar_ingetrokken_melden")
def bezwaar_ingetrokken_melden(bezwaar_id: int, door_id: int | None = None) -> None:
    notificaties.bezwaar_ingetrokken_melden(**_lezen(bezwaar_id, door_id))


@shared_task(name="bezwaar.tasks.bezwaar_beslist_melden")
def bezwaar_beslist_melden(bezwaar_id: int, door_id: int | None = None) -> None:
    notificaties.bezwaar_beslist_melden(**_lezen(bezwaar_id, door_id))
