"""Celery tasks of raming: the notices of an act that tells every PRT and gemeente at once.

The act (adopting, publishing or postponing a raming, moving a milestone) records one outbox
row (``meldingen.services.later_melden``) naming one of these tasks; ``meldingen`` runs it in
the worker after commit, in the transaction that marks the row done. Each task reads the act
again and writes its notices (unique per event and recipient, so a second run writes nothing
new).
"""

from __future__ import annotations

import datetime as dt

from celery import shared_task

from accounts.models import Gebruiker

from . import notificaties
from .models import Mijlpaal, Raming


def _gebruiker(pk: int | None) -> Gebruiker | None:
    # who acted, so that they are not told what they did themselves
    return Gebruiker.objects.filter(pk=pk).first() if pk is not None else None


@shared_task(name="raming.tasks.raming_melden")
def raming_melden(raming_id: int, vastgesteld: bool) -> None:
    notificaties.raming_melden(
        raming=Raming.objects.select_related("cyclus").get(pk=raming_id),
        vastgesteld=vastgesteld,
    )


@shared_task(name="raming.tasks.raming_uitgesteld_melden")
def raming_uitgesteld_melden(raming_id: int, door_id: int | None = None) -> None:
    notificaties.raming_uitgesteld_melden(
        raming=Raming.objects.select_related("cyclus").get(pk=raming_id),
        door=_gebruiker(door_id),
    )


@shared_task(name="raming.tasks.mijlpaal_verplaatst_melden")
def mijlpaal_verplaatst_melden(
    mijlpaal_id: int,
    oud: str,
    datum: str,
    reden: str,
    gebeurtenis: str,
    door_id: int | None = None,
) -> None:
    mijlpaal = Mijlpaal.objects.select_related("cyclus").get(pk=mijlpaal_id)
    # the date and reason of this move, also when the milestone has moved again since
    mijlpaal.datum = dt.date.fromisoformat(datum)
    mijlpaal.wijzigingsreden = reden
    notificaties.mijlpaal_verplaatst_melden(
        mijlpaal=mijlpaal,
        oud=dt.date.fromisoformat(oud),
        door=_gebruiker(door_id),
        gebeurtenis=gebeurtenis,
    )
