"""The term of the raming, derived here once: the ministry has to publish the raming of a
cycle before its raming milestone, and the term stays open until a version is published.
``ramingtermijn_kolommen`` lets a query over the cycles read what the rule needs (the term
collection of ``regietafels.openstaand.cyclusstanden`` does), ``ramingtermijn`` applies it;
``herinneringen`` reads the term through them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Subquery

from .models import Mijlpaal, Raming


@dataclass(frozen=True)
class Ramingtermijn:
    """A cycle whose raming is due (its milestone) and not published yet."""

    cyclus_id: int
    jaar: int
    datum: dt.date


def ramingtermijn_kolommen(cyclus=None) -> dict:
    """Annotations for a queryset of cycles (or, with ``cyclus``, a reference to the cycle):
    ``raming_datum`` (the raming milestone) and ``raming_gepubliceerd``."""
    cyclus = cyclus if cyclus is not None else OuterRef("pk")
    mijlpaal = Mijlpaal.objects.filter(cyclus=cyclus, soort=Mijlpaal.Soort.RAMING).order_by()
    return {
        "raming_datum": Subquery(mijlpaal.values("datum")[:1]),
        "raming_gepubliceerd": Exists(
            Raming.objects.filter(cyclus=cyclus, status=Raming.Status.GEPUBLICEERD)
        ),
    }


def ramingtermijn(
    *, cyclus_id: int, jaar: int, raming_datum, raming_gepubliceerd: bool, sinds: dt.date
) -> Ramingtermijn | None:
    """THE rule: open while the cycle has a raming milestone (from ``sinds`` on) and no
    published raming."""
    if raming_datum is None or raming_gepubliceerd or raming_datum < sinds:
        return None
    return Ramingtermijn(cyclus_id, jaar, raming_datum)
