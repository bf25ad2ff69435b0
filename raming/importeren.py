"""The CBS imports of the management commands: the same two steps as the import pages
(``raming.cbs_import``: preview, then apply everything or nothing), run at once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from accounts.rechten import Handeling, vereist

from . import cbs_import
from .cbs_import import ImportFout  # one error type for every CBS import
from .models import CbsImport

__all__ = ["ImportFout", "ImportResultaat", "import_gemeenten", "import_ses_woa"]


@dataclass
class ImportResultaat:
    nieuw: int = 0
    gewijzigd: int = 0
    ongewijzigd: int = 0
    opgeheven: int = 0
    meldingen: list[str] = field(default_factory=list)

    @property
    def totaal(self) -> int:
        return self.nieuw + self.gewijzigd + self.ongewijzigd


def _lees(pad: Path | str) -> bytes:
    try:
        return Path(pad).read_bytes()
    except FileNotFoundError as exc:
        raise ImportFout([f"Bestand niet gevonden: {pad}"]) from exc


def _al_toegepast(inhoud: bytes, peildatum: dt.date | None) -> ImportResultaat | None:
    """The file is the one the last applied population import read (same content, same
    peildatum): it has nothing new, so it is not read again (every second `make run`). Like an
    unchanged file read in full, it records nothing. None when the file has to be read."""
    laatste = (
        CbsImport.objects.filter(soort=cbs_import.INWONERS, status=CbsImport.Status.TOEGEPAST)
        .order_by("-afgehandeld_op", "-pk")
        .only("pk", "peildatum", "afgehandeld_op")
        .first()
    )
    if laatste is None or (peildatum is not None and peildatum != laatste.peildatum):
        return None
    tekst = cbs_import.tekst_uit_bytes(inhoud).lstrip("\ufeff")
    if not CbsImport.objects.filter(pk=laatste.pk, inhoud=tekst).exists():
        return None
    _, rijen = cbs_import.lees(tekst)
    op = timezone.localdate(laatste.afgehandeld_op)
    return ImportResultaat(
        ongewijzigd=len(rijen),
        meldingen=[
            f"Dit bestand is op {op:%d-%m-%Y} al zo geïmporteerd en sindsdien is er geen andere "
            "indeling toegepast: niets opnieuw ingelezen."
        ],
    )


def import_gemeenten(
    pad: Path | str,
    *,
    peildatum: dt.date | None = None,
    tabel: str = "",
    downloaddatum: dt.date | None = None,
    alleen_voorbeeld: bool = False,
    door,
) -> ImportResultaat:
    """Import a gemeentelijke indeling with population (gm_code, gemeentenaam, provincie,
    inwoners_YYYY_MM_DD) through ``raming.cbs_import``, as the import page does: new gemeenten
    are added, names and provinces updated, gemeenten no longer in the indeling retired with
    their successor (never deleted). All or nothing; a second run changes nothing.
    ``alleen_voorbeeld``: the preview only (the import is kept as cancelled)."""
    vereist(door, Handeling.REFERENTIE_IMPORTEREN)
    inhoud = _lees(pad)
    if not alleen_voorbeeld:
        al_toegepast = _al_toegepast(inhoud, peildatum)
        if al_toegepast is not None:
            return al_toegepast
    with transaction.atomic():
        imp, vb = cbs_import.import_voorbereiden(
            soort=cbs_import.INWONERS,
            inhoud=inhoud,
            bestandsnaam=Path(pad).name,
            tabel=tabel,
            downloaddatum=downloaddatum,
            peildatum=peildatum,
            door=door,
        )
        if not vb.indeling:
            raise ImportFout(
                ["Regel 1: kolommen ontbreken: provincie (een gemeentelijke indeling heeft "
                 "per gemeente de provincie)."]
            )  # fmt: skip
        if vb.fouten:
            raise ImportFout(vb.fouten)
        if not vb.waarden:
            raise ImportFout(["Het bestand bevat geen gemeenten met een inwonertal."])
        niets_nieuw = not (
            vb.nieuwe_gemeenten
            or vb.hernoemd
            or vb.verplaatst
            or vb.opgeheven
            or any(w.status != "ongewijzigd" for w in vb.waarden)
        )
        if niets_nieuw:
            # the same indeling again (every `make run`): nothing to record, not even the import
            transaction.set_rollback(True)
        elif alleen_voorbeeld:
            cbs_import.annuleren(imp, door=door)
        else:
            cbs_import.toepassen(imp, door=door)
    gewijzigd_zonder_tal = {h["code"] for h in vb.hernoemd} | {v["code"] for v in vb.verplaatst}
    statussen = {w.code: w.status for w in vb.waarden}
    for code in gewijzigd_zonder_tal:
        if statussen.get(code) == "ongewijzigd":
            statussen[code] = "gewijzigd"
    tel = list(statussen.values())
    return ImportResultaat(
        nieuw=tel.count("nieuw"),
        gewijzigd=tel.count("gewijzigd"),
        ongewijzigd=tel.count("ongewijzigd"),
        opgeheven=len(vb.opgeheven),
        meldingen=cbs_import.meldingen(vb),
    )


def import_ses_woa(
    pad: Path | str,
    *,
    jaar: int,
    tabel: str = "",
    downloaddatum: dt.date | None = None,
    door,
) -> ImportResultaat:
    """Import a CBS StatLine export of SES-WOA scores in one go (preview + apply), as the
    import page does in two steps (``raming.cbs_import``). All or nothing: a malformed line
    stops the import; unknown codes, codes of merged gemeenten and missing values do not, and
    are reported in ``meldingen``."""
    vereist(door, Handeling.REFERENTIE_IMPORTEREN)
    inhoud = _lees(pad)
    with transaction.atomic():
        imp, vb = cbs_import.import_voorbereiden(
            soort=cbs_import.SES,
            inhoud=inhoud,
            bestandsnaam=Path(pad).name,
            tabel=tabel,
            downloaddatum=downloaddatum,
            jaar=jaar,
            door=door,
        )
        if vb.fouten:
            raise ImportFout(vb.fouten)
        if not vb.waarden:
            raise ImportFout(
                [f"Regel {o['regel']}: onbekende gemeentecode {o['code']}." for o in vb.onbekend]
                + ["Het bestand bevat geen enkele waarde voor een gemeente van Regietafel."]
            )
        cbs_import.toepassen(imp, door=door)
    return ImportResultaat(
        nieuw=vb.aantal("nieuw"),
        gewijzigd=vb.aantal("gewijzigd"),
        ongewijzigd=vb.aantal("ongewijzigd"),
        meldingen=cbs_import.meldingen(vb),
    )
