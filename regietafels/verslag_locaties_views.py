"""The verslag built from the register: a preview of what the rows would become (per row or for
all rows), then applying it after confirmation (``services.regels_uit_locaties``)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.models import Rol
from accounts.rechten import GeenToegang
from accounts.toegang import toegang
from core.grenzen import id_uit

from . import forms, services
from .weergave import _mag_bewerken, _verslag


@toegang(Rol.PRT_SECRETARIS)
def verslag_uit_locaties(request, slug):
    verslag = _verslag(request, slug)
    if not _mag_bewerken(request.user, verslag):
        raise GeenToegang("Dit verslag kunt u niet bewerken.")
    terug = reverse("regietafels:verslag", kwargs={"slug": slug}) + f"?cyclus={verslag.cyclus.jaar}"
    bron = request.POST if request.method == "POST" else request.GET
    gemeente_id = id_uit(bron.get("gemeente"))
    gemeente_ids = {gemeente_id} if gemeente_id else None
    rijen = services.verslag_locatie_opbouw(verslag, gemeente_ids=gemeente_ids)
    # rows the register would set above three times their indicative number: confirmed here,
    # each with its figure, as on the verslag form
    ongewoon = services.ongewone_uit_locaties(rijen)
    fouten = []
    if request.method == "POST":
        versie = request.POST.get("versie", "")
        hoog_bevestigd = bool(request.POST.get("hoog_bevestigd"))
        if not request.POST.get("bevestigd"):
            fouten.append("Vink aan dat u de regels uit het locatieregister wilt overnemen.")
        if ongewoon and not hoog_bevestigd:
            fouten.append(
                "Bevestig de aantallen die meer dan drie keer het indicatieve aantal zijn, "
                "of pas eerst het locatieregister aan."
            )
        if not rijen:
            fouten.append("Er zijn geen locaties om over te nemen.")
        if not fouten:
            try:
                services.regels_uit_locaties(
                    verslag=verslag,
                    gemeente_ids={r.regel.gemeente_id for r in rijen},
                    versie=int(versie) if versie.isdigit() else -1,
                    door=request.user,
                    bevestigd={r["gemeente_id"]: r["aangeboden"] for r in ongewoon},
                )
            except services.VerslagGewijzigd as fout:
                fouten.extend(fout.messages)
            except ValidationError as fout:
                fouten.extend(forms.foutmeldingen(fout).values())
            else:
                messages.success(
                    request,
                    f"{len(rijen)} regel(s) zijn opgebouwd uit het locatieregister.",
                )
                return redirect(terug)
    return render(
        request,
        "regietafels/verslag_uit_locaties.html",
        {
            "verslag": verslag,
            "rijen": rijen,
            "gemeente_id": gemeente_id,
            "ongewoon": ongewoon,
            "fouten": fouten,
            "terug": terug,
        },
        status=400 if fouten else 200,
    )
