"""Celery tasks of regietafels: the notices of its acts, written by the worker after commit.

The act records one outbox row (``meldingen.services.later_melden``) naming one of these tasks;
``meldingen`` runs it in the worker after commit, in the transaction that marks the row done.
Each task reads the act again and writes its notices (unique per event and recipient, so a
second run writes nothing new).
"""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.contrib.auth import get_user_model

from raming.models import Gemeente

from . import notificaties
from .models import (
    Beoordeling,
    Realisatiemelding,
    Termijnverlenging,
    Verdeelbesluit,
    Verlengingsverzoek,
    VerslagVersie,
)


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


@shared_task(name="regietafels.tasks.verslag_ingediend_melden")
def verslag_ingediend_melden(versie_id: int) -> None:
    notificaties.verslag_ingediend_melden(
        versie=VerslagVersie.objects.select_related(
            "verslag__regietafel__provincie", "verslag__cyclus", "ingediend_door"
        ).get(pk=versie_id)
    )


@shared_task(name="regietafels.tasks.verslag_beoordeeld_melden")
def verslag_beoordeeld_melden(beoordeling_id: int) -> None:
    notificaties.verslag_beoordeeld_melden(
        beoordeling=Beoordeling.objects.select_related(
            "verslag__regietafel__provincie", "verslag__cyclus", "door"
        ).get(pk=beoordeling_id)
    )


@shared_task(name="regietafels.tasks.verlenging_gevraagd_melden")
def verlenging_gevraagd_melden(verzoek_id: int) -> None:
    notificaties.verlenging_gevraagd_melden(
        verzoek=Verlengingsverzoek.objects.select_related(
            "verslag__regietafel__provincie", "verslag__cyclus", "ingediend_door"
        ).get(pk=verzoek_id)
    )


@shared_task(name="regietafels.tasks.verdeelbesluit_herzien_melden")
def verdeelbesluit_herzien_melden(besluit_id: int, gemeente_id: int) -> None:
    notificaties.verdeelbesluit_herzien_melden(
        besluit=Verdeelbesluit.objects.select_related("cyclus", "vastgesteld_door").get(
            pk=besluit_id
        ),
        gemeente=Gemeente.objects.get(pk=gemeente_id),
    )


@shared_task(name="regietafels.tasks.realisatie_melden")
def realisatie_melden(
    correcties: list[list[int | None]], gemeld_id: int | None, door_id: int | None
) -> None:
    """Reports corrected or withdrawn (pairs of old and new report ids), then one report made:
    each told as its own event, in the order of the act."""
    door = get_user_model().objects.filter(pk=door_id).first() if door_id else None
    ids = {pk for paar in correcties for pk in paar if pk is not None}
    if gemeld_id is not None:
        ids.add(gemeld_id)
    meldingen = Realisatiemelding.alle.select_related(
        "gemeente", "cyclus", "locatie", "vervangt"
    ).in_bulk(ids)
    for oud_id, nieuw_id in correcties:
        notificaties.realisatie_gecorrigeerd_melden(
            oud=meldingen[oud_id],
            nieuw=meldingen[nieuw_id] if nieuw_id is not None else None,
            door=door,
        )
    if gemeld_id is not None:
        notificaties.realisatie_gemeld_melden(melding=meldingen[gemeld_id], door=door)
