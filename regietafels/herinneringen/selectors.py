"""Reads for pages: the home panel with the next terms."""

from __future__ import annotations

from django.utils import timezone

from .termijnen import tekst_dagen, termijnen_voor

AANTAL_OP_HOME = 5


def home_panel_context(request):
    user = request.user
    if user.is_coa:
        return None
    vandaag = timezone.localdate()
    termijnen = termijnen_voor(user, vandaag=vandaag)
    return {
        "regels": [
            {"termijn": t, "te_laat": t.te_laat(vandaag), "tekst": tekst_dagen(t, vandaag)}
            for t in termijnen[:AANTAL_OP_HOME]
        ],
        "aantal": len(termijnen),
        "aantal_te_laat": sum(1 for t in termijnen if t.te_laat(vandaag)),
    }
