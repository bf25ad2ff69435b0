import datetime as dt

from django.core.management.base import CommandError

from raming.importeren import ImportFout, import_ses_woa

from ._actor import ImportCommando


class Command(ImportCommando):
    help = (
        "Importeert SES-WOA-scores per gemeente uit een CBS StatLine-export (alleen GM-regels; "
        "oude codes via de herindelingen). Zelfde code als de importpagina."
    )

    def add_arguments(self, parser):
        parser.add_argument("pad")
        parser.add_argument("--jaar", type=int, required=True)
        parser.add_argument("--tabel", default="", help="CBS-tabel, bijv. 85539NED")
        parser.add_argument(
            "--downloaddatum",
            type=dt.date.fromisoformat,
            default=None,
            help="JJJJ-MM-DD: wanneer het bestand van StatLine is gedownload",
        )
        self.actor_argument(parser)

    def handle(self, *args, pad, jaar, tabel, downloaddatum, **options):
        door = self.actor(options["door"])
        try:
            resultaat = import_ses_woa(
                pad, jaar=jaar, tabel=tabel, downloaddatum=downloaddatum, door=door
            )
        except ImportFout as fout:
            for regel in fout.fouten:
                self.stderr.write(regel)
            raise CommandError(
                f"Import afgebroken: {len(fout.fouten)} fout(en); er is niets opgeslagen."
            ) from None
        for regel in resultaat.meldingen:
            self.stdout.write(regel)
        self.stdout.write(
            f"{resultaat.totaal} SES-WOA-scores ({jaar}) gelezen: {resultaat.nieuw} nieuw, "
            f"{resultaat.gewijzigd} gewijzigd, {resultaat.ongewijzigd} ongewijzigd. (Bron: CBS)"
        )
