"""The verdeelsleutel: from population and SES-WOA to an indicative number per gemeente.

A pure function, no database: the raming, the scenarios and the benchmarks all call
:func:`bereken_verdeling`. Arithmetic is exact (``fractions.Fraction``), so the result does not
depend on the order of the input or on floating point.

    weight(g) = inwoners(g) × (1 + ses_woa(g))
    exact(g)  = R × weight(g) / Σ weight
    number(g) = exact(g) rounded (per gemeente, half up; or largest remainder)
    opgave(p) = Σ number(g) for g in p
    amv(g)    = number(g) × amv_total / R, rounded with the same method: half up per
                gemeente, or by largest remainder so that Σ amv(g) = amv_total exactly

Malformed input (a decimal comma, text, a float, a negative population, a missing score next
to gemeenten with a score) raises :class:`VerdeelsleutelFout` with a Dutch message naming the
gemeente. A missing score is never silently 0: either every score is absent (a computation on
population only, ``Verdeling.alleen_inwoners``), or the caller names the gemeenten that may
lack one (``ses_mag_ontbreken``, the recorded exception) and they are listed in
``Verdeling.zonder_ses``.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
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
    zonder_ses: tuple[str, ...] = ()  # codes computed without a score (counted as 0)
    alleen_inwoners: bool = False  # no score at all: a distribution on population only

    @property
    def som_amv(self) -> int:
        return sum(g.amv for g in self.gemeenten)

    @property
    def som(self) -> int:
        return sum(g.aantal for g in self.gemeenten)

    def per_code(self) -> dict[str, GemeenteUitkomst]:
        return {g.code: g for g in self.gemeenten}


def _half_up(value: Fraction) -> int:
    return math.floor(value + Fraction(1, 2))


def _fraction(value, code: str) -> Fraction:
    if value is None:
        return Fraction(0)
    if isinstance(value, bool) or isinstance(value, float):
        raise VerdeelsleutelFout(
            f"{code}: een SES-WOA-score moet exact zijn (Decimal of tekst), geen "
            f"{'waar/onwaar' if isinstance(value, bool) else 'float'}."
        )
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, str):
        tekst = value.strip()
        if "," in tekst:
            raise VerdeelsleutelFout(
                f"{code}: SES-WOA-score {value!r} heeft een decimale komma; schrijf "
                f"{tekst.replace(',', '.')!r} (met een punt)."
            )
        try:
            value = Decimal(tekst)
        except InvalidOperation:
            raise VerdeelsleutelFout(f"{code}: SES-WOA-score {value!r} is geen getal.") from None
    if not isinstance(value, Decimal):
        raise VerdeelsleutelFout(f"{code}: SES-WOA-score {value!r} is geen getal.")
    if not value.is_finite():
        raise VerdeelsleutelFout(f"{code}: een SES-WOA-score moet een eindig getal zijn.")
    return Fraction(value)


def _geheel(waarde, wat: str) -> int:
    if isinstance(waarde, bool) or not isinstance(waarde, int):
        raise VerdeelsleutelFout(f"{wat} moet een geheel getal zijn, niet {waarde!r}.")
    return waarde


def _grootste_overschot(tellers: list[int], noemer: int, totaal: int, codes: list[str]):
    """Integer parts of teller/noemer plus one for the largest remainders until the parts sum
    to ``totaal`` (ties: lowest code first)."""
    delen = [t // noemer for t in tellers]
    rest = totaal - sum(delen)
    volgorde = sorted(
        range(len(tellers)), key=lambda i: (-(tellers[i] - delen[i] * noemer), codes[i])
    )
    for i in volgorde[:rest]:
        delen[i] += 1
    return delen


def bereken_verdeling(
    gemeenten: Iterable[GemeenteInvoer],
    *,
    landelijk_aantal: int,
    amv_totaal: int = 0,
    methode: str = METHODE_GROOTSTE_OVERSCHOT,
    ses_mag_ontbreken: bool | Collection[str] = False,
) -> Verdeling:
    """Distribute ``landelijk_aantal`` places over ``gemeenten``.

    Deterministic whatever the input order: the result is sorted by gemeente code and ties in
    the largest-remainder method go to the lowest code. ``ses_mag_ontbreken``: the codes (or
    True: any) that may lack a score while others have one; they count as 0 and are listed in
    the result.
    """
    landelijk_aantal = _geheel(landelijk_aantal, "Het landelijke aantal")
    amv_totaal = _geheel(amv_totaal, "Het aantal amv-plekken")
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
        dubbel = sorted({c for c in codes if codes.count(c) > 1})
        raise VerdeelsleutelFout(
            f"Gemeentecode {', '.join(dubbel)} komt meer dan eens voor in de invoer."
        )
    for g in invoer:
        if not g.code or not str(g.code).strip():
            raise VerdeelsleutelFout("Een gemeente in de invoer heeft geen code.")
        if not g.provincie:
            raise VerdeelsleutelFout(f"{g.code}: de provincie ontbreekt.")
        _geheel(g.inwoners, f"{g.code}: het inwonertal")
    zonder = [g.code for g in invoer if g.ses_woa is None]
    alleen_inwoners = len(zonder) == len(invoer)
    if zonder and not alleen_inwoners and ses_mag_ontbreken is not True:
        toegestaan = set(ses_mag_ontbreken or ())
        niet_toegestaan = [c for c in zonder if c not in toegestaan]
        if niet_toegestaan:
            voorbeeld = ", ".join(niet_toegestaan[:10])
            meer = f" en {len(niet_toegestaan) - 10} andere" if len(niet_toegestaan) > 10 else ""
            raise VerdeelsleutelFout(
                f"{len(niet_toegestaan)} gemeente(n) zonder SES-WOA-score: {voorbeeld}{meer}. "
                "Importeer de scores, of leg een uitzondering vast voor deze gemeenten (hun "
                "score telt dan als 0)."
            )

    # Integer arithmetic on a common denominator: exact like Fractions, but fast enough for
    # thousands of gemeenten (docs/performance.md). SES scores are decimals, so the common
    # denominator is a power of ten.
    scores = [_fraction(g.ses_woa, g.code) for g in invoer]
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
            aantallen = _grootste_overschot(tellers, totaal_int, landelijk_aantal, codes)
    if not landelijk_aantal:
        amvs = [0] * len(invoer)
    elif methode == METHODE_PER_GEMEENTE:
        amvs = [
            (2 * n * amv_totaal + landelijk_aantal) // (2 * landelijk_aantal) for n in aantallen
        ]
    else:
        # Σ number(g) = R here, so Σ number(g) × amv / R = amv exactly: the largest remainder
        # hands out the rest and the amv column sums to the national amv.
        amvs = _grootste_overschot(
            [n * amv_totaal for n in aantallen], landelijk_aantal, amv_totaal, codes
        )
    gewichten = [
        (g, ses, Fraction(w, noemer))
        for g, ses, w in zip(invoer, scores, gewichten_int, strict=True)
    ]

    uitkomsten = []
    provincies: dict[str, int] = {}
    provincies_amv: dict[str, int] = {}
    for (g, ses, w), e, n, amv in zip(gewichten, exacts, aantallen, amvs, strict=True):
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
        zonder_ses=() if alleen_inwoners else tuple(zonder),
        alleen_inwoners=alleen_inwoners,
    )
