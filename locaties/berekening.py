"""Meerjarig beschikbaar computed from the location register: the rule, over plain values.

The ministry's letter of 5 February 2026 (footnote 1) defines *meerjarig beschikbaar* as the
reception places that, under a concluded bestuursovereenkomst, are available on 31 December
2028, including expected openings in the realisation or planning phase, with an uncertainty
margin for the planning phase (peildatum 1-2-2026, source COA). Here that rule is one pure
function, :func:`beoordeel`, applied per location; :func:`bereken` sums per gemeente and
province. The stored computation (``locaties.services_berekening``) only loads the register
into :class:`LocatieFeit` values and writes what this module returns.

A location counts when, in this order of checks:

1. it is not closed (phase on the peildatum is not *gesloten*);
2. its bestuursovereenkomst was concluded on or before the peildatum;
3. it is available on the horizon date: ``beschikbaar_vanaf <= horizon <= beschikbaar_tot``
   (an open end counts; a location ending on 30-12-2028 does not count for 31-12-2028).

Every check that fails is named (not only the first), so a line explains itself.

Places: regular plus amv capacity. Locations in *realisatie* or *in gebruik* count fully;
*planvorming* and *besluitvorming* count with the margin: ``capacity × (100 − marge) / 100``,
**rounded down per location** (a place counts only when it is there entirely; a gemeente's
figure is the sum of its locations' whole numbers, so every line adds up on the page and a
province is exactly the sum of its gemeenten).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum

PLANVORMING = "planvorming"
BESLUITVORMING = "besluitvorming"
REALISATIE = "realisatie"
IN_GEBRUIK = "in_gebruik"
GESLOTEN = "gesloten"

#: Phases that count fully and those that count with the margin (the letter's "planning phase").
VOLLEDIG = frozenset({REALISATIE, IN_GEBRUIK})
MET_MARGE = frozenset({PLANVORMING, BESLUITVORMING})

MARGE_MAXIMUM = Decimal(100)


class Reden(StrEnum):
    """Why a location counts or does not (stored per line; the Dutch text in ``TEKST``)."""

    TELT_VOLLEDIG = "telt_volledig"
    TELT_MET_MARGE = "telt_met_marge"
    GESLOTEN = "gesloten"
    NOG_NIET_IN_REGISTER = "nog_niet_in_register"
    GEEN_OVEREENKOMST = "geen_overeenkomst"
    OVEREENKOMST_NA_PEILDATUM = "overeenkomst_na_peildatum"
    BEGINT_NA_HORIZON = "begint_na_horizon"
    BEGIN_ONBEKEND = "begin_onbekend"
    EINDIGT_VOOR_HORIZON = "eindigt_voor_horizon"


TEKST: dict[Reden, str] = {
    Reden.TELT_VOLLEDIG: "telt volledig (in realisatie of in gebruik)",
    Reden.TELT_MET_MARGE: "telt met de onzekerheidsmarge (planvorming of besluitvorming)",
    Reden.GESLOTEN: "gesloten op de peildatum",
    Reden.NOG_NIET_IN_REGISTER: "stond op de peildatum nog niet in het register",
    Reden.GEEN_OVEREENKOMST: "geen gesloten bestuursovereenkomst",
    Reden.OVEREENKOMST_NA_PEILDATUM: "bestuursovereenkomst pas na de peildatum gesloten",
    Reden.BEGINT_NA_HORIZON: "pas beschikbaar na de horizondatum",
    Reden.BEGIN_ONBEKEND: "geen datum 'beschikbaar vanaf' bekend",
    Reden.EINDIGT_VOOR_HORIZON: "niet meer beschikbaar op de horizondatum",
}


class BerekeningFout(ValueError):
    pass


@dataclass(frozen=True)
class LocatieFeit:
    """What the rule needs of one location (its state on the peildatum)."""

    id: int
    gemeente_id: int
    provincie_id: int
    fase: str | None  # phase on the peildatum; None: not in the register then
    capaciteit_regulier: int
    capaciteit_amv: int
    overeenkomst_gesloten_op: dt.date | None
    beschikbaar_vanaf: dt.date | None
    beschikbaar_tot: dt.date | None

    @property
    def capaciteit(self) -> int:
        return self.capaciteit_regulier + self.capaciteit_amv


@dataclass(frozen=True)
class Oordeel:
    locatie_id: int
    gemeente_id: int
    provincie_id: int
    capaciteit: int
    geteld: int
    redenen: tuple[Reden, ...]  # the first is the main reason

    @property
    def telt(self) -> bool:
        return self.redenen[0] in (Reden.TELT_VOLLEDIG, Reden.TELT_MET_MARGE)

    @property
    def reden(self) -> Reden:
        return self.redenen[0]

    @property
    def toelichting(self) -> str:
        return "; ".join(TEKST[r] for r in self.redenen)


@dataclass(frozen=True)
class Uitkomst:
    oordelen: tuple[Oordeel, ...]
    per_gemeente: dict[int, int] = field(default_factory=dict)
    per_provincie: dict[int, int] = field(default_factory=dict)

    @property
    def totaal(self) -> int:
        return sum(self.per_provincie.values())


def controleer_marge(marge: Decimal) -> Decimal:
    marge = Decimal(marge)
    if not marge.is_finite() or marge < 0 or marge > MARGE_MAXIMUM:
        raise BerekeningFout("De marge is een percentage van 0 tot en met 100.")
    return marge


def met_marge(capaciteit: int, marge: Decimal) -> int:
    """``capaciteit × (100 − marge) / 100``, rounded down (exact decimal arithmetic)."""
    waarde = Decimal(capaciteit) * (MARGE_MAXIMUM - Decimal(marge)) / MARGE_MAXIMUM
    return int(waarde.to_integral_value(rounding=ROUND_FLOOR))


def beoordeel(
    locatie: LocatieFeit, *, peildatum: dt.date, horizon: dt.date, marge: Decimal
) -> Oordeel:
    """Whether one location counts for meerjarig beschikbaar, with how many places and why."""
    redenen: list[Reden] = []
    if locatie.fase is None:
        redenen.append(Reden.NOG_NIET_IN_REGISTER)
    elif locatie.fase == GESLOTEN:
        redenen.append(Reden.GESLOTEN)
    gesloten_op = locatie.overeenkomst_gesloten_op
    if gesloten_op is None:
        redenen.append(Reden.GEEN_OVEREENKOMST)
    elif gesloten_op > peildatum:
        redenen.append(Reden.OVEREENKOMST_NA_PEILDATUM)
    if locatie.beschikbaar_vanaf is None:
        redenen.append(Reden.BEGIN_ONBEKEND)
    elif locatie.beschikbaar_vanaf > horizon:
        redenen.append(Reden.BEGINT_NA_HORIZON)
    if locatie.beschikbaar_tot is not None and locatie.beschikbaar_tot < horizon:
        redenen.append(Reden.EINDIGT_VOOR_HORIZON)
    if redenen:
        geteld = 0
    elif locatie.fase in MET_MARGE:
        redenen.append(Reden.TELT_MET_MARGE)
        geteld = met_marge(locatie.capaciteit, marge)
    elif locatie.fase in VOLLEDIG:
        redenen.append(Reden.TELT_VOLLEDIG)
        geteld = locatie.capaciteit
    else:
        raise BerekeningFout(f"Onbekende fase: {locatie.fase!r}.")
    return Oordeel(
        locatie_id=locatie.id,
        gemeente_id=locatie.gemeente_id,
        provincie_id=locatie.provincie_id,
        capaciteit=locatie.capaciteit,
        geteld=geteld,
        redenen=tuple(redenen),
    )


def bereken(
    locaties: Iterable[LocatieFeit],
    *,
    peildatum: dt.date,
    horizon: dt.date,
    marge: Decimal,
    gemeenten: Iterable[tuple[int, int]] = (),
) -> Uitkomst:
    """Judge every location and sum per gemeente and province.

    ``gemeenten``: (gemeente id, provincie id) pairs that get a figure even without locations
    (0), so a province covered by the computation has a figure for each of its gemeenten."""
    if horizon < peildatum:
        raise BerekeningFout("De horizondatum ligt niet vóór de peildatum.")
    marge = controleer_marge(marge)
    per_gemeente: dict[int, int] = {}
    per_provincie: dict[int, int] = {}
    for gemeente_id, provincie_id in gemeenten:
        per_gemeente.setdefault(gemeente_id, 0)
        per_provincie.setdefault(provincie_id, 0)
    oordelen = []
    for locatie in locaties:
        oordeel = beoordeel(locatie, peildatum=peildatum, horizon=horizon, marge=marge)
        oordelen.append(oordeel)
        per_gemeente[oordeel.gemeente_id] = per_gemeente.get(oordeel.gemeente_id, 0) + (
            oordeel.geteld
        )
        per_provincie[oordeel.provincie_id] = per_provincie.get(oordeel.provincie_id, 0) + (
            oordeel.geteld
        )
    return Uitkomst(
        oordelen=tuple(oordelen), per_gemeente=per_gemeente, per_provincie=per_provincie
    )


def fase_op(
    datum: dt.date,
    *,
    huidige_fase: str,
    wijzigingen: Iterable[tuple[dt.date, str, str]],
) -> str | None:
    """The phase of a location on ``datum`` from its phase changes ``(datum, van, naar)``.

    The last change on or before ``datum`` gives its ``naar``; with changes only after
    ``datum``, the ``van`` of the first one (empty: the location was registered after
    ``datum``, so None); without any change, the current phase."""
    wijzigingen = sorted(wijzigingen, key=lambda w: w[0])
    if not wijzigingen:
        return huidige_fase
    eerder = [w for w in wijzigingen if w[0] <= datum]
    if eerder:
        return eerder[-1][2]
    return wijzigingen[0][1] or None
