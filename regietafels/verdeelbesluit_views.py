"""Pages of the verdeelbesluit: list, draft, rows, fixing, new versions, exports."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST

from accounts.models import Rol
from accounts.rechten import Handeling, vereist
from accounts.toegang import IEDEREEN, toegang
from core.cache import bereik
from core.exports import veilige_cel
from raming.models import Gemeente

from . import forms, selectors, services
from .models import (
    Verdeelbesluit,
    VerdeelbesluitRegel,
)
from .weergave import (
    _cyclus,
    _formfouten,
    _fout_naar_messages,
)

# --- verdeelbesluit -------------------------------------------------------------------------


@toegang(Rol.MINISTERIE, Rol.COA, Rol.PRT_SECRETARIS, Rol.GEMEENTE)
def verdeelbesluiten(request):
    cyclus = _cyclus(request)
    if request.method == "POST":
        vereist(request.user, Handeling.VERDEELBESLUIT_NEMEN)
        try:
            besluit = services.verdeelbesluit_voorstellen(cyclus=cyclus, door=request.user)
        except ValidationError as fout:
            _fout_naar_messages(request, fout)
        else:
            messages.success(request, "Een concept-verdeelbesluit is voorgesteld.")
            return redirect("regietafels:verdeelbesluit", pk=besluit.pk)
    besluiten = Verdeelbesluit.objects.zichtbaar_voor(request.user).select_related(
        "cyclus", "vastgesteld_door"
    )
    return render(
        request,
        "regietafels/verdeelbesluiten.html",
        {
            "cyclus": cyclus,
            "besluiten": besluiten,
            "kan_voorstellen": request.user.is_ministerie
            and not Verdeelbesluit.objects.filter(cyclus=cyclus).exists(),
        },
    )


def _besluit(request, pk) -> Verdeelbesluit:
    return get_object_or_404(
        Verdeelbesluit.objects.zichtbaar_voor(request.user).select_related("cyclus"), pk=pk
    )


@toegang(IEDEREEN)
def verdeelbesluit(request, pk):
    return _verdeelbesluit_pagina(request, _besluit(request, pk))


def _verdeelbesluit_pagina(request, besluit, nieuwe_versie_form=None, status=200):
    """The besluit's page; with ``nieuwe_versie_form`` sent back with its errors and the
    reason as typed (status 400)."""
    provincie = request.GET.get("provincie", "")
    bewerkbaar = request.user.is_ministerie and besluit.status == Verdeelbesluit.Status.CONCEPT
    # Read only when the tables' fragment is not in the cache (342 rows in a national one).
    overzicht = SimpleLazyObject(
        lambda: selectors.verdeelbesluit_overzicht(besluit, user=request.user, provincie=provincie)
    )
    return render(
        request,
        "regietafels/verdeelbesluit.html",
        {
            "besluit": besluit,
            "overzicht": overzicht,
            "bereik": bereik(request.user),
            "gekozen_provincie": provincie,
            "bewerkbaar": bewerkbaar,
            "vaststellen_form": forms.VaststellenForm(),
            "nieuwe_versie_form": nieuwe_versie_form or forms.NieuweVersieForm(),
            "gereedheid": services.verdeelbesluit_gereedheid(besluit.cyclus)
            if bewerkbaar
            else None,
            "kan_vervangen": request.user.is_ministerie
            and besluit.status == Verdeelbesluit.Status.VASTGESTELD
            and selectors.nieuwste_verdeelbesluit_pk(besluit.cyclus_id) == besluit.pk,
            "vervangen_door": besluit.volgende_versies.first(),
            "geschiedenis": (
                besluit.history.select_related("history_user").order_by("-history_date")[:20]
                if request.user.is_ministerie
                else []
            ),
        },
        status=status,
    )


@toegang(IEDEREEN)
def verdeelbesluit_regel(request, pk, regel_pk):
    besluit = _besluit(request, pk)
    vereist(request.user, Handeling.VERDEELBESLUIT_NEMEN)
    regel = get_object_or_404(
        VerdeelbesluitRegel.objects.select_related("gemeente"), verdeelbesluit=besluit, pk=regel_pk
    )
    aanpassen = forms.RegelAanpassenForm(
        request.POST if "aanpassen" in request.POST else None,
        initial={"aantal": regel.aantal, "aanpassingsreden": regel.aanpassingsreden},
    )
    vrijstellen = forms.VrijstellingForm(
        request.POST if "vrijstellen" in request.POST else None,
        initial={"vrijgesteld": regel.vrijgesteld, "vrijstelling_reden": regel.vrijstelling_reden},
    )
    if request.method == "POST":
        try:
            if "aanpassen" in request.POST and aanpassen.is_valid():
                services.regel_aanpassen(
                    regel=regel,
                    aantal=aanpassen.cleaned_data["aantal"],
                    reden=aanpassen.cleaned_data["aanpassingsreden"],
                    door=request.user,
                )
                messages.success(request, f"Het aantal voor {regel.gemeente} is aangepast.")
                return redirect("regietafels:verdeelbesluit", pk=pk)
            if "vrijstellen" in request.POST and vrijstellen.is_valid():
                services.gemeente_vrijstellen(
                    regel=regel,
                    vrijgesteld=vrijstellen.cleaned_data["vrijgesteld"],
                    reden=vrijstellen.cleaned_data["vrijstelling_reden"],
                    door=request.user,
                )
                messages.success(request, "De restopgave van de provincie is opnieuw voorgesteld.")
                return redirect("regietafels:verdeelbesluit", pk=pk)
        except ValidationError as fout:
            _formfouten(aanpassen if "aanpassen" in request.POST else vrijstellen, fout)
    return render(
        request,
        "regietafels/verdeelbesluit_regel.html",
        {"besluit": besluit, "regel": regel, "aanpassen": aanpassen, "vrijstellen": vrijstellen},
    )


@toegang(IEDEREEN)
def verdeelbesluit_vaststellen(request, pk):
    """Confirm, then act: GET (from the besluit page, with the date) shows what fixing will do
    and what still stands open; POST fixes it (with a reason when not ready)."""
    besluit = _besluit(request, pk)
    vereist(request.user, Handeling.VERDEELBESLUIT_NEMEN)
    if besluit.status != Verdeelbesluit.Status.CONCEPT:
        messages.error(request, "Dit verdeelbesluit is al vastgesteld.")
        return redirect("regietafels:verdeelbesluit", pk=pk)
    form = forms.VaststellenBevestigenForm(
        request.POST if request.method == "POST" else (request.GET or None)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.verdeelbesluit_vaststellen(
                verdeelbesluit=besluit,
                besluitdatum=form.cleaned_data["besluitdatum"],
                afwijkingsreden=form.cleaned_data["afwijkingsreden"],
                door=request.user,
            )
        except ValidationError as fout:
            _formfouten(form, fout)
        else:
            messages.success(request, "Het verdeelbesluit is vastgesteld.")
            return redirect("regietafels:verdeelbesluit", pk=pk)
    besluitdatum = None
    if form.is_bound and (form.is_valid() or "besluitdatum" not in form.errors):
        besluitdatum = form.cleaned_data.get("besluitdatum")
    return render(
        request,
        "regietafels/verdeelbesluit_vaststellen.html",
        {
            "besluit": besluit,
            "form": form,
            "voorbeeld": services.vaststellen_voorbeeld(besluit, besluitdatum=besluitdatum),
        },
        status=400 if request.method == "POST" else 200,
    )


@toegang(IEDEREEN)
def verdeelbesluit_herzien(request, pk):
    """Supersede a fixed besluit for one gemeente (fixed at once) or for all (a new draft)."""
    besluit = _besluit(request, pk)
    vereist(request.user, Handeling.VERDEELBESLUIT_NEMEN)
    form = forms.HerzienForm(
        request.POST or None,
        gemeenten=Gemeente.objects.filter(
            pk__in=besluit.regels.values_list("gemeente_id", flat=True)
        ).order_by("naam"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            nieuw = services.verdeelbesluit_herzien(
                verdeelbesluit=besluit,
                reden=form.cleaned_data["reden"],
                gemeente=form.cleaned_data["gemeente"],
                aantal=form.cleaned_data["aantal"],
                door=request.user,
            )
        except ValidationError as fout:
            _formfouten(form, fout)
        else:
            if nieuw.status == Verdeelbesluit.Status.VASTGESTELD:
                messages.success(
                    request, f"Versie {nieuw.versie} is vastgesteld en vervangt de vorige."
                )
            else:
                messages.success(request, f"Versie {nieuw.versie} is aangemaakt als concept.")
            return redirect("regietafels:verdeelbesluit", pk=nieuw.pk)
    return render(
        request,
        "regietafels/verdeelbesluit_herzien.html",
        {"besluit": besluit, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@toegang(IEDEREEN)
def verdeelbesluit_nieuwe_versie(request, pk):
    besluit = _besluit(request, pk)
    vereist(request.user, Handeling.VERDEELBESLUIT_NEMEN)
    form = forms.NieuweVersieForm(request.POST)
    if not form.is_valid():
        return _verdeelbesluit_pagina(request, besluit, nieuwe_versie_form=form, status=400)
    try:
        nieuw = services.verdeelbesluit_nieuwe_versie(
            verdeelbesluit=besluit, reden=form.cleaned_data["reden"], door=request.user
        )
    except ValidationError as fout:
        form.add_error(None, fout.messages)
        return _verdeelbesluit_pagina(request, besluit, nieuwe_versie_form=form, status=400)
    messages.success(request, f"Versie {nieuw.versie} is aangemaakt als concept.")
    return redirect("regietafels:verdeelbesluit", pk=nieuw.pk)


EXPORT_KOPPEN = [
    "Provincie",
    "Gemeente",
    "CBS-code",
    "Indicatief aantal",
    "Aangeboden",
    "Restopgave",
    "Voorgesteld",
    "Vastgesteld aantal",
    "Vrijgesteld",
    "Reden vrijstelling",
    "Reden aanpassing",
    "Realisatietermijn",
]


def _export_rijen(besluit, user):
    for r in (
        VerdeelbesluitRegel.objects.zichtbaar_voor(user)
        .filter(verdeelbesluit=besluit)
        .select_related("gemeente__provincie")
        .order_by("gemeente__provincie__code", "gemeente__naam")
    ):
        yield [
            r.gemeente.provincie.naam,
            r.gemeente.naam,
            r.gemeente.code,
            r.indicatief_aantal,
            r.aangeboden,
            r.restopgave,
            r.voorgesteld,
            r.aantal,
            "ja" if r.vrijgesteld else "nee",
            r.vrijstelling_reden,
            r.aanpassingsreden,
            r.realisatietermijn.isoformat() if r.realisatietermijn else "",
        ]


@toegang(IEDEREEN)
def verdeelbesluit_export(request, pk, formaat):
    besluit = _besluit(request, pk)
    naam = f"verdeelbesluit-{besluit.cyclus.jaar}-v{besluit.versie}"
    rijen = [[veilige_cel(w) for w in rij] for rij in _export_rijen(besluit, request.user)]
    if formaat == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{naam}.csv"'
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";")
        writer.writerow(EXPORT_KOPPEN)
        writer.writerows(rijen)
        return response
    if formaat == "xlsx":
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet(title=f"Verdeelbesluit {besluit.cyclus.jaar}")
        ws.append(EXPORT_KOPPEN)
        for rij in rijen:
            ws.append(rij)
        response = HttpResponse(
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{naam}.xlsx"'
        wb.save(response)
        return response
    raise Http404
