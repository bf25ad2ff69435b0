"""Who imports from the command line: a named ministry user (``--door``) or the system.

An import records who made and applied it (``CbsImport.aangemaakt_door``/``afgehandeld_door``
and the history of every changed row). From a shell that is the ministry user named with
``--door``; without it the import is recorded as done by the system (no user), which is what
``make run`` does when it loads the reference data."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Rol


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
            return None
        gebruiker = get_user_model().objects.filter(username=gebruikersnaam).first()
        if gebruiker is None:
            raise CommandError(f"Gebruiker {gebruikersnaam!r} bestaat niet.")
        if gebruiker.rol != Rol.MINISTERIE or not gebruiker.is_active:
            raise CommandError(
                f"Gebruiker {gebruikersnaam!r} is geen actieve medewerker van het ministerie; "
                "alleen het ministerie importeert referentiegegevens."
            )
        return gebruiker

    @staticmethod
    def actor_naam(gebruiker) -> str:
        return gebruiker.username if gebruiker is not None else "het systeem (beheercommando)"
