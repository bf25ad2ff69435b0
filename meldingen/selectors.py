"""Reads: a user's own notices (``Melding.objects.zichtbaar_voor``)."""

from __future__ import annotations

from .models import Melding


def meldingen_voor(gebruiker):
    return Melding.objects.zichtbaar_voor(gebruiker).only(
        "pk", "soort", "titel", "tekst", "link", "aangemaakt_op", "gelezen_op"
    )


def ongelezen_aantal(gebruiker) -> int:
    """The unread count in the header of every page. Its query result is kept by the data
    cache (cachalot) until the notice table is written, and a transaction's own notices never
    reach it unless the transaction commits (a hand-kept counter once served the count of a
    rolled-back notice, and the old count after "alles gelezen", for up to a minute)."""
    return Melding.objects.zichtbaar_voor(gebruiker).ongelezen().count()
