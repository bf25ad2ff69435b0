"""Reads for pages: the home panel with the next terms (the ministry's own, and how many of the
PRTs and gemeenten are open, for oversight)."""

from __future__ import annotations

from django.utils import timezone

from .termijnen import eigen_en_toezicht, overzicht_voor, tekst_dagen

AANTAL_OP_HOME = 5


def home_panel_context(request):
    user = request.user
    if user.is_coa:
        return None
    vandaag = timezone.localdate()
    anderen = None
    if user.is_ministerie:
        overzicht, anderen = eigen_en_toezicht(vandaag=vandaag, eigen=AANTAL_OP_HOME, anderen=0)
    else:
        overzicht = overzicht_voor(user, vandaag=vandaag, limiet=AANTAL_OP_HOME)
    return {
        "regels": [
            {"termijn": t, "te_laat": t.te_laat(vandaag), "tekst": tekst_dagen(t, vandaag)}
            for t in overzicht.eerste
        ],
        "aantal": overzicht.aantal,
        "aantal_te_laat": overzicht.aantal_te_laat,
        "anderen": anderen,
    }
