"""Who is told what when a location's phase is reported (COA's users) or COA confirms it (the
gemeente's users). The service records one outbox row in its transaction
(``meldingen.services.later_melden``); after commit the worker runs ``locaties.tasks``'s task,
which calls the function here (``meldingen.services.melden``: notices and their mails)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from meldingen import ontvangers
from meldingen.models import Soort as MeldingSoort
from meldingen.services import melden

from .models import Fasewijziging, Opvanglocatie


def fase_gemeld_melden(*, wijziging: Fasewijziging, door) -> None:
    locatie = wijziging.locatie
    melden(
        ontvangers=ontvangers.behalve(ontvangers.coa(), door),
        soort=MeldingSoort.LOCATIE_FASE_GEMELD,
        onderwerp=(
            f"{locatie.gemeente.naam}: {locatie.naam} is in de fase "
            f"{wijziging.get_naar_fase_display().lower()}"
        ),
        template="locaties/meldingen/fase",
        context={"locatie": locatie, "wijziging": wijziging},
        link=reverse("locaties:detail", kwargs={"pk": locatie.pk}),
        sleutel=f"locatie:{locatie.pk}:fase:{wijziging.pk}",
    )


def bevestigd_melden(*, locatie: Opvanglocatie, op: dt.datetime, door) -> None:
    """``op``: the moment of the confirmation (the event's key; the location may have been
    changed and confirmed again before the worker writes)."""
    melden(
        ontvangers=ontvangers.behalve(
            ontvangers.gemeentegebruikers(gemeente_ids=[locatie.gemeente_id]), door
        ),
        soort=MeldingSoort.LOCATIE_BEVESTIGD,
        onderwerp=f"COA heeft opvanglocatie {locatie.naam} bevestigd",
        template="locaties/meldingen/bevestigd",
        context={"locatie": locatie},
        link=reverse("locaties:detail", kwargs={"pk": locatie.pk}),
        sleutel=f"locatie:{locatie.pk}:bevestigd:{op.isoformat()}",
    )
