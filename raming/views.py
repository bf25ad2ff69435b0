"""Pages of the raming: the ministry's cycle and raming pages, and the public pages.

Views are thin: they read through selectors and act through ``raming.services``; a refusal
(``RamingFout``) is shown on the form that caused it and nothing is saved.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Rol
from accounts.rechten import Handeling
from accounts.toegang import IEDEREEN, toegang
from core.bewaard_bestand import bewaard_bestand
from core.registry import secties_voor

from . import exports, services
from .berekening import indeling_van, ontbrekende_gemeenten
from .forms import (
    BeschikbaarForm,
    CyclusForm,
    InvoerbesluitForm,
    MijlpaalForm,
    PublicerenForm,
    RamingInvoerForm,
    UitstellenForm,
    UitzonderingForm,
    WijzigingForm,
    ZoekForm,
)
from .models import GemeenteVerdeling, MeerjarigBeschikbaar, Mijlpaal, Raming, Wetscyclus
from .selectors import (
    gemeente_berekening,
    gepubliceerde_ramingen,
    raming_cijfers,
    versie_verschillen,
    zoek_gemeenten,
)
from .services import RamingFout


def _fout_op_form(form, fout: RamingFout) -> None:
    if hasattr(fout, "error_dict"):
        for veld, lijst in fout.message_dict.items():
            form.add_error(veld if veld in form.fields else None, lijst)
    else:
        form.add_error(None, fout.messages)


# ---------------------------------------------------------------------------- cycles


@toegang(Rol.MINISTERIE)
def cycli(request):
    form = CyclusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cyclus = services.cyclus_aanmaken(door=request.user, **form.cleaned_data)
        except RamingFout as fout:
            _fout_op_form(form, fout)
        else:
            messages.success(request, f"Wetscyclus {cyclus.jaar} is aangemaakt met de mijlpalen.")
            return redirect("raming:cyclus", jaar=cyclus.jaar)
    lijst = Wetscyclus.objects.prefetch_related("ramingen").order_by("-jaar")
    status = 400 if request.method == "POST" else 200
    return render(request, "raming/cycli.html", {"cycli": lijst, "form": form}, status=status)


def _cyclus_context(request, cyclus: Wetscyclus, **forms) -> dict:
    mijlpalen = list(cyclus.mijlpalen.order_by("datum"))
    ramingen = list(cyclus.ramingen.order_by("-versie"))
    vertraging = services.publicatie_vertraging(cyclus, ramingen=ramingen, mijlpalen=mijlpalen)
    context = {
        "cyclus": cyclus,
        "mijlpalen": mijlpalen,
        "mijlpaal_forms": {
            m.pk: forms.get(f"mijlpaal_{m.pk}")
            or MijlpaalForm(initial={"datum": m.datum}, prefix=f"m{m.pk}")
            for m in mijlpalen
        },
        "invoerbesluiten": list(cyclus.invoerbesluiten.all()),
        "invoerbesluit_form": forms.get("invoerbesluit") or InvoerbesluitForm(prefix="ib"),
        "beschikbaar": list(
            MeerjarigBeschikbaar.objects.filter(cyclus=cyclus).select_related(
                "gemeente", "provincie", "gemeente__provincie"
            )
        ),
        "beschikbaar_form": forms.get("beschikbaar") or BeschikbaarForm(prefix="mb"),
        "beschikbaar_secties": secties_voor("raming:cyclus:beschikbaar", request, cyclus=cyclus),
        "ramingen": ramingen,
        "raming_form": forms.get("raming")
        or RamingInvoerForm(
            cyclus=cyclus,
            initial={"afrondingsmethode": Raming.Afronding.PER_GEMEENTE, "ses_jaar": None},
        ),
        "vertraging": vertraging,
        # What apps above raming add about the late publication (regietafels: the extension).
        "te_laat_secties": secties_voor(
            "raming:cyclus:te-laat", request, cyclus=cyclus, vertraging=vertraging
        )
        if vertraging
        else [],
    }
    for m in mijlpalen:
        m.form = context["mijlpaal_forms"][m.pk]
        # what apps above raming add to a milestone (regietafels: the verslag extensions and
        # the date in force for all PRTs, ``geldend``)
        m.secties = secties_voor(
            f"raming:cyclus:mijlpaal:{m.soort}", request, cyclus=cyclus, mijlpaal=m
        )
        m.geldend = next(
            (s["context"]["geldend"] for s in m.secties if s["context"].get("geldend")), m.datum
        )
    return context


@toegang(Rol.MINISTERIE)
def cyclus(request, jaar: int):
    obj = get_object_or_404(Wetscyclus, jaar=jaar)
    return render(request, "raming/cyclus.html", _cyclus_context(request, obj))


def _cyclus_actie(request, cyclus, sleutel, form, actie, melding):
    if form.is_valid():
        try:
            actie(form.cleaned_data)
        except RamingFout as fout:
            _fout_op_form(form, fout)
        else:
            messages.success(request, melding)
            return redirect("raming:cyclus", jaar=cyclus.jaar)
    return render(
        request,
        "raming/cyclus.html",
        _cyclus_context(request, cyclus, **{sleutel: form}),
        status=400,
    )


@require_POST
@toegang(handeling=Handeling.CYCLUS_BEHEREN)
def mijlpaal_wijzigen(request, jaar: int, pk: int):
    obj = get_object_or_404(Wetscyclus, jaar=jaar)
    mijlpaal = get_object_or_404(Mijlpaal, cyclus=obj, pk=pk)
    return _cyclus_actie(
        request,
        obj,
        f"mijlpaal_{pk}",
        MijlpaalForm(request.POST, prefix=f"m{pk}"),
        lambda d: services.mijlpaal_wijzigen(
            mijlpaal=mijlpaal, datum=d["datum"], reden=d["reden"], door=request.user
        ),
        f"De mijlpaal ‘{mijlpaal.get_soort_display()}’ is gewijzigd.",
    )


@require_POST
@toegang(handeling=Handeling.RAMING_OPSTELLEN)
def invoerbesluit_toevoegen(request, jaar: int):
    obj = get_object_or_404(Wetscyclus, jaar=jaar)
    return _cyclus_actie(
        request,
        obj,
        "invoerbesluit",
        InvoerbesluitForm(request.POST, prefix="ib"),
        lambda d: services.invoerbesluit_vastleggen(cyclus=obj, door=request.user, **d),
        "Het invoerbesluit is vastgelegd.",
    )


@require_POST
@toegang(handeling=Handeling.RAMING_OPSTELLEN)
def beschikbaar_vastleggen(request, jaar: int):
    obj = get_object_or_404(Wetscyclus, jaar=jaar)
    return _cyclus_actie(
        request,
        obj,
        "beschikbaar",
        BeschikbaarForm(request.POST, prefix="mb"),
        lambda d: services.meerjarig_beschikbaar_vastleggen(cyclus=obj, door=request.user, **d),
        "Het aantal meerjarig beschikbare plekken is vastgelegd.",
    )


@require_POST
@toegang(handeling=Handeling.RAMING_OPSTELLEN)
def raming_aanmaken(request, jaar: int):
    obj = get_object_or_404(Wetscyclus, jaar=jaar)
    form = RamingInvoerForm(request.POST, cyclus=obj)
    if form.is_valid():
        try:
            raming = services.raming_aanmaken(cyclus=obj, door=request.user, **form.cleaned_data)
        except RamingFout as fout:
            _fout_op_form(form, fout)
        else:
            messages.success(request, "De conceptraming is aangemaakt. Bereken nu de verdeling.")
            return redirect("raming:raming", pk=raming.pk)
    return render(
        request, "raming/cyclus.html", _cyclus_context(request, obj, raming=form), status=400
    )


# ---------------------------------------------------------------------------- the raming


def _zichtbare_raming(request, pk: int) -> Raming:
    return get_object_or_404(
        Raming.objects.zichtbaar_voor(request.user).select_related(
            "cyclus", "invoerbesluit", "vorige_versie", "vastgesteld_door"
        ),
        pk=pk,
    )


def _raming_context(request, raming: Raming, **forms) -> dict:
    cijfers = raming_cijfers(raming)
    zoek = ZoekForm(request.GET or None)
    zoekterm = zoek.cleaned_data["q"] if zoek.is_valid() else ""
    context = {
        "raming": raming,
        "cijfers": cijfers,
        "gemeenten": zoek_gemeenten(cijfers.gemeenten, zoekterm),
        "zoek_form": zoek,
        "zoekterm": zoekterm,
        "versies": list(
            Raming.objects.zichtbaar_voor(request.user)
            .filter(cyclus_id=raming.cyclus_id)
            .order_by("-versie")
        ),
        # What apps above raming add about the meerjarig beschikbaar (locaties: how it was
        # computed from the location register, per province).
        "beschikbaar_secties": secties_voor("raming:raming:beschikbaar", request, raming=raming),
    }
    if request.user.is_ministerie:
        context.update(
            belemmeringen=(
                services.vaststellen_belemmeringen(raming)
                if raming.status in services.OVERGANGEN
                and Raming.Status.VASTGESTELD in services.OVERGANGEN[raming.status]
                else []
            ),
            invoer_form=forms.get("invoer")
            or RamingInvoerForm(
                cyclus=raming.cyclus,
                initial={
                    "invoerbesluit": raming.invoerbesluit_id,
                    "peildatum_inwoners": raming.peildatum_inwoners,
                    "ses_jaar": raming.ses_jaar,
                    "afrondingsmethode": raming.afrondingsmethode,
                    "zonder_ses": raming.zonder_ses,
                },
            ),
            actie_form=forms.get("actie"),
            ontbrekend=(
                ontbrekende_gemeenten(
                    peildatum=raming.peildatum_inwoners,
                    ses_jaar=raming.ses_jaar,
                    indeling_op=indeling_van(raming.cyclus),
                )
                if not raming.is_bevroren and not raming.historisch
                else []
            ),
            uitzondering_form=forms.get("uitzondering") or UitzonderingForm(prefix="uz"),
            publiceren_form=forms.get("publiceren") or PublicerenForm(prefix="pub"),
            uitstellen_form=forms.get("uitstellen") or UitstellenForm(prefix="uit"),
            wijziging_form=forms.get("wijziging") or WijzigingForm(prefix="wij"),
            kan=services.OVERGANGEN.get(raming.status, frozenset()),
        )
    return context


@toegang(IEDEREEN)
def raming(request, pk: int):
    obj = _zichtbare_raming(request, pk)
    return render(request, "raming/raming.html", _raming_context(request, obj))


def _raming_actie(request, pk, sleutel, form, actie, melding):
    obj = _zichtbare_raming(request, pk)
    if form is None or form.is_valid():
        try:
            nieuw = actie(obj, form.cleaned_data if form is not None else {})
        except RamingFout as fout:
            if form is None:
                from django import forms as djforms

                form = djforms.Form(data={})
                form.is_valid()
            _fout_op_form(form, fout)
        else:
            messages.success(request, melding)
            return redirect("raming:raming", pk=(nieuw or obj).pk)
    return render(
        request, "raming/raming.html", _raming_context(request, obj, **{sleutel: form}), status=400
    )


@require_POST
@toegang(handeling=Handeling.RAMING_OPSTELLEN)
def raming_invoer(request, pk: int):
    obj = _zichtbare_raming(request, pk)
    return _raming_actie(
        request,
        pk,
        "invoer",
        RamingInvoerForm(request.POST, cyclus=obj.cyclus),
        lambda r, d: services.raming_invoer_wijzigen(raming=r, door=request.user, **d),
        "De invoer is gewijzigd. Bereken de verdeling opnieuw.",
    )


@require_POST
@toegang(handeling=Handeling.RAMING_OPSTELLEN)
def raming_berekenen(request, pk: int):
    return _raming_actie(
        request,
        pk,
        "actie",
        None,
        lambda r, d: services.raming_berekenen(raming=r, door=request.user),
        "De verdeling is berekend.",
    )


@require_POST
@toegang(handeling=Handeling.RAMING_PUBLICEREN)
def raming_uitstellen(request, pk: int):
    return _raming_actie(
        request,
        pk,
        "uitstellen",
        UitstellenForm(request.POST, prefix="uit"),
        lambda r, d: services.raming_uitstellen(
            raming=r,
            reden=d["uitstel_reden"],
            kamerbrief=d["uitstel_kamerbrief"],
            uitgesteld_op=d["uitgesteld_op"],
            door=request.user,
        ),
        "Het uitstel van de publicatie is vastgelegd.",
    )


@require_POST
@toegang(handeling=Handeling.RAMING_OPSTELLEN)
def raming_wijziging(request, pk: int):
    return _raming_actie(
        request,
        pk,
        "wijziging",
        WijzigingForm(request.POST, prefix="wij"),
        lambda r, d: services.tussentijdse_wijziging(raming=r, reden=d["reden"], door=request.user),
        "Er is een nieuwe versie (concept) gemaakt. Pas de invoer aan en bereken opnieuw.",
    )


@toegang(IEDEREEN)
def raming_verschil(request, pk: int):
    nieuw = _zichtbare_raming(request, pk)
    zichtbaar = Raming.objects.zichtbaar_voor(request.user).filter(cyclus_id=nieuw.cyclus_id)
    oud_pk = request.GET.get("met") or nieuw.vorige_versie_id
    if not oud_pk or not str(oud_pk).isdigit():
        raise Http404("Geen eerdere versie om mee te vergelijken.")
    oud = get_object_or_404(zichtbaar, pk=oud_pk)
    alles = request.GET.get("alles") == "1"
    verschillen = versie_verschillen(oud, nieuw, alleen_gewijzigd=not alles)
    return render(
        request,
        "raming/verschil.html",
        {
            "oud": oud,
            "nieuw": nieuw,
            "verschillen": verschillen,
            "alles": alles,
            "versies": list(zichtbaar.order_by("-versie")),
            "totaal_oud": sum(v.oud or 0 for v in verschillen),
            "totaal_nieuw": sum(v.nieuw or 0 for v in verschillen),
        },
    )


@toegang(IEDEREEN)
def gemeente(request, pk: int, slug: str):
    obj = _zichtbare_raming(request, pk)
    verdeling = get_object_or_404(
        GemeenteVerdeling.objects.select_related("gemeente", "gemeente__provincie"),
        raming=obj,
        gemeente__slug=slug,
    )
    return render(
        request,
        "raming/gemeente.html",
        {
            "raming": obj,
            "verdeling": verdeling,
            "stappen": gemeente_berekening(obj, verdeling),
            "openbaar": False,
        },
    )


# ---------------------------------------------------------------------------- public pages


@login_not_required
@require_GET
def openbaar(request):
    """The published ramingen, readable without login."""
    ramingen = gepubliceerde_ramingen()
    return render(request, "raming/openbaar_lijst.html", {"ramingen": ramingen})


def _openbare_raming(request, jaar: int, gepubliceerd: list[Raming] | None = None) -> Raming:
    """The published version asked for; ``gepubliceerd``: the published ramingen if read."""
    if gepubliceerd is None:
        gepubliceerd = gepubliceerde_ramingen()
    versies = [r for r in gepubliceerd if r.cyclus.jaar == jaar]
    if not versies:
        raise Http404("Voor deze cyclus is geen capaciteitsraming gepubliceerd.")
    versie = request.GET.get("versie")
    if versie:
        gekozen = [r for r in versies if str(r.versie) == versie]
        if not gekozen:
            raise Http404("Deze versie is niet gepubliceerd.")
        return gekozen[0]
    return versies[0]


@login_not_required
@require_GET
def openbaar_raming(request, jaar: int):
    gepubliceerd = gepubliceerde_ramingen()
    obj = _openbare_raming(request, jaar, gepubliceerd)
    zoek = ZoekForm(request.GET or None)
    zoekterm = zoek.cleaned_data["q"] if zoek.is_valid() else ""
    versies = [r for r in gepubliceerd if r.cyclus_id == obj.cyclus_id]
    # The figures are read only when the page's fragment is not in the cache (searches are
    # not cached): the 342 rows are most of the page's time.
    cijfers = SimpleLazyObject(lambda: raming_cijfers(obj))
    return render(
        request,
        "raming/openbaar_raming.html",
        {
            "raming": obj,
            "cijfers": cijfers,
            "gemeenten": SimpleLazyObject(lambda: zoek_gemeenten(cijfers.gemeenten, zoekterm)),
            "zoek_form": zoek,
            "zoekterm": zoekterm,
            "versies": versies,
        },
    )


@login_not_required
@require_GET
def openbaar_gemeente(request, jaar: int, slug: str):
    obj = _openbare_raming(request, jaar)
    verdeling = get_object_or_404(
        GemeenteVerdeling.objects.select_related("gemeente", "gemeente__provincie"),
        raming=obj,
        gemeente__slug=slug,
    )
    return render(
        request,
        "raming/gemeente.html",
        {
            "raming": obj,
            "verdeling": verdeling,
            "stappen": gemeente_berekening(obj, verdeling),
            "openbaar": True,
        },
    )


@login_not_required
@require_GET
@bewaard_bestand("raming")
def openbaar_csv(request, jaar: int, niveau: str):
    obj = _openbare_raming(request, jaar)
    return exports.csv_response(obj, raming_cijfers(obj), niveau)


@login_not_required
@require_GET
@bewaard_bestand("raming")
def openbaar_xlsx(request, jaar: int):
    obj = _openbare_raming(request, jaar)
    return exports.xlsx_response(obj)


def home_link(raming: Raming | None) -> str | None:
    if raming is None or raming.status != Raming.Status.GEPUBLICEERD:
        return None
    return reverse("raming:openbaar_raming", kwargs={"jaar": raming.cyclus.jaar})
