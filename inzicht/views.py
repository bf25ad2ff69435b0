"""Insight pages: the overview with map, progress bars, timeline and trends; a page per
province with its gemeenten; a CSV download for every chart. Thin: figures come from
``selectors``, charts from ``grafieken``."""

from __future__ import annotations

from functools import partial

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from accounts.models import Rol
from accounts.toegang import toegang
from core.bewaard_bestand import bewaard_bestand
from core.fragmenten import lui
from raming.models import Provincie, Raming, Wetscyclus
from raming.selectors import geldende_raming, huidige_cyclus

from . import grafieken
from . import selectors as sel
from .tabellen import naar_csv

GRAFIEKEN = ("kaart", "voortgang", "tijdlijn", "trends")
# Every table the overview's charts read (realised places count the locations of the
# register): the page is one cached fragment keyed with them.
OVERZICHT_TABELLEN = ("raming", "regietafels", "locaties.opvanglocatie", "locaties.fasewijziging")


def _csv_antwoord(tabel, bestandsnaam: str) -> HttpResponse:
    # BOM: spreadsheet programs then read the UTF-8 names (Fryslân) correctly
    antwoord = HttpResponse("\ufeff" + naar_csv(tabel), content_type="text/csv; charset=utf-8")
    antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return antwoord


def _overzicht_grafieken(user, cyclus, maat: str) -> dict:
    """The figures and the four charts of the overview (eight queries): the realised places
    over time are read once, for the map, the progress bars and the trend."""
    verloop = sel.realisatie_verloop(user, cyclus)
    stand = sel.provincie_overzicht(user, cyclus, verloop=verloop)
    provincies = [(p.code, p.naam) for p in stand.provincies]
    return {
        "cycli": list(Wetscyclus.objects.order_by("-jaar")),
        "overzicht": stand,
        "kaart": grafieken.kaart_grafiek(stand, maat, link=_provincie_link_voor(user)),
        "voortgang": grafieken.voortgang_grafiek(stand),
        "tijdlijn": grafieken.tijdlijn_grafiek(sel.cyclus_tijdlijn(user, cyclus)),
        "trend": grafieken.trend_grafiek(
            sel.realisatie_trends(user, cyclus, provincies=provincies, verloop=verloop), cyclus
        ),
    }


@require_GET
@toegang(Rol.MINISTERIE, Rol.COA, Rol.PRT_SECRETARIS)
def overzicht(request):
    cyclus = sel.kies_cyclus(request.GET.get("cyclus"))
    maat = sel.maat_of_standaard(request.GET.get("maat"))
    # computed only when the cached fragment is drawn
    context = lui(
        partial(_overzicht_grafieken, request.user, cyclus, maat),
        ("cycli", "overzicht", "kaart", "voortgang", "tijdlijn", "trend"),
    )
    context.update(
        {
            "cyclus": cyclus,
            "maat": maat,
            "maten": sel.MATEN,
            "beperkt": not (request.user.is_ministerie or request.user.is_coa),
            "tabellen": OVERZICHT_TABELLEN,
        }
    )
    return render(request, "inzicht/overzicht.html", context)


def _provincie_link_voor(user):
    """A map link only to the province pages this user may open (no link to a 404)."""
    if user.is_ministerie or user.is_coa:
        return grafieken.provincie_link
    eigen = Provincie.objects.filter(pk=user.eigen_provincie_id).values_list("code", flat=True)
    eigen = set(eigen)
    return lambda stand: grafieken.provincie_link(stand) if stand.code in eigen else None


def _zichtbare_provincies(user):
    if user.is_ministerie or user.is_coa:
        return Provincie.objects.all()
    return Provincie.objects.filter(pk=user.eigen_provincie_id)


@require_GET
@toegang(Rol.MINISTERIE, Rol.COA, Rol.PRT_SECRETARIS)
def provincie(request, code: str):
    prov = get_object_or_404(_zichtbare_provincies(request.user), code=code)
    cyclus = sel.kies_cyclus(request.GET.get("cyclus"))
    standen = sel.gemeente_standen(request.user, cyclus, prov)
    return render(
        request,
        "inzicht/provincie.html",
        {
            "provincie": prov,
            "cyclus": cyclus,
            "voortgang": grafieken.gemeente_voortgang_grafiek(standen, prov, cyclus),
        },
    )


@require_GET
@toegang(Rol.MINISTERIE, Rol.COA, Rol.PRT_SECRETARIS)
@bewaard_bestand(*OVERZICHT_TABELLEN)
def provincie_csv(request, code: str):
    prov = get_object_or_404(_zichtbare_provincies(request.user), code=code)
    cyclus = sel.kies_cyclus(request.GET.get("cyclus"))
    grafiek = grafieken.gemeente_voortgang_grafiek(
        sel.gemeente_standen(request.user, cyclus, prov), prov, cyclus
    )
    jaar = cyclus.jaar if cyclus else "geen-cyclus"
    return _csv_antwoord(grafiek.tabel, f"regietafel-voortgang-{prov.slug}-{jaar}.csv")


@require_GET
@toegang(Rol.MINISTERIE, Rol.COA, Rol.PRT_SECRETARIS)
@bewaard_bestand(*OVERZICHT_TABELLEN)
def grafiek_csv(request, grafiek: str):
    if grafiek not in GRAFIEKEN:
        raise Http404("Onbekende grafiek.")
    cyclus = sel.kies_cyclus(request.GET.get("cyclus"))
    jaar = cyclus.jaar if cyclus else "geen-cyclus"
    if grafiek == "kaart":
        maat = sel.maat_of_standaard(request.GET.get("maat"))
        g = grafieken.kaart_grafiek(sel.provincie_overzicht(request.user, cyclus), maat)
        naam = f"regietafel-kaart-{maat}-{jaar}.csv"
    elif grafiek == "voortgang":
        g = grafieken.voortgang_grafiek(sel.provincie_overzicht(request.user, cyclus))
        naam = f"regietafel-voortgang-{jaar}.csv"
    elif grafiek == "tijdlijn":
        g = grafieken.tijdlijn_grafiek(sel.cyclus_tijdlijn(request.user, cyclus))
        naam = f"regietafel-tijdlijn-{jaar}.csv"
    else:
        g = grafieken.trend_grafiek(sel.realisatie_trends(request.user, cyclus), cyclus)
        naam = f"regietafel-realisatie-trends-{jaar}.csv"
    return _csv_antwoord(g.tabel, naam)


def openbare_raming(raming_id: str | None):
    """A published raming by id, else the one in force for the current cycle if published."""
    if raming_id:
        try:
            return get_object_or_404(Raming.objects.openbaar(), pk=int(raming_id))
        except (TypeError, ValueError) as fout:
            raise Http404("Onbekende raming.") from fout
    raming = geldende_raming(huidige_cyclus())
    if raming is not None and raming.status == Raming.Status.GEPUBLICEERD:
        return raming
    return Raming.objects.openbaar().order_by("-cyclus__jaar", "-versie").first()


@login_not_required
@require_GET
@bewaard_bestand(*OVERZICHT_TABELLEN)
def openbaar_kaart_csv(request):
    raming = openbare_raming(request.GET.get("raming"))
    g = grafieken.openbare_kaart_grafiek(raming)
    naam = (
        f"capaciteitsraming-{raming.cyclus.jaar}-v{raming.versie}-opgave-per-provincie.csv"
        if raming
        else "capaciteitsraming-opgave-per-provincie.csv"
    )
    return _csv_antwoord(g.tabel, naam)


@login_not_required
@require_GET
def openbare_kaart(request):
    """The public map on its own page (also embeddable with {% openbare_provinciekaart %})."""
    raming = openbare_raming(request.GET.get("raming"))
    return render(request, "inzicht/openbare_kaart.html", {"raming": raming})
