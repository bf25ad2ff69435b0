"""A gemeente's realisation reports as a workbook: download, upload with a preview of every new
report and every error per cell, then record them all at once (``realisatie_werkboek``)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import forms, services, werkboek
from . import realisatie_werkboek as boek
from .models import Realisatiemelding
from .weergave import _cyclus, _fout_naar_messages, _vereis


def _meldingen(request, cyclus):
    return list(
        Realisatiemelding.objects.zichtbaar_voor(request.user)
        .filter(cyclus=cyclus, gemeente=request.user.gemeente)
        .order_by("datum", "pk")
    )


def realisatie_downloaden(request):
    _vereis(request, "gemeente")
    cyclus = _cyclus(request)
    gemeente = request.user.gemeente
    inhoud = boek.werkboek_maken(
        gemeente=gemeente, cyclus=cyclus, meldingen=_meldingen(request, cyclus)
    )
    response = HttpResponse(inhoud, content_type=werkboek.XLSX_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="realisatie-{gemeente.slug}-{cyclus.jaar}.xlsx"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def realisatie_werkboek_uploaden(request):
    _vereis(request, "gemeente")
    cyclus = _cyclus(request)
    form = forms.WerkboekForm(request.POST or None, request.FILES or None)
    context = {"cyclus": cyclus, "gemeente": request.user.gemeente, "form": form}
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            meldingen = _meldingen(request, cyclus)
            try:
                nieuw, fouten = boek.werkboek_lezen(
                    form.cleaned_data["bestand"],
                    gemeente=request.user.gemeente,
                    cyclus=cyclus,
                    aantal_nu=len(meldingen),
                )
            except werkboek.WerkboekGeweigerd as fout:
                form.add_error("bestand", fout.messages[0])
            else:
                status = 200
                context.update(ingelezen=True, nieuw=nieuw, fouten=fouten, aantal_nu=len(meldingen))
    return render(request, "regietafels/realisatie_werkboek.html", context, status=status)


@require_POST
def realisatie_werkboek_toepassen(request):
    """Record the previewed reports, all or none; refused when reports were added since the
    preview (so a second click or a second upload reports nothing twice)."""
    _vereis(request, "gemeente")
    cyclus = _cyclus(request)
    terug = redirect("regietafels:realisatie_werkboek_uploaden")
    aantal = request.POST.get("aantal_nu", "")
    rijen = []
    for n in range(int(request.POST.get("aantal", "0") or 0)):
        tekst_datum = request.POST.get(f"melding-{n}-datum", "")
        tekst_aantal = request.POST.get(f"melding-{n}-aantal", "")
        try:
            datum = forms.datum_lezen(tekst_datum)
            plekken = int(tekst_aantal)
        except ValueError:
            messages.error(request, "De meldingen konden niet worden gelezen; upload opnieuw.")
            return terug
        rijen.append((datum, plekken, request.POST.get(f"melding-{n}-opmerking", "")))
    try:
        with transaction.atomic():
            if not aantal.isdigit() or len(_meldingen(request, cyclus)) != int(aantal):
                messages.error(
                    request,
                    "Sinds het voorbeeld zijn er meldingen bijgekomen; er is niets vastgelegd. "
                    "Download het werkboek opnieuw.",
                )
                return terug
            for datum, plekken, opmerking in rijen:
                services.realisatie_melden(
                    gemeente=request.user.gemeente,
                    cyclus=cyclus,
                    datum=datum,
                    aantal=plekken,
                    opmerking=opmerking,
                    door=request.user,
                )
    except ValidationError as fout:
        _fout_naar_messages(request, fout)
        return terug
    messages.success(request, f"{len(rijen)} realisatiemeldingen zijn vastgelegd.")
    return redirect("regietafels:gemeente")
