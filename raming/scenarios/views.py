"""Scenario pages. Thin: access via ``Scenario.objects.zichtbaar_voor``, work via services."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.models import Rol
from accounts.rechten import Handeling
from accounts.toegang import toegang
from core.cache import bereik
from core.grenzen import id_uit
from raming.models import Raming

from . import services
from .export import vergelijking_xlsx
from .forms import (
    AanpassingFormSet,
    BeschikbaarFormSet,
    DelenForm,
    ScenarioForm,
    aanpassingen_uit,
    wijzigingen_uit,
)
from .grafiek import verschillen
from .models import GEEN_BESLUIT, Scenario, ScenarioDeling
from .selectors import MAX_SCENARIOS, SORTEERBAAR, VergelijkingFout, uitkomsten, vergelijking


def _zichtbaar(request):
    return Scenario.objects.zichtbaar_voor(request.user)


@toegang(Rol.MINISTERIE, Rol.PRT_SECRETARIS)
def lijst(request):
    """Ministry: all scenarios, grouped by basis, with a compare form. PRT: shared with you."""
    scenarios = (
        _zichtbaar(request)
        .select_related("basis__cyclus", "auteur")
        .annotate(aantal_delingen=Count("delingen"))
        .order_by("-basis__cyclus__jaar", "-basis__versie", "naam")
    )
    groepen: dict[Raming, list[Scenario]] = {}
    for s in scenarios:
        groepen.setdefault(s.basis, []).append(s)
    ramingen = (
        Raming.objects.zichtbaar_voor(request.user)
        .exclude(landelijk_aantal__isnull=True)
        .select_related("cyclus")
        if request.user.is_ministerie
        else []
    )
    return render(
        request,
        "scenarios/lijst.html",
        {
            "groepen": list(groepen.items()),
            "ramingen": ramingen,
            "geen_besluit": GEEN_BESLUIT,
            "max_scenarios": MAX_SCENARIOS,
        },
    )


def _formulier(request, *, scenario: Scenario | None):
    vaste_basis = scenario.basis if scenario else None
    basis_pk = id_uit(request.GET.get("basis"))
    if scenario is None and basis_pk is not None:
        # an unknown or malformed ?basis= offers every raming to choose from
        vaste_basis = Raming.objects.zichtbaar_voor(request.user).filter(pk=basis_pk).first()
    if request.method == "POST":
        form = ScenarioForm(request.POST, gebruiker=request.user, vaste_basis=vaste_basis)
        aanpassingen = AanpassingFormSet(request.POST, prefix="aanpassing")
        beschikbaar = BeschikbaarFormSet(request.POST, prefix="beschikbaar")
        if form.is_valid() and aanpassingen.is_valid() and beschikbaar.is_valid():
            d = form.cleaned_data
            velden = {
                "naam": d["naam"],
                "beschrijving": d["beschrijving"],
                "landelijk_aantal": d["landelijk_aantal"],
                "amv_aandeel": d["amv_aandeel"],
                "peildatum_inwoners": d["peildatum_inwoners"],
                "ses_jaar": d["ses_jaar"],
                "afrondingsmethode": d["afrondingsmethode"],
                "aanpassingen": aanpassingen_uit(aanpassingen),
                "beschikbaar_wijzigingen": wijzigingen_uit(beschikbaar),
            }
            try:
                if scenario is None:
                    scenario = services.scenario_aanmaken(
                        basis=d["basis"], auteur=request.user, **velden
                    )
                    messages.success(request, f"Scenario '{scenario.naam}' is berekend.")
                else:
                    services.scenario_wijzigen(scenario=scenario, door=request.user, **velden)
                    messages.success(
                        request, f"Scenario '{scenario.naam}' is gewijzigd en opnieuw berekend."
                    )
                return redirect("scenarios:detail", pk=scenario.pk)
            except services.ScenarioFout as fout:
                veld = fout.veld if fout.veld in form.fields else None
                form.add_error(veld, fout.tekst)
    else:
        if scenario is not None:
            initial = {
                "basis": scenario.basis_id,
                "naam": scenario.naam,
                "beschrijving": scenario.beschrijving,
                "landelijk_aantal": scenario.landelijk_aantal,
                "amv_aandeel": scenario.amv_aandeel,
                "peildatum_inwoners": scenario.peildatum_inwoners.isoformat(),
                "ses_jaar": scenario.ses_jaar or "",
                "afrondingsmethode": scenario.afrondingsmethode,
            }
            a_initial = [{"label": a.label, "delta": a.delta} for a in scenario.aanpassingen.all()]
            b_initial = [
                {
                    "provincie": w.provincie_id,
                    "gemeente": w.gemeente_id,
                    "soort": "delta" if w.delta is not None else "nieuw",
                    "aantal": w.delta if w.delta is not None else w.nieuw_aantal,
                    "toelichting": w.toelichting,
                }
                for w in scenario.beschikbaar_wijzigingen.all()
            ]
        else:
            initial = {}
            if vaste_basis is not None:
                initial = {
                    "basis": vaste_basis.pk,
                    "peildatum_inwoners": vaste_basis.peildatum_inwoners.isoformat()
                    if vaste_basis.peildatum_inwoners
                    else None,
                    "ses_jaar": "" if vaste_basis.zonder_ses else (vaste_basis.ses_jaar or ""),
                    "afrondingsmethode": vaste_basis.afrondingsmethode,
                }
            a_initial, b_initial = [], []
        form = ScenarioForm(initial=initial, gebruiker=request.user, vaste_basis=vaste_basis)
        aanpassingen = AanpassingFormSet(prefix="aanpassing", initial=a_initial)
        beschikbaar = BeschikbaarFormSet(prefix="beschikbaar", initial=b_initial)
    return render(
        request,
        "scenarios/formulier.html",
        {
            "form": form,
            "aanpassingen": aanpassingen,
            "beschikbaar": beschikbaar,
            "scenario": scenario,
            "basis": vaste_basis,
            "geen_besluit": GEEN_BESLUIT,
        },
    )


@toegang(handeling=Handeling.SCENARIO_WERKEN)
def nieuw(request):
    return _formulier(request, scenario=None)


@toegang(handeling=Handeling.SCENARIO_WERKEN)
def bewerken(request, pk: int):
    scenario = get_object_or_404(_zichtbaar(request).select_related("basis__cyclus"), pk=pk)
    return _formulier(request, scenario=scenario)


@toegang(Rol.MINISTERIE, Rol.PRT_SECRETARIS)
def detail(request, pk: int):
    scenario = get_object_or_404(
        _zichtbaar(request)
        .select_related("basis__cyclus", "auteur")
        .prefetch_related(
            "aanpassingen",
            "beschikbaar_wijzigingen__provincie",
            "beschikbaar_wijzigingen__gemeente",
            Prefetch(
                "delingen",
                queryset=ScenarioDeling.objects.select_related("gebruiker__provincie"),
            ),
        ),
        pk=pk,
    )
    gedeelde_weergave = not request.user.is_ministerie
    provincies, gemeenten = uitkomsten(scenario, gedeeld=gedeelde_weergave)
    context = {
        "scenario": scenario,
        "gedeelde_weergave": gedeelde_weergave,
        "invoer": scenario.gedeelde_invoer if gedeelde_weergave else None,
        "provincies": provincies,
        "gemeenten": gemeenten,
        "geen_besluit": GEEN_BESLUIT,
    }
    if request.user.is_ministerie:
        context["delen_form"] = DelenForm(
            initial={"secretarissen": [d.gebruiker_id for d in scenario.delingen.all()]}
        )
    return render(request, "scenarios/detail.html", context)


@require_POST
@toegang(handeling=Handeling.SCENARIO_WERKEN)
def delen(request, pk: int):
    scenario = get_object_or_404(_zichtbaar(request), pk=pk)
    form = DelenForm(request.POST)
    if form.is_valid():
        try:
            services.scenario_delen(
                scenario=scenario,
                secretarissen=form.cleaned_data["secretarissen"],
                door=request.user,
            )
        except services.ScenarioFout as fout:
            messages.error(request, fout.tekst)
        else:
            messages.success(
                request,
                "Het scenario is gedeeld; de PRT-secretarissen zien de cijfers van dit moment.",
            )
    else:
        messages.error(request, "Kies ten minste één PRT-secretaris om mee te delen.")
    return redirect("scenarios:detail", pk=scenario.pk)


@require_POST
@toegang(handeling=Handeling.SCENARIO_WERKEN)
def delen_stoppen(request, pk: int):
    scenario = get_object_or_404(_zichtbaar(request), pk=pk)
    services.delen_stoppen(scenario=scenario, door=request.user)
    messages.success(request, "Het scenario wordt niet meer gedeeld.")
    return redirect("scenarios:detail", pk=scenario.pk)


@require_POST
@toegang(handeling=Handeling.SCENARIO_WERKEN)
def promoveren(request, pk: int):
    scenario = get_object_or_404(_zichtbaar(request), pk=pk)
    try:
        raming = services.scenario_promoveren(scenario=scenario, door=request.user)
    except services.ScenarioFout as fout:
        messages.error(request, fout.tekst)
    else:
        soort = (
            "een voorstel voor een tussentijdse wijziging"
            if raming.vorige_versie and raming.vorige_versie.is_bevroren
            else "een nieuwe conceptraming"
        )
        messages.success(
            request,
            f"Het scenario is omgezet in {soort}: {raming} (concept). De aannames staan als "
            "reden bij de nieuwe versie; de gepubliceerde cijfers zijn niet veranderd.",
        )
    return redirect("scenarios:detail", pk=scenario.pk)


def _vergelijking_uit(request):
    try:
        ids = [int(i) for i in request.GET.getlist("s") if i.strip()]
    except ValueError as exc:
        raise Http404 from exc
    try:
        return vergelijking(
            gebruiker=request.user,
            scenario_ids=ids,
            sorteer=request.GET.get("sorteer", "naam"),
            psorteer=request.GET.get("psorteer", "naam"),
        ), None
    except Scenario.DoesNotExist as exc:
        raise Http404 from exc
    except VergelijkingFout as fout:
        return None, str(fout)


def _geldig(sorteer: str) -> str:
    return sorteer if sorteer.lstrip("-") in SORTEERBAAR else "naam"


def _koppen(
    v, *, basis_query: str, param: str, huidig: str, ander: str, ander_waarde: str, gemeenten: bool
) -> list[dict]:
    """Column headers with sort links (GET ``sorteer`` / ``psorteer``); a second click on the
    same column sorts descending."""

    def kop(label, sleutel=None, getal=True):
        if sleutel is None:
            return {"label": label, "getal": getal}
        richting = None
        nieuw = sleutel
        if huidig == sleutel:
            richting, nieuw = "ascending", f"-{sleutel}"
        elif huidig == f"-{sleutel}":
            richting = "descending"
        url = f"?{basis_query}&{ander}={ander_waarde}&{param}={nieuw}"
        return {"label": label, "getal": getal, "url": url, "aria_sort": richting}

    koppen = [kop("Gemeente" if gemeenten else "Provincie", "naam", getal=False)]
    if gemeenten:
        koppen.append(kop("Provincie", "provincie", getal=False))
    koppen.append(kop("Basis", "basis"))
    for k in v.kolommen:
        koppen += [
            kop(f"S{k.nummer}", f"s{k.nummer}"),
            kop(f"S{k.nummer} verschil", f"v{k.nummer}"),
            kop(f"S{k.nummer} %"),
        ]
    return koppen


@toegang(Rol.MINISTERIE, Rol.PRT_SECRETARIS)
def vergelijken(request):
    v, fout = _vergelijking_uit(request)
    if v is None:
        messages.error(request, fout)
        return redirect("scenarios:lijst")
    basis_query = "&".join(f"s={k.scenario.pk}" for k in v.kolommen)
    sorteer = _geldig(request.GET.get("sorteer", "naam"))
    psorteer = _geldig(request.GET.get("psorteer", "naam"))
    return render(
        request,
        "scenarios/vergelijken.html",
        {
            "v": v,
            "grafiek": verschillen(v),
            "bereik": bereik(request.user),
            "basis_query": basis_query,
            "sorteer": sorteer,
            "psorteer": psorteer,
            "koppen_g": _koppen(
                v,
                basis_query=basis_query,
                param="sorteer",
                huidig=sorteer,
                ander="psorteer",
                ander_waarde=psorteer,
                gemeenten=True,
            ),
            "koppen_p": _koppen(
                v,
                basis_query=basis_query,
                param="psorteer",
                huidig=psorteer,
                ander="sorteer",
                ander_waarde=sorteer,
                gemeenten=False,
            ),
            "geen_besluit": GEEN_BESLUIT,
            "xlsx_url": reverse("scenarios:vergelijken_xlsx") + "?" + basis_query,
        },
    )


@toegang(Rol.MINISTERIE, Rol.PRT_SECRETARIS)
def vergelijken_xlsx(request):
    v, fout = _vergelijking_uit(request)
    if v is None:
        messages.error(request, fout)
        return redirect("scenarios:lijst")
    response = HttpResponse(
        vergelijking_xlsx(v),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    naam = f"scenarios-{v.basis.cyclus.jaar}-v{v.basis.versie}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response
