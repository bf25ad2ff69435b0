"""Reads: a user's own notices (``Melding.objects.zichtbaar_voor``)."""

from __future__ import annotations

from .models import Melding


def meldingen_voor(gebruiker):
    return Melding.objects.zichtbaar_voor(gebruiker).only(
        "pk", "soort", "titel", "tekst", "link", "aangemaakt_op", "gelezen_op"
    )


def ongelezen_aantal(gebruiker) -> int:
    return Melding.objects.zichtbaar_voor(gebruiker).ongelezen().count()
