"""Realisation pages and the gemeente's own page."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts.models import Rol
from accounts.rechten import Handeling, vereist
from accounts.toegang import toegang
from core.cache import bereik
from core.fragmenten import lui
from locaties.models import Opvanglocatie
from raming.models import Gemeente

from . import forms, selectors, services
from .models import (
    Realisatiemelding,
    VerdeelbesluitRegel,
    Verslag,
)
from .realisatie_weergave import realisatie_tabellen
from .weergave import (
    _cyclus,
    _formfouten,
)

# --- realisation and the gemeente page -------------------------------------------------------

#: What the list of the last reports on the realisation page reads: the reports, their
#: gemeente, location and who made, corrected or withdrew them.
MELDINGEN_TABELLEN = (
    "accounts.gebruiker",
    "raming.gemeente",
    "regietafels.realisatiemelding",
    "locaties.opvanglocatie",
)


def laatste_meldingen(user, cyclus):
    """The last 50 reports of the cycle ``user`` may see, withdrawn ones included (a queryset:
    read only when the fragment that shows them is drawn)."""
    return (
        Realisatiemelding.alle.zichtbaar_voor(user)
        .filter(cyclus=cyclus)
        .select_related("gemeente", "gemeld_door", "ingetrokken_door", "locatie")
        .order_by("-gemeld_op")[:50]
    )


def _meldingen_lijst(user, cyclus) -> dict:
    return {"meldingen": list(laatste_meldingen(user, cyclus))}


def _realisatie_stand(user, cyclus, besluit) -> dict:
    """The realisation overview ``user`` may see and its tables as texts."""
    overzicht = selectors.realisatie_overzicht(cyclus, user=user, besluit=besluit)
    return {"overzicht": overzicht, "tabel": realisatie_tabellen(overzicht)}


@toegang(Rol.MINISTERIE, Rol.COA, Rol.PRT_SECRETARIS)
def realisatie(request):
    cyclus = _cyclus(request)
    gemeenten = Gemeente.objects.all()
    if request.user.is_prt:
        gemeenten = gemeenten.filter(provincie_id=request.user.provincie_id)
    form = None
    if not request.user.is_coa:
        form = forms.RealisatieNamensForm(
            request.POST or None,
            gemeenten=gemeenten,
            locaties=Opvanglocatie.objects.zichtbaar_voor(request.user),
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.realisatie_melden(
                    gemeente=form.cleaned_data["gemeente"],
                    cyclus=cyclus,
                    datum=form.cleaned_data["datum"],
                    aantal=form.cleaned_data["aantal"],
                    locatie=form.cleaned_data["locatie"],
                    opmerking=form.cleaned_data["opmerking"],
                    bevestigd=form.cleaned_data["bevestigd"],
                    door=request.user,
                )
            except ValidationError as fout:
                _formfouten(form, fout)
            else:
                messages.success(request, "De gerealiseerde plekken zijn gemeld.")
                return redirect(reverse("regietafels:realisatie") + f"?cyclus={cyclus.jaar}")
    elif request.method == "POST":
        vereist(request.user, Handeling.REALISATIE_MELDEN)
    besluit = selectors.geldend_verdeelbesluit(cyclus)
    return render(
        request,
        "regietafels/realisatie.html",
        {
            "cyclus": cyclus,
            "form": form,
            "besluit": besluit,
            "cycli": selectors.cycli_met_besluit(),
            # Computed only when the tables' fragment is not in the cache; the fragment is the
            # cache of its queries (cachalot does not store their results as well).
            **lui(
                partial(_realisatie_stand, request.user, cyclus, besluit),
                ("overzicht", "tabel"),
                querycache=False,
            ),
            "bereik": bereik(request.user),
            # the last reports: read only when their fragment is not in the cache
            **lui(
                partial(_meldingen_lijst, request.user, cyclus),
                ("meldingen",),
                querycache=False,
            ),
            "meldingen_tabellen": MELDINGEN_TABELLEN,
        },
    )


@toegang(handeling=Handeling.REALISATIE_MELDEN)
def realisatie_corrigeren(request, pk):
    """Correct or withdraw a realisation report, with a reason (its gemeente, the PRT or the
    ministry). The report stays on record; the correction is a new report."""
    melding = get_object_or_404(
        Realisatiemelding.alle.zichtbaar_voor(request.user).select_related(
            "gemeente", "cyclus", "gemeld_door", "ingetrokken_door"
        ),
        pk=pk,
    )
    terug = (
        reverse("regietafels:gemeente")
        if request.user.is_gemeente
        else reverse("regietafels:realisatie") + f"?cyclus={melding.cyclus.jaar}"
    )
    form = forms.RealisatieCorrigerenForm(
        request.POST or None, initial={"datum": melding.datum, "aantal": melding.aantal}
    )
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["actie"] == "intrekken":
                services.realisatie_intrekken(
                    melding=melding, reden=form.cleaned_data["reden"], door=request.user
                )
                messages.success(request, "De melding is ingetrokken.")
            else:
                if form.cleaned_data["aantal"] is None or form.cleaned_data["datum"] is None:
                    raise ValidationError(
                        {
                            veld: ["Vul dit in voor een correctie."]
                            for veld in ("aantal", "datum")
                            if form.cleaned_data[veld] is None
                        }
                    )
                services.realisatie_corrigeren(
                    melding=melding,
                    aantal=form.cleaned_data["aantal"],
                    datum=form.cleaned_data["datum"],
                    reden=form.cleaned_data["reden"],
                    bevestigd=form.cleaned_data["bevestigd"],
                    door=request.user,
                )
                messages.success(request, "De melding is gecorrigeerd.")
        except ValidationError as fout:
            _formfouten(form, fout)
        else:
            return redirect(terug)
    keten = []
    stap = melding
    while stap is not None:
        keten.append(stap)
        stap = stap.vervangt
    return render(
        request,
        "regietafels/realisatie_corrigeren.html",
        {
            "melding": melding,
            "form": form,
            "terug": terug,
            "keten": keten,
            "correcties": Realisatiemelding.alle.filter(vervangt=melding),
        },
        status=400 if request.method == "POST" else 200,
    )


@toegang(handeling=Handeling.REALISATIE_MELDEN)
def realisatie_koppelen(request, locatie):
    """Tie a gemeente's reports without a location to a location in gebruik that no report
    names (``services.meldingen_aan_locatie_koppelen``): what changes first, then with a
    reason."""
    cyclus = _cyclus(request)
    locatie = get_object_or_404(
        Opvanglocatie.objects.zichtbaar_voor(request.user).select_related("gemeente"),
        pk=locatie,
    )
    # back to where the warning was: the gemeente's own page, or the realisation overview
    terug_naam, terug = (
        ("Mijn opgave", reverse("regietafels:gemeente"))
        if request.user.is_gemeente
        else ("Realisatie", reverse("regietafels:realisatie"))
    )
    terug += f"?cyclus={cyclus.jaar}"
    form = forms.RealisatieKoppelenForm(request.POST or None)
    try:
        voorstel = services.koppeling_voorstel(
            gemeente=locatie.gemeente, cyclus=cyclus, locatie=locatie
        )
    except ValidationError as fout:
        voorstel, bezwaar = None, fout.messages
    else:
        bezwaar = []
    if request.method == "POST" and voorstel is not None and form.is_valid():
        try:
            services.meldingen_aan_locatie_koppelen(
                gemeente=locatie.gemeente,
                cyclus=cyclus,
                locatie=locatie,
                reden=form.cleaned_data["reden"],
                door=request.user,
            )
        except ValidationError as fout:
            _formfouten(form, fout)
        else:
            messages.success(request, f"De meldingen zijn gekoppeld aan {locatie.naam}.")
            return redirect(terug)
    return render(
        request,
        "regietafels/realisatie_koppelen.html",
        {
            "cyclus": cyclus,
            "locatie": locatie,
            "voorstel": voorstel,
            "bezwaar": bezwaar,
            "form": form,
            "terug": terug,
            "terug_naam": terug_naam,
        },
        status=400 if request.method == "POST" else 200,
    )


#: What the gemeente's own page shows below its forms, and what its fragments read: its row
#: in the verslag, its number in the verdeelbesluit, its realisation (its reports with who made
#: them, the locations of the register) and its beschikkingen (``{% secties %}``).
GEMEENTE_TABELLEN = ("accounts.gebruiker", "raming", "regietafels", "locaties")


def _gemeente_stand(request, cyclus, eigen) -> dict:
    """What the read-only parts of the gemeente's page show; computed only when a fragment of
    it is drawn (``lui``), never when the fragments are in the cache."""
    return {
        "meldingen": list(
            Realisatiemelding.alle.zichtbaar_voor(request.user)
            .filter(cyclus=cyclus, gemeente=eigen)
            .select_related("gemeld_door", "ingetrokken_door", "vervangt", "locatie")
        ),
        "stand": selectors.standen(cyclus, gemeente_ids={eigen.pk}).get(eigen.pk)
        or selectors.Stand(),
        "volgende_peildatum": selectors.volgende_ramingspeildatum(cyclus),
        "cycli": selectors.cycli_met_besluit(),
    }


@toegang(Rol.GEMEENTE)
def gemeente(request):
    """A gemeente user's own page: its row in the verslag, its number in the verdeelbesluit,
    the realisation deadline, and reporting realised places. What the page shows besides the
    forms is drawn in fragments keyed on ``GEMEENTE_TABELLEN``; a form sent back with errors
    is never cached."""
    cyclus = _cyclus(request)
    eigen = request.user.gemeente
    verslag = (
        Verslag.objects.zichtbaar_voor(request.user)
        .filter(cyclus=cyclus)
        .select_related("regietafel__provincie")
        .first()
    )
    verslagregel = verslag.regels.filter(gemeente=eigen).first() if verslag else None
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
        request.POST if request.method == "POST" and "regel" not in request.POST else None,
        locaties=Opvanglocatie.objects.zichtbaar_voor(request.user),
    )
    if request.method == "POST" and "regel" not in request.POST and form.is_valid():
        try:
            services.realisatie_melden(
                gemeente=eigen,
                cyclus=cyclus,
                datum=form.cleaned_data["datum"],
                aantal=form.cleaned_data["aantal"],
                locatie=form.cleaned_data["locatie"],
                opmerking=form.cleaned_data["opmerking"],
                bevestigd=form.cleaned_data["bevestigd"],
                door=request.user,
            )
        except ValidationError as fout:
            _formfouten(form, fout)
        else:
            messages.success(request, "De gerealiseerde plekken zijn gemeld.")
            return redirect("regietafels:gemeente")
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
            "tabellen": GEMEENTE_TABELLEN,
            **lui(
                partial(_gemeente_stand, request, cyclus, eigen),
                ("meldingen", "stand", "volgende_peildatum", "cycli"),
            ),
            "regel_bewerkbaar": regel_bewerkbaar,
            # typed input sent back with its errors: drawn as typed, never from the cache
            "regel_ingevoerd": regel_waarden is not None,
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
