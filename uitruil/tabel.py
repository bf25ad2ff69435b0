"""The rows of the exchange list, read with ``values_list()`` (two queries per page); the
template ``uitruil/_lijst_tabel.html`` writes them, kept as a page fragment."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import NamedTuple

from .models import Richting, Taak, Uitruil, UitruilPartij

_VELDEN = (
    "pk",
    "provincie__naam",
    "voorgesteld_door_gemeente__naam",
    "verhouding_asielopvang",
    "verhouding_tegenprestatie",
    "cyclus__jaar",
    "status",
    "voorgesteld_op",
)


class Regel(NamedTuple):
    """One exchange in the list (``pk`` and the columns shown)."""

    pk: int
    provincie: str
    voorgesteld_door: str
    verhouding_asielopvang: int
    verhouding_tegenprestatie: int
    cyclus: int
    status: str
    voorgesteld_op: dt.datetime

    @property
    def verhouding(self) -> str:
        return f"{self.verhouding_asielopvang} : {self.verhouding_tegenprestatie}"


def als_regels(qs):
    """``qs`` as a values queryset of the columns of a ``Regel`` (``Regel(*rij)``)."""
    return qs.values_list(*_VELDEN)


def partijen_per_uitruil(pks) -> dict[int, list[tuple]]:
    """uitruil id → its party rows ``(gemeente naam, richting, aantal, taak)``: one query."""
    uit: dict[int, list[tuple]] = defaultdict(list)
    rijen = (
        UitruilPartij.objects.filter(uitruil_id__in=list(pks))
        .order_by("pk")
        .values_list("uitruil_id", "gemeente__naam", "richting", "aantal", "taak")
    )
    for uitruil_id, *rij in rijen:
        uit[uitruil_id].append(rij)
    return uit


def met_partijen(regels: list[Regel]) -> list[dict]:
    """The rows of a page for ``templates/uitruil/_lijst_tabel.html``: each exchange with its
    party rows and the labels of its status, directions and tasks."""
    partijen = partijen_per_uitruil(r.pk for r in regels) if regels else {}
    status_labels = dict(Uitruil.Status.choices)
    richting_labels = dict(Richting.choices)
    taak_labels = {w: str(label).lower() for w, label in Taak.choices}
    return [
        {
            "regel": r,
            "status_label": status_labels.get(r.status, r.status),
            "partijen": [
                {
                    "gemeente": naam,
                    "richting": richting_labels.get(richting, richting),
                    "aantal": aantal,
                    "taak": taak_labels.get(taak, taak),
                }
                for naam, richting, aantal, taak in partijen.get(r.pk, ())
            ],
        }
        for r in regels
    ]
