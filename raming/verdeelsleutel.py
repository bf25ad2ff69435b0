"""The verdeelsleutel: from population and SES-WOA to an indicative number per gemeente.

A pure function, no database: the raming, the scenarios and the benchmarks all call
:func:`bereken_verdeling`. Arithmetic is exact (``fractions.Fraction``), so the result does not
depend on the order of the input or on floating point.

    weight(g) = inwoners(g) × (1 + ses_woa(g))
    exact(g)  = R × weight(g) / Σ weight
    number(g) = exact(g) rounded (per gemeente, half up; or largest remainder)
    opgave(p) = Σ number(g) for g in p
    amv(g)    = number(g) × amv_total / R, rounded half up
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction

METHODE_PER_GEMEENTE = "per_gemeente"
METHODE_GROOTSTE_OVERSCHOT = "grootste_overschot"
METHODEN = (METHODE_PER_GEMEENTE, METHODE_GROOTSTE_OVERSCHOT)


class VerdeelsleutelFout(ValueError):
    """Input the verdeelsleutel cannot compute with; the message is Dutch and names the cause."""


@dataclass(frozen=True)
class GemeenteInvoer:
    code: str
    provincie: str
    inwoners: int
    ses_woa: Decimal | str | int | None = None  # None: computed without SES (counts as 0)


@dataclass(frozen=True)
class GemeenteUitkomst:
    code: str
    provincie: str
    inwoners: int
    ses_woa: Fraction
    gewicht: Fraction
    exact: Fraction
    aantal: int
    amv: int

    @property
    def exact_decimal(self) -> Decimal:
        return Decimal(self.exact.numerator) / Decimal(self.exact.denominator)


@dataclass(frozen=True)
class Verdeling:
    landelijk_aantal: int
    amv_totaal: int
    methode: str
    totaal_gewicht: Fraction
    gemeenten: tuple[GemeenteUitkomst, ...]
    provincies: dict[str, int] = field(default_factory=dict)
    provincies_amv: dict[str, int] = field(default_factory=dict)

    @property
    def som(self) -> int:
        return sum(g.aantal for g in self.gemeenten)

    def per_code(self) -> dict[str, GemeenteUitkomst]:
        return {g.code: g for g in self.gemeenten}


def _half_up(value: Fraction) -> int:
    return math.floor(value + Fraction(1, 2))


def _fraction(value: Decimal | str | int | None) -> Fraction:
    if value is None:
        return Fraction(0)
    if isinstance(value, float):
        raise VerdeelsleutelFout(
            "Een SES-WOA-score moet exact zijn (Decimal of tekst), geen float."
        )
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, str):
        try:
            value = Decimal(value)
        except InvalidOperation:
            return Fraction(value)
    if not value.is_finite():
        raise VerdeelsleutelFout("Een SES-WOA-score moet een eindig getal zijn.")
    return Fraction(value)


def bereken_verdeling(
    gemeenten: Iterable[GemeenteInvoer],
    *,
    landelijk_aantal: int,
    amv_totaal: int = 0,
    methode: str = METHODE_GROOTSTE_OVERSCHOT,
) -> Verdeling:
    """Distribute ``landelijk_aantal`` places over ``gemeenten``.

    Deterministic whatever the input order: the result is sorted by gemeente code and ties in
    the largest-remainder method go to the lowest code.
    """
    if methode not in METHODEN:
        raise VerdeelsleutelFout(f"Onbekende afrondingsmethode {methode!r}.")
    if landelijk_aantal < 0:
        raise VerdeelsleutelFout("Het landelijke aantal mag niet negatief zijn.")
    if amv_totaal < 0:
        raise VerdeelsleutelFout("Het aantal amv-plekken mag niet negatief zijn.")
    if amv_totaal > landelijk_aantal:
        raise VerdeelsleutelFout("Het aantal amv-plekken is groter dan het landelijke aantal.")

    invoer = sorted(gemeenten, key=lambda g: g.code)
    if not invoer:
        raise VerdeelsleutelFout("Er zijn geen gemeenten om over te verdelen.")
    codes = [g.code for g in invoer]
    if len(set(codes)) != len(codes):
        raise VerdeelsleutelFout("Een gemeentecode komt meer dan eens voor.")

    # Integer arithmetic on a common denominator: exact like Fractions, but fast enough for
    # thousands of gemeenten (docs/performance.md). SES scores are decimals, so the common
    # denominator is a power of ten.
    scores = [_fraction(g.ses_woa) for g in invoer]
    noemer = 1
    for ses in scores:
        if noemer % ses.denominator:
            noemer = math.lcm(noemer, ses.denominator)
    gewichten_int: list[int] = []
    for g, ses in zip(invoer, scores, strict=True):
        if g.inwoners < 0:
            raise VerdeelsleutelFout(f"{g.code}: het inwonertal mag niet negatief zijn.")
        if ses <= -1:
            raise VerdeelsleutelFout(f"{g.code}: een SES-WOA-score van −1 of lager kan niet.")
        gewichten_int.append(g.inwoners * (noemer + ses.numerator * (noemer // ses.denominator)))

    totaal_int = sum(gewichten_int)
    totaal = Fraction(totaal_int, noemer)
    if totaal_int == 0 and landelijk_aantal != 0:
        raise VerdeelsleutelFout("Het totale gewicht is 0: er valt niets te verdelen.")
    tellers = [landelijk_aantal * w for w in gewichten_int]  # exact(g) = teller / totaal_int
    if totaal_int == 0:
        exacts = [Fraction(0)] * len(invoer)
        aantallen = [0] * len(invoer)
    else:
        exacts = [Fraction(t, totaal_int) for t in tellers]
        if methode == METHODE_PER_GEMEENTE:
            aantallen = [(2 * t + totaal_int) // (2 * totaal_int) for t in tellers]
        else:
            aantallen = [t // totaal_int for t in tellers]
            rest = landelijk_aantal - sum(aantallen)
            volgorde = sorted(
                range(len(tellers)),
                key=lambda i: (-(tellers[i] - aantallen[i] * totaal_int), invoer[i].code),
            )
            for i in volgorde[:rest]:
                aantallen[i] += 1
    gewichten = [
        (g, ses, Fraction(w, noemer))
        for g, ses, w in zip(invoer, scores, gewichten_int, strict=True)
    ]

    uitkomsten = []
    provincies: dict[str, int] = {}
    provincies_amv: dict[str, int] = {}
    for (g, ses, w), e, n in zip(gewichten, exacts, aantallen, strict=True):
        amv = (
            (2 * n * amv_totaal + landelijk_aantal) // (2 * landelijk_aantal)
            if landelijk_aantal
            else 0
        )
        uitkomsten.append(
            GemeenteUitkomst(
                code=g.code,
                provincie=g.provincie,
                inwoners=g.inwoners,
                ses_woa=ses,
                gewicht=w,
                exact=e,
                aantal=n,
                amv=amv,
            )
        )
        provincies[g.provincie] = provincies.get(g.provincie, 0) + n
        provincies_amv[g.provincie] = provincies_amv.get(g.provincie, 0) + amv

    return Verdeling(
        landelijk_aantal=landelijk_aantal,
        amv_totaal=amv_totaal,
        methode=methode,
        totaal_gewicht=totaal,
        gemeenten=tuple(uitkomsten),
        provincies=dict(sorted(provincies.items())),
        provincies_amv=dict(sorted(provincies_amv.items())),
    )
