"""Reads for pages: the home panel with the next terms."""

from __future__ import annotations

from django.utils import timezone

from .termijnen import overzicht_voor, tekst_dagen

AANTAL_OP_HOME = 5


def home_panel_context(request):
    user = request.user
    if user.is_coa:
        return None
    vandaag = timezone.localdate()
    overzicht = overzicht_voor(user, vandaag=vandaag, limiet=AANTAL_OP_HOME)
    return {
        "regels": [
            {"termijn": t, "te_laat": t.te_laat(vandaag), "tekst": tekst_dagen(t, vandaag)}
            for t in overzicht.eerste
        ],
        "aantal": overzicht.aantal,
        "aantal_te_laat": overzicht.aantal_te_laat,
    }
