import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from raming.importeren import ImportFout, import_gemeenten


class Command(BaseCommand):
    help = "Importeert de CBS-gemeenten met inwonertal (alles of niets, herhaalbaar)."

    def add_arguments(self, parser):
        parser.add_argument("pad", help="CSV zoals cbs_gemeenten_2025_inwoners_2023.csv")
        parser.add_argument(
            "--peildatum",
            type=dt.date.fromisoformat,
            default=None,
            help="JJJJ-MM-DD; standaard uit de kolomnaam inwoners_JJJJ_MM_DD",
        )

    def handle(self, *args, pad, peildatum, **options):
        try:
            resultaat = import_gemeenten(pad, peildatum=peildatum)
        except ImportFout as fout:
            for regel in fout.fouten:
                self.stderr.write(regel)
            raise CommandError(
                f"Import afgebroken: {len(fout.fouten)} fout(en); er is niets opgeslagen."
            ) from None
        self.stdout.write(
            f"{resultaat.totaal} gemeenten gelezen: {resultaat.nieuw} nieuw, "
            f"{resultaat.gewijzigd} gewijzigd, {resultaat.ongewijzigd} ongewijzigd. (Bron: CBS)"
        )
