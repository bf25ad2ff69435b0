from django.core.management.base import BaseCommand, CommandError

from raming.importeren import ImportFout, import_ses_woa


class Command(BaseCommand):
    help = "Importeert SES-WOA-scores per gemeente uit een CBS StatLine-export (alleen GM-regels)."

    def add_arguments(self, parser):
        parser.add_argument("pad")
        parser.add_argument("--jaar", type=int, required=True)

    def handle(self, *args, pad, jaar, **options):
        try:
            resultaat = import_ses_woa(pad, jaar=jaar)
        except ImportFout as fout:
            for regel in fout.fouten:
                self.stderr.write(regel)
            raise CommandError(
                f"Import afgebroken: {len(fout.fouten)} fout(en); er is niets opgeslagen."
            ) from None
        self.stdout.write(
            f"{resultaat.totaal} SES-WOA-scores ({jaar}) gelezen: {resultaat.nieuw} nieuw, "
            f"{resultaat.gewijzigd} gewijzigd, {resultaat.ongewijzigd} ongewijzigd. (Bron: CBS)"
        )
