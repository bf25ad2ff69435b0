"""A gemeente's realisation reports as a workbook: download, upload with a preview of every new
report and every error per cell, then record them all at once (``realisatie_werkboek``)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.models import Rol
from accounts.toegang import toegang
from core.grenzen import BESTURINGSTEKENS, PLAUSIBEL_MAXIMUM

from . import forms, selectors, services, werkboek
from . import realisatie_werkboek as boek
from .models import Realisatiemelding
from .weergave import _cyclus


def _meldingen(request, cyclus):
    return list(
        Realisatiemelding.objects.zichtbaar_voor(request.user)
        .filter(cyclus=cyclus, gemeente=request.user.gemeente)
        .select_related("locatie")
        .order_by("datum", "pk")
    )


@toegang(Rol.GEMEENTE)
def realisatie_downloaden(request):
    cyclus = _cyclus(request)
    gemeente = request.user.gemeente
    inhoud = boek.werkboek_maken(
        gemeente=gemeente,
        cyclus=cyclus,
        meldingen=_meldingen(request, cyclus),
        locaties=boek.gemeentelocaties(gemeente),
    )
    response = HttpResponse(inhoud, content_type=werkboek.XLSX_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="realisatie-{gemeente.slug}-{cyclus.jaar}.xlsx"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _voorbeeld(request, cyclus, nieuw, aantal_nu) -> dict:
    """What the preview shows besides the rows: where the total would end against the
    gemeente's number in the verdeelbesluit (above it the user confirms, as in the form). A
    report naming a location adds nothing: the location counts already."""
    vastgesteld, eerder = selectors.realisatie_stand(gemeente=request.user.gemeente, cyclus=cyclus)
    totaal = eerder + sum(m.aantal for m in nieuw if m.locatie is None)
    return {
        "ingelezen": True,
        "nieuw": nieuw,
        "aantal_nu": aantal_nu,
        "vastgesteld": vastgesteld,
        "totaal_na": totaal,
        "boven_besluit": totaal > vastgesteld,
    }


@toegang(Rol.GEMEENTE)
def realisatie_werkboek_uploaden(request):
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
                context.update(
                    _voorbeeld(request, cyclus, nieuw, len(meldingen)),
                    fouten=fouten,
                    foutgroepen=boek.fouten_groeperen(fouten),
                )
    return render(request, "regietafels/realisatie_werkboek.html", context, status=status)


def _rijen_lezen(post, gemeente) -> list[boek.NieuweMelding] | None:
    """The previewed reports from the apply form's hidden fields; ``None`` when they cannot be
    read (changed by hand, a location not of ``gemeente``, or more than a workbook can
    hold)."""
    aantal = post.get("aantal", "")
    if not aantal.isdigit() or not 1 <= int(aantal) <= boek.MAXIMUM_NIEUW:
        return None
    locaties = {loc.pk: loc for loc in boek.gemeentelocaties(gemeente)}
    rijen = []
    for n in range(int(aantal)):
        rij = post.get(f"melding-{n}-rij", "")
        try:
            datum = forms.datum_lezen(post.get(f"melding-{n}-datum", ""))
        except ValueError:
            return None
        plekken = post.get(f"melding-{n}-aantal", "")
        opmerking = post.get(f"melding-{n}-opmerking", "")
        locatie_id = post.get(f"melding-{n}-locatie", "")
        if locatie_id and (not locatie_id.isdigit() or int(locatie_id) not in locaties):
            return None
        if (
            not rij.isdigit()
            or len(rij) > 9
            or not plekken.isdigit()
            or not 1 <= int(plekken) <= PLAUSIBEL_MAXIMUM
            or len(opmerking) > boek.OPMERKING_MAXIMUM
            or BESTURINGSTEKENS.search(opmerking)
        ):
            return None
        rijen.append(
            boek.NieuweMelding(
                rij=int(rij),
                datum=datum,
                aantal=int(plekken),
                opmerking=opmerking,
                locatie=locaties[int(locatie_id)] if locatie_id else None,
            )
        )
    return rijen


@require_POST
@toegang(Rol.GEMEENTE)
def realisatie_werkboek_toepassen(request):
    """Record the previewed reports, all or none; refused when reports were added since the
    preview (so a second click or a second upload reports nothing twice). A refusal of the
    service (a total above the verdeelbesluit not confirmed, a date it does not accept) shows
    the preview again with the message, so nothing has to be uploaded again."""
    cyclus = _cyclus(request)
    terug = redirect("regietafels:realisatie_werkboek_uploaden")
    aantal = request.POST.get("aantal_nu", "")
    rijen = _rijen_lezen(request.POST, request.user.gemeente)
    if rijen is None:
        messages.error(request, "De meldingen konden niet worden gelezen; upload opnieuw.")
        return terug
    bevestigd = request.POST.get("bevestigd") == "ja"
    try:
        with transaction.atomic():
            huidig = len(_meldingen(request, cyclus))
            if not aantal.isdigit() or len(aantal) > 9 or huidig != int(aantal):
                messages.error(
                    request,
                    "Sinds het voorbeeld zijn er meldingen bijgekomen; er is niets vastgelegd. "
                    "Download het werkboek opnieuw.",
                )
                return terug
            for m in rijen:
                services.realisatie_melden(
                    gemeente=request.user.gemeente,
                    cyclus=cyclus,
                    datum=m.datum,
                    aantal=m.aantal,
                    opmerking=m.opmerking,
                    door=request.user,
                    bevestigd=bevestigd,
                    locatie=m.locatie,
                )
    except ValidationError as fout:
        context = {
            "cyclus": cyclus,
            "gemeente": request.user.gemeente,
            "form": forms.WerkboekForm(),
            "fouten": [],
            "toepassen_fouten": list(forms.foutmeldingen(fout).values()),
            **_voorbeeld(request, cyclus, rijen, huidig),
        }
        return render(request, "regietafels/realisatie_werkboek.html", context, status=400)
    messages.success(request, f"{len(rijen)} realisatiemeldingen zijn vastgelegd.")
    return redirect("regietafels:gemeente")
