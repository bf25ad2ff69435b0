"""CSV and xlsx exports of exchanges: one row per party row, from the filtered visible list.

Rows are built from two ``values_list()`` queries (exchanges, then their party rows); no model
instances, no ``get_FOO_display()``. The ten exchange columns are prepared (and neutralised
against spreadsheet formulas) once per exchange, not once per party row, and text that repeats
(labels, gemeente names) is converted once per export.

The xlsx file holds the same rows, written by XlsxWriter (core/xlsx.py).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from django.db import connection
from django.db.models import CharField, F, Func, Value
from django.db.models.functions import Cast, TruncDate
from django.utils import timezone

from core.exports import veilige_cel
from core.xlsx import Werkboek

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


def als_xlsx(uitruilen) -> bytes:
    """The rows of ``als_csv`` in one sheet with a bold, frozen header row."""
    boek = Werkboek()
    boek.blad(BLAD, KOLOMMEN, rijen(uitruilen))
    return boek.opslaan()
