"""Reads: a user's own notices (``Melding.objects.zichtbaar_voor``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

from .models import Melding

# The header shows the unread count on every page: it is kept in the shared cache until a
# notice for the user is recorded or read (and at most a minute, should a write bypass this).
TELLER_SECONDEN = 60


def _teller_sleutel(gebruiker_id: int) -> str:
    return f"meldingen:ongelezen:{gebruiker_id}"


def meldingen_voor(gebruiker):
    return Melding.objects.zichtbaar_voor(gebruiker).only(
        "pk", "soort", "titel", "tekst", "link", "aangemaakt_op", "gelezen_op"
    )


def ongelezen_aantal(gebruiker) -> int:
    return Melding.objects.zichtbaar_voor(gebruiker).ongelezen().count()


def ongelezen_aantal_kort(gebruiker) -> int:
    """``ongelezen_aantal``, from the cache when it is there."""
    sleutel = _teller_sleutel(gebruiker.pk)
    aantal = cache.get(sleutel)
    if aantal is None:
        aantal = ongelezen_aantal(gebruiker)
        cache.set(sleutel, aantal, TELLER_SECONDEN)
    return aantal


def teller_vergeten(gebruiker_ids: Iterable[int]) -> None:
    """Drop the cached counts now and again after commit (a page rendered in between must not
    keep the old number)."""
    sleutels = [_teller_sleutel(pk) for pk in gebruiker_ids]
    if not sleutels:
        return
    cache.delete_many(sleutels)
    transaction.on_commit(lambda: cache.delete_many(sleutels))
