"""Each kind of document: what it is made of (the context from the record) and its template.

Every function here returns the frozen document of one act version, making it on the first call
(``maken.maak_document``). The functions check nothing themselves: the services that fix an act
call them after their own ``vereist``, and the selectors of this app call them only for a subject
the user may see.
"""

from __future__ import annotations

from django.db.models import Sum

from raming.selectors import geldende_raming, provinciale_opgaven
from regietafels.models import Verdeelbesluit, VerdeelbesluitRegel, VerslagRegel

from .maken import maak_document
from .models import Document, Soort

BEZWAARTERMIJN_WEKEN = 6  # artikel 6:7 Awb


def kenmerk_beschikking(regel: VerdeelbesluitRegel) -> str:
    besluit = regel.verdeelbesluit
    return f"VB-{besluit.cyclus.jaar}-V{besluit.versie}-{regel.gemeente.code}"


def beschikking_context(regel: VerdeelbesluitRegel) -> dict:
    besluit = regel.verdeelbesluit
    cyclus = besluit.cyclus
    gemeente = regel.gemeente
    provincie = gemeente.provincie
    in_provincie = VerdeelbesluitRegel.objects.filter(
        verdeelbesluit_id=besluit.pk, gemeente__provincie_id=provincie.pk
    ).aggregate(
        aangeboden=Sum("aangeboden"),
        restopgave=Sum("restopgave"),
        aantal=Sum("aantal"),
        indicatief=Sum("indicatief_aantal"),
    )
    raming = geldende_raming(cyclus)
    opgave = provinciale_opgaven(raming).get(provincie.pk) if raming else None
    verslagregel = (
        VerslagRegel.objects.filter(
            verslag__cyclus_id=cyclus.pk, verslag__regietafel__provincie_id=provincie.pk
        )
        .filter(gemeente_id=gemeente.pk)
        .first()
    )
    vorige = None
    if besluit.vorige_versie_id:
        vorige = VerdeelbesluitRegel.objects.filter(
            verdeelbesluit_id=besluit.vorige_versie_id, gemeente_id=gemeente.pk
        ).first()
    return {
        "regel": regel,
        "besluit": besluit,
        "cyclus": cyclus,
        "jaar": str(cyclus.jaar),
        "gemeente": gemeente,
        "provincie": provincie,
        "raming": raming,
        "opgave": opgave.opgave if opgave else None,
        "provincie_totaal": in_provincie,
        "tekort": max(0, (opgave.opgave if opgave else 0) - (in_provincie["aangeboden"] or 0)),
        "verslagregel": verslagregel,
        "vorige": vorige,
        "bezwaartermijn_weken": BEZWAARTERMIJN_WEKEN,
    }


def beschikking(regel: VerdeelbesluitRegel, *, gebruiker=None) -> Document:
    """The beschikking of one gemeente in one fixed version of the verdeelbesluit."""
    regel = VerdeelbesluitRegel.objects.select_related(
        "verdeelbesluit__cyclus", "verdeelbesluit__vastgesteld_door", "gemeente__provincie"
    ).get(pk=regel.pk)
    besluit = regel.verdeelbesluit
    if besluit.status != Verdeelbesluit.Status.VASTGESTELD:
        raise ValueError("Een beschikking bestaat pas als het verdeelbesluit is vastgesteld.")
    return maak_document(
        Soort.BESCHIKKING_VERDEELBESLUIT,
        regel,
        "documenten/pdf/beschikking_verdeelbesluit.html",
        beschikking_context(regel),
        kenmerk=kenmerk_beschikking(regel),
        titel=(
            f"Beschikking verdeelbesluit asielopvang {besluit.cyclus.jaar}, "
            f"gemeente {regel.gemeente.naam}"
        ),
        versie=besluit.versie,
        gebruiker=gebruiker or besluit.vastgesteld_door,
        gemeente=regel.gemeente,
        provincie=regel.gemeente.provincie,
    )
