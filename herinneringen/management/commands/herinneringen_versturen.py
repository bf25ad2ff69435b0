"""Run the reminder sweep by hand, synchronously (also what `make run` uses)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from herinneringen import services


class Command(BaseCommand):
    help = "Plant en verstuurt de herinneringen van een dag (standaard vandaag)."

    def add_arguments(self, parser):
        parser.add_argument("--datum", help="Datum JJJJ-MM-DD (standaard: vandaag).")
        parser.add_argument(
            "--droog",
            action="store_true",
            help="Toon wie wat zou krijgen; leg niets vast en verstuur niets.",
        )

    def handle(self, *args, datum=None, droog=False, **options):
        try:
            dag = dt.date.fromisoformat(datum) if datum else None
        except ValueError as exc:
            raise CommandError("Geef de datum als JJJJ-MM-DD.") from exc
        if droog:
            overzicht = services.droog_overzicht(datum=dag)
            for adres, aantal in overzicht.items():
                self.stdout.write(f"zou versturen: {adres}: {aantal} {_items(aantal)}")
            self.stdout.write(f"Droog: {len(overzicht)} e-mails zouden worden verstuurd.")
            return
        uitslag = services.sweep_synchroon(datum=dag, uitvoer=self.stdout.write)
        self.stdout.write(
            f"{len(uitslag.verzonden)} e-mails verstuurd, {len(uitslag.mislukt)} mislukt."
        )
        if uitslag.mislukt:
            raise CommandError(f"{len(uitslag.mislukt)} e-mails konden niet worden verstuurd.")


def _items(aantal: int) -> str:
    return "item" if aantal == 1 else "items"
