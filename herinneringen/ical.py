"""The iCalendar (RFC 5545) feed of a user's deadlines, written by the ``icalendar`` library:
one all-day VEVENT per term (escaping, line folding and CRLF line ends are the library's)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from icalendar import Calendar, Event, vText

from .termijnen import Termijn


def agenda(termijnen: Iterable[Termijn], *, naam: str, nu: dt.datetime) -> str:
    site = getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/")
    domein = site.split("//")[-1].split("/")[0].split(":")[0] or "regietafel"
    kalender = Calendar()
    kalender.add("prodid", "-//Regietafel//Termijnen//NL")
    kalender.add("version", "2.0")
    kalender.add("calscale", "GREGORIAN")
    kalender.add("method", "PUBLISH")
    kalender.add("x-wr-calname", vText(naam))  # a text value: escaped like SUMMARY
    kalender.add("x-wr-timezone", "Europe/Amsterdam")
    stempel = nu.astimezone(dt.UTC)
    for t in termijnen:
        if t.datum is None:
            continue
        url = site + t.pad if t.pad.startswith("/") else t.pad
        gebeurtenis = Event()
        gebeurtenis.add("uid", f"{t.sleutel}-{t.datum:%Y%m%d}@{domein}")
        gebeurtenis.add("dtstamp", stempel)
        gebeurtenis.add("dtstart", t.datum)
        # an all-day event without DTEND lasts one day (RFC 5545 3.6.1); 9999-12-31 has no
        # next day
        if t.datum < dt.date.max:
            gebeurtenis.add("dtend", t.datum + dt.timedelta(days=1))
        gebeurtenis.add("summary", t.titel)
        gebeurtenis.add("description", f"{t.soort_label}. {url}")
        gebeurtenis.add("url", url)
        gebeurtenis.add("transp", "TRANSPARENT")
        kalender.add_component(gebeurtenis)
    return kalender.to_ical().decode("utf-8")
