"""Pages of the regietafels: the ministry's overview, extensions, assessment,
the verdeelbesluit and realisation. Thin: access via ``zichtbaar_voor``, actions via services."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST

from core.cache import bereik
from core.exports import veilige_cel
from raming.models import Gemeente
from raming.selectors import geldende_raming, provinciale_opgaven

from . import forms, selectors, services
from .models import (
    Beoordeling,
    Lid,
    Realisatiemelding,
    Regietafel,
    Termijnverlenging,
    Verdeelbesluit,
    VerdeelbesluitRegel,
    Verlengingsverzoek,
    Verslag,
)
from .termijnen import verslagtermijn
from .weergave import (
    _cyclus,
    _formfouten,
    _fout_naar_messages,
    _regietafel,
    _vereis,
    _verslag,
)

# --- overview and regietafel page ------------------------------------------------------------


def overzicht(request):
    """Ministry/COA: all 12 provinces. PRT: its own regietafel. Gemeente: its own page."""
    user = request.user
    if user.is_prt:
        return redirect("regietafels:regietafel", slug=user.provincie.slug)
    if user.is_gemeente:
        return redirect("regietafels:gemeente")
    _vereis(request, "ministerie", "coa")
    cyclus = _cyclus(request)
    sorteer = request.GET.get("sorteer", "provincie")
    if sorteer.lstrip("-") not in selectors.SORTEERVELDEN:
        sorteer = "provincie"
    regels = selectors.provincie_overzicht(cyclus, user=user, sorteer=sorteer)
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
            "regels": regels,
            "koppen": koppen,
            "totaal_opgave": sum(r.opgave for r in regels),
            "totaal_aangeboden": sum(r.aangeboden for r in regels),
            # every open request of the cycle belongs to one of the (visible) rows
            "aantal_open_verzoeken": sum(r.open_verzoeken for r in regels),
        },
    )


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
    from raming.models import Mijlpaal, Raming

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


# --- extensions -----------------------------------------------------------------------------


def verlenging_aanvragen(request, slug):
    verslag = _verslag(request, slug)
    _vereis(request, "prt-secretaris")
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


def verlengingen(request):
    """Ministry: open requests with a decision form each; grant for one or all PRTs."""
    _vereis(request, "ministerie", "coa")
    cyclus = _cyclus(request)
    regietafels = Regietafel.objects.zichtbaar_voor(request.user).select_related("provincie")
    form = forms.VerlengingForm(request.POST or None, regietafels=regietafels)
    if request.method == "POST":
        _vereis(request, "ministerie")
        if form.is_valid():
            try:
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
    verzoeken = (
        Verlengingsverzoek.objects.zichtbaar_voor(request.user)
        .filter(verslag__cyclus=cyclus)
        .select_related("verslag__regietafel__provincie", "ingediend_door", "besloten_door")
    )
    return render(
        request,
        "regietafels/verlengingen.html",
        {
            "cyclus": cyclus,
            "form": form,
            "open_verzoeken": [
                (v, forms.VerzoekBesluitForm(prefix=f"v{v.pk}"))
                for v in verzoeken
                if v.status == Verlengingsverzoek.Status.OPEN
            ],
            "besloten": [v for v in verzoeken if v.status != Verlengingsverzoek.Status.OPEN],
            "toegekend": Termijnverlenging.objects.zichtbaar_voor(request.user)
            .filter(cyclus=cyclus)
            .select_related("regietafel", "besloten_door"),
            "termijnen": selectors.provincie_overzicht(cyclus, user=request.user),
        },
    )


@require_POST
def verzoek_besluiten(request, pk):
    _vereis(request, "ministerie")
    verzoek = get_object_or_404(Verlengingsverzoek.objects.zichtbaar_voor(request.user), pk=pk)
    form = forms.VerzoekBesluitForm(request.POST, prefix=f"v{pk}")
    if not form.is_valid():
        for veld, fouten in form.errors.items():
            for tekst in fouten:
                messages.error(
                    request, f"{form.fields[veld].label if veld in form.fields else ''}: {tekst}"
                )
    else:
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
            _fout_naar_messages(request, fout)
        else:
            messages.success(request, "Het besluit op het verzoek is vastgelegd.")
    return redirect("regietafels:verlengingen")


# --- assessment -----------------------------------------------------------------------------


def beoordelen(request, slug):
    verslag = _verslag(request, slug)
    _vereis(request, "ministerie")
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


# --- verdeelbesluit -------------------------------------------------------------------------


def verdeelbesluiten(request):
    _vereis(request, "ministerie", "coa", "prt-secretaris", "gemeente")
    cyclus = _cyclus(request)
    if request.method == "POST":
        _vereis(request, "ministerie")
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


def verdeelbesluit(request, pk):
    besluit = _besluit(request, pk)
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
            "nieuwe_versie_form": forms.NieuweVersieForm(),
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
    )


def verdeelbesluit_regel(request, pk, regel_pk):
    besluit = _besluit(request, pk)
    _vereis(request, "ministerie")
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


@require_POST
def verdeelbesluit_vaststellen(request, pk):
    besluit = _besluit(request, pk)
    _vereis(request, "ministerie")
    form = forms.VaststellenForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Vul een geldige besluitdatum in.")
    else:
        try:
            services.verdeelbesluit_vaststellen(
                verdeelbesluit=besluit,
                besluitdatum=form.cleaned_data["besluitdatum"],
                door=request.user,
            )
        except ValidationError as fout:
            _fout_naar_messages(request, fout)
        else:
            messages.success(request, "Het verdeelbesluit is vastgesteld.")
    return redirect("regietafels:verdeelbesluit", pk=pk)


@require_POST
def verdeelbesluit_nieuwe_versie(request, pk):
    besluit = _besluit(request, pk)
    _vereis(request, "ministerie")
    form = forms.NieuweVersieForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Geef de reden voor een nieuwe versie.")
        return redirect("regietafels:verdeelbesluit", pk=pk)
    try:
        nieuw = services.verdeelbesluit_nieuwe_versie(
            verdeelbesluit=besluit, reden=form.cleaned_data["reden"], door=request.user
        )
    except ValidationError as fout:
        _fout_naar_messages(request, fout)
        return redirect("regietafels:verdeelbesluit", pk=pk)
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


# --- realisation and the gemeente page -------------------------------------------------------


def realisatie(request):
    _vereis(request, "ministerie", "coa", "prt-secretaris")
    cyclus = _cyclus(request)
    gemeenten = Gemeente.objects.all()
    if request.user.is_prt:
        gemeenten = gemeenten.filter(provincie_id=request.user.provincie_id)
    form = None
    if not request.user.is_coa:
        form = forms.RealisatieNamensForm(request.POST or None, gemeenten=gemeenten)
        if request.method == "POST" and form.is_valid():
            try:
                services.realisatie_melden(
                    gemeente=form.cleaned_data["gemeente"],
                    cyclus=cyclus,
                    datum=form.cleaned_data["datum"],
                    aantal=form.cleaned_data["aantal"],
                    opmerking=form.cleaned_data["opmerking"],
                    door=request.user,
                )
            except ValidationError as fout:
                _formfouten(form, fout)
            else:
                messages.success(request, "De gerealiseerde plekken zijn gemeld.")
                return redirect(reverse("regietafels:realisatie") + f"?cyclus={cyclus.jaar}")
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "regietafels/realisatie.html",
        {
            "cyclus": cyclus,
            "form": form,
            "besluit": selectors.geldend_verdeelbesluit(cyclus),
            # Read only when the tables' fragment is not in the cache.
            "overzicht": SimpleLazyObject(
                lambda: selectors.realisatie_overzicht(cyclus, user=request.user)
            ),
            "bereik": bereik(request.user),
        },
    )


def gemeente(request):
    """A gemeente user's own page: its row in the verslag, its number in the verdeelbesluit,
    the realisation deadline, and reporting realised places."""
    _vereis(request, "gemeente")
    cyclus = _cyclus(request)
    eigen = request.user.gemeente
    regel = (
        Verslag.objects.zichtbaar_voor(request.user)
        .filter(cyclus=cyclus)
        .values_list("pk", flat=True)
        .first()
    )
    verslagregel = None
    verslag = None
    if regel:
        verslag = Verslag.objects.select_related("regietafel").get(pk=regel)
        verslagregel = verslag.regels.filter(gemeente=eigen).first()
    besluit = selectors.geldend_verdeelbesluit(cyclus)
    besluitregel = (
        VerdeelbesluitRegel.objects.zichtbaar_voor(request.user)
        .filter(verdeelbesluit=besluit, gemeente=eigen)
        .first()
        if besluit
        else None
    )
    regel_bewerkbaar = verslagregel is not None and verslag.status in services.BEWERKBAAR
    regel_fouten: dict[str, str] = {}
    regel_waarden = None
    if request.method == "POST" and "regel" in request.POST:
        if not regel_bewerkbaar:
            messages.error(
                request, "Het verslag is ingediend; uw regel kan niet meer worden gewijzigd."
            )
            return redirect("regietafels:gemeente")
        invoer, regel_fouten, ruw = forms.verslag_invoer_lezen(request.POST, [verslagregel])
        regel_waarden = ruw[eigen.pk]
        versie = request.POST.get("versie", "")
        if not regel_fouten:
            try:
                services.verslag_opslaan(
                    verslag=verslag,
                    versie=int(versie) if versie.isdigit() else -1,
                    regels=invoer,
                    door=request.user,
                )
            except services.VerslagGewijzigd as fout:
                messages.error(request, fout.messages[0])
                return redirect("regietafels:gemeente")
            except ValidationError as fout:
                regel_fouten = forms.foutmeldingen(fout)
            else:
                messages.success(request, "Uw regel in het verslag is opgeslagen.")
                return redirect("regietafels:gemeente")
    form = forms.RealisatieForm(
        request.POST if request.method == "POST" and "regel" not in request.POST else None
    )
    if request.method == "POST" and "regel" not in request.POST and form.is_valid():
        try:
            services.realisatie_melden(
                gemeente=eigen,
                cyclus=cyclus,
                datum=form.cleaned_data["datum"],
                aantal=form.cleaned_data["aantal"],
                opmerking=form.cleaned_data["opmerking"],
                door=request.user,
            )
        except ValidationError as fout:
            _formfouten(form, fout)
        else:
            messages.success(request, "De gerealiseerde plekken zijn gemeld.")
            return redirect("regietafels:gemeente")
    meldingen = list(
        Realisatiemelding.objects.zichtbaar_voor(request.user)
        .filter(cyclus=cyclus, gemeente=eigen)
        .select_related("gemeld_door")
    )
    return render(
        request,
        "regietafels/gemeente.html",
        {
            "cyclus": cyclus,
            "gemeente": eigen,
            "verslag": verslag,
            "verslagregel": verslagregel,
            "besluit": besluit,
            "besluitregel": besluitregel,
            "form": form,
            "meldingen": meldingen,
            "gerealiseerd": sum(m.aantal for m in meldingen),
            "regel_bewerkbaar": regel_bewerkbaar,
            "regel_fouten": {
                veld: regel_fouten.get(f"regel-{eigen.pk}-{veld}") for veld in services.REGEL_VELDEN
            },
            "regel_waarden": regel_waarden
            or (
                {
                    veld: forms.datum_tonen(getattr(verslagregel, veld))
                    for veld in services.REGEL_VELDEN
                }
                if verslagregel
                else {}
            ),
        },
    )
