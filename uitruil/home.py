"""Home-page panels: the in-app notification of exchanges waiting for the user."""

from __future__ import annotations

from django.db.models import Count, Q

from .models import Uitruil
from .selectors import wacht_op_reactie


def reactie_context(request):
    user = request.user
    uitruilen = list(wacht_op_reactie(user)[:10])
    if user.is_prt:
        return {
            "titel": f"Uitruil: wacht op uw bevestiging ({len(uitruilen)})",
            "uitruilen": uitruilen,
            "leeg": "Er wacht geen uitruil op bevestiging door de regietafel.",
        }
    return {
        "titel": f"Wacht op uw reactie ({len(uitruilen)})",
        "uitruilen": uitruilen,
        "leeg": "Er wacht geen uitruilvoorstel op een reactie van uw gemeente.",
    }


def overzicht_context(request):
    """Exchanges running and confirmed (ministry and COA), counted in one query."""
    return Uitruil.objects.zichtbaar_voor(request.user).aggregate(
        lopend=Count("pk", filter=Q(status__in=Uitruil.OPEN_STATUSSEN)),
        bevestigd=Count("pk", filter=Q(status=Uitruil.Status.BEVESTIGD)),
    )
