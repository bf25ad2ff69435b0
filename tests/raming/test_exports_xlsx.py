"""The xlsx writer (core/xlsx.py, XlsxWriter) reads back as written: text stays text."""

import datetime as dt
import io
from decimal import Decimal

from openpyxl import load_workbook

from core.xlsx import Werkboek


def test_rijen_lezen_terug_zoals_geschreven():
    boek = Werkboek()
    boek.blad(
        "Data",
        ["tekst", "getal", "leeg"],
        [
            ["A & B <c> \"d\" 'e'", 3, None],
            ["  spaties  ", 2.5, ""],
            ["regel\nnieuw", Decimal("7"), "Zaanstad"],
            ["=SOM(A1:A2)", -4, True],
            ["0612", dt.date(2026, 3, 2), "https://example.org"],
        ],
    )
    boek.blad("Info", None, [["sleutel", "waarde"]])
    gelezen = load_workbook(io.BytesIO(boek.opslaan()))
    assert gelezen.sheetnames == ["Data", "Info"]
    blad = gelezen["Data"]
    assert blad.freeze_panes == "A2"
    assert all(c.font.b for c in blad[1])
    assert list(blad.iter_rows(values_only=True)) == [
        ("tekst", "getal", "leeg"),
        ("A & B <c> \"d\" 'e'", 3, None),
        ("  spaties  ", 2.5, None),
        ("regel\nnieuw", 7, "Zaanstad"),
        ("'=SOM(A1:A2)", -4, True),  # neutralised text (core.exports.veilige_cel), never a formula
        ("0612", dt.datetime(2026, 3, 2), "https://example.org"),
    ]
    assert blad["A5"].data_type == "s"
    assert blad["B6"].number_format == "yyyy-mm-dd"
    assert list(gelezen["Info"].iter_rows(values_only=True)) == [("sleutel", "waarde")]
    assert gelezen["Info"].freeze_panes is None
