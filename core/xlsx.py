"""xlsx downloads, written by XlsxWriter: sheets of plain values with a bold, frozen header.

Text stays text (no formulas, numbers or links are read into it; text that a spreadsheet
program would take for a formula gets a leading apostrophe), dates get a date format.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

import xlsxwriter

from core.exports import FORMULE_TEKENS, veilige_cel

#: Excel's day numbers count from 30 December 1899 from 1 March 1900 on (before it, Excel's
#: 1900 leap day shifts them; such dates go through XlsxWriter's own conversion)
_NULDAG = dt.date(1899, 12, 30)
_EERSTE_DAG = dt.date(1900, 3, 1)


class _Dagnummers(dict):
    """A date's day number in Excel (a date cell is that number with a date format), each
    distinct date computed once."""

    def __missing__(self, datum: dt.date) -> int:
        uit = self[datum] = (datum - _NULDAG).days
        return uit


class Werkboek:
    """``blad(titel, kop, rijen)`` per sheet, then ``opslaan()`` for the file's bytes."""

    def __init__(self, *, aangemaakt: dt.datetime | None = None) -> None:
        """``aangemaakt``: the file's creation time (default: now); a fixed moment makes the
        same content give the same bytes."""
        self._uit = io.BytesIO()
        self._boek = xlsxwriter.Workbook(
            self._uit,
            {
                "in_memory": True,
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
                "default_date_format": "yyyy-mm-dd",
            },
        )
        if aangemaakt is not None:
            utc = aangemaakt.astimezone(dt.UTC) if aangemaakt.tzinfo else aangemaakt
            self._boek.set_properties({"created": utc.replace(tzinfo=None)})
        self._vet = self._boek.add_format({"bold": True})
        self._datum = self._boek.add_format({"num_format": "yyyy-mm-dd"})

    def blad(self, titel: str, kop: Sequence[str] | None, rijen: Iterable[Sequence]) -> None:
        """A sheet: the header row ``kop`` (bold, frozen; None: none), then ``rijen``."""
        blad = self._boek.add_worksheet(titel)
        eerste = 0
        if kop is not None:
            blad.write_row(0, 0, kop, self._vet)
            blad.freeze_panes(1, 0)
            eerste = 1
        tekst, getal, datum = blad.write_string, blad.write_number, blad.write_datetime
        datumopmaak, dagnummers = self._datum, _Dagnummers()
        for nummer, rij in enumerate(rijen, start=eerste):
            # Each cell straight to the writer of its type: ``write_row`` asks every cell's
            # type again through a chain of checks, a third of the time of a large export.
            for kolom, waarde in enumerate(rij):
                soort = type(waarde)
                if soort is str:
                    if waarde:
                        # a last guard: whatever the caller passed, text never starts a formula
                        if waarde[0] in FORMULE_TEKENS:
                            waarde = veilige_cel(waarde)
                        tekst(nummer, kolom, waarde)
                elif soort is int or soort is float or soort is Decimal:
                    getal(nummer, kolom, waarde)
                elif soort is dt.date and waarde >= _EERSTE_DAG:
                    # the same few dates repeat over the rows: each converted once
                    getal(nummer, kolom, dagnummers[waarde], datumopmaak)
                elif soort is dt.date or soort is dt.datetime:
                    datum(nummer, kolom, waarde)
                elif waarde is not None:
                    blad.write(nummer, kolom, waarde)

    def opslaan(self) -> bytes:
        self._boek.close()
        return self._uit.getvalue()
