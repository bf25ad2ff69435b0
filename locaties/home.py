"""COA's panel on its home page: the locations in the register that wait for its confirmation
of capacity and phase (a new location, or one whose capacity or phase changed since COA
confirmed it), counted per phase in one query. Closed locations are left out."""

from __future__ import annotations

from django.db.models import Count

from .models import Fase, Opvanglocatie


def coa_context(request):
    per_fase = dict(
        Opvanglocatie.objects.zichtbaar_voor(request.user)
        .onbevestigd()
        .exclude(fase=Fase.GESLOTEN)
        .values_list("fase")
        .annotate(aantal=Count("pk"))
        .order_by()
    )
    fasen = [
        {"fase": fase, "label": label, "aantal": per_fase[fase]}
        for fase, label in Fase.choices
        if per_fase.get(fase)
    ]
    return {"totaal": sum(f["aantal"] for f in fasen), "fasen": fasen}
