from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.demo import laad_alles


class Command(BaseCommand):
    help = (
        "Laadt de demogegevens (cycli, verslagen, uitruil) en demogebruikers. Nooit in productie."
    )

    def handle(self, *args, **options):
        if not settings.DEMO_MODE or settings.ENVIRONMENT == "production":
            raise CommandError(
                "Demogegevens worden alleen geladen met DEMO_MODE aan, buiten productie."
            )
        with transaction.atomic():
            laad_alles(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demogegevens staan klaar."))
