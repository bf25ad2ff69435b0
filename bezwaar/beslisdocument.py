"""The decision on a bezwaar as a frozen PDF/A document (``documenten.maken``): rendered once,
when the decision is taken, and never again differently."""

from __future__ import annotations

from documenten.maken import maak_document
from documenten.models import Document

from .models import Bezwaar
from .selectors import termijnen_van


def maken(*, bezwaar: Bezwaar, door, gevolgen=None) -> Document:
    besluit = bezwaar.regel.verdeelbesluit
    return maak_document(
        Document.Soort.BEZWAAR_BESLISSING,
        bezwaar,
        "bezwaar/pdf/beslissing.html",
        {
            "bezwaar": bezwaar,
            "gemeente": bezwaar.gemeente,
            "provincie": bezwaar.gemeente.provincie,
            "besluit": besluit,
            "cyclus": besluit.cyclus,
            "termijnen": termijnen_van(bezwaar),
            "huidig_aantal": getattr(gevolgen, "huidig_aantal", None),
        },
        kenmerk=bezwaar.kenmerk,
        titel=f"Beslissing op bezwaar {bezwaar.kenmerk}",
        gebruiker=door,
        gemeente=bezwaar.gemeente,
    )


def document_van(bezwaar: Bezwaar) -> Document | None:
    return Document.objects.van(bezwaar).filter(soort=Document.Soort.BEZWAAR_BESLISSING).first()
