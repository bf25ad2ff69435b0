"""Realisation reports of gemeenten."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.rechten import Handeling, vereist
from raming.models import Gemeente, Wetscyclus

from ..models import (
    Realisatiemelding,
)
from ..selectors import geldend_verdeelbesluit

# --- realisation -------------------------------------------------------------------------


@transaction.atomic
def realisatie_melden(
    *,
    gemeente: Gemeente,
    cyclus: Wetscyclus,
    datum: dt.date,
    aantal: int,
    door,
    opmerking: str = "",
) -> Realisatiemelding:
    """A gemeente (or its PRT secretary, or the ministry) reports places realised on a date."""
    vereist(door, Handeling.REALISATIE_MELDEN, gemeente=gemeente)
    if geldend_verdeelbesluit(cyclus) is None:
        raise ValidationError("Er is nog geen vastgesteld verdeelbesluit voor deze cyclus.")
    fouten = {}
    if not isinstance(aantal, int) or aantal < 1:
        fouten["aantal"] = ["Vul een aantal van 1 of meer in."]
    if datum is None:
        fouten["datum"] = ["Vul de datum in."]
    elif datum > timezone.localdate():
        fouten["datum"] = ["De datum kan niet in de toekomst liggen."]
    if fouten:
        raise ValidationError(fouten)
    melding = Realisatiemelding(
        gemeente=gemeente,
        cyclus=cyclus,
        datum=datum,
        aantal=aantal,
        gemeld_door=door,
        opmerking=(opmerking or "").strip(),
    )
    melding._history_user = door
    melding.save()
    return melding
