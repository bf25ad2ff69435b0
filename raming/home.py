"""Home-page panels of the raming, per role (registered in ``RamingConfig.ready``)."""

from __future__ import annotations

from core.registry import secties_voor

from .models import GemeenteVerdeling, ProvincieVerdeling, Raming
from .selectors import (
    geldende_raming_voor,
    gemeente_berekening,
    huidige_ramingen_voor,
    met_totalen,
)
from .services import publicatie_vertraging


def ministerie_context(request) -> dict | None:
    # The cycle with its versions (one query), and its milestones, read once and shared with
    # publicatie_vertraging.
    cyclus, ramingen = huidige_ramingen_voor(request)
    if cyclus is None:
        return {"cyclus": None}
    mijlpalen = list(cyclus.mijlpalen.order_by("datum"))

    return {
        "cyclus": cyclus,
        "raming": ramingen[0] if ramingen else None,
        "mijlpalen": mijlpalen,
        # the verslag deadline in force after extensions is regietafels' to tell
        "verslag_secties": secties_voor("raming:mijlpaal:verslag", request, cyclus=cyclus),
        "vertraging": publicatie_vertraging(cyclus, ramingen=ramingen, mijlpalen=mijlpalen),
    }


def landelijk_context(request) -> dict | None:
    raming = geldende_raming_voor(request)
    if raming is None or raming.status != Raming.Status.GEPUBLICEERD:
        return None
    return {"raming": raming}


def prt_context(request) -> dict | None:
    provincie_id = request.user.eigen_provincie_id
    raming = geldende_raming_voor(request)
    if raming is None or provincie_id is None:
        return None
    opgave = (
        ProvincieVerdeling.objects.filter(raming=raming, provincie_id=provincie_id)
        .select_related("provincie")
        .first()
    )
    gemeenten = list(
        GemeenteVerdeling.objects.filter(raming=raming, gemeente__provincie_id=provincie_id)
        .select_related("gemeente")
        .order_by("gemeente__naam")
    )
    return {
        "raming": raming,
        "opgave": opgave,
        "gemeenten": gemeenten,
    }


def gemeente_context(request) -> dict | None:
    gemeente_id = request.user.gemeente_id
    raming = geldende_raming_voor(request)
    if raming is None or gemeente_id is None:
        return None
    # the raming's totals (the computation's denominators) read with the gemeente's row
    verdeling = (
        met_totalen(GemeenteVerdeling.objects.filter(raming=raming, gemeente_id=gemeente_id))
        .select_related("gemeente", "gemeente__provincie")
        .first()
    )
    if verdeling is None:
        return None
    return {
        "raming": raming,
        "verdeling": verdeling,
        "stappen": gemeente_berekening(raming, verdeling),
    }
