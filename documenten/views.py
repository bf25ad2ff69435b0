"""Document pages and downloads: every path applies ``Document.objects.zichtbaar_voor`` or
``Bundel.objects.zichtbaar_voor`` (404 otherwise)."""

from __future__ import annotations

import functools
import io

from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.rechten import Handeling
from accounts.toegang import IEDEREEN, toegang
from regietafels.models import Verdeelbesluit

from . import achtergrond, bundels, selectors
from .maken import PdfNietBeschikbaar, inhoud
from .models import Bundel, Soort
from .tasks import publicatie_vooraf


def pdf_antwoord(document) -> FileResponse:
    response = FileResponse(
        io.BytesIO(inhoud(document)),
        as_attachment=True,
        filename=document.bestandsnaam,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def niet_beschikbaar(view):
    """A document that cannot be rendered here (no Pango) answers 503 with a Dutch page."""

    @functools.wraps(view)
    def omhulsel(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PdfNietBeschikbaar as fout:
            return render(
                request, "documenten/niet_beschikbaar.html", {"reden": str(fout)}, status=503
            )

    return omhulsel


@login_not_required  # a published raming's document is public; the access rule decides
def downloaden(request, pk: int):
    return pdf_antwoord(selectors.document_voor(request.user, pk))


@toegang(IEDEREEN)  # every role; the access rule of the besluit's row decides (404 otherwise)
@niet_beschikbaar
def beschikking(request, regel_pk: int):
    return pdf_antwoord(selectors.beschikking_voor(request.user, regel_pk))


@login_not_required  # a published raming is public
@niet_beschikbaar
def raming_publicatie(request, raming_pk: int):
    """The publication text; without a worker (``make run``) one not made yet is made beside
    the request while this page says so and reloads itself (its table takes seconds)."""
    if achtergrond.in_draad():
        raming = selectors.gepubliceerde_raming_voor(request.user, raming_pk)
        if selectors.bestaand(raming, Soort.RAMING_PUBLICATIE) is None:
            achtergrond.starten(f"publicatie:{raming.pk}", publicatie_vooraf, raming.pk)
            return render(request, "documenten/wordt_gemaakt.html", {"raming": raming}, status=202)
    return pdf_antwoord(selectors.raming_publicatie_voor(request.user, raming_pk))


@toegang(IEDEREEN)  # the access rule of the object decides (404 otherwise)
@niet_beschikbaar
def verslag(request, versie_pk: int):
    return pdf_antwoord(selectors.verslag_voor(request.user, versie_pk))


@toegang(IEDEREEN)  # the access rule of the object decides (404 otherwise)
@niet_beschikbaar
def ontvangstbevestiging(request, versie_pk: int):
    return pdf_antwoord(selectors.ontvangstbevestiging_voor(request.user, versie_pk))


@require_POST
@toegang(handeling=Handeling.BESCHIKKINGEN_BUNDELEN)
def bundel_aanvragen(request, besluit_pk: int):
    besluit = get_object_or_404(
        Verdeelbesluit.objects.zichtbaar_voor(request.user).filter(
            status=Verdeelbesluit.Status.VASTGESTELD
        ),
        pk=besluit_pk,
    )
    bundel = bundels.bundel_aanvragen(verdeelbesluit=besluit, door=request.user)
    return redirect("documenten:bundel", pk=bundel.pk)


def _bundel(request, pk: int) -> Bundel:
    return get_object_or_404(Bundel.objects.zichtbaar_voor(request.user), pk=pk)


@toegang(IEDEREEN)  # the access rule of the object decides (404 otherwise)
def bundel(request, pk: int):
    """The status page: it reloads itself every few seconds while the worker builds."""
    bundel = _bundel(request, pk)
    bezig = bundel.status in (
        Bundel.Status.WACHTEND,
        Bundel.Status.BEZIG,
        Bundel.Status.INPAKKEN,
    )
    return render(request, "documenten/bundel.html", {"bundel": bundel, "bezig": bezig})


@toegang(IEDEREEN)  # the access rule of the object decides (404 otherwise)
def bundel_downloaden(request, pk: int):
    bundel = _bundel(request, pk)
    if bundel.status != Bundel.Status.KLAAR or not bundel.bestand:
        raise Http404("De zip is nog niet klaar.")
    response = FileResponse(
        bundel.bestand.open("rb"),
        as_attachment=True,
        filename=f"beschikkingen-{bundel.object_id}.zip",
        content_type="application/zip",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
