"""Each kind of document: what it is made of (the context from the record) and its template.

Every function here returns the frozen document of one act version, making it on the first call
(``maken.maak_document``). The functions check nothing themselves: the services that fix an act
call them after their own ``vereist``, and the selectors of this app call them only for a subject
the user may see.
"""

from __future__ import annotations

from django.db.models import Sum

from raming.models import Raming
from raming.selectors import geldende_raming, provinciale_opgaven, raming_cijfers
from regietafels.models import Verdeelbesluit, VerdeelbesluitRegel, VerslagRegel, VerslagVersie

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


# --- the raming's publication text ---------------------------------------------------------


def kenmerk_raming(raming: Raming) -> str:
    return f"RAM-{raming.cyclus.jaar}-V{raming.versie}"


def raming_publicatie(raming: Raming, *, gebruiker=None) -> Document:
    """The publication text of a published raming version (public, like the raming)."""
    raming = Raming.objects.select_related("cyclus", "vorige_versie").get(pk=raming.pk)
    if raming.status != Raming.Status.GEPUBLICEERD:
        raise ValueError("De publicatietekst bestaat pas als de raming is gepubliceerd.")
    cijfers = raming_cijfers(raming)
    per_provincie: dict[str, list[dict]] = {}
    for g in cijfers.gemeenten:
        per_provincie.setdefault(g["gemeente__provincie__naam"], []).append(g)
    return maak_document(
        Soort.RAMING_PUBLICATIE,
        raming,
        "documenten/pdf/raming_publicatie.html",
        {
            "raming": raming,
            "jaar": str(raming.cyclus.jaar),
            "cijfers": cijfers,
            "gemeenten_per_provincie": sorted(per_provincie.items()),
        },
        kenmerk=kenmerk_raming(raming),
        titel=f"Capaciteitsraming asielopvang {raming.cyclus.jaar}, versie {raming.versie}",
        versie=raming.versie,
        gebruiker=gebruiker or raming.vastgesteld_door,
        openbaar=True,
    )


# --- the verslag, per submitted version ----------------------------------------------------


def kenmerk_verslag(versie: VerslagVersie, voorvoegsel: str = "VSL") -> str:
    verslag = versie.verslag
    code = verslag.regietafel.provincie.code
    return f"{voorvoegsel}-{verslag.cyclus.jaar}-{code}-V{versie.volgnummer}"


def _versie(versie: VerslagVersie) -> VerslagVersie:
    return VerslagVersie.objects.select_related(
        "verslag__regietafel__provincie", "verslag__cyclus", "ingediend_door"
    ).get(pk=versie.pk)


def _verslag_context(versie: VerslagVersie) -> dict:
    verslag = versie.verslag
    return {
        "versie": versie,
        "verslag": verslag,
        "regietafel": verslag.regietafel,
        "provincie": verslag.regietafel.provincie,
        "jaar": str(verslag.cyclus.jaar),
        "inhoud": versie.inhoud,
        "regels": versie.inhoud.get("regels", []),
        "totaal": versie.inhoud.get("totaal", {}),
    }


def verslag_ondertekening(versie: VerslagVersie, *, gebruiker=None) -> Document:
    """One submitted version of a PRT's verslag, laid out for the CdK's signature."""
    versie = _versie(versie)
    provincie = versie.verslag.regietafel.provincie
    return maak_document(
        Soort.VERSLAG_ONDERTEKENING,
        versie,
        "documenten/pdf/verslag_ondertekening.html",
        _verslag_context(versie),
        kenmerk=kenmerk_verslag(versie),
        titel=(
            f"Verslag provinciale regietafel {provincie.naam} {versie.verslag.cyclus.jaar}, "
            f"versie {versie.volgnummer}"
        ),
        versie=versie.volgnummer,
        gebruiker=gebruiker or versie.ingediend_door,
        provincie=provincie,
    )


def ontvangstbevestiging(versie: VerslagVersie, *, gebruiker=None) -> Document:
    """The ministry's receipt of one submitted version of a verslag."""
    versie = _versie(versie)
    provincie = versie.verslag.regietafel.provincie
    return maak_document(
        Soort.ONTVANGSTBEVESTIGING,
        versie,
        "documenten/pdf/ontvangstbevestiging.html",
        _verslag_context(versie),
        kenmerk=kenmerk_verslag(versie, "ONT"),
        titel=(
            f"Ontvangstbevestiging verslag {provincie.naam} {versie.verslag.cyclus.jaar}, "
            f"versie {versie.volgnummer}"
        ),
        versie=versie.volgnummer,
        gebruiker=gebruiker or versie.ingediend_door,
        provincie=provincie,
    )
