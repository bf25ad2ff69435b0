"""Reads of the raming that other parts of Regietafel rely on."""

from __future__ import annotations

from django.utils import timezone

from .models import GemeenteVerdeling, ProvincieVerdeling, Raming, Wetscyclus


def huidige_cyclus() -> Wetscyclus | None:
    """The cycle of the current two-year period: the latest cycle that has started."""
    jaar = timezone.localdate().year
    return Wetscyclus.objects.filter(jaar__lte=jaar).order_by("-jaar").first() or (
        Wetscyclus.objects.order_by("jaar").first()
    )


def geldende_raming(cyclus: Wetscyclus | None) -> Raming | None:
    """The raming that counts for a cycle: its newest published version, else the newest
    adopted one."""
    if cyclus is None:
        return None
    ramingen = Raming.objects.filter(cyclus=cyclus).order_by("-versie")
    return (
        ramingen.filter(status=Raming.Status.GEPUBLICEERD).first()
        or ramingen.filter(status=Raming.Status.VASTGESTELD).first()
    )


def indicatieve_aantallen(raming: Raming | None, *, provincie=None) -> dict[int, int]:
    """gemeente id → indicative number in ``raming`` (optionally one province)."""
    if raming is None:
        return {}
    qs = GemeenteVerdeling.objects.filter(raming=raming)
    if provincie is not None:
        qs = qs.filter(gemeente__provincie=provincie)
    return dict(qs.values_list("gemeente_id", "aantal"))


def provinciale_opgaven(raming: Raming | None) -> dict[int, ProvincieVerdeling]:
    """provincie id → its ProvincieVerdeling in ``raming``."""
    if raming is None:
        return {}
    return {pv.provincie_id: pv for pv in ProvincieVerdeling.objects.filter(raming=raming)}
