"""The cycle-wide extension of the verslag deadline after a late raming.

raming knows how late the raming was published and proposes the extension
(``raming.services.publicatie_vertraging``); granting it, and knowing whether it was granted,
belong to the deadlines, so here."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.rechten import Handeling, vereist
from raming.models import Wetscyclus
from raming.services import Vertraging, publicatie_vertraging

from .models import Termijnverlenging
from .termijnen import termijn_verlengen


@dataclass(frozen=True)
class LateRaming:
    """The late publication of the cycle's raming and whether the proposed extension for all
    PRTs has been granted."""

    vertraging: Vertraging
    al_verlengd: bool


def al_verlengd(cyclus: Wetscyclus, vertraging: Vertraging) -> bool:
    """Whether all PRTs have an extension up to at least the proposed date."""
    return Termijnverlenging.objects.filter(
        cyclus=cyclus,
        regietafel__isnull=True,
        nieuwe_datum__gte=vertraging.voorgestelde_datum or vertraging.termijn,
    ).exists()


def late_raming(cyclus: Wetscyclus, *, ramingen=None, mijlpalen=None) -> LateRaming | None:
    """None when the cycle's raming was published in time (or not yet)."""
    vertraging = publicatie_vertraging(cyclus, ramingen=ramingen, mijlpalen=mijlpalen)
    if vertraging is None:
        return None
    return LateRaming(vertraging=vertraging, al_verlengd=al_verlengd(cyclus, vertraging))


@transaction.atomic
def verslagtermijn_verlengen_na_late_raming(
    *, cyclus: Wetscyclus, door, reden: str | None = None, referentie: str = ""
) -> Termijnverlenging:
    """Grant the proposed extension to all PRTs (``reden`` defaults to the proposed one)."""
    vereist(door, Handeling.VERLENGING_BESLUITEN)
    Wetscyclus.objects.select_for_update().get(pk=cyclus.pk)
    vertraging = publicatie_vertraging(cyclus)
    if vertraging is None:
        raise ValidationError(
            "De raming is op tijd (of nog niet) gepubliceerd; er valt niets te verlengen."
        )
    if vertraging.voorgestelde_datum is None:
        raise ValidationError("Deze cyclus heeft geen verslagtermijn.")
    if al_verlengd(cyclus, vertraging):
        raise ValidationError("De verslagtermijn is voor alle regietafels al verlengd.")
    reden = (reden if reden is not None else vertraging.voorgestelde_reden).strip()
    if not reden:
        raise ValidationError({"reden": ["Geef een reden voor de termijnverlenging."]})
    return termijn_verlengen(
        cyclus=cyclus,
        nieuwe_datum=vertraging.voorgestelde_datum,
        reden=reden,
        door=door,
        regietafel=None,
        referentie=referentie,
    )
