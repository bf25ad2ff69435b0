import datetime as dt
from pathlib import Path

from django.core.management.base import CommandError

from raming.cbs_import import ImportFout
from raming.importeren import import_gemeenten

from ._actor import ImportCommando


class Command(ImportCommando):
    help = (
        "Importeert de gemeentelijke indeling van CBS met inwonertal (gm_code, gemeentenaam, "
        "provincie, inwoners_JJJJ_MM_DD): dezelfde code als de importpagina. Eerst het "
        "voorbeeld (nieuwe gemeenten, nieuwe namen, opgeheven gemeenten met hun opvolger), dan "
        "alles of niets. Herhaalbaar: een tweede keer verandert niets."
    )

    def add_arguments(self, parser):
        parser.add_argument("pad", help="CSV zoals cbs_gemeenten_2025_inwoners_2023.csv")
        parser.add_argument(
            "--peildatum",
            type=dt.date.fromisoformat,
            default=None,
            help="JJJJ-MM-DD; standaard uit de kolomnaam inwoners_JJJJ_MM_DD",
        )
        parser.add_argument("--tabel", default="", help="CBS-tabel, bijv. 03759NED")
        parser.add_argument("--downloaddatum", type=dt.date.fromisoformat, default=None)
        parser.add_argument(
            "--alleen-voorbeeld", action="store_true", help="toon het voorbeeld, sla niets op"
        )
        self.actor_argument(parser)

    def handle(self, *args, pad, peildatum, tabel, downloaddatum, alleen_voorbeeld, **options):
        door = self.actor(options["door"])
        try:
            resultaat = import_gemeenten(
                Path(pad),
                peildatum=peildatum,
                tabel=tabel,
                downloaddatum=downloaddatum,
                alleen_voorbeeld=alleen_voorbeeld,
                door=door,
            )
        except ImportFout as fout:
            for regel in fout.fouten:
                self.stderr.write(regel)
            raise CommandError(
                f"Import afgebroken: {len(fout.fouten)} fout(en); er is niets opgeslagen."
            ) from None
        for regel in resultaat.meldingen:
            self.stdout.write(regel)
        if alleen_voorbeeld:
            self.stdout.write("Alleen het voorbeeld: er is niets opgeslagen.")
            return
        self.stdout.write(
            f"{resultaat.totaal} gemeenten gelezen: {resultaat.nieuw} nieuw, "
            f"{resultaat.gewijzigd} gewijzigd, {resultaat.ongewijzigd} ongewijzigd"
            f"{f', {resultaat.opgeheven} opgeheven' if resultaat.opgeheven else ''}. "
            f"Vastgelegd door {self.actor_naam(door)}. (Bron: CBS)"
        )
