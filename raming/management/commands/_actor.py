"""Who imports from the command line: a named user (``--door``) or the system actor.

An import records who made and applied it (``CbsImport.aangemaakt_door``/``afgehandeld_door``
and the history of every changed row). From a shell that is the user named with ``--door``,
checked against the role table like a page (``accounts.rechten``: only the ministry imports
reference data); without it the command acts as the system actor ``accounts.rechten.SYSTEEM``
(whoever operates the server; it may only import reference data and is recorded as nobody),
which is what ``make run`` does when it loads the reference data. The import services check
the actor themselves with ``vereist``."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.rechten import SYSTEEM, Handeling, Systeem, weigering


class ImportCommando(BaseCommand):
    def actor_argument(self, parser) -> None:
        parser.add_argument(
            "--door",
            default=None,
            metavar="GEBRUIKERSNAAM",
            help="de medewerker van het ministerie die importeert (standaard: het systeem)",
        )

    def actor(self, gebruikersnaam: str | None):
        if not gebruikersnaam:
            return SYSTEEM
        gebruiker = get_user_model().objects.filter(username=gebruikersnaam).first()
        if gebruiker is None:
            raise CommandError(f"Gebruiker {gebruikersnaam!r} bestaat niet.")
        reden = weigering(gebruiker, Handeling.REFERENTIE_IMPORTEREN)
        if reden is not None:
            raise CommandError(f"Geweigerd voor {gebruikersnaam!r}: {reden}")
        return gebruiker

    @staticmethod
    def actor_naam(gebruiker) -> str:
        if gebruiker is None or isinstance(gebruiker, Systeem):
            return "het systeem (beheercommando)"
        return gebruiker.username
