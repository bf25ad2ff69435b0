"""Who is told what when a raming is adopted, published, amended or postponed, or a milestone
moves: each PRT its provincial opgave and each gemeente its indicative number, with the
difference from the version before.

Each of these acts tells every PRT secretary and gemeente user (some 460 people), so the act
records one outbox row in its transaction (``meldingen.services.later_melden``) and no notice;
after commit the worker runs the task of ``raming.tasks`` named on it, which calls the
``*_melden`` function here and writes the notices and mails (ADR 0010, addendum).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from meldingen import ontvangers
from meldingen.models import Soort
from meldingen.services import Bericht, later_melden, melden, melden_allemaal

from .models import GemeenteVerdeling, Mijlpaal, ProvincieVerdeling, Raming


def _vorige_gepubliceerd(raming: Raming) -> Raming | None:
    return (
        Raming.objects.filter(
            cyclus_id=raming.cyclus_id,
            versie__lt=raming.versie,
            status=Raming.Status.GEPUBLICEERD,
        )
        .order_by("-versie")
        .first()
    )


def _verschil(nieuw: int | None, oud: int | None) -> int | None:
    if nieuw is None or oud is None:
        return None
    return nieuw - oud


def raming_vastgesteld(*, raming: Raming) -> None:
    """A vastgestelde raming counts for the cycle at once (the PRTs draft their verslag on it),
    so each PRT and gemeente is told its number now; it becomes public with the publication.
    Written by the worker after commit (:func:`raming_melden`)."""
    later_melden(
        taak="raming.tasks.raming_melden",
        sleutel=f"raming-vastgesteld:{raming.pk}",
        raming_id=raming.pk,
        vastgesteld=True,
    )


def raming_gepubliceerd(*, raming: Raming) -> None:
    """Published, or an amended version published: each PRT and gemeente its number and the
    difference with the previous version, by the worker after commit (:func:`raming_melden`)."""
    later_melden(
        taak="raming.tasks.raming_melden",
        sleutel=f"raming:{raming.pk}",
        raming_id=raming.pk,
        vastgesteld=False,
    )


def raming_melden(*, raming: Raming, vastgesteld: bool) -> None:
    """The notices of a raming adopted (``vastgesteld``) or published: each PRT secretary the
    provincial opgave, each gemeente user the gemeente's indicative number."""
    vorige = _vorige_gepubliceerd(raming)
    jaar = str(raming.cyclus.jaar)  # a year, never "2.026"
    if vastgesteld:
        soort = Soort.RAMING_VASTGESTELD
        onderwerp = f"Capaciteitsraming {jaar} vastgesteld (versie {raming.versie})"
    else:
        soort = Soort.RAMING_GEWIJZIGD if vorige else Soort.RAMING_GEPUBLICEERD
        if vorige:
            onderwerp = f"Capaciteitsraming {jaar} gewijzigd (versie {raming.versie})"
        else:
            onderwerp = f"Capaciteitsraming {jaar} gepubliceerd"
    # Until publication the figures are not public: the link goes to the user's own home page.
    link = (
        reverse("home")
        if vastgesteld
        else reverse("raming:openbaar_raming", kwargs={"jaar": raming.cyclus.jaar})
    )
    basis = {"raming": raming, "vorige": vorige, "jaar": jaar, "vastgesteld": vastgesteld}
    sleutel = f"raming{'-vastgesteld' if vastgesteld else ''}:{raming.pk}"

    opgaven = dict(
        ProvincieVerdeling.objects.filter(raming=raming).values_list("provincie_id", "opgave")
    )
    oude_opgaven = (
        dict(ProvincieVerdeling.objects.filter(raming=vorige).values_list("provincie_id", "opgave"))
        if vorige
        else {}
    )
    per_provincie: dict[int, list] = {}
    for gebruiker in ontvangers.secretarissen(list(opgaven)):
        per_provincie.setdefault(gebruiker.provincie_id, []).append(gebruiker)
    berichten = []
    for provincie_id, gebruikers in per_provincie.items():
        nieuw, oud = opgaven.get(provincie_id), oude_opgaven.get(provincie_id)
        berichten.append(
            Bericht(
                ontvangers=gebruikers,
                onderwerp=onderwerp,
                template="raming/meldingen/raming_prt",
                context={
                    **basis,
                    "provincie": gebruikers[0].provincie,
                    "aantal": nieuw,
                    "oud": oud,
                    "verschil": _verschil(nieuw, oud),
                },
                link=link,
                sleutel=f"{sleutel}:provincie:{provincie_id}",
            )
        )

    gebruikers_gemeente = ontvangers.gemeentegebruikers()
    gemeente_ids = {g.gemeente_id for g in gebruikers_gemeente}
    aantallen = dict(
        GemeenteVerdeling.objects.filter(raming=raming, gemeente_id__in=gemeente_ids).values_list(
            "gemeente_id", "aantal"
        )
    )
    oude_aantallen = (
        dict(
            GemeenteVerdeling.objects.filter(
                raming=vorige, gemeente_id__in=gemeente_ids
            ).values_list("gemeente_id", "aantal")
        )
        if vorige
        else {}
    )
    per_gemeente: dict[int, list] = {}
    for gebruiker in gebruikers_gemeente:
        if gebruiker.gemeente_id in aantallen:
            per_gemeente.setdefault(gebruiker.gemeente_id, []).append(gebruiker)
    for gemeente_id, gebruikers in per_gemeente.items():
        nieuw, oud = aantallen.get(gemeente_id), oude_aantallen.get(gemeente_id)
        berichten.append(
            Bericht(
                ontvangers=gebruikers,
                onderwerp=onderwerp,
                template="raming/meldingen/raming_gemeente",
                context={
                    **basis,
                    "gemeente": gebruikers[0].gemeente,
                    "aantal": nieuw,
                    "oud": oud,
                    "verschil": _verschil(nieuw, oud),
                },
                link=link,
                sleutel=f"{sleutel}:gemeente:{gemeente_id}",
            )
        )
    melden_allemaal(soort=soort, berichten=berichten)


def raming_uitgesteld(*, raming: Raming, door) -> None:
    """Publication postponed: told by the worker after commit (:func:`raming_uitgesteld_melden`)."""
    later_melden(
        taak="raming.tasks.raming_uitgesteld_melden",
        sleutel=f"raming-uitgesteld:{raming.pk}",
        raming_id=raming.pk,
        door_id=getattr(door, "pk", None),
    )


def raming_uitgesteld_melden(*, raming: Raming, door) -> None:
    """Publication postponed: every PRT and gemeente waits for its number; they are told why
    and where (the Kamerbrief)."""
    jaar = str(raming.cyclus.jaar)
    melden(
        ontvangers=ontvangers.behalve(
            [*ontvangers.secretarissen(), *ontvangers.gemeentegebruikers()], door
        ),
        soort=Soort.RAMING_UITGESTELD,
        onderwerp=f"Publicatie van de capaciteitsraming {jaar} uitgesteld",
        template="raming/meldingen/raming_uitgesteld",
        context={"raming": raming, "jaar": jaar},
        link=reverse("home"),
        sleutel=f"raming-uitgesteld:{raming.pk}",
    )


def mijlpaal_verplaatst(*, mijlpaal: Mijlpaal, oud, door) -> None:
    """Told by the worker after commit (:func:`mijlpaal_verplaatst_melden`), with the date and
    reason of this move (a later move of the same milestone is an event of its own)."""
    if oud == mijlpaal.datum:
        return
    sleutel = f"mijlpaal:{mijlpaal.pk}:{mijlpaal.datum:%Y%m%d}:{timezone.now():%Y%m%d%H%M%S%f}"
    later_melden(
        taak="raming.tasks.mijlpaal_verplaatst_melden",
        sleutel=sleutel,
        gebeurtenis=sleutel,
        mijlpaal_id=mijlpaal.pk,
        oud=oud.isoformat(),
        datum=mijlpaal.datum.isoformat(),
        reden=mijlpaal.wijzigingsreden,
        door_id=getattr(door, "pk", None),
    )


def mijlpaal_verplaatst_melden(*, mijlpaal: Mijlpaal, oud, door, gebeurtenis: str) -> None:
    """A milestone moved moves the terms of the parties who work towards it: the verslag's
    the PRTs (and their gemeenten), the realisation's the gemeenten, the others the PRTs."""
    soort = mijlpaal.soort
    wie = []
    if soort in (Mijlpaal.Soort.VERSLAG, Mijlpaal.Soort.RAMING, Mijlpaal.Soort.VERDEELBESLUIT):
        wie += ontvangers.secretarissen()
    if soort in (Mijlpaal.Soort.VERSLAG, Mijlpaal.Soort.REALISATIE):
        wie += ontvangers.gemeentegebruikers()
    jaar = str(mijlpaal.cyclus.jaar)
    melden(
        ontvangers=ontvangers.behalve(wie, door),
        soort=Soort.MIJLPAAL_VERPLAATST,
        onderwerp=(
            f"{mijlpaal.get_soort_display()} {jaar}: mijlpaal verplaatst naar "
            f"{mijlpaal.datum:%d-%m-%Y}"
        ),
        template="raming/meldingen/mijlpaal_verplaatst",
        context={"mijlpaal": mijlpaal, "oud": oud, "jaar": jaar},
        link=reverse("home"),
        sleutel=gebeurtenis,
    )
