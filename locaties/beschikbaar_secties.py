"""Sections locaties adds to raming's pages (``core.registry``): where meerjarig beschikbaar
figures are shown, a link to how they were computed from the register."""

from __future__ import annotations

from raming.models import Gemeente

from .models import BerekendeProvincie, Beschikbaarheidsberekening


def cyclus_sectie(request, *, cyclus, **_):
    """The cycle page (ministry): the latest computation, and computing it again."""
    laatste = (
        Beschikbaarheidsberekening.objects.zichtbaar_voor(request.user)
        .filter(cyclus=cyclus)
        .first()
    )
    return {"cyclus": cyclus, "laatste": laatste, "mag_berekenen": request.user.is_ministerie}


def raming_sectie(request, *, raming, **_):
    """The raming page: per province, the explanation of its meerjarig beschikbaar (the latest
    computation of the cycle); a gemeente user gets its own gemeente's."""
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    laatste = (
        Beschikbaarheidsberekening.objects.zichtbaar_voor(user)
        .filter(cyclus=raming.cyclus_id)
        .first()
    )
    if laatste is None:
        return None
    provincies = BerekendeProvincie.objects.filter(berekening=laatste).select_related("provincie")
    if user.is_prt:
        provincies = provincies.filter(provincie_id=user.provincie_id)
    gemeente = None
    if user.is_gemeente:
        provincies = provincies.none()
        gemeente = Gemeente.objects.filter(
            pk=user.gemeente_id, provincie__in=laatste.provincies.all()
        ).first()
    return {
        "berekening": laatste,
        "provincies": list(provincies),
        "gemeente": gemeente,
        "bevroren_ouder": raming.is_bevroren
        and raming.berekend_op is not None
        and laatste.berekend_op > raming.berekend_op,
    }
