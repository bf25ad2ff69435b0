"""Pages for extensions of the verslag term: a PRT's request, the ministry's grant (one PRT
or all), its decision on requests."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.models import Rol
from accounts.rechten import Handeling, vereist
from accounts.toegang import toegang

from . import forms, selectors, services
from .models import (
    Regietafel,
    Termijnverlenging,
    Verlengingsverzoek,
)
from .termijnen import verslagtermijn
from .weergave import (
    _cyclus,
    _formfouten,
    _verslag,
)

# --- extensions -----------------------------------------------------------------------------


@toegang(Rol.PRT_SECRETARIS)
def verlenging_aanvragen(request, slug):
    verslag = _verslag(request, slug)
    form = forms.VerlengingsverzoekForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.verlenging_aanvragen(
                verslag=verslag,
                reden=form.cleaned_data["reden"],
                gevraagde_datum=form.cleaned_data["gevraagde_datum"],
                door=request.user,
            )
        except ValidationError as fout:
            _formfouten(form, fout)
        else:
            messages.success(request, "Uw verzoek om verlenging is ingediend.")
            return redirect("regietafels:regietafel", slug=slug)
    return render(
        request,
        "regietafels/verlenging_aanvragen.html",
        {
            "verslag": verslag,
            "form": form,
            "termijn": verslagtermijn(verslag.cyclus, verslag.regietafel),
            "verzoeken": verslag.verlengingsverzoeken.select_related("besloten_door"),
        },
    )


@toegang(Rol.MINISTERIE, Rol.COA)
def verlengingen(request):
    """Ministry: open requests with a decision form each; grant for one or all PRTs."""
    cyclus = _cyclus(request)
    regietafels = Regietafel.objects.zichtbaar_voor(request.user).select_related("provincie")
    form = forms.VerlengingForm(request.POST or None, regietafels=regietafels)
    if request.method == "POST":
        vereist(request.user, Handeling.VERLENGING_BESLUITEN)
        if form.is_valid():
            try:
                if "bevestigd" not in request.POST:
                    # confirm, then act: first what will happen
                    voorbeeld = services.verlenging_voorbeeld(
                        cyclus=cyclus,
                        regietafel=form.cleaned_data["regietafel"],
                        nieuwe_datum=form.cleaned_data["nieuwe_datum"],
                    )
                    return render(
                        request,
                        "regietafels/verlenging_bevestigen.html",
                        {"cyclus": cyclus, "form": form, "voorbeeld": voorbeeld},
                    )
                services.verlenging_toekennen(
                    cyclus=cyclus,
                    regietafel=form.cleaned_data["regietafel"],
                    nieuwe_datum=form.cleaned_data["nieuwe_datum"],
                    reden=form.cleaned_data["reden"],
                    referentie=form.cleaned_data["referentie"],
                    door=request.user,
                )
            except ValidationError as fout:
                _formfouten(form, fout)
            else:
                messages.success(request, "De termijnverlenging is vastgelegd.")
                return redirect(reverse("regietafels:verlengingen") + f"?cyclus={cyclus.jaar}")
    return _verlengingen_pagina(request, cyclus, form)


def _verlengingen_pagina(request, cyclus, form, besluit=None, status=200):
    """The ministry's page of extensions; ``besluit`` is the bound decision form of one
    request that had errors: shown in its place, with what was typed."""
    verzoeken = (
        Verlengingsverzoek.objects.zichtbaar_voor(request.user)
        .filter(verslag__cyclus=cyclus)
        .select_related("verslag__regietafel__provincie", "ingediend_door", "besloten_door")
    )
    besluit_prefix = besluit.prefix if besluit is not None else None
    return render(
        request,
        "regietafels/verlengingen.html",
        {
            "cyclus": cyclus,
            "form": form,
            "open_verzoeken": [
                (
                    v,
                    besluit
                    if f"v{v.pk}" == besluit_prefix
                    else forms.VerzoekBesluitForm(prefix=f"v{v.pk}"),
                )
                for v in verzoeken
                if v.status == Verlengingsverzoek.Status.OPEN
            ],
            "besloten": [v for v in verzoeken if v.status != Verlengingsverzoek.Status.OPEN],
            "toegekend": Termijnverlenging.alle.zichtbaar_voor(request.user)
            .filter(cyclus=cyclus)
            .select_related("regietafel", "besloten_door", "ingetrokken_door", "vervangt"),
            "termijnen": selectors.provincie_overzicht(cyclus, user=request.user),
        },
        status=status,
    )


@require_POST
@toegang(Rol.MINISTERIE)
def verzoek_besluiten(request, pk):
    verzoek = get_object_or_404(
        Verlengingsverzoek.objects.zichtbaar_voor(request.user).select_related("verslag__cyclus"),
        pk=pk,
    )
    cyclus = verzoek.verslag.cyclus
    form = forms.VerzoekBesluitForm(request.POST, prefix=f"v{pk}")
    if form.is_valid():
        try:
            services.verlengingsverzoek_besluiten(
                verzoek=verzoek,
                toekennen=form.cleaned_data["besluit"] == "toekennen",
                besluit_reden=form.cleaned_data["besluit_reden"],
                nieuwe_datum=form.cleaned_data["nieuwe_datum"],
                referentie=form.cleaned_data["referentie"],
                door=request.user,
            )
        except ValidationError as fout:
            _formfouten(form, fout)
        else:
            messages.success(request, "Het besluit op het verzoek is vastgelegd.")
            return redirect(reverse("regietafels:verlengingen") + f"?cyclus={cyclus.jaar}")
    # errors: the page again, this request's form with what was typed and all its errors
    nieuw = forms.VerlengingForm(
        regietafels=Regietafel.objects.zichtbaar_voor(request.user).select_related("provincie")
    )
    return _verlengingen_pagina(request, cyclus, nieuw, besluit=form)


@toegang(handeling=Handeling.VERLENGING_BESLUITEN)
def verlenging_corrigeren(request, pk):
    """Ministry: correct a granted extension's date or withdraw it, with a reason. Both are
    recorded (who, when, why); the extension stays in the list with its correction."""
    verlenging = get_object_or_404(
        Termijnverlenging.alle.zichtbaar_voor(request.user).select_related(
            "cyclus", "regietafel__provincie", "besloten_door"
        ),
        pk=pk,
    )
    form = forms.VerlengingCorrigerenForm(request.POST or None)
    voorbeeld = None
    if request.method == "POST" and form.is_valid():
        actie = form.cleaned_data["actie"]
        try:
            if actie == "intrekken":
                services.verlenging_intrekken(
                    verlenging=verlenging, reden=form.cleaned_data["reden"], door=request.user
                )
                messages.success(request, "De verlenging is ingetrokken.")
                return redirect(
                    reverse("regietafels:verlengingen") + f"?cyclus={verlenging.cyclus.jaar}"
                )
            if form.cleaned_data["nieuwe_datum"] is None:
                raise ValidationError({"nieuwe_datum": ["Vul de gecorrigeerde datum in."]})
            if "bevestigd" not in request.POST:
                voorbeeld = services.verlenging_voorbeeld(
                    cyclus=verlenging.cyclus,
                    regietafel=verlenging.regietafel,
                    nieuwe_datum=form.cleaned_data["nieuwe_datum"],
                    vervangt=verlenging,
                )
            else:
                services.verlenging_corrigeren(
                    verlenging=verlenging,
                    nieuwe_datum=form.cleaned_data["nieuwe_datum"],
                    reden=form.cleaned_data["reden"],
                    door=request.user,
                )
                messages.success(request, "De verlenging is gecorrigeerd.")
                return redirect(
                    reverse("regietafels:verlengingen") + f"?cyclus={verlenging.cyclus.jaar}"
                )
        except ValidationError as fout:
            _formfouten(form, fout)
    return render(
        request,
        "regietafels/verlenging_corrigeren.html",
        {
            "verlenging": verlenging,
            "form": form,
            "voorbeeld": voorbeeld,
            "geschiedenis": verlenging.history.select_related("history_user").order_by(
                "-history_date"
            ),
        },
    )
