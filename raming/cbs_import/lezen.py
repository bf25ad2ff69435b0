"""Reading a CBS StatLine CSV export (file, columns, numbers) and the error an import raises."""

from __future__ import annotations

import csv
import re
from decimal import Decimal, InvalidOperation

from ..models import CbsImport

SES = CbsImport.Soort.SES_WOA
INWONERS = CbsImport.Soort.INWONERS

GM_CODE = re.compile(r"^GM\d{4}$")
PERIODE = re.compile(r"^(\d{4})(?:JJ00)?\s*(\*)?$")
INWONERS_KOLOM = re.compile(r"^inwoners_(\d{4})_(\d{2})_(\d{2})$")
SES_KOLOM = "SES-WOA/Totaalscore/Gemiddelde score (Getal)"
HUISHOUDENS_KOLOM = "Particuliere huishoudens (Aantal)"
MAX_REGELS = 20_000


class ImportFout(Exception):
    """The file cannot be imported; ``fouten`` lists every bad line (Dutch)."""

    def __init__(self, fouten: list[str]):
        self.fouten = fouten
        super().__init__("\n".join(fouten))


# ------------------------------------------------------------------------------- reading


def tekst_uit_bytes(inhoud: bytes) -> str:
    """UTF-8 (with or without BOM); StatLine also offers Windows-1252."""
    for codering in ("utf-8-sig", "cp1252"):
        try:
            return inhoud.decode(codering)
        except UnicodeDecodeError:
            continue
    raise ImportFout(["Het bestand is geen tekst (UTF-8 of Windows-1252)."])


def _scheidingsteken(kopregel: str) -> str:
    return ";" if kopregel.count(";") >= kopregel.count(",") else ","


def lees(tekst: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """(columns, [(line number, row)]) of a CSV text; values stripped."""
    if "\x00" in tekst:
        raise ImportFout(["Het bestand bevat NUL-tekens; is het wel een CSV-bestand?"])
    tekst = tekst.lstrip("\ufeff")
    regels = tekst.splitlines()
    if not regels or not regels[0].strip():
        raise ImportFout(["Het bestand is leeg."])
    if len(regels) > MAX_REGELS:
        raise ImportFout([f"Het bestand heeft meer dan {MAX_REGELS} regels."])
    lezer = csv.reader(regels, delimiter=_scheidingsteken(regels[0]))
    kolommen = [k.strip() for k in next(lezer)]
    rijen = []
    for nummer, waarden in enumerate(lezer, start=2):
        if not any(w.strip() for w in waarden):
            continue
        rijen.append(
            (nummer, {k: (w or "").strip() for k, w in zip(kolommen, waarden, strict=False)})
        )
    return kolommen, rijen


def getal(ruw: str) -> Decimal | None:
    """A StatLine number: None for "" or "."; decimal comma or point; "1.234,5" is Dutch."""
    ruw = (ruw or "").strip().replace("\u00a0", "").replace(" ", "")
    if ruw in ("", ".", "-", "x"):
        return None
    if "," in ruw and "." in ruw:
        ruw = ruw.replace(".", "").replace(",", ".")
    elif "," in ruw:
        ruw = ruw.replace(",", ".")
    try:
        waarde = Decimal(ruw)
    except InvalidOperation:
        raise ValueError(ruw) from None
    if not waarde.is_finite():
        raise ValueError(ruw)
    return waarde


def _kolom(kolommen: list[str], *, precies=(), bevat=()) -> str | None:
    for k in kolommen:
        if k in precies:
            return k
    for k in kolommen:
        laag = k.casefold()
        if any(all(deel in laag for deel in groep) for groep in bevat):
            return k
    return None
