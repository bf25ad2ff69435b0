"""Home-page panels of the regietafels (registered in apps.py through core.registry)."""

from __future__ import annotations

from django.db.models import Count, F, Func, IntegerField, Q, Subquery
from django.utils import timezone

from raming.models import Wetscyclus
from raming.selectors import huidige_cyclus_voor

from .models import Regietafel, VerdeelbesluitRegel, Verlengingsverzoek, Verslag
from .selectors import geldend_verdeelbesluit
from .termijnen import verslag_mijlpaal_datum, verslagtermijn


def _aantal(queryset):
    """The number of rows of ``queryset`` as a scalar subquery."""
    telling = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Subquery(telling, output_field=IntegerField())


def ministerie_en_uitruil_telling(request) -> dict:
    """The numbers of the ministry's and COA's home panels (this one and the exchange panel,
    ``uitruil.home.overzicht_context``) in one query, read once per request: ``cyclus`` (None
    without one), the exchanges ``lopend`` and ``bevestigd`` and, with a cycle, ``totaal``,
    ``ingediend``, ``te_beoordelen`` and ``open_verzoeken``."""
    if not hasattr(request, "_rt_home_telling"):
        from uitruil.models import Uitruil

        cyclus = huidige_cyclus_voor(request)
        uitruilen = Uitruil.objects.zichtbaar_voor(request.user)
        lopend = Q(status__in=Uitruil.OPEN_STATUSSEN)
        bevestigd = Q(status=Uitruil.Status.BEVESTIGD)
        if cyclus is None:  # no cycle at all: only the exchanges
            telling = uitruilen.aggregate(
                lopend=Count("pk", filter=lopend), bevestigd=Count("pk", filter=bevestigd)
            )
        else:
            verslagen = Verslag.objects.zichtbaar_voor(request.user).filter(cyclus=cyclus)
            verzoeken = Verlengingsverzoek.objects.zichtbaar_voor(request.user).filter(
                verslag__cyclus=cyclus, status=Verlengingsverzoek.Status.OPEN
            )
            aantallen = {
                "totaal": _aantal(Regietafel.objects.all()),
                "ingediend": _aantal(verslagen.filter(status__in=("ingediend", "beoordeeld"))),
                "te_beoordelen": _aantal(verslagen.filter(status="ingediend")),
                "open_verzoeken": _aantal(verzoeken),
                "lopend": _aantal(uitruilen.filter(lopend)),
                "bevestigd": _aantal(uitruilen.filter(bevestigd)),
            }
            telling = (
                Wetscyclus.objects.filter(pk=cyclus.pk)
                .annotate(**aantallen)
                .values(*aantallen)
                .get()
            )
        request._rt_home_telling = {"cyclus": cyclus, **telling}
    return request._rt_home_telling


def ministerie(request):
    telling = ministerie_en_uitruil_telling(request)
    if telling["cyclus"] is None:
        return None
    return {
        k: telling[k] for k in ("cyclus", "totaal", "ingediend", "te_beoordelen", "open_verzoeken")
    }


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
    return {"cyclus": cyclus, "besluitregel": regel}
