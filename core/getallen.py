"""Numbers and dates written as the templates write them (``{% load getallen %}``), for tables of
hundreds of rows whose texts are worked out once in Python instead of by a filter per cell."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import formats


def getal(waarde) -> str:
    """An integer with the thousand separator of the active language (1.234), as a template
    writes it under ``USE_THOUSAND_SEPARATOR``; other values as Django would write them."""
    if type(waarde) is int:
        if -1000 < waarde < 1000:
            return str(waarde)  # no separator to look up
        return f"{waarde:,}".replace(",", formats.get_format("THOUSAND_SEPARATOR"))
    return formats.localize(waarde)


def getallen() -> Callable[[object], str]:
    """``getal`` with the separator looked up once: for writing a whole table."""
    scheiding = formats.get_format("THOUSAND_SEPARATOR")

    def schrijf(waarde) -> str:
        if type(waarde) is int:
            return f"{waarde:,}".replace(",", scheiding)
        return formats.localize(waarde)

    return schrijf


def dmj(waarde) -> str:
    """A date as ``|date:"j-n-Y"`` (4-3-2026), numbers only; nothing for no date."""
    if waarde in (None, ""):
        return ""
    return f"{waarde.day}-{waarde.month}-{waarde.year}"


def datums_lang() -> Callable[[dt.date | None], str]:
    """A date as ``|date:"j F Y"|default:"–"`` (4 maart 2026), each date worked out once."""
    gezien: dict[dt.date, str] = {}

    def schrijf(datum) -> str:
        if datum is None:
            return "–"
        tekst = gezien.get(datum)
        if tekst is None:
            tekst = gezien[datum] = formats.date_format(datum, "j F Y") or "–"
        return tekst

    return schrijf
