"""Pages of meerjarig beschikbaar computed from the register: computing it (form → the
consequences on a confirmation page → recorded), and the explanation of every figure per
province and gemeente (which locations count, with how many places, and why others do not)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from accounts.models import Rol
from accounts.rechten import Handeling, rol_vereist
from accounts.toegang import IEDEREEN, toegang
from raming.models import Gemeente, Provincie, Wetscyclus

from . import beschikbaarheid
from .beschikbaar_forms import BerekenenForm, VastleggenForm
from .beschikbaarheid import BeschikbaarFout
from .models import BerekendeLocatie, BerekendeProvincie, Beschikbaarheidsberekening, Fase

FASEN = dict(Fase.choices)


def _fout_op_form(form, fout: BeschikbaarFout) -> None:
    if hasattr(fout, "error_dict"):
        for veld, lijst in fout.message_dict.items():
            form.add_error(veld if veld in form.fields else None, lijst)
    else:
        form.add_error(None, fout.messages)


@toegang(IEDEREEN)
def overzicht(request):
    """All computations (every signed-in role sees that they were made; the explanations are
    filtered per role)."""
    berekeningen = list(
        Beschikbaarheidsberekening.objects.zichtbaar_voor(request.user)
        .select_related("cyclus", "berekend_door")
        .annotate(aantal_provincies=Count("provincies"))[:100]
    )
    cycli = list(Wetscyclus.objects.order_by("-jaar")) if request.user.is_ministerie else []
    return render(
        request,
        "locaties/beschikbaar/overzicht.html",
        {"berekeningen": berekeningen, "cycli": cycli},
    )


@toegang(handeling=Handeling.RAMING_OPSTELLEN)
def berekenen(request, jaar: int):
    """Step 1: the inputs; step 2 (``stap=voorbeeld``): the consequences, to confirm; step 3
    (``stap=vastleggen``): recorded. Only the ministry (``raming_opstellen``)."""
    cyclus = get_object_or_404(Wetscyclus, jaar=jaar)
    vorige = Beschikbaarheidsberekening.objects.filter(cyclus=cyclus).first()
    beginwaarden = {
        "peildatum": beschikbaarheid.standaard_peildatum(cyclus),
        "horizon": beschikbaarheid.standaard_horizon(cyclus),
        "marge": vorige.marge if vorige else None,
        "provincies": (
            list(vorige.provincies.values_list("pk", flat=True))
            if vorige
            else beschikbaarheid.provincies_met_locaties()
        ),
    }
    stap = request.POST.get("stap") if request.method == "POST" else None
    if stap is not None and stap not in ("voorbeeld", "vastleggen"):
        stap = "voorbeeld"
    form = BerekenenForm(request.POST if stap else None, initial=beginwaarden)
    bevestig = VastleggenForm(request.POST if stap == "vastleggen" else None, prefix="bv")
    context = {"cyclus": cyclus, "form": form, "bevestig": bevestig, "vorige": vorige}
    if not stap:
        return render(request, "locaties/beschikbaar/berekenen.html", context)
    if not form.is_valid():
        return render(request, "locaties/beschikbaar/berekenen.html", context, status=400)
    invoer = {
        "door": request.user,
        "cyclus": cyclus,
        "peildatum": form.cleaned_data["peildatum"],
        "horizon": form.cleaned_data["horizon"],
        "marge": form.cleaned_data["marge"],
        "provincie_ids": {p.pk for p in form.cleaned_data["provincies"]},
    }
    try:
        voorbeeld = beschikbaarheid.beschikbaar_voorbeeld(**invoer)
    except BeschikbaarFout as fout:
        _fout_op_form(form, fout)
        return render(request, "locaties/beschikbaar/berekenen.html", context, status=400)
    if stap == "vastleggen":
        fouten = []
        if bevestig.is_valid():
            try:
                berekening = beschikbaarheid.beschikbaar_vastleggen(
                    vingerafdruk=bevestig.cleaned_data["vingerafdruk"],
                    toelichting=form.cleaned_data["toelichting"],
                    **invoer,
                )
            except BeschikbaarFout as fout:
                fouten = fout.messages
            else:
                messages.success(
                    request,
                    f"Het meerjarig beschikbaar is berekend en vastgelegd: {berekening.totaal} "
                    "plekken in de gekozen provincies.",
                )
                return redirect("beschikbaar:berekening", pk=berekening.pk)
        # the page shows the consequences as they are now, with their fingerprint
        data = request.POST.copy()
        data["bv-vingerafdruk"] = voorbeeld.vingerafdruk
        bevestig = VastleggenForm(data, prefix="bv")
        bevestig.is_valid()
        for fout in fouten:
            bevestig.add_error(None, fout)
    else:
        bevestig = VastleggenForm(initial={"vingerafdruk": voorbeeld.vingerafdruk}, prefix="bv")
    regels = [
        {
            "naam": voorbeeld.feiten[o.locatie_id]["naam"],
            "gemeente": voorbeeld.feiten[o.locatie_id]["gemeente__naam"],
            "fase": FASEN.get(voorbeeld.fasen[o.locatie_id], "nog niet in het register"),
            "oordeel": o,
        }
        for o in voorbeeld.uitkomst.oordelen
    ]
    regels.sort(key=lambda r: (r["gemeente"], not r["oordeel"].telt, r["naam"]))
    context.update({"voorbeeld": voorbeeld, "bevestig": bevestig, "regels": regels})
    return render(
        request,
        "locaties/beschikbaar/bevestigen.html",
        context,
        status=400 if stap == "vastleggen" else 200,
    )


def _berekening(request, pk: int) -> Beschikbaarheidsberekening:
    return get_object_or_404(
        Beschikbaarheidsberekening.objects.zichtbaar_voor(request.user).select_related(
            "cyclus", "berekend_door", "vervangt"
        ),
        pk=pk,
    )


def _provincies_zichtbaar(request, berekening):
    rijen = BerekendeProvincie.objects.filter(berekening=berekening).select_related("provincie")
    user = request.user
    if user.is_prt:
        rijen = rijen.filter(provincie_id=user.provincie_id)
    elif user.is_gemeente:
        rijen = rijen.filter(provincie_id=user.eigen_provincie_id)
    return list(rijen)


@toegang(IEDEREEN)
def berekening(request, pk: int):
    berekening = _berekening(request, pk)
    provincies = _provincies_zichtbaar(request, berekening)
    eigen_gemeente = None
    if request.user.is_gemeente:
        eigen_gemeente = Gemeente.objects.filter(pk=request.user.gemeente_id).first()
    return render(
        request,
        "locaties/beschikbaar/berekening.html",
        {
            "berekening": berekening,
            "provincies": provincies,
            "eigen_gemeente": eigen_gemeente,
            "totaal_zichtbaar": len(provincies)
            == berekening.provincies.count(),  # the national total only when all are shown
        },
    )


@toegang(IEDEREEN)
def provincie(request, pk: int, slug: str):
    """Per gemeente of the province: the figure, and every location with its reason."""
    berekening = _berekening(request, pk)
    rol_vereist(request.user, {Rol.MINISTERIE, Rol.COA, Rol.PRT_SECRETARIS})
    provincie = get_object_or_404(Provincie, slug=slug)
    if request.user.is_prt and request.user.provincie_id != provincie.pk:
        raise Http404
    uitkomst = BerekendeProvincie.objects.filter(berekening=berekening, provincie=provincie).first()
    if uitkomst is None:
        raise Http404("Deze provincie hoort niet bij de berekening.")
    regels = list(
        BerekendeLocatie.objects.zichtbaar_voor(request.user)
        .filter(berekening=berekening, gemeente__provincie=provincie)
        .select_related("gemeente")
    )
    per_gemeente = {
        g["gemeente_id"]: g
        for g in BerekendeLocatie.objects.filter(
            berekening=berekening, gemeente__provincie=provincie
        )
        .values("gemeente_id")
        .annotate(
            onbevestigd=Sum("geteld", filter=Q(coa_bevestigd=False)),
            geteld=Sum("geteld"),
            tellen=Count("pk", filter=Q(telt=True)),
            tellen_niet=Count("pk", filter=Q(telt=False)),
        )
    }
    gemeenten = [
        {
            "gemeente": g,
            "geteld": per_gemeente.get(g.pk, {}).get("geteld") or 0,
            "tellen": per_gemeente.get(g.pk, {}).get("tellen") or 0,
            "tellen_niet": per_gemeente.get(g.pk, {}).get("tellen_niet") or 0,
            "onbevestigd": per_gemeente.get(g.pk, {}).get("onbevestigd") or 0,
        }
        for g in Gemeente.objects.filter(provincie=provincie).order_by("naam")
    ]
    met_locaties = [g for g in gemeenten if g["tellen"] or g["tellen_niet"]]
    return render(
        request,
        "locaties/beschikbaar/provincie.html",
        {
            "berekening": berekening,
            "provincie": provincie,
            "uitkomst": uitkomst,
            "gemeenten": met_locaties,
            "zonder_locaties": len(gemeenten) - len(met_locaties),
            "onbevestigd": sum(g["onbevestigd"] for g in met_locaties),
            "regels": regels,
        },
    )


@toegang(IEDEREEN)
def gemeente(request, pk: int, slug: str):
    berekening = _berekening(request, pk)
    gemeente = get_object_or_404(Gemeente.objects.select_related("provincie"), slug=slug)
    user = request.user
    if (user.is_prt and user.provincie_id != gemeente.provincie_id) or (
        user.is_gemeente and user.gemeente_id != gemeente.pk
    ):
        raise Http404
    if not berekening.provincies.filter(pk=gemeente.provincie_id).exists():
        raise Http404("Deze gemeente hoort niet bij de berekening.")
    regels = list(
        BerekendeLocatie.objects.zichtbaar_voor(user).filter(
            berekening=berekening, gemeente=gemeente
        )
    )
    return render(
        request,
        "locaties/beschikbaar/gemeente.html",
        {
            "berekening": berekening,
            "gemeente": gemeente,
            "tellen": [r for r in regels if r.telt],
            "tellen_niet": [r for r in regels if not r.telt],
            "totaal": sum(r.geteld for r in regels),
            "onbevestigd": sum(r.geteld for r in regels if not r.coa_bevestigd),
        },
    )
