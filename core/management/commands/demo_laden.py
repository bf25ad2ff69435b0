import argparse
import datetime as dt
from contextlib import nullcontext

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from core.demo import Klok, laad_alles


def _moment(waarde: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(waarde)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"geen geldig moment: {waarde!r} (JJJJ-MM-DD of JJJJ-MM-DDTHH:MM)"
        ) from exc
    if len(waarde) <= 10:
        moment = moment.replace(hour=12)
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


class Command(BaseCommand):
    help = (
        "Laadt de demogegevens (cycli, verslagen, uitruil) en demogebruikers. Nooit in productie."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--op",
            type=_moment,
            default=None,
            help=(
                "laad de demo zoals die er op dit moment uitziet (JJJJ-MM-DD, 12 uur, of "
                "JJJJ-MM-DDTHH:MM); de klok staat dan tijdens het laden op dat moment. Voor een "
                "lege database: wat daarna gebeurt, voegt een latere lading toe."
            ),
        )

    def handle(self, *args, op=None, **options):
        if not settings.DEMO_MODE or settings.ENVIRONMENT == "production":
            raise CommandError(
                "Demogegevens worden alleen geladen met DEMO_MODE aan, buiten productie."
            )
        if op is not None:
            import time_machine

            klok_zetten = time_machine.travel(op, tick=False)
        else:
            klok_zetten = nullcontext()
        with klok_zetten, transaction.atomic():
            laad_alles(stdout=self.stdout, klok=Klok(op) if op else None)
        self.stdout.write(self.style.SUCCESS("Demogegevens staan klaar."))
