"""CSV and xlsx exports of exchanges: one row per party row, from the filtered visible list."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

KOLOMMEN = [
    "uitruil",
    "cyclus",
    "provincie",
    "status",
    "voorgesteld door",
    "voorgesteld op",
    "bevestigd op",
    "verhouding",
    "periode van",
    "periode tot",
    "gemeente",
    "CBS-code",
    "taak",
    "richting",
    "aantal",
    "mutatie",
    "instemming",
    "reden",
]


def rijen(uitruilen):
    """Yield export rows (lists) for exchanges with prefetched party rows."""
    for u in uitruilen:
        for p in u.partijen.all():
            yield [
                u.pk,
                u.cyclus.jaar,
                u.provincie.naam,
                u.get_status_display(),
                u.voorgesteld_door_gemeente.naam,
                u.voorgesteld_op.date().isoformat(),
                u.bevestigd_op.date().isoformat() if u.bevestigd_op else "",
                u.verhouding,
                u.periode_van.isoformat() if u.periode_van else "",
                u.periode_tot.isoformat() if u.periode_tot else "",
                p.gemeente.naam,
                p.gemeente.code,
                p.get_taak_display(),
                p.get_richting_display(),
                p.aantal,
                p.mutatie,
                p.get_instemming_display(),
                p.reden,
            ]


def _veilig(waarde):
    """Neutralise formula injection in spreadsheet programs."""
    if isinstance(waarde, str) and waarde[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + waarde
    return waarde


def als_csv(uitruilen) -> str:
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";")
    schrijver.writerow(KOLOMMEN)
    for rij in rijen(uitruilen):
        schrijver.writerow([_veilig(w) for w in rij])
    return buffer.getvalue()


def als_xlsx(uitruilen) -> bytes:
    werkboek = Workbook()
    blad = werkboek.active
    blad.title = "Uitruil"
    blad.append(KOLOMMEN)
    for cel in blad[1]:
        cel.font = Font(bold=True)
    for rij in rijen(uitruilen):
        blad.append([_veilig(w) for w in rij])
    blad.freeze_panes = "A2"
    buffer = io.BytesIO()
    werkboek.save(buffer)
    return buffer.getvalue()
