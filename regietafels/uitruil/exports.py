"""CSV and xlsx exports of exchanges: one row per party row, from the filtered visible list.

Rows are built from two ``values()`` queries (exchanges, then their party rows) and the choice
labels are looked up once per export: a model instance and ``get_FOO_display()`` per row cost
seconds for a few thousand exchanges.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from core.exports import veilige_cel
from raming.exports_xlsx import SnelWerkboek

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

_UITRUIL_VELDEN = (
    "pk",
    "cyclus__jaar",
    "provincie__naam",
    "status",
    "voorgesteld_door_gemeente__naam",
    "voorgesteld_op",
    "bevestigd_op",
    "verhouding_asielopvang",
    "verhouding_tegenprestatie",
    "periode_van",
    "periode_tot",
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
    return {waarde: str(label) for waarde, label in choices}


def rijen(uitruilen):
    """Yield export rows (lists) for the exchanges of the queryset ``uitruilen``, in its order.

    Two queries, whatever the number of exchanges.
    """
    qs = uitruilen.prefetch_related(None)
    koppen = list(qs.values_list(*_UITRUIL_VELDEN))
    partijen: dict[int, list[tuple]] = defaultdict(list)
    partij_qs = (
        UitruilPartij.objects.filter(uitruil__in=qs.order_by().values("pk"))
        .order_by("pk")
        .values_list(*_PARTIJ_VELDEN)
    )
    for partij in partij_qs:
        partijen[partij[0]].append(partij)

    status_labels = _labels(Uitruil.Status.choices)
    taak_labels = _labels(Taak.choices)
    richting_labels = _labels(Richting.choices)
    instemming_labels = _labels(UitruilPartij.Instemming.choices)
    for (
        pk,
        jaar,
        provincie,
        status,
        voorsteller,
        voorgesteld_op,
        bevestigd_op,
        verhouding_asielopvang,
        verhouding_tegenprestatie,
        periode_van,
        periode_tot,
    ) in koppen:
        kop = [
            pk,
            jaar,
            provincie,
            status_labels.get(status, status),
            voorsteller,
            voorgesteld_op.date().isoformat(),
            bevestigd_op.date().isoformat() if bevestigd_op else "",
            f"{verhouding_asielopvang} : {verhouding_tegenprestatie}",
            periode_van.isoformat() if periode_van else "",
            periode_tot.isoformat() if periode_tot else "",
        ]
        for _, gemeente, code, taak, richting, aantal, instemming, reden in partijen.get(pk, ()):
            yield kop + [
                gemeente,
                code,
                taak_labels.get(taak, taak),
                richting_labels.get(richting, richting),
                aantal,
                aantal if richting == Richting.NEEMT_OP else -aantal,
                instemming_labels.get(instemming, instemming),
                reden,
            ]


def als_csv(uitruilen) -> str:
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";")
    schrijver.writerow(KOLOMMEN)
    schrijver.writerows([veilige_cel(w) for w in rij] for rij in rijen(uitruilen))
    return buffer.getvalue()


def als_xlsx(uitruilen) -> bytes:
    werkboek = SnelWerkboek()
    werkboek.blad("Uitruil", KOLOMMEN)
    werkboek.rijen("Uitruil", ([veilige_cel(w) for w in rij] for rij in rijen(uitruilen)))
    return werkboek.opslaan()
