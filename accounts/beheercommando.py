"""Who a management command acts as: ``--gebruiker NAAM`` (checked like a page), or the system
actor (``accounts.rechten.SYSTEEM``) when no user is named. See ``accounts.rechten.Systeem``."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from .rechten import SYSTEEM, Handeling, weigering


def gebruiker_argument(parser) -> None:
    parser.add_argument(
        "--gebruiker",
        default="",
        help=(
            "gebruikersnaam om namens te handelen (zijn rol wordt gecontroleerd); zonder "
            "handelt het commando als het systeem (alleen toegestaan voor wat een beheerder "
            "van de server mag: zie README, 'Who may do what')"
        ),
    )


def actor(naam: str, handeling: Handeling):
    """The user named (or the system actor), refused with a ``CommandError`` when it may not
    take ``handeling``, before anything is read or written."""
    if naam:
        gebruiker = get_user_model().objects.filter(username=naam).first()
        if gebruiker is None:
            raise CommandError(f"Onbekende gebruiker: {naam}.")
    else:
        gebruiker = SYSTEEM
    reden = weigering(gebruiker, handeling)
    if reden is not None:
        raise CommandError(f"Geweigerd voor {gebruiker}: {reden}")
    return gebruiker
