"""CSV and xlsx exports of exchanges: one row per party row, from the filtered visible list.

Rows are built from two ``values_list()`` queries (exchanges, then their party rows); no model
instances, no ``get_FOO_display()``. The ten exchange columns are prepared (and neutralised
against spreadsheet formulas) once per exchange, not once per party row, and text that repeats
(labels, gemeente names) is converted once per export.

The xlsx file is written here, not through openpyxl: openpyxl builds the parts of a workbook
with a bold, frozen header row once per process (``_XlsxSjabloon``); per export only the data
rows are written into the sheet XML, in the form openpyxl's write-only mode uses (inline strings
``t="inlineStr"``, numbers ``t="n"``), so the file reads back the same. Each exchange's cells
are rendered once with a placeholder for the row number.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections import defaultdict
from functools import cache
from xml.sax.saxutils import escape

from django.db import connection
from django.db.models import CharField, F, Func, Value
from django.db.models.functions import Cast, TruncDate
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.exports import veilige_cel

from .models import Richting, Taak, Uitruil, UitruilPartij

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
BLAD = "Uitruil"

_UITRUIL_VELDEN = (
    "pk",
    "cyclus__jaar",
    "provincie__naam",
    "status",
    "voorgesteld_door_gemeente__naam",
    "voorgesteld_datum",
    "bevestigd_datum",
    "verhouding_asielopvang",
    "verhouding_tegenprestatie",
    "periode_van_datum",
    "periode_tot_datum",
)
_PARTIJ_VELDEN = (
    "uitruil_id",
    "gemeente__naam",
    "gemeente__code",
    "taak",
    "richting",
    "aantal",
    "instemming",
    "reden",
)


def _labels(choices) -> dict[str, str]:
    return {waarde: veilige_cel(str(label)) for waarde, label in choices}


def _iso_datum(veld: str, *, lokaal: bool = False) -> Func:
    """``veld`` as 'YYYY-MM-DD' text, made by the database (no date objects per row);
    ``lokaal``: the calendar date of a moment in the current time zone."""
    if connection.vendor != "postgresql":
        # SQLite (``make run``): Django's own date functions, cast to text (also ISO there)
        bron = TruncDate(veld, tzinfo=timezone.get_current_timezone()) if lokaal else F(veld)
        return Cast(bron, output_field=CharField())
    if lokaal:
        return Func(
            Value(timezone.get_current_timezone_name()),
            F(veld),
            template="to_char(timezone(%(expressions)s), 'YYYY-MM-DD')",
            output_field=CharField(),
        )
    return Func(
        F(veld), template="to_char(%(expressions)s, 'YYYY-MM-DD')", output_field=CharField()
    )


class _Teksten(dict):
    """Neutralised text (``veilige_cel``), each distinct value converted once."""

    def __missing__(self, waarde):
        uit = self[waarde] = veilige_cel(waarde)
        return uit


def gegevens(uitruilen):
    """Yield ``(kop, partijen)`` per exchange of the queryset ``uitruilen``, in its order.

    ``kop``: the ten exchange columns of ``KOLOMMEN``, neutralised (``veilige_cel``);
    ``partijen``: the exchange's party rows as ``(uitruil_id, gemeente, code, taak, richting,
    aantal, instemming, reden)``, raw (see ``partij_waarden``). Two queries, whatever the
    number of exchanges. Dates of moments are the local (Dutch) calendar dates.
    """
    koppen = list(
        uitruilen.prefetch_related(None)
        .annotate(
            voorgesteld_datum=_iso_datum("voorgesteld_op", lokaal=True),
            bevestigd_datum=_iso_datum("bevestigd_op", lokaal=True),
            periode_van_datum=_iso_datum("periode_van"),
            periode_tot_datum=_iso_datum("periode_tot"),
        )
        .values_list(*_UITRUIL_VELDEN)
    )
    partijen: dict[int, list[tuple]] = defaultdict(list)
    for partij in (
        UitruilPartij.objects.filter(uitruil__in=uitruilen.order_by().values("pk"))
        .order_by("pk")
        .values_list(*_PARTIJ_VELDEN)
    ):
        partijen[partij[0]].append(partij)
    status_labels = _labels(Uitruil.Status.choices)
    teksten = _Teksten()
    for pk, jaar, provincie, status, voorsteller, voorgesteld, bevestigd, a, b, van, tot in koppen:
        rijen = partijen.get(pk)
        if rijen:
            kop = (
                pk,
                jaar,
                teksten[provincie],
                status_labels.get(status) or veilige_cel(status),
                teksten[voorsteller],
                voorgesteld,
                bevestigd or "",
                f"{a} : {b}",
                van or "",
                tot or "",
            )
            yield kop, rijen


class _PartijOpmaak:
    """The eight party columns of a raw party row, with labels and neutralised text; the
    columns that repeat (gemeente, code, taak, richting) made once per combination."""

    def __init__(self) -> None:
        self.taak = _labels(Taak.choices)
        self.richting = _labels(Richting.choices)
        self.instemming = _labels(UitruilPartij.Instemming.choices)
        self.teksten = _Teksten()
        self.vast: dict[tuple, tuple] = {}

    def gemeente_taak(self, gemeente, code, taak, richting) -> tuple:
        sleutel = (gemeente, code, taak, richting)
        uit = self.vast.get(sleutel)
        if uit is None:
            uit = self.vast[sleutel] = (
                self.teksten[gemeente],
                self.teksten[code],
                self.taak.get(taak) or veilige_cel(taak),
                self.richting.get(richting) or veilige_cel(richting),
            )
        return uit

    def waarden(self, partij: tuple) -> tuple:
        _, gemeente, code, taak, richting, aantal, instemming, reden = partij
        return (
            *self.gemeente_taak(gemeente, code, taak, richting),
            aantal,
            aantal if richting == Richting.NEEMT_OP else -aantal,
            self.instemming.get(instemming) or veilige_cel(instemming),
            veilige_cel(reden),
        )


def rijen(uitruilen):
    """Yield export rows (tuples of the ``KOLOMMEN``) for the exchanges of ``uitruilen``."""
    opmaak = _PartijOpmaak()
    for kop, partijen in gegevens(uitruilen):
        for partij in partijen:
            yield kop + opmaak.waarden(partij)


def als_csv(uitruilen) -> str:
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";")
    schrijver.writerow(KOLOMMEN)
    schrijver.writerows(rijen(uitruilen))
    return buffer.getvalue()


# --- xlsx ------------------------------------------------------------------------------------

_RIJNUMMER = "\x00"  # never in cell text: ILLEGAL_CHARACTERS_RE removes control characters
_KOLOM_LETTERS = [get_column_letter(i + 1) for i in range(len(KOLOMMEN))]


def _xlsx_cel(kolom: str, waarde) -> str:
    """One cell, as openpyxl's write-only mode writes it, with the row number left open."""
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return f'<c r="{kolom}{_RIJNUMMER}" t="b"><v>{int(waarde)}</v></c>'
    if isinstance(waarde, int | float):
        return f'<c r="{kolom}{_RIJNUMMER}" t="n"><v>{waarde}</v></c>'
    if waarde == "":
        return f'<c r="{kolom}{_RIJNUMMER}" t="inlineStr" />'
    tekst = escape(ILLEGAL_CHARACTERS_RE.sub("", waarde))
    ruimte = ' xml:space="preserve"' if waarde.strip() != waarde else ""
    return f'<c r="{kolom}{_RIJNUMMER}" t="inlineStr"><is><t{ruimte}>{tekst}</t></is></c>'


class _XlsxSjabloon:
    """The parts of a workbook with one sheet and its bold, frozen header row (built once by
    openpyxl); ``bestand(rijen_xml)`` returns a workbook with those data rows."""

    def __init__(self) -> None:
        boek = Workbook(write_only=True)
        blad = boek.create_sheet(BLAD)
        blad.freeze_panes = "A2"
        vet = Font(bold=True)
        kop = []
        for naam in KOLOMMEN:
            cel = WriteOnlyCell(blad, value=naam)
            cel.font = vet
            kop.append(cel)
        blad.append(kop)
        ruw = io.BytesIO()
        boek.save(ruw)
        self.delen: list[tuple[zipfile.ZipInfo, bytes]] = []
        with zipfile.ZipFile(ruw) as bron:
            for info in bron.infolist():
                self.delen.append((info, bron.read(info.filename)))
        blad_xml = next(d for i, d in self.delen if i.filename == "xl/worksheets/sheet1.xml")
        plek = blad_xml.rindex(b"</sheetData>")
        self.blad_begin, self.blad_eind = blad_xml[:plek], blad_xml[plek:]
        core = next(d for i, d in self.delen if i.filename == "docProps/core.xml").decode()
        self.gemaakt = core.split("<dcterms:created", 1)[1].split(">", 1)[1].split("<", 1)[0]

    def bestand(self, rijen_xml: bytes) -> bytes:
        nu = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        uit = io.BytesIO()
        # Level 1: a few times faster than the default for the sheet's repetitive XML, and the
        # file is hardly larger.
        with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as doel:
            for info, inhoud in self.delen:
                if info.filename == "xl/worksheets/sheet1.xml":
                    inhoud = self.blad_begin + rijen_xml + self.blad_eind
                elif info.filename == "docProps/core.xml":
                    inhoud = inhoud.replace(self.gemaakt.encode(), nu.encode())
                doel.writestr(info.filename, inhoud)
        return uit.getvalue()


@cache
def _sjabloon() -> _XlsxSjabloon:
    return _XlsxSjabloon()


def _rijen_xml(uitruilen) -> bytes:
    opmaak = _PartijOpmaak()
    cellen: dict[tuple[str, object], str] = {}  # repeating values (names, labels, dates): once

    def cel(kolom: str, waarde) -> str:
        sleutel = (kolom, waarde)
        uit = cellen.get(sleutel)
        if uit is None:
            uit = cellen[sleutel] = _xlsx_cel(kolom, waarde)
        return uit

    gemeente_taak: dict[tuple, str] = {}  # columns K–N per (gemeente, code, taak, richting)
    kop_letters = _KOLOM_LETTERS[1:10]
    k, code_kolom, m, n, o, p, q, r = _KOLOM_LETTERS[10:]
    rijnummer = _RIJNUMMER
    delen: list[str] = []
    nummer = 1  # the header row
    for kop, partijen in gegevens(uitruilen):
        kop_xml = f'<row r="{rijnummer}"><c r="A{rijnummer}" t="n"><v>{kop[0]}</v></c>' + "".join(
            [cel(letter, waarde) for letter, waarde in zip(kop_letters, kop[1:], strict=True)]
        )
        for _, gemeente, code, taak, richting, aantal, instemming, reden in partijen:
            nummer += 1
            sleutel = (gemeente, code, taak, richting)
            vast = gemeente_taak.get(sleutel)
            if vast is None:
                waarden = opmaak.gemeente_taak(*sleutel)
                vast = gemeente_taak[sleutel] = "".join(
                    [cel(kl, w) for kl, w in zip((k, code_kolom, m, n), waarden, strict=True)]
                )
            mutatie = aantal if richting == Richting.NEEMT_OP else -aantal
            delen.append(
                (
                    f'{kop_xml}{vast}<c r="{o}{rijnummer}" t="n"><v>{aantal}</v></c>'
                    f'<c r="{p}{rijnummer}" t="n"><v>{mutatie}</v></c>'
                    f"{cel(q, opmaak.instemming.get(instemming) or veilige_cel(instemming))}"
                    f"{_xlsx_cel(r, veilige_cel(reden)) if reden else cel(r, '')}</row>"
                ).replace(rijnummer, str(nummer))
            )
    return "".join(delen).encode("utf-8")


def als_xlsx(uitruilen) -> bytes:
    return _sjabloon().bestand(_rijen_xml(uitruilen))
