"""A hand-written iCalendar (RFC 5545) feed of a user's deadlines: one all-day VEVENT each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings

from .termijnen import Termijn

MAX = dt.date.max


def _escape(tekst: str) -> str:
    return (
        tekst.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _vouwen(regel: str) -> str:
    """Fold content lines at 75 octets (continuation lines start with a space)."""
    data = regel.encode("utf-8")
    if len(data) <= 75:
        return regel
    delen, huidig, limiet = [], b"", 75
    for teken in regel:
        b = teken.encode("utf-8")
        if len(huidig) + len(b) > limiet:
            delen.append(huidig.decode("utf-8"))
            huidig, limiet = b"", 74
        huidig += b
    delen.append(huidig.decode("utf-8"))
    return "\r\n ".join(delen)


def agenda(termijnen: Iterable[Termijn], *, naam: str, nu: dt.datetime) -> str:
    site = getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/")
    domein = site.split("//")[-1].split("/")[0].split(":")[0] or "regietafel"
    stempel = nu.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    regels = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Regietafel//Termijnen//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(naam)}",
        "X-WR-TIMEZONE:Europe/Amsterdam",
    ]
    for t in termijnen:
        if t.datum is None:
            continue
        url = site + t.pad if t.pad.startswith("/") else t.pad
        regels += [
            "BEGIN:VEVENT",
            f"UID:{_escape(t.sleutel)}-{t.datum:%Y%m%d}@{domein}",
            f"DTSTAMP:{stempel}",
            f"DTSTART;VALUE=DATE:{t.datum:%Y%m%d}",
            # an all-day event without DTEND lasts one day (RFC 5545 3.6.1); 9999-12-31 has
            # no next day
            *(
                [f"DTEND;VALUE=DATE:{t.datum + dt.timedelta(days=1):%Y%m%d}"]
                if t.datum < dt.date.max
                else []
            ),
            f"SUMMARY:{_escape(t.titel)}",
            f"DESCRIPTION:{_escape(t.soort_label + '. ' + url)}",
            f"URL:{url}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    regels.append("END:VCALENDAR")
    return "\r\n".join(_vouwen(r) for r in regels) + "\r\n"
