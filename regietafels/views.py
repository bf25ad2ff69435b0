"""Pages of the regietafels: the ministry's overview, extensions, assessment,
the verdeelbesluit and realisation. Thin: access via ``zichtbaar_voor``, actions via services."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import Rol
from accounts.rechten import rol_vereist
from accounts.toegang import IEDEREEN, toegang
from core.fragmenten import lui
from raming.models import Mijlpaal, Raming
from raming.selectors import geldende_raming, provinciale_opgaven

from . import forms, selectors, services
from .cyclusfase import cyclus_fase
from .models import (
    Beoordeling,
    Lid,
    Verslag,
)
from .termijnen import verslagtermijn
from .weergave import (
    _cyclus,
    _formfouten,
    _regietafel,
    _verslag,
)

# --- overview and regietafel page ------------------------------------------------------------


# Every table the overview's rows and its map read (realised places count the register's
# locations): one cached fragment keyed with them.
OVERZICHT_TABELLEN = ("raming", "regietafels", "locaties.opvanglocatie", "locaties.fasewijziging")


def _overzicht_regels(cyclus, user, sorteer: str) -> dict:
    regels = selectors.provincie_overzicht(cyclus, user=user, sorteer=sorteer)
    return {
        "regels": regels,
        "totaal_opgave": sum(r.opgave for r in regels),
        "totaal_aangeboden": sum(r.aangeboden for r in regels),
        # every open request of the cycle belongs to one of the (visible) rows
        "aantal_open_verzoeken": sum(r.open_verzoeken for r in regels),
    }


@toegang(IEDEREEN)
def overzicht(request):
    """Ministry/COA: all 12 provinces. PRT: its own regietafel. Gemeente: its own page."""
    user = request.user
    if user.is_prt:
        return redirect("regietafels:regietafel", slug=user.provincie.slug)
    if user.is_gemeente:
        return redirect("regietafels:gemeente")
    rol_vereist(request.user, {Rol.MINISTERIE, Rol.COA})
    cyclus = _cyclus(request)
    sorteer = request.GET.get("sorteer", "provincie")
    if sorteer.lstrip("-") not in selectors.SORTEERVELDEN:
        sorteer = "provincie"
    kolommen = [
        ("provincie", "Provincie"),
        ("opgave", "Opgave"),
        ("aangeboden", "Aangeboden"),
        ("verschil", "Verschil"),
        ("status", "Status"),
        ("termijn", "Termijn"),
        ("dagen", "Dagen resterend"),
    ]
    koppen = [
        {
            "veld": veld,
            "label": label,
            "actief": sorteer.lstrip("-") == veld,
            "aflopend": sorteer == f"-{veld}",
            "url": f"?sorteer={'-' if sorteer == veld else ''}{veld}&cyclus={cyclus.jaar}",
        }
        for veld, label in kolommen
    ]
    return render(
        request,
        "regietafels/overzicht.html",
        {
            "cyclus": cyclus,
            "koppen": koppen,
            "sorteer": sorteer,
            "tabellen": OVERZICHT_TABELLEN,
            # computed only when the cached fragment is drawn
            **lui(
                partial(_overzicht_regels, cyclus, user, sorteer),
                ("regels", "totaal_opgave", "totaal_aangeboden", "aantal_open_verzoeken"),
            ),
        },
    )


@toegang(Rol.MINISTERIE, Rol.COA, Rol.PRT_SECRETARIS)
def regietafel(request, slug):
    tafel = _regietafel(request, slug)
    cyclus = _cyclus(request)
    leden = (
        Lid.objects.zichtbaar_voor(request.user).filter(regietafel=tafel).select_related("gemeente")
    )
    raming = geldende_raming(cyclus)
    opgave = provinciale_opgaven(raming).get(tafel.provincie_id)
    termijn = verslagtermijn(cyclus, tafel)
    verslag = (
        Verslag.objects.zichtbaar_voor(request.user).filter(regietafel=tafel, cyclus=cyclus).first()
    )

    vandaag = timezone.localdate()
    mijlpalen = [
        {
            "mijlpaal": m,
            "datum": termijn.effectief if m.soort == Mijlpaal.Soort.VERSLAG else m.datum,
        }
        for m in Mijlpaal.objects.filter(cyclus=cyclus).order_by("datum")
    ]
    # A milestone that has been reached says so, instead of "verstreken" once its date passed
    # (a raming published late, say, was not missed).
    afgerond = {}
    if raming is not None and raming.status == Raming.Status.GEPUBLICEERD:
        afgerond[Mijlpaal.Soort.RAMING] = "gepubliceerd" + (
            f" op {date_format(raming.gepubliceerd_op, 'j F Y')}" if raming.gepubliceerd_op else ""
        )
    if verslag is not None and verslag.status in (
        Verslag.Status.INGEDIEND,
        Verslag.Status.BEOORDEELD,
    ):
        afgerond[Mijlpaal.Soort.VERSLAG] = "ingediend"
    if any(m["mijlpaal"].soort == Mijlpaal.Soort.VERDEELBESLUIT for m in mijlpalen):
        if selectors.geldend_verdeelbesluit(cyclus) is not None:
            afgerond[Mijlpaal.Soort.VERDEELBESLUIT] = "vastgesteld"
    for m in mijlpalen:
        m["dagen"] = (m["datum"] - vandaag).days if m["datum"] else None
        m["afgerond"] = afgerond.get(m["mijlpaal"].soort)
    return render(
        request,
        "regietafels/regietafel.html",
        {
            "regietafel": tafel,
            "cyclus": cyclus,
            "leden": leden,
            "opgave": opgave,
            "termijn": termijn,
            "dagen": termijn.dagen_resterend(vandaag),
            "mijlpalen": mijlpalen,
            "verslag": verslag,
            "verzoeken": (
                verslag.verlengingsverzoeken.select_related("besloten_door") if verslag else []
            ),
            "mag_aanmaken": request.user.is_prt and verslag is None,
        },
    )


# --- assessment -----------------------------------------------------------------------------


@toegang(Rol.MINISTERIE)
def beoordelen(request, slug):
    verslag = _verslag(request, slug)
    form = forms.BeoordelingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        oordeel = form.cleaned_data["oordeel"]
        try:
            if oordeel == Beoordeling.Oordeel.TERUGGESTUURD:
                services.verslag_terugsturen(
                    verslag=verslag, opmerkingen=form.cleaned_data["opmerkingen"], door=request.user
                )
            else:
                services.verslag_beoordelen(
                    verslag=verslag,
                    oordeel=oordeel,
                    opmerkingen=form.cleaned_data["opmerkingen"],
                    door=request.user,
                )
        except ValidationError as fout:
            _formfouten(form, fout)
        else:
            messages.success(request, "Het oordeel is vastgelegd.")
            return redirect("regietafels:verslag", slug=slug)
    return render(
        request,
        "regietafels/beoordelen.html",
        {
            "verslag": verslag,
            "form": form,
            "samenvatting": services.verslag_samenvatting(
                verslag, selectors.verslag_regels(verslag)
            ),
        },
    )


@toegang(Rol.MINISTERIE, Rol.COA)
def cyclusfase(request):
    """Ministry (and COA): the cycle's phase, derived from its milestones, and what is open."""
    cyclus = _cyclus(request)
    return render(
        request,
        "regietafels/cyclusfase.html",
        {"cyclus": cyclus, "fase": cyclus_fase(cyclus)},
    )
