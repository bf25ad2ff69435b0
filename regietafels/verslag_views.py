"""The verslag of a regietafel: its page (save, submit), receipts, versions and attachments."""

from __future__ import annotations

from functools import cache, partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.models import Rol
from accounts.rechten import GeenToegang, rol_vereist
from accounts.toegang import toegang
from core.bewaard_bestand import bewaard_bestand
from core.fragmenten import fragment_sleutel

from . import forms, selectors, services, werkboek
from .models import Beoordeling, Bijlage, Verslag, VerslagVersie
from .termijnen import verslagtermijn
from .verslag_pagina import (
    VERSLAGTABEL_TABELLEN,
    bewaard_verslag_met_totalen,
    verslag_context,
)
from .weergave import (
    LEZERS,
    _cyclus,
    _formfouten,
    _fout_naar_messages,
    _mag_bewerken,
    _regietafel,
    _verslag,
)


@require_POST
@toegang(Rol.PRT_SECRETARIS)
def verslag_aanmaken(request, slug):
    tafel = _regietafel(request, slug)
    try:
        services.verslag_aanmaken(regietafel=tafel, cyclus=_cyclus(request), door=request.user)
    except ValidationError as fout:
        _fout_naar_messages(request, fout)
        return redirect("regietafels:regietafel", slug=slug)
    messages.success(request, "Het verslag is aangemaakt met een regel per gemeente.")
    return redirect("regietafels:verslag", slug=slug)


# --- the verslag ----------------------------------------------------------------------------


def _jaar(request) -> int | None:
    jaar = request.GET.get("cyclus")
    return int(jaar) if jaar and jaar.isdigit() else None


def _naam_provincie(user, verslag: Verslag) -> None:
    if user.is_prt and user.provincie_id == verslag.regietafel.provincie_id:
        # The page header names the user's province: the one just read (saves a query).
        user.provincie = verslag.regietafel.provincie


def _verslag_pagina(request, slug) -> Verslag:
    """The verslag for its page (404 like ``_verslag``), with its deadline dates, opgave,
    exchanges and number of versions (``selectors.verslag_voor_pagina``), read anew."""
    rol_vereist(request.user, LEZERS)
    verslag = selectors.verslag_voor_pagina(request.user, slug=slug, jaar=_jaar(request))
    if verslag is None:
        raise Http404("Geen verslag gevonden.")
    _naam_provincie(request.user, verslag)
    return verslag


def _bewaard_verslag_pagina(request, slug):
    """As ``_verslag_pagina``, with the totals of its rows, as kept in the cache (read pages
    only): ``(verslag, samenvatting, regels, sleutel)``, where ``regels`` is a callable that
    returns the rows (read once, and only when called, unless just read) and ``sleutel`` the
    fragment key the verslag was kept under (that of the table of rows)."""
    rol_vereist(request.user, LEZERS)
    sleutel = fragment_sleutel(request.user, VERSLAGTABEL_TABELLEN)
    gevonden = bewaard_verslag_met_totalen(
        request.user, sleutel=sleutel, slug=slug, jaar=_jaar(request)
    )
    if gevonden is None:
        raise Http404("Geen verslag gevonden.")
    verslag, samenvatting, gelezen = gevonden
    _naam_provincie(request.user, verslag)
    if gelezen is None:
        regels = cache(partial(selectors.verslag_regels, verslag))
    else:
        regels = partial(list, gelezen)
    return verslag, samenvatting, regels, sleutel


@toegang(Rol.MINISTERIE, Rol.COA, Rol.PRT_SECRETARIS)
def verslag(request, slug):
    if request.method == "POST":
        verslag = _verslag_pagina(request, slug)
        regels = selectors.verslag_regels(verslag)
        if not _mag_bewerken(request.user, verslag):
            if request.user.is_prt:
                messages.error(request, "Dit verslag is bevroren en kan niet worden gewijzigd.")
                return redirect("regietafels:verslag", slug=slug)
            raise GeenToegang("Dit verslag kunt u niet bewerken.")
        invoer, fouten, ruw = forms.verslag_invoer_lezen(request.POST, regels)
        versie = request.POST.get("versie", "")
        bevestigen = []
        if not fouten:
            try:
                services.verslag_opslaan(
                    verslag=verslag,
                    versie=int(versie) if versie.isdigit() else -1,
                    regels=invoer,
                    open_besluiten=request.POST.get("open_besluiten", ""),
                    knelpunten=request.POST.get("knelpunten", ""),
                    door=request.user,
                    bevestigd=forms.bevestiging_lezen(request.POST),
                )
            except services.VerslagGewijzigd as fout:
                messages.error(request, fout.messages[0])
                return redirect("regietafels:verslag", slug=slug)
            except services.BevestigingNodig as fout:
                # Unusual but possible figures: the same form again, everything kept, with a
                # confirmation step naming each row and what saving it means.
                bevestigen = fout.regels
                fouten = {"bevestigd": "Bevestig de ongewoon hoge aantallen of pas ze aan."}
            except ValidationError as fout:
                fouten = forms.foutmeldingen(fout)
            else:
                messages.success(request, "Het concept is opgeslagen.")
                if "indienen" in request.POST:
                    return redirect("regietafels:indienen", slug=slug)
                return redirect("regietafels:verslag", slug=slug)
        verslag.open_besluiten = request.POST.get("open_besluiten", "")
        verslag.knelpunten = request.POST.get("knelpunten", "")
        samenvatting = services.verslag_samenvatting(verslag, regels, opgave=verslag.opgave_aantal)
        context = verslag_context(
            request, verslag, samenvatting, lambda: regels, ruw=ruw, fouten=fouten
        )
        context["formulier_versie"] = versie
        context["bevestigen"] = bevestigen
        return render(request, "regietafels/verslag.html", context, status=400)
    # the rows are read only when a fragment that shows them is drawn
    verslag, samenvatting, regels, sleutel = _bewaard_verslag_pagina(request, slug)
    context = verslag_context(request, verslag, samenvatting, regels)
    context["tabel_sleutel"] = sleutel
    context["formulier_versie"] = verslag.versie
    return render(request, "regietafels/verslag.html", context)


@toegang(Rol.PRT_SECRETARIS)
def indienen(request, slug):
    verslag = _verslag(request, slug)
    if verslag.status not in services.BEWERKBAAR:
        messages.error(request, "Dit verslag is al ingediend.")
        return redirect("regietafels:verslag", slug=slug)
    regels = selectors.verslag_regels(verslag)
    form = forms.VerslagIndienenForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            versie = request.POST.get("versie", "")
            try:
                momentopname = services.verslag_indienen(
                    verslag=verslag,
                    versie=int(versie) if versie.isdigit() else -1,
                    door=request.user,
                )
            except ValidationError as fout:
                _formfouten(form, fout)
            else:
                return redirect(
                    "regietafels:ontvangst", slug=slug, volgnummer=momentopname.volgnummer
                )
    termijn = verslagtermijn(verslag.cyclus, verslag.regietafel)
    vandaag = timezone.localdate()
    return render(
        request,
        "regietafels/indienen.html",
        {
            "form": form,
            "verslag": verslag,
            "samenvatting": services.verslag_samenvatting(verslag, regels),
            "termijn": termijn,
            "te_laat": termijn.effectief is not None and vandaag > termijn.effectief,
            "bijlagen": verslag.bijlagen.all(),
            "aantal_ingevuld": sum(1 for r in regels if r.aangeboden),
            "gevolgen": services.indienen_gevolgen(verslag, vandaag=vandaag),
        },
    )


@toegang(Rol.MINISTERIE, Rol.COA, Rol.PRT_SECRETARIS)
def ontvangst(request, slug, volgnummer):
    verslag = _verslag(request, slug)
    versie = get_object_or_404(
        VerslagVersie.objects.zichtbaar_voor(request.user).select_related("ingediend_door"),
        verslag=verslag,
        volgnummer=volgnummer,
    )
    return render(request, "regietafels/ontvangst.html", {"verslag": verslag, "versie": versie})


@toegang(Rol.MINISTERIE, Rol.COA, Rol.PRT_SECRETARIS)
def versies(request, slug):
    verslag = _verslag(request, slug)
    return render(
        request,
        "regietafels/versies.html",
        {
            "verslag": verslag,
            "versies": VerslagVersie.objects.zichtbaar_voor(request.user)
            .filter(verslag=verslag)
            .select_related("ingediend_door")
            .prefetch_related(Prefetch("beoordelingen", queryset=Beoordeling.objects.all())),
        },
    )


@toegang(Rol.MINISTERIE, Rol.COA, Rol.PRT_SECRETARIS)
def versie(request, slug, volgnummer):
    verslag = _verslag(request, slug)
    alle = {
        v.volgnummer: v
        for v in VerslagVersie.objects.zichtbaar_voor(request.user)
        .filter(verslag=verslag, volgnummer__in=[volgnummer, volgnummer - 1])
        .select_related("ingediend_door")
    }
    if volgnummer not in alle:
        raise Http404
    huidig, vorige = alle[volgnummer], alle.get(volgnummer - 1)
    return render(
        request,
        "regietafels/versie.html",
        {
            "verslag": verslag,
            "versie": huidig,
            "vorige": vorige,
            "rijen": selectors.versie_verschillen(vorige.inhoud if vorige else None, huidig.inhoud),
        },
    )


# --- attachments ----------------------------------------------------------------------------


@require_POST
@toegang(Rol.PRT_SECRETARIS)
def bijlage_toevoegen(request, slug):
    verslag = _verslag(request, slug)
    form = forms.BijlageForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Kies een bestand om toe te voegen.")
    else:
        try:
            services.bijlage_toevoegen(
                verslag=verslag, bestand=form.cleaned_data["bestand"], door=request.user
            )
        except ValidationError as fout:
            _fout_naar_messages(request, fout)
        else:
            messages.success(request, "De bijlage is toegevoegd.")
    return redirect(reverse("regietafels:verslag", kwargs={"slug": slug}) + "#bijlagen")


def _bijlage(request, slug, pk) -> Bijlage:
    verslag = _verslag(request, slug)
    return get_object_or_404(Bijlage.objects.zichtbaar_voor(request.user), verslag=verslag, pk=pk)


@toegang(Rol.MINISTERIE, Rol.COA, Rol.PRT_SECRETARIS)
def bijlage_downloaden(request, slug, pk):
    bijlage = _bijlage(request, slug, pk)
    response = FileResponse(
        bijlage.bestand.open("rb"),
        as_attachment=True,
        filename=bijlage.oorspronkelijke_naam,
        content_type=bijlage.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@toegang(Rol.PRT_SECRETARIS)
def bijlage_verwijderen(request, slug, pk):
    bijlage = _bijlage(request, slug, pk)
    try:
        services.bijlage_verwijderen(bijlage=bijlage, door=request.user)
    except ValidationError as fout:
        _fout_naar_messages(request, fout)
    else:
        messages.success(request, "De bijlage is verwijderd.")
    return redirect(reverse("regietafels:verslag", kwargs={"slug": slug}) + "#bijlagen")


# --- the verslag as a workbook --------------------------------------------------------------


@toegang(Rol.MINISTERIE, Rol.COA, Rol.PRT_SECRETARIS)
@bewaard_bestand(*werkboek.TABELLEN)
def verslag_werkboek(request, slug):
    """The verslag as an xlsx workbook (``werkboek.werkboek_maken``)."""
    verslag = _verslag(request, slug)
    inhoud = werkboek.werkboek_maken(verslag, selectors.verslag_regels(verslag))
    response = HttpResponse(inhoud, content_type=werkboek.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{werkboek.bestandsnaam(verslag)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _werkboek_verslag(request, slug) -> Verslag:
    verslag = _verslag(request, slug)
    rol_vereist(request.user, {Rol.PRT_SECRETARIS})
    if not _mag_bewerken(request.user, verslag):
        messages.error(request, "Dit verslag is bevroren en kan niet worden gewijzigd.")
        raise _NaarVerslag
    return verslag


class _NaarVerslag(Exception):
    pass


def _werkboek_formulier(regels, gewijzigd) -> dict[str, str]:
    """The whole verslag form as the workbook leaves it: the stored values with the changed
    cells (``regel-<gemeente>-<veld>``) over them."""
    data = {}
    for regel in regels:
        for veld in services.REGEL_VELDEN:
            sleutel = f"regel-{regel.gemeente_id}-{veld}"
            data[sleutel] = gewijzigd.get(sleutel, forms.datum_tonen(getattr(regel, veld)))
    return data


def _werkboek_ongewoon(regels, waarden: dict) -> list[dict]:
    """The rows the workbook would bring above three times their indicative number (the
    preview asks to confirm them, as the form does)."""
    invoer, fouten, _ = forms.verslag_invoer_lezen(_werkboek_formulier(regels, waarden), regels)
    if fouten:
        return []
    return services.ongewone_regels({r.gemeente_id: r for r in regels}, invoer)


@toegang(Rol.PRT_SECRETARIS)
def werkboek_uploaden(request, slug):
    """Upload a filled-in workbook and see every change (old → new) and every error with its
    cell before anything is saved; ``werkboek_toepassen`` saves it."""
    try:
        verslag = _werkboek_verslag(request, slug)
    except _NaarVerslag:
        return redirect("regietafels:verslag", slug=slug)
    form = forms.WerkboekForm(request.POST or None, request.FILES or None)
    context = {"verslag": verslag, "form": form, "inlezing": None}
    status = 200
    if request.method == "POST" and form.is_valid():
        regels = selectors.verslag_regels(verslag)
        try:
            inlezing = werkboek.werkboek_lezen(
                form.cleaned_data["bestand"], verslag=verslag, regels=regels
            )
        except werkboek.WerkboekGeweigerd as fout:
            form.add_error("bestand", fout.messages[0])
            status = 400
        else:
            waarden = inlezing.formulierwaarden()
            context.update(
                inlezing=inlezing,
                waarden=sorted(waarden.items()),
                bevestigen=_werkboek_ongewoon(regels, waarden),
                tussentijds=(
                    werkboek.wijzigingen_sinds(verslag, inlezing.werkboek_versie)
                    if inlezing.verouderd
                    else []
                ),
                aantal_cellen=sum(len(r.cellen) for r in inlezing.wijzigingen),
            )
    elif request.method == "POST":
        status = 400
    return render(request, "regietafels/werkboek_uploaden.html", context, status=status)


@require_POST
@toegang(Rol.PRT_SECRETARIS)
def werkboek_toepassen(request, slug):
    """Apply the previewed changes as one save: the form's parsing and rules, the service's
    validation and its optimistic lock on the version the preview was made from."""
    try:
        verslag = _werkboek_verslag(request, slug)
    except _NaarVerslag:
        return redirect("regietafels:verslag", slug=slug)
    uploaden = reverse("regietafels:verslag_werkboek_uploaden", kwargs={"slug": slug})
    regels = selectors.verslag_regels(verslag)
    data = _werkboek_formulier(regels, request.POST)
    if request.POST.get("conflicten") and not request.POST.get("bevestigd"):
        messages.error(
            request,
            "Bevestig dat u de tussentijdse wijzigingen hebt gezien; upload het werkboek opnieuw.",
        )
        return redirect(uploaden)
    invoer, fouten, _ = forms.verslag_invoer_lezen(data, regels)
    versie = request.POST.get("versie", "")
    if fouten:
        messages.error(request, "Het werkboek is niet toegepast: " + " ".join(fouten.values()))
        return redirect(uploaden)
    try:
        services.verslag_opslaan(
            verslag=verslag,
            versie=int(versie) if versie.isdigit() else -1,
            regels=invoer,
            door=request.user,
            bevestigd=forms.bevestiging_lezen(request.POST, vinkje="ongewoon_bevestigd"),
        )
    except services.VerslagGewijzigd as fout:
        messages.error(request, fout.messages[0] + " Upload het werkboek opnieuw.")
        return redirect(uploaden)
    except ValidationError as fout:
        _fout_naar_messages(request, fout)
        return redirect(uploaden)
    aantal = sum(1 for k in request.POST if k.startswith("regel-"))
    messages.success(request, f"Het werkboek is toegepast: {aantal} cellen gewijzigd.")
    return redirect("regietafels:verslag", slug=slug)
