"""Provinciale regietafels, their verslagen and the deadlines that apply to them.

One module per part: ``regietafel`` (the tables and their extensions), ``verslag`` (the verslag
and what belongs to it), ``verdeelbesluit`` (the besluit and realisation).
"""

from .regietafel import (
    GeldendManager,
    Regietafel,
    RegietafelQuerySet,
    Termijnverlenging,
    TermijnverlengingQuerySet,
)
from .verdeelbesluit import (
    Realisatiemelding,
    RealisatiemeldingQuerySet,
    Verdeelbesluit,
    VerdeelbesluitQuerySet,
    VerdeelbesluitRegel,
    VerdeelbesluitRegelQuerySet,
)
from .verslag import (
    AlleenPrtQuerySet,
    Beoordeling,
    Bijlage,
    Lid,
    LidQuerySet,
    Verlengingsverzoek,
    Verslag,
    VerslagOnderdeelQuerySet,
    VerslagQuerySet,
    VerslagRegel,
    VerslagRegelLocatie,
    VerslagVersie,
    bijlage_pad,
    prive_opslag,
)

__all__ = [
    "RegietafelQuerySet",
    "Regietafel",
    "GeldendManager",
    "TermijnverlengingQuerySet",
    "Termijnverlenging",
    "VerslagQuerySet",
    "VerslagOnderdeelQuerySet",
    "LidQuerySet",
    "AlleenPrtQuerySet",
    "Verslag",
    "VerslagRegel",
    "Lid",
    "Verlengingsverzoek",
    "VerslagVersie",
    "prive_opslag",
    "bijlage_pad",
    "Bijlage",
    "Beoordeling",
    "VerslagRegelLocatie",
    "VerdeelbesluitQuerySet",
    "Verdeelbesluit",
    "VerdeelbesluitRegelQuerySet",
    "VerdeelbesluitRegel",
    "RealisatiemeldingQuerySet",
    "Realisatiemelding",
]
