"""The JSON of exchanges for the API, from ``values_list()`` rows: no model instances, no DRF
fields per value. The output is the same as ``UitruilSerializer`` / ``UitruilDetailSerializer``
(they stay the documented schema; tests compare both).

A list page: the count, the page's exchanges, their party rows (three queries). A detail: the
exchange, its party rows, its steps (three queries).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from ..models import Richting, UitruilPartij, UitruilStap

UITRUIL_VELDEN = (
    "pk",
    "cyclus__jaar",
    "provincie__slug",
    "voorgesteld_door_gemeente__code",
    "motivatie",
    "periode_van",
    "periode_tot",
    "verhouding_asielopvang",
    "verhouding_tegenprestatie",
    "status",
    "versie",
    "voorgesteld_op",
    "bevestigd_op",
)
_PARTIJ_VELDEN = (
    "uitruil_id",
    "gemeente__code",
    "gemeente__naam",
    "taak",
    "richting",
    "aantal",
    "instemming",
    "reden",
    "op",
)
_STAP_VELDEN = (
    "uitruil_id",
    "versie",
    "soort",
    "door__username",
    "gemeente__code",
    "op",
    "toelichting",
)


def _moment(tz):
    """A moment as DRF's ``DateTimeField`` writes it (ISO 8601 in the current time zone, a
    UTC offset of zero as ``Z``)."""

    def opmaak(waarde: dt.datetime | None) -> str | None:
        if waarde is None:
            return None
        tekst = waarde.astimezone(tz).isoformat()
        return tekst[:-6] + "Z" if tekst.endswith("+00:00") else tekst

    return opmaak


def _datum(waarde: dt.date | None) -> str | None:
    return None if waarde is None else waarde.isoformat()


def uitruilen(rijen, *, met_stappen: bool = False) -> list[dict]:
    """The JSON objects of the exchanges ``rijen`` (``values_list(*UITRUIL_VELDEN)`` rows), with
    their party rows (and steps): one query (two with steps)."""
    rijen = list(rijen)
    if not rijen:
        return []
    pks = [r[0] for r in rijen]
    moment = _moment(timezone.get_current_timezone())
    partijen: dict[int, list[dict]] = defaultdict(list)
    for uitruil_id, code, naam, taak, richting, aantal, instemming, reden, op in (
        UitruilPartij.objects.filter(uitruil_id__in=pks).order_by("pk").values_list(*_PARTIJ_VELDEN)
    ):
        partijen[uitruil_id].append(
            {
                "gemeente": code,
                "gemeente_naam": naam,
                "taak": taak,
                "richting": richting,
                "aantal": aantal,
                "mutatie": aantal if richting == Richting.NEEMT_OP else -aantal,
                "instemming": instemming,
                "reden": reden,
                "op": moment(op),
            }
        )
    stappen: dict[int, list[dict]] = defaultdict(list)
    if met_stappen:
        for uitruil_id, versie, soort, door, gemeente, op, toelichting in (
            UitruilStap.objects.filter(uitruil_id__in=pks)
            .order_by("uitruil_id", "versie")
            .values_list(*_STAP_VELDEN)
        ):
            stappen[uitruil_id].append(
                {
                    "versie": versie,
                    "soort": soort,
                    "door": door,
                    "gemeente": gemeente,
                    "op": moment(op),
                    "toelichting": toelichting,
                }
            )
    uit = []
    for (
        pk,
        jaar,
        provincie,
        voorsteller,
        motivatie,
        periode_van,
        periode_tot,
        verhouding_asielopvang,
        verhouding_tegenprestatie,
        status,
        versie,
        voorgesteld_op,
        bevestigd_op,
    ) in rijen:
        data = {
            "id": pk,
            "cyclus": jaar,
            "provincie": provincie,
            "voorgesteld_door_gemeente": voorsteller,
            "motivatie": motivatie,
            "periode_van": _datum(periode_van),
            "periode_tot": _datum(periode_tot),
            "verhouding_asielopvang": verhouding_asielopvang,
            "verhouding_tegenprestatie": verhouding_tegenprestatie,
            "status": status,
            "versie": versie,
            "voorgesteld_op": moment(voorgesteld_op),
            "bevestigd_op": moment(bevestigd_op),
            "partijen": partijen.get(pk, []),
        }
        if met_stappen:
            data["stappen"] = stappen.get(pk, [])
        uit.append(data)
    return uit


def detail(qs, pk) -> dict | None:
    """The JSON object of exchange ``pk`` in ``qs`` with party rows and steps (three queries),
    or None when ``qs`` does not hold it."""
    rijen = list(qs.filter(pk=pk).values_list(*UITRUIL_VELDEN))
    gevonden = uitruilen(rijen, met_stappen=True)
    return gevonden[0] if gevonden else None
