"""The calendar feed (herinneringen/ical.py, the icalendar library): a bare carriage return,
a newline, ';' and ',' in a title are escaped; lines are folded and end in CRLF."""

import datetime as dt
import re
from types import SimpleNamespace

from icalendar import Calendar

from herinneringen.ical import agenda


def _termijn(titel: str, datum=dt.date(2026, 11, 20)):
    return SimpleNamespace(
        sleutel="verslag:7",
        datum=datum,
        pad="/regietafels/noord-brabant/verslag/",
        titel=titel,
        soort_label="Verslag indienen",
    )


def test_kale_cr_en_speciale_tekens_ontsnapt(settings):
    settings.SITE_URL = "https://regietafel.example"
    titel = "Verslag\rNoord-Brabant; PRT, " + "lang " * 30 + "\r\neinde\nx"
    tekst = agenda(
        [_termijn(titel), _termijn("Geen datum", datum=None)],
        naam="Termijnen; test",
        nu=dt.datetime(2026, 10, 1, 10, tzinfo=dt.UTC),
    )
    ruw = tekst.encode("utf-8")
    # every line ends in CRLF: no CR or LF on its own anywhere
    assert re.search(rb"\r(?!\n)", ruw) is None
    assert re.search(rb"(?<!\r)\n", ruw) is None
    assert all(len(regel) <= 75 for regel in ruw.split(b"\r\n"))
    assert "SUMMARY:Verslag\\nNoord-Brabant\\; PRT\\, lang" in tekst.replace("\r\n ", "")
    assert "X-WR-CALNAME:Termijnen\\; test" in tekst
    kalender = Calendar.from_ical(tekst)
    gebeurtenissen = kalender.walk("VEVENT")
    assert len(gebeurtenissen) == 1  # the term without a date is left out
    g = gebeurtenissen[0]
    assert str(g["summary"]) == titel.replace("\r\n", "\n").replace("\r", "\n")
    assert g["dtstart"].dt == dt.date(2026, 11, 20)
    assert g["dtend"].dt == dt.date(2026, 11, 21)
    assert str(g["uid"]) == "verslag:7-20261120@regietafel.example"
    assert str(g["url"]) == "https://regietafel.example/regietafels/noord-brabant/verslag/"


def test_laatste_dag_zonder_einde():
    tekst = agenda(
        [_termijn("Ver weg", datum=dt.date.max)],
        naam="x",
        nu=dt.datetime(2026, 10, 1, 10, tzinfo=dt.UTC),
    )
    assert "DTSTART;VALUE=DATE:99991231" in tekst
    assert "DTEND" not in tekst
