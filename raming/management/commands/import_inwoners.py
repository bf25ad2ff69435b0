import datetime as dt
from pathlib import Path

from django.core.management.base import CommandError
from django.db import transaction

from raming import cbs_import
from raming.cbs_import import ImportFout

from ._actor import ImportCommando


class Command(ImportCommando):
    help = (
        "Importeert inwonertallen per gemeente uit een CBS StatLine-export (oude codes via de "
        "herindelingen; met een kolom 'provincie' ook nieuwe gemeenten). Zelfde code als de "
        "importpagina: eerst het voorbeeld, dan alles of niets."
    )

    def add_arguments(self, parser):
        parser.add_argument("pad")
        parser.add_argument("--jaar", type=int, default=None, help="als 'Perioden' ontbreekt")
        parser.add_argument("--tabel", default="", help="CBS-tabel, bijv. 03759NED")
        parser.add_argument("--downloaddatum", type=dt.date.fromisoformat, default=None)
        parser.add_argument(
            "--alleen-voorbeeld", action="store_true", help="toon het voorbeeld, sla niets op"
        )
        self.actor_argument(parser)

    def handle(self, *args, pad, jaar, tabel, downloaddatum, alleen_voorbeeld, **options):
        door = self.actor(options["door"])
        try:
            inhoud = Path(pad).read_bytes()
        except FileNotFoundError:
            raise CommandError(f"Bestand niet gevonden: {pad}") from None
        try:
            with transaction.atomic():
                imp, vb = cbs_import.import_voorbereiden(
                    soort=cbs_import.INWONERS,
                    inhoud=inhoud,
                    bestandsnaam=Path(pad).name,
                    tabel=tabel,
                    downloaddatum=downloaddatum,
                    jaar=jaar,
                    door=door,
                )
                for regel in cbs_import.meldingen(vb):
                    self.stdout.write(regel)
                if vb.fouten:
                    raise ImportFout(vb.fouten)
                if alleen_voorbeeld:
                    cbs_import.annuleren(imp, door=door)
                    self.stdout.write("Alleen het voorbeeld: er is niets opgeslagen.")
                    return
                cbs_import.toepassen(imp, door=door)
        except ImportFout as fout:
            for regel in fout.fouten:
                self.stderr.write(regel)
            raise CommandError(
                f"Import afgebroken: {len(fout.fouten)} fout(en); er is niets opgeslagen."
            ) from None
        self.stdout.write(
            f"{len(vb.waarden)} inwonertallen op {vb.peildatum:%d-%m-%Y}: "
            f"{vb.aantal('nieuw')} nieuw, {vb.aantal('gewijzigd')} gewijzigd, "
            f"{vb.aantal('ongewijzigd')} ongewijzigd. (Bron: CBS)"
        )
