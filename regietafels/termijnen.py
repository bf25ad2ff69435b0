"""The verslag deadline of a PRT: the cycle's milestone, moved by the extensions granted.

The rule is written once, in ``termijn``: the deadline in force is the latest of the
milestone date and the dates of the extensions that apply to the PRT (its own and those for
all PRTs). Every page, the API, the reminders (through ``regietafels.openstaand``) and the
insight pages read it through the functions here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import OuterRef, Subquery

from raming.models import Mijlpaal, Wetscyclus

from . import notificaties
from .models import Regietafel, Termijnverlenging
from .signalen import termijn_verlengd


@dataclass(frozen=True)
class Verslagtermijn:
    oorspronkelijk: dt.date | None
    effectief: dt.date | None
    verlengingen: tuple[Termijnverlenging, ...]

    def dagen_resterend(self, vandaag: dt.date) -> int | None:
        return None if self.effectief is None else (self.effectief - vandaag).days


_ONBEKEND = object()


def termijn(
    basis: dt.date | None, verlengd: Iterable[dt.date] = (), verlengingen=()
) -> Verslagtermijn:
    """THE rule: the deadline in force is the latest of the milestone date ``basis`` and the
    extension dates ``verlengd`` that apply (None when there is neither)."""
    datums = [d for d in (basis, *verlengd) if d is not None]
    return Verslagtermijn(
        oorspronkelijk=basis,
        effectief=max(datums) if datums else None,
        verlengingen=tuple(verlengingen),
    )


def verslagtermijnen(
    cyclus: Wetscyclus, *, regietafel_ids=None, basis=_ONBEKEND
) -> dict[int, Verslagtermijn]:
    """regietafel id → its verslag deadline in ``cyclus``; up to three queries for all twelve.
    ``regietafel_ids`` (the regietafels wanted) and ``basis`` (the date of the cycle's verslag
    milestone, None without one) save a query each when already read."""
    if basis is _ONBEKEND:
        mijlpaal = Mijlpaal.objects.filter(cyclus=cyclus, soort=Mijlpaal.Soort.VERSLAG).first()
        basis = mijlpaal.datum if mijlpaal else None
    verlengingen = list(
        Termijnverlenging.objects.filter(cyclus=cyclus).select_related("besloten_door")
    )
    if regietafel_ids is None:
        regietafel_ids = Regietafel.objects.values_list("pk", flat=True)
    uitkomst = {}
    for regietafel_id in regietafel_ids:
        eigen = [v for v in verlengingen if v.regietafel_id in (None, regietafel_id)]
        uitkomst[regietafel_id] = termijn(basis, (v.nieuwe_datum for v in eigen), eigen)
    return uitkomst


def verslagtermijn_datums(
    cyclus: Wetscyclus, regietafel_ids, *, basis: dt.date | None
) -> dict[int, Verslagtermijn]:
    """``verslagtermijnen`` for pages that show the dates only: one query for the extensions'
    dates (not their deciders); ``verlengingen`` stays empty. ``basis``: the date of the
    cycle's verslag milestone (None without one)."""
    verlengingen = list(
        Termijnverlenging.objects.filter(cyclus=cyclus)
        .order_by()
        .values_list("regietafel_id", "nieuwe_datum")
    )
    return {
        regietafel_id: termijn(basis, (d for r, d in verlengingen if r in (None, regietafel_id)))
        for regietafel_id in regietafel_ids
    }


def verslag_mijlpaal_datum():
    """An annotation for a queryset with a ``cyclus`` field: the date of that cycle's verslag
    milestone (None without one), to pass to ``verslagtermijn(..., basis=...)``."""
    # One verslag milestone per cycle (unique): no ordering needed.
    mijlpalen = Mijlpaal.objects.filter(cyclus=OuterRef("cyclus"), soort=Mijlpaal.Soort.VERSLAG)
    return Subquery(mijlpalen.order_by().values("datum")[:1])


def termijn_uit_datums(basis: dt.date | None, laatste_verlenging: dt.date | None) -> Verslagtermijn:
    """The deadline from the milestone date and the latest extension date, both read already
    (the verslag page's header). For pages that show the dates only: ``verlengingen`` stays
    empty."""
    return termijn(basis, [laatste_verlenging])


def verslagtermijn(
    cyclus: Wetscyclus, regietafel: Regietafel, *, basis=_ONBEKEND
) -> Verslagtermijn:
    """``basis``: the date of the cycle's verslag milestone if already read (saves a query)."""
    if basis is _ONBEKEND:
        mijlpaal = Mijlpaal.objects.filter(cyclus=cyclus, soort=Mijlpaal.Soort.VERSLAG).first()
        basis = mijlpaal.datum if mijlpaal else None
    eigen = tuple(
        Termijnverlenging.objects.filter(cyclus=cyclus)
        .voor_regietafel(regietafel)
        .select_related("besloten_door")
    )
    return termijn(basis, (v.nieuwe_datum for v in eigen), eigen)


@transaction.atomic
def termijn_verlengen(
    *,
    cyclus: Wetscyclus,
    nieuwe_datum: dt.date,
    reden: str,
    door,
    regietafel: Regietafel | None = None,
    referentie: str = "",
) -> Termijnverlenging:
    """Grant an extension of the verslag deadline for one PRT, or for all when ``regietafel`` is
    None. The original date stays; the effective deadline is the latest granted date."""
    if not reden or not reden.strip():
        raise ValueError("Een termijnverlenging heeft een reden nodig.")
    verlenging = Termijnverlenging.objects.create(
        cyclus=cyclus,
        regietafel=regietafel,
        nieuwe_datum=nieuwe_datum,
        reden=reden.strip(),
        referentie=referentie,
        besloten_door=door,
    )
    # Everyone affected is told at once (notice + mail after commit), with the original date;
    # other parts of the application may react to the signal.
    termijn_verlengd.send(sender=Termijnverlenging, verlenging=verlenging)
    notificaties.verlenging_toegekend(
        verlenging=verlenging, oorspronkelijk=_oorspronkelijke_termijn(cyclus, regietafel)
    )
    return verlenging


def _oorspronkelijke_termijn(cyclus, regietafel) -> dt.date | None:
    if regietafel is not None:
        return verslagtermijn(cyclus, regietafel).oorspronkelijk
    mijlpaal = Mijlpaal.objects.filter(cyclus=cyclus, soort=Mijlpaal.Soort.VERSLAG).first()
    return mijlpaal.datum if mijlpaal else None
