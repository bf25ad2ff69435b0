"""Home-page panels of the regietafels (registered in apps.py through core.registry)."""

from __future__ import annotations

from django.utils import timezone

from raming.selectors import huidige_cyclus_voor

from .models import Regietafel, Verslag
from .openstaand import cyclusstanden
from .selectors import cycli_met_besluit, gerealiseerd_per_gemeente
from .termijnen import verslag_mijlpaal_datum, verslagtermijn


def ministerie(request):
    """The numbers of the ministry's and COA's panel (both see every verslag and request):
    read with the cycle's state (``openstaand.cyclusstanden``), the query the reminders' panel
    on the same page makes; None without a cycle."""
    cyclus = huidige_cyclus_voor(request)
    if cyclus is None:
        return None
    stand = next(c for c in cyclusstanden() if c.pk == cyclus.pk)
    return {
        "cyclus": cyclus,
        "totaal": stand.regietafels,
        "ingediend": stand.ingediend,
        "te_laat": stand.te_laat,
        "te_beoordelen": stand.te_beoordelen,
        "open_verzoeken": stand.open_verzoeken,
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
    gemeente_id = request.user.gemeente_id
    # The gemeente's row of the verdeelbesluit in force with its realised places (its
    # locations in gebruik plus its reports without a location: the one figure), in one query
    # beside the locations, which the reminders' panel has read in the same way.
    regel = (
        gerealiseerd_per_gemeente(cyclus, gemeente_id=gemeente_id).get(gemeente_id)
        if cyclus is not None and gemeente_id
        else None
    )
    # a term in the past says whether it was met
    # without a besluit in this cycle (read with the cycle's state, the reminders' query): the
    # newest earlier cycle that has one, to link to
    zonder_besluit = cyclus is not None and all(
        c.geldende_versie is None for c in cyclusstanden() if c.pk == cyclus.pk
    )
    eerder = (
        next((jaar for jaar in cycli_met_besluit() if jaar < cyclus.jaar), None)
        if zonder_besluit
        else None
    )
    return {
        "cyclus": cyclus,
        "eerdere_cyclus": eerder,
        "besluitregel": regel,
        "gerealiseerd": regel.gerealiseerd if regel else None,
        "rest": regel.rest if regel else None,
        "boven": regel.boven if regel else None,
        "verstreken": bool(regel and regel.realisatietermijn)
        and regel.realisatietermijn < timezone.localdate(),
    }
