from django.core.management.base import BaseCommand

from meldingen import services


class Command(BaseCommand):
    help = "Verstuurt de e-mail bij meldingen die nog niet verzonden is (zonder worker)."

    def handle(self, *args, **options):
        verzonden, mislukt = services.alles_versturen()
        self.stdout.write(f"Meldingen per e-mail: {verzonden} verzonden, {mislukt} mislukt.")
