"""Home-page panels of the regietafels (registered in apps.py through core.registry)."""

from __future__ import annotations

from django.db.models import F, Func, IntegerField, Subquery
from django.utils import timezone

from raming.models import Wetscyclus
from raming.selectors import huidige_cyclus_voor

from .models import (
    Regietafel,
    VerdeelbesluitRegel,
    Verlengingsverzoek,
    Verslag,
)
from .selectors import cycli_met_besluit, geldend_verdeelbesluit, gerealiseerd_per_gemeente
from .termijnen import verslag_mijlpaal_datum, verslagtermijn


def _aantal(queryset):
    """The number of rows of ``queryset`` as a scalar subquery."""
    telling = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Subquery(telling, output_field=IntegerField())


def ministerie(request):
    """The numbers of the ministry's and COA's panel in one query; None without a cycle."""
    cyclus = huidige_cyclus_voor(request)
    if cyclus is None:
        return None
    verslagen = Verslag.objects.zichtbaar_voor(request.user).filter(cyclus=cyclus)
    verzoeken = Verlengingsverzoek.objects.zichtbaar_voor(request.user).filter(
        verslag__cyclus=cyclus, status=Verlengingsverzoek.Status.OPEN
    )
    aantallen = {
        "totaal": _aantal(Regietafel.objects.all()),
        "ingediend": _aantal(verslagen.filter(status__in=("ingediend", "beoordeeld"))),
        "te_laat": _aantal(verslagen.filter(te_laat=True)),
        "te_beoordelen": _aantal(verslagen.filter(status="ingediend")),
        "open_verzoeken": _aantal(verzoeken),
    }
    telling = Wetscyclus.objects.filter(pk=cyclus.pk).annotate(**aantallen).values(*aantallen)
    return {"cyclus": cyclus, **telling.get()}


def prt(request):
    cyclus = huidige_cyclus_voor(request)
    # The province's verslag of the cycle brings its regietafel along (one query); without a
    # verslag the regietafel is read on its own.
    verslag = (
        Verslag.objects.filter(
            regietafel__in=Regietafel.objects.zichtbaar_voor(request.user), cyclus=cyclus
        )
        .select_related("regietafel__provincie")
        .annotate(mijlpaal_datum=verslag_mijlpaal_datum())
        .order_by("regietafel__provincie__code")
        .first()
        if cyclus is not None
        else None
    )
    if verslag is not None:
        regietafel = verslag.regietafel
        verslag.cyclus = cyclus
    else:
        regietafel = (
            Regietafel.objects.zichtbaar_voor(request.user).select_related("provincie").first()
        )
    if cyclus is None or regietafel is None:
        return None
    al_gelezen = {"basis": verslag.mijlpaal_datum} if verslag is not None else {}
    termijn = verslagtermijn(cyclus, regietafel, **al_gelezen)
    if request.user.provincie_id == regietafel.provincie_id:
        # The home page's introduction names the user's province: already loaded here.
        request.user.provincie = regietafel.provincie
    return {
        "cyclus": cyclus,
        "regietafel": regietafel,
        "verslag": verslag,
        "termijn": termijn,
        "dagen": termijn.dagen_resterend(timezone.localdate()),
    }


def gemeente(request):
    cyclus = huidige_cyclus_voor(request)
    besluit = geldend_verdeelbesluit(cyclus)
    regel = (
        VerdeelbesluitRegel.objects.zichtbaar_voor(request.user)
        .filter(verdeelbesluit=besluit)
        .first()
        if besluit
        else None
    )
    # realised: its locations in gebruik plus its reports without a location (the one figure);
    # a term in the past says whether it was met
    cijfer = (
        gerealiseerd_per_gemeente(cyclus, gemeente_id=regel.gemeente_id).get(regel.gemeente_id)
        if regel
        else None
    )
    gerealiseerd = cijfer.gerealiseerd if cijfer else (0 if regel else None)
    # without a besluit in this cycle: the newest earlier cycle that has one, to link to
    eerder = (
        next((jaar for jaar in cycli_met_besluit() if jaar < cyclus.jaar), None)
        if cyclus and besluit is None
        else None
    )
    return {
        "cyclus": cyclus,
        "eerdere_cyclus": eerder,
        "besluitregel": regel,
        "gerealiseerd": gerealiseerd,
        "rest": max(0, regel.aantal - gerealiseerd) if regel else None,
        "boven": max(0, gerealiseerd - regel.aantal) if regel else None,
        "verstreken": bool(regel and regel.realisatietermijn)
        and regel.realisatietermijn < timezone.localdate(),
    }
