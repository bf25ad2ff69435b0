"""The term of the raming, derived here once; ``herinneringen`` reads it through this
selector."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from .models import Mijlpaal, Raming


@dataclass(frozen=True)
class Ramingtermijn:
    """A cycle whose raming is due (its milestone) and not published yet."""

    cyclus_id: int
    jaar: int
    datum: dt.date


def open_ramingtermijnen(*, sinds: dt.date) -> list[Ramingtermijn]:
    """The term of the ministry to publish the raming, per cycle with a raming milestone from
    ``sinds`` on and no published raming; one query."""
    gepubliceerd = Raming.objects.filter(
        cyclus=OuterRef("cyclus"), status=Raming.Status.GEPUBLICEERD
    )
    rijen = (
        Mijlpaal.objects.filter(soort=Mijlpaal.Soort.RAMING, datum__gte=sinds)
        .filter(~Exists(gepubliceerd))
        .order_by("cyclus__jaar")
        .values_list("cyclus_id", "cyclus__jaar", "datum")
    )
    return [Ramingtermijn(*rij) for rij in rijen]
