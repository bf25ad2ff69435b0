"""CSV and Excel downloads of a published raming (header row; numbers as numbers)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.http import Http404, HttpResponse

from core.xlsx import Werkboek

from .models import Raming
from .selectors import OpenbareRaming, raming_cijfers

GEMEENTE_KOLOMMEN = [
    ("gemeentecode", "gemeente__code"),
    ("gemeente", "gemeente__naam"),
    ("provincie", "gemeente__provincie__naam"),
    ("inwoners", "inwoners"),
    ("ses_woa", "ses_woa"),
    ("exact_aandeel", "exact"),
    ("indicatief_aantal", "aantal"),
    ("waarvan_amv", "amv"),
    ("meerjarig_beschikbaar", "meerjarig_beschikbaar"),
]
PROVINCIE_KOLOMMEN = [
    ("provinciecode", "provincie__code"),
    ("provincie", "provincie__naam"),
    ("provinciale_opgave", "opgave"),
    ("waarvan_amv", "amv"),
    ("meerjarig_beschikbaar", "meerjarig_beschikbaar"),
    ("nog_te_realiseren", "nog_te_realiseren"),
]


def _rijen(cijfers: OpenbareRaming, niveau: str):
    if niveau == "gemeenten":
        return GEMEENTE_KOLOMMEN, cijfers.gemeenten
    if niveau == "provincies":
        return PROVINCIE_KOLOMMEN, cijfers.provincies
    raise Http404("Onbekend niveau.")


def _bestandsnaam(raming: Raming, niveau: str, extensie: str) -> str:
    return f"capaciteitsraming-{raming.cyclus.jaar}-v{raming.versie}-{niveau}.{extensie}"


ONBEKEND = "onbekend"


def _waarde(waarde):
    # a figure that is not recorded is unknown, never 0 (nor an empty cell read as 0)
    return ONBEKEND if waarde is None else waarde


def csv_response(raming: Raming, cijfers: OpenbareRaming, niveau: str) -> HttpResponse:
    kolommen, rijen = _rijen(cijfers, niveau)
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, lineterminator="\n")
    schrijver.writerow([k for k, _ in kolommen])
    for rij in rijen:
        schrijver.writerow([_waarde(rij[v]) for _, v in kolommen])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{_bestandsnaam(raming, niveau, "csv")}"'
    )
    return response


def _getal(waarde):
    # a Decimal as a number; whole numbers as ints
    if waarde is None:
        return ONBEKEND
    if isinstance(waarde, Decimal):
        return float(waarde) if waarde != waarde.to_integral_value() else int(waarde)
    return waarde


def xlsx_bytes(raming: Raming, cijfers: OpenbareRaming) -> bytes:
    # the same raming gives the same bytes (a download served twice is one file)
    boek = Werkboek(aangemaakt=raming.vastgesteld_op or raming.aangemaakt_op)
    for titel, niveau in (("Provincies", "provincies"), ("Gemeenten", "gemeenten")):
        kolommen, rijen = _rijen(cijfers, niveau)
        velden = [v for _, v in kolommen]
        boek.blad(
            titel, [k for k, _ in kolommen], ([_getal(rij[v]) for v in velden] for rij in rijen)
        )
    boek.blad(
        "Toelichting",
        None,
        [
            ("capaciteitsraming", f"{raming.cyclus.jaar}, versie {raming.versie}"),
            ("landelijk_aantal", raming.landelijk_aantal),
            ("waarvan_amv", raming.amv_aantal),
            ("afrondingsmethode", raming.get_afrondingsmethode_display()),
            ("staatscourant", raming.staatscourant_referentie),
            ("gepubliceerd_op", raming.gepubliceerd_op),
            ("zonder_ses_woa", "ja" if raming.zonder_ses else "nee"),
            ("uitzondering_reden", raming.uitzondering_reden or "geen"),
            (
                "uitzondering_gemeenten",
                "; ".join(f"{g['naam']} ({g['ontbreekt']})" for g in raming.uitzondering_gemeenten)
                or "geen",
            ),
            ("historische_registratie", "ja" if raming.historisch else "nee"),
            ("bron_referentiegegevens", "Bron: CBS"),
        ],
    )
    return boek.opslaan()


def xlsx_response(raming: Raming) -> HttpResponse:
    """The xlsx of a raming (its figures read through cachalot's query cache)."""
    inhoud = xlsx_bytes(raming, raming_cijfers(raming))
    response = HttpResponse(
        inhoud,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    naam = f"capaciteitsraming-{raming.cyclus.jaar}-v{raming.versie}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response
