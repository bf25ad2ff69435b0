"""Each kind of document: what it is made of (the context from the record) and its template.

Every function here returns the frozen document of one act version, making it on the first call
(``maken.maak_document``). The functions check nothing themselves: the services that fix an act
call them after their own ``vereist``, and the selectors of this app call them only for a subject
the user may see.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Sum

from raming.models import Raming
from raming.selectors import geldende_raming, provinciale_opgaven, raming_cijfers
from regietafels.models import Verdeelbesluit, VerdeelbesluitRegel, VerslagRegel, VerslagVersie

from .maken import maak_document
from .models import Document, Soort

BEZWAARTERMIJN_WEKEN = 6  # artikel 6:7 Awb


def kenmerk_beschikking(regel: VerdeelbesluitRegel) -> str:
    besluit = regel.verdeelbesluit
    return f"VB-{besluit.cyclus.jaar}-V{besluit.versie}-{regel.gemeente.code}"


class BesluitGegevens:
    """What every beschikking of one verdeelbesluit version shares, read in a few queries: the
    totals per province, the raming that counts and its provincial opgaven, the verslag rows of
    the cycle and the rows of the previous version. Built once for a batch of beschikkingen (the
    zip of 342), so each document costs no queries of its own before it is stored."""

    def __init__(self, besluit: Verdeelbesluit):
        self.besluit = besluit
        self.totalen = {
            rij["gemeente__provincie_id"]: rij
            for rij in VerdeelbesluitRegel.objects.filter(verdeelbesluit_id=besluit.pk)
            .values("gemeente__provincie_id")
            .annotate(
                aangeboden=Sum("aangeboden"),
                restopgave=Sum("restopgave"),
                aantal=Sum("aantal"),
                indicatief=Sum("indicatief_aantal"),
            )
            .order_by()
        }
        self.raming = geldende_raming(besluit.cyclus)
        self.opgaven = provinciale_opgaven(self.raming) if self.raming else {}
        # the first row per (province, gemeente) in the model's order, as ``.first()`` would
        self.verslagregels: dict[tuple[int, int], VerslagRegel] = {}
        for vr in VerslagRegel.objects.filter(verslag__cyclus_id=besluit.cyclus_id).annotate(
            _provincie_id=F("verslag__regietafel__provincie_id")
        ):
            self.verslagregels.setdefault((vr._provincie_id, vr.gemeente_id), vr)
        self.vorige: dict[int, VerdeelbesluitRegel] = {}
        if besluit.vorige_versie_id:
            self.vorige = {
                r.gemeente_id: r
                for r in VerdeelbesluitRegel.objects.filter(
                    verdeelbesluit_id=besluit.vorige_versie_id
                )
            }

    def verslagregel(self, provincie_id: int, gemeente_id: int) -> VerslagRegel | None:
        return self.verslagregels.get((provincie_id, gemeente_id))


def beschikking_context(regel: VerdeelbesluitRegel, gegevens: BesluitGegevens | None = None):
    besluit = regel.verdeelbesluit
    gegevens = gegevens or BesluitGegevens(besluit)
    cyclus = besluit.cyclus
    gemeente = regel.gemeente
    provincie = gemeente.provincie
    leeg = {"aangeboden": None, "restopgave": None, "aantal": None, "indicatief": None}
    in_provincie = gegevens.totalen.get(provincie.pk, leeg)
    opgave = gegevens.opgaven.get(provincie.pk)
    return {
        "regel": regel,
        "besluit": besluit,
        "cyclus": cyclus,
        "jaar": str(cyclus.jaar),
        "gemeente": gemeente,
        "provincie": provincie,
        "raming": gegevens.raming,
        "opgave": opgave.opgave if opgave else None,
        "provincie_totaal": in_provincie,
        "tekort": max(0, (opgave.opgave if opgave else 0) - (in_provincie["aangeboden"] or 0)),
        "verslagregel": gegevens.verslagregel(provincie.pk, gemeente.pk),
        "vorige": gegevens.vorige.get(gemeente.pk),
        "bezwaartermijn_weken": BEZWAARTERMIJN_WEKEN,
    }


def _regels():
    return VerdeelbesluitRegel.objects.select_related(
        "verdeelbesluit__cyclus", "verdeelbesluit__vastgesteld_door", "gemeente__provincie"
    )


def beschikking(regel: VerdeelbesluitRegel, *, gebruiker=None) -> Document:
    """The beschikking of one gemeente in one fixed version of the verdeelbesluit."""
    regel = _regels().get(pk=regel.pk)
    return _beschikking_maken(regel, BesluitGegevens(regel.verdeelbesluit), gebruiker=gebruiker)


def _beschikking_maken(
    regel: VerdeelbesluitRegel, gegevens: BesluitGegevens, *, gebruiker=None, nieuw=False
) -> Document:
    besluit = regel.verdeelbesluit
    if besluit.status != Verdeelbesluit.Status.VASTGESTELD:
        raise ValueError("Een beschikking bestaat pas als het verdeelbesluit is vastgesteld.")
    return maak_document(
        Soort.BESCHIKKING_VERDEELBESLUIT,
        regel,
        "documenten/pdf/beschikking_verdeelbesluit.html",
        beschikking_context(regel, gegevens),
        kenmerk=kenmerk_beschikking(regel),
        titel=(
            f"Beschikking verdeelbesluit asielopvang {besluit.cyclus.jaar}, "
            f"gemeente {regel.gemeente.naam}"
        ),
        versie=besluit.versie,
        gebruiker=gebruiker or besluit.vastgesteld_door,
        gemeente=regel.gemeente,
        provincie=regel.gemeente.provincie,
        nieuw=nieuw,
    )


def beschikkingen(regel_ids, *, na_elk=None) -> dict[int, Document]:
    """The beschikkingen of many rows at once (the zip, the worker after a besluit): the rows,
    the documents already stored and what the rows' besluit shares are read in a few queries
    whatever their number; then each missing document is rendered and stored. ``na_elk`` is
    called after each row (progress). Returns row id → document."""
    regels = list(_regels().filter(pk__in=list(regel_ids)).order_by("pk"))
    documenten = {
        d.object_id: d
        for d in Document.objects.filter(
            soort=Soort.BESCHIKKING_VERDEELBESLUIT,
            content_type=ContentType.objects.get_for_model(VerdeelbesluitRegel),
            object_id__in=[r.pk for r in regels],
        )
    }
    gegevens: dict[int, BesluitGegevens] = {}
    for regel in regels:
        if regel.pk not in documenten:
            besluit_gegevens = gegevens.get(regel.verdeelbesluit_id)
            if besluit_gegevens is None:
                besluit_gegevens = gegevens[regel.verdeelbesluit_id] = BesluitGegevens(
                    regel.verdeelbesluit
                )
            documenten[regel.pk] = _beschikking_maken(regel, besluit_gegevens, nieuw=True)
        if na_elk is not None:
            na_elk()
    return documenten


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
