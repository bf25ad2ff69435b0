"""Realisation reports of gemeenten: report, correct, withdraw. A correction or withdrawal
never erases: the report stays on record with who, when and why, and only reports in force
(``Realisatiemelding.objects``) count."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.rechten import Handeling, vereist
from raming.models import Gemeente, Wetscyclus

from .. import notificaties
from ..models import Realisatiemelding
from ..selectors import geldend_verdeelbesluit, realisatie_stand
from .gedeeld import _reden, herkomst_van

# --- realisation -------------------------------------------------------------------------


def _controleer(
    *,
    gemeente: Gemeente,
    cyclus: Wetscyclus,
    datum: dt.date,
    aantal: int,
    bevestigd: bool,
    zonder: int | None = None,
) -> None:
    besluit = geldend_verdeelbesluit(cyclus)
    if besluit is None:
        raise ValidationError("Er is nog geen vastgesteld verdeelbesluit voor deze cyclus.")
    fouten = {}
    if not isinstance(aantal, int) or isinstance(aantal, bool) or aantal < 1:
        fouten["aantal"] = ["Vul een aantal van 1 of meer in."]
    if datum is None:
        fouten["datum"] = ["Vul de datum in."]
    elif datum > timezone.localdate():
        fouten["datum"] = ["De datum kan niet in de toekomst liggen."]
    elif datum < dt.date(cyclus.jaar, 1, 1):
        fouten["datum"] = [
            f"De datum kan niet vóór de cyclus {cyclus.jaar} liggen (vanaf 01-01-{cyclus.jaar})."
        ]
    if fouten:
        raise ValidationError(fouten)
    # possible but unusual: more realised than the besluit asks → confirm, do not pass silently
    vastgesteld, eerder = realisatie_stand(gemeente=gemeente, cyclus=cyclus, zonder=zonder)
    if eerder + aantal > vastgesteld and not bevestigd:
        raise ValidationError(
            {
                "bevestigd": [
                    f"Met deze melding komt {gemeente} op {eerder + aantal} gerealiseerde "
                    f"plekken, meer dan de {vastgesteld} uit het verdeelbesluit. Klopt dat? "
                    "Bevestig het aantal of pas het aan."
                ]
            },
            code="bevestigen",
        )


@transaction.atomic
def realisatie_melden(
    *,
    gemeente: Gemeente,
    cyclus: Wetscyclus,
    datum: dt.date,
    aantal: int,
    door,
    opmerking: str = "",
    bevestigd: bool = False,
    herkomst: dict | None = None,
) -> Realisatiemelding:
    """A gemeente (or its PRT secretary, or the ministry) reports places realised on a date.
    More than the besluit's number in total needs ``bevestigd``. ``herkomst``: the report's
    provenance (default: a recorded fact, its source the report itself)."""
    vereist(door, Handeling.REALISATIE_MELDEN, gemeente=gemeente)
    _controleer(gemeente=gemeente, cyclus=cyclus, datum=datum, aantal=aantal, bevestigd=bevestigd)
    melding = Realisatiemelding(
        gemeente=gemeente,
        cyclus=cyclus,
        datum=datum,
        aantal=aantal,
        gemeld_door=door,
        opmerking=(opmerking or "").strip(),
        **herkomst_van(herkomst),
    )
    melding._history_user = door
    melding.save()
    notificaties.realisatie_gemeld(melding=melding, door=door)
    return melding


def _geldende_melding(melding: Realisatiemelding, door) -> Realisatiemelding:
    melding = (
        Realisatiemelding.alle.select_for_update(of=("self",))
        .select_related("gemeente", "cyclus")
        .get(pk=melding.pk)
    )
    vereist(door, Handeling.REALISATIE_MELDEN, gemeente=melding.gemeente)
    if melding.ingetrokken_op is not None:
        raise ValidationError("Deze melding is al ingetrokken of gecorrigeerd.")
    return melding


def _intrekken(melding: Realisatiemelding, *, reden: str, door) -> None:
    melding.ingetrokken_op = timezone.now()
    melding.ingetrokken_door = door
    melding.intrekkingsreden = reden
    melding._history_user = door
    melding.save()


@transaction.atomic
def realisatie_intrekken(*, melding: Realisatiemelding, reden: str, door) -> Realisatiemelding:
    """Withdraw a wrong report, with a reason (its reporter's gemeente, the PRT or the
    ministry). It stays on record but no longer counts."""
    vereist(door, Handeling.REALISATIE_MELDEN)
    reden = _reden(reden, "reden", "Geef een reden voor de intrekking.")
    melding = _geldende_melding(melding, door)
    _intrekken(melding, reden=reden, door=door)
    notificaties.realisatie_gecorrigeerd(oud=melding, door=door)
    return melding


@transaction.atomic
def realisatie_corrigeren(
    *,
    melding: Realisatiemelding,
    aantal: int,
    datum: dt.date,
    reden: str,
    door,
    bevestigd: bool = False,
) -> Realisatiemelding:
    """Correct a report: a new report that replaces it (who, when, why); the old one stays on
    record and no longer counts."""
    vereist(door, Handeling.REALISATIE_MELDEN)
    reden = _reden(reden, "reden", "Geef een reden voor de correctie.")
    oud = _geldende_melding(melding, door)
    _controleer(
        gemeente=oud.gemeente,
        cyclus=oud.cyclus,
        datum=datum,
        aantal=aantal,
        bevestigd=bevestigd,
        zonder=oud.pk,
    )
    _intrekken(oud, reden=f"Gecorrigeerd: {reden}", door=door)
    nieuw = Realisatiemelding(
        gemeente=oud.gemeente,
        cyclus=oud.cyclus,
        datum=datum,
        aantal=aantal,
        gemeld_door=door,
        opmerking=oud.opmerking,
        vervangt=oud,
        correctiereden=reden,
    )
    nieuw._history_user = door
    nieuw.save()
    notificaties.realisatie_gecorrigeerd(oud=oud, nieuw=nieuw, door=door)
    return nieuw
