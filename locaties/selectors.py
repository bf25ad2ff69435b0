"""Reads of the register: the filtered list with its totals, a location with its timeline.

Every read starts from ``Opvanglocatie.objects.zichtbaar_voor(user)``; the list reads a fixed
number of queries whatever the number of locations (tests/locaties/test_querybudget.py)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from core.grenzen import id_uit
from raming.models import Gemeente, Provincie

from .models import Fase, Opvanglocatie, Soort


@dataclass(frozen=True)
class Filter:
    provincie: int | None = None
    gemeente: int | None = None
    fase: str = ""
    soort: str = ""
    bevestigd: str = ""  # "ja", "nee" or ""

    @classmethod
    def uit(cls, params) -> Filter:
        fase = params.get("fase", "")
        soort = params.get("soort", "")
        bevestigd = params.get("bevestigd", "")
        return cls(
            provincie=id_uit(params.get("provincie")),
            gemeente=id_uit(params.get("gemeente")),
            fase=fase if fase in Fase.values else "",
            soort=soort if soort in Soort.values else "",
            bevestigd=bevestigd if bevestigd in ("ja", "nee") else "",
        )

    def toepassen(self, qs):
        if self.provincie:
            qs = qs.filter(gemeente__provincie_id=self.provincie)
        if self.gemeente:
            qs = qs.filter(gemeente_id=self.gemeente)
        if self.fase:
            qs = qs.filter(fase=self.fase)
        if self.soort:
            qs = qs.filter(soort=self.soort)
        if self.bevestigd == "ja":
            qs = qs.filter(coa_bevestigd_op__isnull=False)
        elif self.bevestigd == "nee":
            qs = qs.filter(coa_bevestigd_op__isnull=True)
        return qs


def register(user, filter_: Filter):
    """The visible locations after the filter, ready for a table (gemeente and province)."""
    qs = filter_.toepassen(Opvanglocatie.objects.zichtbaar_voor(user))
    return qs.select_related("gemeente__provincie").order_by("gemeente__naam", "naam", "pk")


def totalen(qs) -> dict:
    """Number of locations and places (regular, amv) of ``qs``, in one query, also per phase."""
    per_fase = {
        f"fase_{fase}": Sum("capaciteit_regulier", filter=Q(fase=fase), default=0)
        for fase in Fase.values
    }
    return qs.order_by().aggregate(
        aantal=Count("pk"),
        regulier=Sum("capaciteit_regulier", default=0),
        amv=Sum("capaciteit_amv", default=0),
        bevestigd=Count("pk", filter=Q(coa_bevestigd_op__isnull=False)),
        **per_fase,
    )


def filter_keuzes(user) -> dict:
    """The provinces and gemeenten a user can filter on (only what the access rule shows)."""
    if user.is_ministerie or user.is_coa:
        return {
            "provincies": list(Provincie.objects.order_by("naam").values_list("pk", "naam")),
            "gemeenten": list(Gemeente.objects.order_by("naam").values_list("pk", "naam")),
        }
    if user.is_prt:
        return {
            "provincies": [],
            "gemeenten": list(
                Gemeente.objects.filter(provincie_id=user.provincie_id)
                .order_by("naam")
                .values_list("pk", "naam")
            ),
        }
    return {"provincies": [], "gemeenten": []}


def beheerbare_gemeenten(user):
    """The gemeenten whose locations ``user`` keeps (LOCATIE_BEHEREN's scope)."""
    if user.is_ministerie:
        return Gemeente.objects.order_by("naam")
    if user.is_prt:
        return Gemeente.objects.filter(provincie_id=user.provincie_id).order_by("naam")
    if user.is_gemeente:
        return Gemeente.objects.filter(pk=user.gemeente_id)
    return Gemeente.objects.none()
