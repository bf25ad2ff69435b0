"""Pages of the reference data (ministry): CBS StatLine imports with a preview, and the
municipal mergers. Thin: reading and writing in ``raming.cbs_import``."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.rechten import Handeling
from accounts.toegang import toegang

from . import cbs_import
from .cbs_import import ImportFout
from .forms import CbsImportForm
from .models import CbsImport, Gemeentefusie


@toegang(handeling=Handeling.REFERENTIE_IMPORTEREN)
def referentie(request):
    post = request.method == "POST"
    form = CbsImportForm(
        request.POST if post else None,
        request.FILES if post else None,
        initial={"downloaddatum": timezone.localdate(), "soort": "ses_woa"},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            imp, _ = cbs_import.import_voorbereiden(
                soort=d["soort"],
                inhoud=d["bestand"].read(),
                bestandsnaam=d["bestand"].name,
                tabel=d["tabel"].upper(),
                downloaddatum=d["downloaddatum"],
                jaar=d["jaar"],
                door=request.user,
            )
        except ImportFout as fout:
            form.add_error("bestand", fout.fouten[:20])
        else:
            return redirect("raming:cbs_import", pk=imp.pk)
    return render(
        request,
        "raming/referentie.html",
        {
            "form": form,
            "imports": CbsImport.objects.select_related("aangemaakt_door", "afgehandeld_door")
            .defer("inhoud")
            .order_by("-aangemaakt_op")[:30],
            "fusies": Gemeentefusie.objects.all(),
        },
        status=400 if request.method == "POST" else 200,
    )


def _voorbeeld_pagina(request, imp, fouten=None, status=200):
    vb = cbs_import.voorbeeld_van(imp) if imp.status == CbsImport.Status.VOORBEELD else None
    return render(
        request,
        "raming/cbs_import.html",
        {"imp": imp, "vb": vb, "fouten": fouten or [], "bron": cbs_import.bron_tekst(imp)},
        status=status,
    )


@toegang(handeling=Handeling.REFERENTIE_IMPORTEREN)
def cbs_import_pagina(request, pk: int):
    return _voorbeeld_pagina(request, get_object_or_404(CbsImport, pk=pk))


@require_POST
@toegang(handeling=Handeling.REFERENTIE_IMPORTEREN)
def cbs_import_toepassen(request, pk: int):
    imp = get_object_or_404(CbsImport, pk=pk)
    try:
        vb = cbs_import.toepassen(imp, door=request.user)
    except ImportFout as fout:
        imp.refresh_from_db()
        return _voorbeeld_pagina(request, imp, fout.fouten, status=400)
    messages.success(
        request,
        f"De import is toegepast: {len(vb.waarden)} waarden opgeslagen "
        f"({vb.aantal('nieuw')} nieuw, {vb.aantal('gewijzigd')} gewijzigd), "
        f"bron {cbs_import.bron_tekst(imp)}.",
    )
    return redirect("raming:cbs_import", pk=imp.pk)


@require_POST
@toegang(handeling=Handeling.REFERENTIE_IMPORTEREN)
def cbs_import_annuleren(request, pk: int):
    imp = get_object_or_404(CbsImport, pk=pk)
    try:
        cbs_import.annuleren(imp, door=request.user)
    except ImportFout as fout:
        return _voorbeeld_pagina(request, imp, fout.fouten, status=400)
    messages.info(request, "De import is geannuleerd; er is niets opgeslagen.")
    return redirect("raming:referentie")
