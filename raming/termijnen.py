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
from .regels import maanden_erbij, mijlpaal_regels


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


# ------------------------------------------------------------------ the realisation term


def _realisatieregel():
    return next((r for r in mijlpaal_regels() if r.soort == Mijlpaal.Soort.REALISATIE), None)


def realisatietermijn(cyclus, besluitdatum: dt.date | None) -> dt.date | None:
    """THE realisation term of a verdeelbesluit fixed on ``besluitdatum`` in ``cyclus``: the
    cycle's realisation milestone (its date in force; by default six months after the
    verdeelbesluit milestone, 2024 practice: 30 June 2025 for the besluiten of 23 December
    2024), and never less than the statutory six months after the besluit itself (art. 7,
    first paragraph). Every term stored on a besluit's rows, shown or reminded of comes from
    here."""
    regel = _realisatieregel()
    maanden = regel.maanden if regel is not None and regel.na else 6
    na_besluit = maanden_erbij(besluitdatum, maanden) if besluitdatum else None
    mijlpaal = (
        Mijlpaal.objects.filter(cyclus=cyclus, soort=Mijlpaal.Soort.REALISATIE)
        .values_list("datum", flat=True)
        .first()
    )
    datums = [d for d in (mijlpaal, na_besluit) if d is not None]
    return max(datums) if datums else None


def realisatiemijlpaal_volgen(cyclus, besluitdatum: dt.date) -> dt.date | None:
    """When the verdeelbesluit is fixed so late that six months after it end after the
    realisation milestone, the milestone moves to that date (with the reason; the original
    date stays), so the cycle page shows the term every gemeente has. Returns the term."""
    termijn = realisatietermijn(cyclus, besluitdatum)
    mijlpaal = (
        Mijlpaal.objects.select_for_update()
        .filter(cyclus=cyclus, soort=Mijlpaal.Soort.REALISATIE)
        .first()
    )
    if mijlpaal is not None and termijn is not None and termijn > mijlpaal.datum:
        mijlpaal.datum = termijn
        mijlpaal.wijzigingsreden = (
            f"Zes maanden na het verdeelbesluit van {besluitdatum:%d-%m-%Y} "
            "(art. 7, eerste lid, Spreidingswet)."
        )
        mijlpaal.save(update_fields=["datum", "wijzigingsreden"])
    return termijn
