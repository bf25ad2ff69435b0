"""Who is told what when an exchange takes a step: the other parties and the PRT, at once
(the next morning's reminder digest still lists what waits for them).

The step records one outbox row in its transaction (:func:`stap_gezet`,
``meldingen.services.later_melden``); after commit the worker runs ``uitruil.tasks``'s task,
which writes the notices (:func:`stap_gezet_melden`)."""

from __future__ import annotations

from django.urls import reverse

from meldingen import ontvangers
from meldingen.models import Soort
from meldingen.services import later_melden, melden

from .models import Uitruil, UitruilStap

S = UitruilStap.Soort

_SOORT = {
    S.VOORGESTELD: Soort.UITRUIL_VOORGESTELD,
    S.GEACCEPTEERD: Soort.UITRUIL_GEACCEPTEERD,
    S.BEVESTIGD: Soort.UITRUIL_BEVESTIGD,
}


def _onderwerp(uitruil: Uitruil, stap: UitruilStap) -> str:
    wie = stap.gemeente.naam if stap.gemeente_id else "De regietafel"
    if stap.soort == S.VOORGESTELD:
        return f"{wie} stelt een uitruil voor (uitruil {uitruil.pk})"
    if stap.soort == S.GEACCEPTEERD and uitruil.status == Uitruil.Status.GEACCEPTEERD:
        return f"Uitruil {uitruil.pk}: alle partijen akkoord, wacht op bevestiging door de PRT"
    if stap.soort == S.BEVESTIGD:
        return f"Uitruil {uitruil.pk} bevestigd door de regietafel"
    return f"Uitruil {uitruil.pk}: {wie} heeft {stap.get_soort_display().lower()}"


def stap_gezet(*, uitruil: Uitruil, stap: UitruilStap) -> None:
    """Told by the worker after commit; the exchange's status after the step goes with it (the
    text names it, and the next step may follow before the worker writes)."""
    later_melden(
        taak="uitruil.tasks.stap_gezet_melden",
        sleutel=f"uitruil:{uitruil.pk}:{stap.versie}",
        stap_id=stap.pk,
        status=uitruil.status,
    )


def stap_gezet_melden(*, uitruil: Uitruil, stap: UitruilStap) -> None:
    partijen = list(uitruil.partijen.select_related("gemeente").order_by("pk"))
    gemeente_ids = {p.gemeente_id for p in partijen}
    if stap.soort == S.VOORGESTELD:
        gemeente_ids.discard(uitruil.voorgesteld_door_gemeente_id)
    betrokkenen = ontvangers.gemeentegebruikers(gemeente_ids=gemeente_ids)
    if stap.soort != S.BEVESTIGD:  # the PRT confirmed it itself
        betrokkenen += ontvangers.secretarissen([uitruil.provincie_id])
    melden(
        ontvangers=ontvangers.behalve(betrokkenen, stap.door),
        soort=_SOORT.get(stap.soort, Soort.UITRUIL_GESTOPT),
        onderwerp=_onderwerp(uitruil, stap),
        template="uitruil/meldingen/stap",
        context={"uitruil": uitruil, "stap": stap, "partijen": partijen},
        link=reverse("uitruil:detail", kwargs={"pk": uitruil.pk}),
        sleutel=f"uitruil:{uitruil.pk}:{stap.versie}",
    )
