"""Checks on an uploaded ZIP container (ODT, DOCX) from its central directory alone, before a
single member is unpacked: encrypted members, compression methods other than stored and
deflate, too many members, and sizes or compression ratios of an archive bomb are refused
with a Dutch message. Reading a member afterwards (``lees_lid``) is bounded too."""

from __future__ import annotations

import zipfile

from django.core.exceptions import ValidationError

MAX_LEDEN = 2_000
MAX_LID_BYTES = 50 * 1024 * 1024  # one member unpacked
MAX_TOTAAL_BYTES = 200 * 1024 * 1024  # all members unpacked
MAX_VERHOUDING = 200  # unpacked / packed of a member larger than 1 MB
TOEGESTANE_COMPRESSIE = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}


class ArchiefFout(ValidationError):
    beschadigd = False  # not a readable archive at all (rather than a refused one)


def _fout(tekst: str, *, beschadigd: bool = False) -> ArchiefFout:
    fout = ArchiefFout({"bestand": [tekst]}, code="archief")
    fout.beschadigd = beschadigd
    return fout


def controleren(bestand, toegestaan: str = "PDF-, ODT- en DOCX-bestanden") -> zipfile.ZipFile:
    """The opened archive when its directory passes every check; ``ArchiefFout`` otherwise.
    Only the central directory is read here. ``toegestaan``: what the upload takes, for the
    message about a broken file."""
    bestand.seek(0)
    try:
        zf = zipfile.ZipFile(bestand)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _fout(
            f"Het bestand is beschadigd: alleen {toegestaan} zijn toegestaan.", beschadigd=True
        ) from None
    leden = zf.infolist()
    if len(leden) > MAX_LEDEN:
        raise _fout(f"Het bestand bevat te veel onderdelen (meer dan {MAX_LEDEN}).")
    totaal = 0
    for lid in leden:
        if lid.flag_bits & 0x1:
            raise _fout("Het bestand is versleuteld of met een wachtwoord beveiligd.")
        if lid.compress_type not in TOEGESTANE_COMPRESSIE:
            raise _fout("Het bestand gebruikt een onbekende compressiemethode.")
        totaal += lid.file_size
        te_groot = lid.file_size > MAX_LID_BYTES or totaal > MAX_TOTAAL_BYTES
        verdacht = lid.file_size > 1024 * 1024 and lid.file_size > MAX_VERHOUDING * max(
            1, lid.compress_size
        )
        if te_groot or verdacht:
            raise _fout("Het bestand pakt uit tot een onwaarschijnlijk grote omvang.")
    return zf


def lees_lid(zf: zipfile.ZipFile, naam: str, maximum: int = 4096) -> bytes:
    """At most ``maximum`` bytes of one member (zipfile stops at the size the directory
    declares, so a lying directory cannot make this read more)."""
    try:
        with zf.open(naam) as lid:
            return lid.read(maximum)
    except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError, EOFError):
        raise _fout("Het bestand is beschadigd: een onderdeel kan niet worden gelezen.") from None
