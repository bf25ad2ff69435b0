"""What `make run` does before it serves, in one process (each separate command paid the start
of Django again): migrate, import the gemeenten (a file the last import already read is
skipped), load the demo, send today's reminders and the notices not yet mailed."""

import time
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Voor `make run`: migreren, de gemeenten importeren, de demo laden en de herinneringen "
        "en meldingen van vandaag versturen, in één proces. Een tweede keer verandert niets."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--gemeenten", default="", help="CSV met de gemeentelijke indeling en inwonertallen"
        )

    def handle(self, *args, gemeenten="", **options):
        begin = time.monotonic()
        call_command("migrate", interactive=False, stdout=self.stdout, stderr=self.stderr)
        if gemeenten and Path(gemeenten).is_file():
            call_command("import_gemeenten", gemeenten, stdout=self.stdout, stderr=self.stderr)
        else:
            self.stdout.write(
                f"\nLET OP: {gemeenten or 'het gemeentebestand'} niet gevonden. Zet de map "
                "shared/ naast deze map (of geef SHARED_DATA=/pad/naar/data mee); de site start "
                "zonder gemeenten en demodata.\n"
            )
        call_command("demo_laden", stdout=self.stdout, stderr=self.stderr)
        self.stdout.write("Herinneringen van vandaag (e-mail in var/mail/):")
        call_command("herinneringen_versturen", stdout=self.stdout, stderr=self.stderr)
        call_command("meldingen_versturen", stdout=self.stdout, stderr=self.stderr)
        self.stdout.write(f"Klaar om te serveren na {time.monotonic() - begin:.1f} s.")
