"""Home-page panels of the regietafels (registered in apps.py through core.registry)."""

from __future__ import annotations

from django.utils import timezone

from raming.selectors import huidige_cyclus

from .models import Regietafel, VerdeelbesluitRegel, Verlengingsverzoek, Verslag
from .selectors import geldend_verdeelbesluit
from .termijnen import verslagtermijn


def ministerie(request):
    cyclus = huidige_cyclus()
    if cyclus is None:
        return None
    verslagen = Verslag.objects.zichtbaar_voor(request.user).filter(cyclus=cyclus)
    statussen = list(verslagen.values_list("status", flat=True))
    return {
        "cyclus": cyclus,
        "totaal": Regietafel.objects.count(),
        "ingediend": sum(1 for s in statussen if s in ("ingediend", "beoordeeld")),
        "te_beoordelen": statussen.count("ingediend"),
        "open_verzoeken": Verlengingsverzoek.objects.zichtbaar_voor(request.user)
        .filter(verslag__cyclus=cyclus, status=Verlengingsverzoek.Status.OPEN)
        .count(),
    }


def prt(request):
    cyclus = huidige_cyclus()
    regietafel = Regietafel.objects.zichtbaar_voor(request.user).select_related("provincie").first()
    if cyclus is None or regietafel is None:
        return None
    termijn = verslagtermijn(cyclus, regietafel)
    return {
        "cyclus": cyclus,
        "regietafel": regietafel,
        "verslag": Verslag.objects.filter(regietafel=regietafel, cyclus=cyclus).first(),
        "termijn": termijn,
        "dagen": termijn.dagen_resterend(timezone.localdate()),
    }


def gemeente(request):
    cyclus = huidige_cyclus()
    besluit = geldend_verdeelbesluit(cyclus)
    regel = (
        VerdeelbesluitRegel.objects.zichtbaar_voor(request.user)
        .filter(verdeelbesluit=besluit)
        .first()
        if besluit
        else None
    )
    return {"cyclus": cyclus, "besluitregel": regel}
