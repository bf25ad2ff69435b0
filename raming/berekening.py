"""Gathers the verdeelsleutel's input from the database and derives provincial figures.

Shared by the raming and the scenarios: both compute with
:func:`raming.verdeelsleutel.bereken_verdeling` on input from :func:`invoer_uit_database`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .models import Gemeente, Inwonertal, SesWoaScore
from .verdeelsleutel import GemeenteInvoer, Verdeling


@dataclass(frozen=True)
class Invoer:
    gemeenten: list[GemeenteInvoer]
    zonder_inwoners: list[str]  # names of gemeenten without a population on the date
    zonder_ses: list[str]  # names of gemeenten without an SES-WOA score for the year
    zonder_ses_codes: list[str]  # … and their codes

    @property
    def compleet(self) -> bool:
        return not self.zonder_inwoners and not self.zonder_ses


def indeling_van(cyclus) -> dt.date:
    """The day whose gemeentelijke indeling a cycle's raming distributes over: 1 January of
    the cycle year (mergers take effect on 1 January; the raming is due before 1 February)."""
    return dt.date(cyclus.jaar, 1, 1)


def _gemeenten(indeling_op: dt.date | None):
    """The gemeenten of the indeling on ``indeling_op`` (default: the current indeling)."""
    if indeling_op is None:
        return Gemeente.objects.bestaand()
    return Gemeente.objects.bestaand_op(indeling_op)


def invoer_uit_database(
    *, peildatum: dt.date, ses_jaar: int | None, indeling_op: dt.date | None = None
) -> Invoer:
    """Population on ``peildatum`` and SES-WOA of ``ses_jaar`` for every gemeente (3 queries).

    ``ses_jaar=None`` computes on population only (SES counts as 0). Gemeenten lacking a
    population are left out of the input and named in ``zonder_inwoners``.
    """
    inwoners = dict(
        Inwonertal.objects.filter(peildatum=peildatum).values_list("gemeente_id", "aantal")
    )
    scores = (
        dict(SesWoaScore.objects.filter(jaar=ses_jaar).values_list("gemeente_id", "score"))
        if ses_jaar is not None
        else {}
    )
    gemeenten, zonder_inwoners, zonder_ses, zonder_ses_codes = [], [], [], []
    for pk, code, naam, provincie_code in (
        _gemeenten(indeling_op)
        .values_list("pk", "code", "naam", "provincie__code")
        .order_by("code")
    ):
        if pk not in inwoners:
            zonder_inwoners.append(naam)
            continue
        if ses_jaar is not None and pk not in scores:
            zonder_ses.append(naam)
            zonder_ses_codes.append(code)
        gemeenten.append(
            GemeenteInvoer(
                code=code, provincie=provincie_code, inwoners=inwoners[pk], ses_woa=scores.get(pk)
            )
        )
    return Invoer(
        gemeenten=gemeenten,
        zonder_inwoners=zonder_inwoners,
        zonder_ses=zonder_ses,
        zonder_ses_codes=zonder_ses_codes,
    )


def ontbrekende_gemeenten(
    *, peildatum: dt.date | None, ses_jaar: int | None, indeling_op: dt.date | None = None
) -> list[dict]:
    """Every gemeente that lacks an input of the raming: [{"code", "naam", "ontbreekt"}]
    (3 queries). Without a reference date or SES year there is nothing to check yet."""
    if peildatum is None:
        return []
    inwoners = set(
        Inwonertal.objects.filter(peildatum=peildatum).values_list("gemeente_id", flat=True)
    )
    scores = (
        set(SesWoaScore.objects.filter(jaar=ses_jaar).values_list("gemeente_id", flat=True))
        if ses_jaar is not None
        else None
    )
    ontbrekend = []
    for pk, code, naam in (
        _gemeenten(indeling_op).values_list("pk", "code", "naam").order_by("naam")
    ):
        wat = []
        if pk not in inwoners:
            wat.append(f"inwonertal op {peildatum:%d-%m-%Y}")
        if scores is not None and pk not in scores:
            wat.append(f"SES-WOA-score {ses_jaar}")
        if wat:
            ontbrekend.append({"code": code, "naam": naam, "ontbreekt": " en ".join(wat)})
    return ontbrekend


def nog_te_realiseren(opgave: int | None, beschikbaar: int | None) -> int | None:
    """max(0, opgave − meerjarig beschikbaar); None ("onbekend") when an input is unknown."""
    if opgave is None or beschikbaar is None:
        return None
    return max(0, opgave - beschikbaar)


@dataclass(frozen=True)
class ProvincieUitkomst:
    code: str
    opgave: int
    amv: int
    beschikbaar: int | None  # None: not recorded for this province
    nog_te_realiseren: int | None


def provincie_uitkomsten(
    verdeling: Verdeling, beschikbaar: dict[str, int] | None = None
) -> dict[str, ProvincieUitkomst]:
    """Per province code: opgave, amv, meerjarig beschikbaar and nog te realiseren. A province
    without a recorded meerjarig beschikbaar has both unknown (None), not 0."""
    beschikbaar = beschikbaar or {}
    return {
        code: ProvincieUitkomst(
            code=code,
            opgave=opgave,
            amv=verdeling.provincies_amv.get(code, 0),
            beschikbaar=beschikbaar.get(code),
            nog_te_realiseren=nog_te_realiseren(opgave, beschikbaar.get(code)),
        )
        for code, opgave in verdeling.provincies.items()
    }
