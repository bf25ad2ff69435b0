"""Home-page panels: the in-app notification of exchanges waiting for the user."""

from __future__ import annotations

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
    """Exchanges running and confirmed (ministry and COA), counted in the query of the
    regietafels panel's numbers (one query for both panels)."""
    from regietafels.panels import ministerie_en_uitruil_telling

    telling = ministerie_en_uitruil_telling(request)
    return {"lopend": telling["lopend"], "bevestigd": telling["bevestigd"]}
