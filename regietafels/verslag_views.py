"""The verslag of a regietafel: its page (save, submit), receipts, versions and attachments."""

from __future__ import annotations

from functools import cache

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

from . import forms, selectors, services, werkboek
from .models import Beoordeling, Bijlage, Verslag, VerslagVersie
from .termijnen import termijn_uit_datums, verslagtermijn
from .weergave import (
    LEZERS,
    _cyclus,
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


def _verslag_pagina(request, slug) -> Verslag:
    """The verslag for its page (404 like ``_verslag``), with its deadline dates, opgave,
    exchanges and number of versions (``selectors.verslag_voor_pagina``)."""
    rol_vereist(request.user, LEZERS)
    jaar = request.GET.get("cyclus")
    verslag = selectors.verslag_voor_pagina(
        request.user, slug=slug, jaar=int(jaar) if jaar and jaar.isdigit() else None
    )
    if verslag is None:
        raise Http404("Geen verslag gevonden.")
    user = request.user
    if user.is_prt and user.provincie_id == verslag.regietafel.provincie_id:
        # The page header names the user's province: the one just read (saves a query).
        user.provincie = verslag.regietafel.provincie
    return verslag


# The input columns of the verslag table, in order: (field, column heading, kind). The computed
# "aangeboden" and "verschil" cells stand between the first three and the rest.
KOLOMMEN_VOOR = (
    ("bestaande_locaties", "Bestaande locaties", "aantal"),
    ("vastgestelde_plannen", "Vastgestelde plannen", "aantal"),
    ("bestuurlijke_voornemens", "Bestuurlijke voornemens", "aantal"),
)
KOLOMMEN_NA = (
    ("amv", "Amv", "aantal"),
    ("beschikbaar_van", "Beschikbaar van", "datum"),
    ("beschikbaar_tot", "Beschikbaar tot", "datum"),
    ("opmerking", "Opmerking", "tekst"),
)
BEREKEND = {"soort": "berekend"}
KOLOM_LABELS = {veld: label for veld, label, _ in (*KOLOMMEN_VOOR, *KOLOMMEN_NA)}
OVERIGE_VELDEN = {"open_besluiten": "Openstaande besluiten", "knelpunten": "Knelpunten"}


def _cellen(kolommen, regel, waarden, fouten):
    cellen = []
    for veld, label, soort in kolommen:
        cellen.append(
            {
                "veld": veld,
                "label": label,
                "soort": soort,
                "id": f"regel-{regel.gemeente_id}-{veld}",
                "waarde": waarden.get(veld, ""),
                "fout": fouten.get(f"regel-{regel.gemeente_id}-{veld}") if fouten else None,
            }
        )
    return cellen


def foutoverzicht(regels, fouten: dict[str, str]) -> list[dict]:
    """Every error of a verslag form for the page's error summary (``core/_foutsamenvatting``:
    ``href``, ``label``, ``melding``), in the order of the page: the rows top to bottom, each
    left to right, then the texts; a general error without a link."""
    if not fouten:
        return []
    overzicht = []
    for regel in regels:
        for veld in KOLOM_LABELS:
            sleutel = f"regel-{regel.gemeente_id}-{veld}"
            if sleutel in fouten:
                overzicht.append(
                    {
                        "href": f"#{sleutel}",
                        "label": f"{regel.gemeente.naam}, {KOLOM_LABELS[veld].lower()}",
                        "melding": fouten[sleutel],
                    }
                )
    for veld, label in OVERIGE_VELDEN.items():
        if veld in fouten:
            overzicht.append({"href": f"#id_{veld}", "label": label, "melding": fouten[veld]})
    if "bevestigd" in fouten:
        overzicht.append({"href": "#id_bevestigd", "label": "", "melding": fouten["bevestigd"]})
    bekend = {f"regel-{r.gemeente_id}-{v}" for r in regels for v in KOLOM_LABELS}
    bekend.add("bevestigd")
    for sleutel, tekst in fouten.items():
        if sleutel not in bekend and sleutel not in OVERIGE_VELDEN:
            overzicht.append({"href": "", "label": "", "melding": tekst})
    return overzicht


def _locatie_opbouw(verslag, regels) -> dict:
    """Per row with locations in the register: what the register gives it, and per column
    what the row holds beyond the locations recorded behind it ("zonder locatie")."""
    zonder = services.zonder_locatie(regels)
    return {
        "rijen": [
            {"opbouw": o, "zonder": zonder[o.regel.pk]}
            for o in services.verslag_locatie_opbouw(verslag, regels=regels)
        ],
        "zonder_locatie": sum(
            max(0, z["bestaande_locaties"])
            + max(0, z["vastgestelde_plannen"])
            + max(0, z["bestuurlijke_voornemens"])
            for z in zonder.values()
        ),
        "met_locatie": sum(z["met_locatie"] for z in zonder.values()),
    }


def _rijen(regels, netto, *, ruw=None, fouten=None) -> list[dict]:
    """The table's rows: per row its input cells (``ruw``: the user's input back, with the
    ``fouten``), the exchanges' balance and the asylum places after them."""
    rijen = []
    for regel in regels:
        waarden = (ruw or {}).get(regel.gemeente_id) or {
            veld: forms.datum_tonen(getattr(regel, veld)) for veld in services.REGEL_VELDEN
        }
        uitruil = netto.get(regel.gemeente_id, 0)
        rijen.append(
            {
                "regel": regel,
                # the inputs in column order; the computed offered/difference cells between them
                "cellen": [
                    *_cellen(KOLOMMEN_VOOR, regel, waarden, fouten),
                    BEREKEND,
                    *_cellen(KOLOMMEN_NA, regel, waarden, fouten),
                ],
                "heeft_fout": bool(fouten)
                and any(f"regel-{regel.gemeente_id}-{veld}" in fouten for veld in KOLOM_LABELS),
                "uitruil": uitruil,
                "asielopvang": regel.indicatief_aantal + uitruil,
            }
        )
    return rijen


# Every table the verslag's table of rows reads (the verslag with its submitter, rows,
# gemeenten, indicative numbers, the exchanges after which it shows asylum places): the table
# is a cached fragment keyed with them.
VERSLAGTABEL_TABELLEN = ("accounts.gebruiker", "raming", "regietafels", "uitruil")
# ... and the section "Uit het locatieregister" (the register behind the rows)
VERSLAGLOCATIES_TABELLEN = ("accounts.gebruiker", "raming", "regietafels", "uitruil", "locaties")


def _verslag_context(request, verslag, regels, *, ruw=None, fouten=None):
    uitruilen, netto, uitruil_beschikbaar = verslag.uitruil
    samenvatting = services.verslag_samenvatting(verslag, regels, opgave=verslag.opgave_aantal)

    @cache
    def rijen():
        return _rijen(regels, netto, ruw=ruw, fouten=fouten)

    @cache
    def locatie_opbouw():
        return _locatie_opbouw(verslag, regels)

    termijn = termijn_uit_datums(verslag.mijlpaal_datum, verslag.laatste_verlenging)
    user = request.user
    totaal = samenvatting["totaal"]
    return {
        "verslag": verslag,
        # the rows are built only when the table is drawn: not when the cached fragment of a
        # page without the user's input is served
        "rijen": rijen,
        "tabel_uit_cache": ruw is None and not fouten,
        "tabellen": VERSLAGTABEL_TABELLEN,
        # the register behind the rows: what it gives each row, and what the row holds
        # beyond the locations recorded behind it ("zonder locatie"); two queries, only when
        # the section is drawn
        "locatie_opbouw": locatie_opbouw,
        "locatie_tabellen": VERSLAGLOCATIES_TABELLEN,
        "kolommen_voor": KOLOMMEN_VOOR,
        "kolommen_na": KOLOMMEN_NA,
        "samenvatting": samenvatting,
        "totaal_asielopvang": totaal["indicatief_aantal"] + sum(netto.values()),
        "totaal_verschil_indicatief": totaal["aangeboden"] - totaal["indicatief_aantal"],
        "foutoverzicht": foutoverzicht(regels, fouten or {}),
        "termijn": termijn,
        "dagen": termijn.dagen_resterend(timezone.localdate()),
        "bewerkbaar": _mag_bewerken(user, verslag),
        "uitruilen": uitruilen,
        "uitruil_beschikbaar": uitruil_beschikbaar,
        # One verslag: its own order (the model's ordering starts with the verslag's, which
        # costs three joins), without the versions' snapshots, and no query when it has none.
        "bijlagen": Bijlage.objects.zichtbaar_voor(user)
        .filter(verslag=verslag)
        .order_by("toegevoegd_op")
        if verslag.heeft_bijlagen
        else [],
        "bijlage_form": forms.BijlageForm(),
        "beoordelingen": Beoordeling.objects.zichtbaar_voor(user)
        .filter(verslag=verslag)
        .select_related("door", "versie")
        .defer("versie__inhoud")
        .order_by("op")
        if verslag.heeft_beoordelingen
        else [],
        "aantal_versies": verslag.aantal_versies,
        "geschiedenis": (
            verslag.history.select_related("history_user").order_by("-history_date")[:25]
            if user.is_ministerie
            else []
        ),
    }


@toegang(Rol.MINISTERIE, Rol.COA, Rol.PRT_SECRETARIS)
def verslag(request, slug):
    verslag = _verslag_pagina(request, slug)
    regels = selectors.verslag_regels(verslag)
    if request.method == "POST":
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
        context = _verslag_context(request, verslag, regels, ruw=ruw, fouten=fouten)
        context["formulier_versie"] = versie
        context["bevestigen"] = bevestigen
        return render(request, "regietafels/verslag.html", context, status=400)
    context = _verslag_context(request, verslag, regels)
    context["formulier_versie"] = verslag.versie
    return render(request, "regietafels/verslag.html", context)


@toegang(Rol.PRT_SECRETARIS)
def indienen(request, slug):
    verslag = _verslag(request, slug)
    if verslag.status not in services.BEWERKBAAR:
        messages.error(request, "Dit verslag is al ingediend.")
        return redirect("regietafels:verslag", slug=slug)
    regels = selectors.verslag_regels(verslag)
    if request.method == "POST":
        if not request.POST.get("bevestigd"):
            messages.error(request, "Bevestig dat u het verslag wilt indienen.")
        else:
            versie = request.POST.get("versie", "")
            try:
                momentopname = services.verslag_indienen(
                    verslag=verslag,
                    versie=int(versie) if versie.isdigit() else -1,
                    door=request.user,
                )
            except ValidationError as fout:
                _fout_naar_messages(request, fout)
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
