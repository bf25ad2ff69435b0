"""The fast xlsx writer reads back exactly like openpyxl's own cells."""

import io
from decimal import Decimal

from openpyxl import load_workbook

from raming.exports_xlsx import SnelWerkboek


def test_rijen_lezen_terug_zoals_geschreven():
    boek = SnelWerkboek()
    boek.blad("Data", ["tekst", "getal", "leeg"])
    rijen = [
        ["A & B <c> \"d\" 'e'", 3, None],
        ["  spaties  ", 2.5, ""],
        ["regel\nnieuw", Decimal("7"), "Zaanstad"],
        ["stuur\x01teken", -4, True],
    ]
    boek.rijen("Data", rijen)
    info = boek.gewoon_blad("Info")
    info.append(["sleutel", "waarde"])
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
        ("stuurteken", -4, True),
    ]
    assert list(gelezen["Info"].iter_rows(values_only=True)) == [("sleutel", "waarde")]
