"""Pages of the cycle-wide extension after a late raming: the section on raming's cycle page
(registered in ``RegietafelsConfig.ready``) and the page that grants it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from accounts.rechten import Handeling
from accounts.toegang import toegang
from raming.models import Wetscyclus

from .forms import LateRamingVerlengingForm, foutmeldingen
from .models import Termijnverlenging
from .openstaand import cyclusstanden
from .termijnen import termijn
from .verlengingen import al_verlengd, late_raming, verslagtermijn_verlengen_na_late_raming


def cyclus_sectie(request, *, cyclus, vertraging) -> dict:
    """The section under "Raming te laat gepubliceerd" on the cycle page."""
    verlengd = al_verlengd(cyclus, vertraging)
    return {
        "cyclus": cyclus,
        "vertraging": vertraging,
        "al_verlengd": verlengd,
        "form": None
        if verlengd
        else LateRamingVerlengingForm(initial={"reden": vertraging.voorgestelde_reden}),
    }


def verslagmijlpaal_sectie(request, *, cyclus) -> dict | None:
    """The verslag milestone on the ministry's home card: the date in force for all PRTs
    (after a cycle-wide extension) with the original one; None without such an extension.
    Read from ``openstaand.cyclusstanden`` (the milestone with the latest extension for all
    PRTs beside it), the query the reminders' panel on the same page makes: no query of its
    own."""
    stand = next((c for c in cyclusstanden() if c.pk == cyclus.pk), None)
    if stand is None or stand.verslag_datum is None:
        return None
    oorspronkelijk, verlengd = stand.verslag_datum, stand.algemeen_verlengd
    if verlengd is None or verlengd <= oorspronkelijk:
        return None
    return {"geldend": verlengd, "oorspronkelijk": oorspronkelijk}


def cyclus_verslagmijlpaal_sectie(request, *, cyclus, mijlpaal) -> dict | None:
    """The verslag milestone's row on the cycle page: the extensions in force (for all PRTs
    and per PRT, each with its reason and reference) and the date in force for all PRTs
    (``geldend``, the rule of ``regietafels.termijnen``); None without any extension."""
    verlengingen = list(
        Termijnverlenging.objects.filter(cyclus=cyclus)
        .select_related("regietafel__provincie")
        .order_by("regietafel__provincie__code", "nieuwe_datum", "pk")
    )
    if not verlengingen:
        return None
    alle = [v for v in verlengingen if v.regietafel_id is None]
    geldend = termijn(mijlpaal.datum, (v.nieuwe_datum for v in alle)).effectief
    return {
        "alle": alle,
        "per_regietafel": [v for v in verlengingen if v.regietafel_id is not None],
        "geldend": geldend,
    }


@toegang(handeling=Handeling.VERLENGING_BESLUITEN)
def verlengen_na_late_raming(request, jaar: int):
    """Ministry: what the extension does (GET), and granting it (POST)."""
    cyclus = get_object_or_404(Wetscyclus, jaar=jaar)
    late = late_raming(cyclus)
    form = LateRamingVerlengingForm(
        request.POST or None,
        initial={"reden": late.vertraging.voorgestelde_reden} if late else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            verslagtermijn_verlengen_na_late_raming(
                cyclus=cyclus,
                door=request.user,
                reden=form.cleaned_data["reden"],
                referentie=form.cleaned_data["referentie"],
            )
        except ValidationError as fout:
            for veld, tekst in foutmeldingen(fout).items():
                form.add_error(veld if veld in form.fields else None, tekst)
        else:
            messages.success(
                request, "De verslagtermijn is voor alle provinciale regietafels verlengd."
            )
            return redirect("raming:cyclus", jaar=cyclus.jaar)
    return render(
        request,
        "regietafels/late_raming.html",
        {"cyclus": cyclus, "late": late, "form": form},
        status=400 if request.method == "POST" else 200,
    )
