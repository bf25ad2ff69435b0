"""State changes of an exchange. Each is atomic, locks the exchange row and records a step.

Transitions::

    voorgesteld ──(every other party accepts)──▶ geaccepteerd ──(PRT)──▶ bevestigd
        │  └──(a party rejects)──▶ afgewezen          │  └─(PRT)─▶ teruggestuurd
        └──(a party withdraws; also from geaccepteerd)─▶ ingetrokken
    bevestigd ──(PRT, with reason)──▶ geannuleerd

Refusals raise ``ValidationError`` (a transition that is not allowed now, bad input) or
``PermissionDenied`` (the user may not act for this gemeente/province at all).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.rechten import GeenToegang, Handeling, vereist
from raming.models import Gemeente, Provincie, Wetscyclus
from raming.selectors import geldende_raming, indicatieve_aantallen

from . import notificaties
from .models import Richting, Taak, Taakstelling, Uitruil, UitruilPartij, UitruilStap
from .selectors import bevestigde_asielopvang_mutaties


@dataclass(frozen=True)
class PartijInvoer:
    gemeente: Gemeente
    taak: str
    richting: str
    aantal: int


def _stap(uitruil: Uitruil, *, soort: str, door, gemeente=None, toelichting: str = "") -> None:
    uitruil.versie += 1
    uitruil.save()
    stap = UitruilStap.objects.create(
        uitruil=uitruil,
        versie=uitruil.versie,
        soort=soort,
        door=door,
        gemeente=gemeente,
        toelichting=toelichting,
    )
    # the other parties and the PRT are told: one outbox row in this transaction, the notices
    # written by the worker right after commit
    notificaties.stap_gezet(uitruil=uitruil, stap=stap)


def _vergrendel(uitruil: Uitruil) -> Uitruil:
    """Lock the exchange row and return its current state (what another transaction committed)."""
    return Uitruil.objects.select_for_update().get(pk=uitruil.pk)


def _controleer_asielopvang_niet_negatief(*, cyclus, mutaties: dict[int, int]) -> None:
    """Refuse if any gemeente's asielopvang number would drop below zero.

    number = indicative number (geldende raming) + confirmed exchanges + ``mutaties``.
    """
    betrokken = [gid for gid, m in mutaties.items() if m < 0]
    if not betrokken:
        return
    start = indicatieve_aantallen(geldende_raming(cyclus))
    bevestigd = bevestigde_asielopvang_mutaties(cyclus=cyclus, gemeente_ids=betrokken)
    namen = dict(Gemeente.objects.filter(pk__in=betrokken).values_list("pk", "naam"))
    fouten = []
    for gid in betrokken:
        nieuw = start.get(gid, 0) + bevestigd.get(gid, 0) + mutaties[gid]
        if nieuw < 0:
            fouten.append(
                f"{namen[gid]} zou met deze uitruil een negatief aantal asielopvangplekken "
                f"krijgen ({nieuw}); het huidige aantal is "
                f"{start.get(gid, 0) + bevestigd.get(gid, 0)}."
            )
    if fouten:
        raise ValidationError(fouten)


def _asielopvang_mutaties(partijen) -> dict[int, int]:
    """gemeente id → signed asielopvang change of party rows (stored ``UitruilPartij``)."""
    mutaties: dict[int, int] = {}
    for p in partijen:
        if p.taak == Taak.ASIELOPVANG:
            mutaties[p.gemeente_id] = mutaties.get(p.gemeente_id, 0) + p.mutatie
    return mutaties


def _lock_provincie(provincie_id: int) -> None:
    """Serialise confirmations within one province (the negative check spans exchanges)."""
    list(Provincie.objects.select_for_update().filter(pk=provincie_id).values_list("pk"))


@transaction.atomic
def voorstellen(
    *,
    door,
    cyclus: Wetscyclus,
    partijen: list[PartijInvoer],
    motivatie: str,
    periode_van: datetime.date | None = None,
    periode_tot: datetime.date | None = None,
    verhouding_asielopvang: int = 1,
    verhouding_tegenprestatie: int = 1,
) -> Uitruil:
    """A gemeente user proposes an exchange between its own gemeente and one or more others."""
    vereist(door, Handeling.UITRUIL_AFSPREKEN)
    eigen = door.gemeente
    fouten: list[str] = []
    if not (motivatie or "").strip():
        fouten.append("Geef een motivatie.")
    for naam, waarde in (
        ("asielopvang", verhouding_asielopvang),
        ("tegenprestatie", verhouding_tegenprestatie),
    ):
        if not isinstance(waarde, int) or isinstance(waarde, bool) or waarde <= 0:
            fouten.append(f"De verhouding ({naam}) moet een positief geheel getal zijn.")
    if periode_van and periode_tot and periode_tot < periode_van:
        fouten.append("De periode eindigt vóór zij begint.")
    if not partijen:
        fouten.append("Geef de partijen met hun taak, richting en aantal.")
    gezien: set[tuple[int, str]] = set()
    for p in partijen:
        if not isinstance(p.aantal, int) or isinstance(p.aantal, bool) or p.aantal <= 0:
            fouten.append(f"Het aantal voor {p.gemeente} moet een positief geheel getal zijn.")
        if p.taak not in Taak.values:
            fouten.append(f"Onbekende taak: {p.taak}.")
        if p.richting not in Richting.values:
            fouten.append(f"Onbekende richting: {p.richting}.")
        if p.gemeente.provincie_id != eigen.provincie_id:
            fouten.append(
                f"{p.gemeente} ligt niet in {eigen.provincie}: uitruil kan alleen binnen de "
                "provincie."
            )
        sleutel = (p.gemeente.pk, p.taak)
        if sleutel in gezien:
            fouten.append(f"{p.gemeente} staat twee keer in de uitruil voor dezelfde taak.")
        gezien.add(sleutel)
    gemeenten = {p.gemeente.pk for p in partijen}
    if partijen and eigen.pk not in gemeenten:
        fouten.append(f"Uw eigen gemeente ({eigen}) moet partij zijn in de uitruil.")
    if partijen and len(gemeenten - {eigen.pk}) < 1:
        fouten.append("Een uitruil heeft ten minste één andere gemeente als partij.")
    if fouten:
        raise ValidationError(fouten)
    _controleer_asielopvang_niet_negatief(
        cyclus=cyclus,
        mutaties={
            gid: m
            for gid, m in _mutaties_uit_invoer(partijen).items()
            if m < 0  # only giving up can make a number negative
        },
    )
    nu = timezone.now()
    uitruil = Uitruil.objects.create(
        cyclus=cyclus,
        provincie_id=eigen.provincie_id,
        voorgesteld_door_gemeente=eigen,
        voorgesteld_door=door,
        motivatie=motivatie.strip(),
        periode_van=periode_van,
        periode_tot=periode_tot,
        verhouding_asielopvang=verhouding_asielopvang,
        verhouding_tegenprestatie=verhouding_tegenprestatie,
        versie=0,
    )
    for p in partijen:
        eigen_rij = p.gemeente.pk == eigen.pk
        UitruilPartij.objects.create(
            uitruil=uitruil,
            gemeente=p.gemeente,
            taak=p.taak,
            richting=p.richting,
            aantal=p.aantal,
            instemming=(
                UitruilPartij.Instemming.GEACCEPTEERD
                if eigen_rij
                else UitruilPartij.Instemming.OPEN
            ),
            door=door if eigen_rij else None,
            op=nu if eigen_rij else None,
        )
    _stap(
        uitruil,
        soort=UitruilStap.Soort.VOORGESTELD,
        door=door,
        gemeente=eigen,
        toelichting=motivatie.strip(),
    )
    return uitruil


def _mutaties_uit_invoer(partijen: list[PartijInvoer]) -> dict[int, int]:
    mutaties: dict[int, int] = {}
    for p in partijen:
        if p.taak == Taak.ASIELOPVANG:
            teken = p.aantal if p.richting == Richting.NEEMT_OP else -p.aantal
            mutaties[p.gemeente.pk] = mutaties.get(p.gemeente.pk, 0) + teken
    return mutaties


def _eigen_partijrijen(uitruil: Uitruil, door) -> list[UitruilPartij]:
    """The rows of the acting gemeente user's gemeente; refuse other users."""
    vereist(door, Handeling.UITRUIL_AFSPREKEN, provincie=uitruil.provincie_id)
    rijen = list(
        UitruilPartij.objects.select_for_update().filter(
            uitruil=uitruil, gemeente_id=door.gemeente_id
        )
    )
    if not rijen:
        raise GeenToegang("Uw gemeente is geen partij in deze uitruil.")
    return rijen


def _reageer(*, uitruil: Uitruil, door, instemming: str, reden: str) -> Uitruil:
    uitruil = _vergrendel(uitruil)
    rijen = _eigen_partijrijen(uitruil, door)
    if uitruil.voorgesteld_door_gemeente_id == door.gemeente_id:
        raise ValidationError("U heeft deze uitruil zelf voorgesteld; u kunt hem wel intrekken.")
    toegestaan = [Uitruil.Status.VOORGESTELD]
    if instemming == UitruilPartij.Instemming.AFGEWEZEN:
        # Once one party rejected, the others may still put their own rejection on record.
        toegestaan.append(Uitruil.Status.AFGEWEZEN)
    if uitruil.status not in toegestaan:
        raise ValidationError(
            f"Deze uitruil is {uitruil.get_status_display().lower()}; reageren kan niet meer."
        )
    if any(r.instemming != UitruilPartij.Instemming.OPEN for r in rijen):
        raise ValidationError("Uw gemeente heeft al op deze uitruil gereageerd.")
    nu = timezone.now()
    for r in rijen:  # save() per row (not queryset.update) so the history records it
        r.instemming, r.reden, r.door, r.op = instemming, reden, door, nu
        r.save()
    if instemming == UitruilPartij.Instemming.AFGEWEZEN:
        uitruil.status = Uitruil.Status.AFGEWEZEN
        soort = UitruilStap.Soort.AFGEWEZEN
    else:
        soort = UitruilStap.Soort.GEACCEPTEERD
        nog_open = (
            UitruilPartij.objects.filter(uitruil=uitruil)
            .exclude(instemming=UitruilPartij.Instemming.GEACCEPTEERD)
            .exists()
        )
        if not nog_open:
            uitruil.status = Uitruil.Status.GEACCEPTEERD
    _stap(uitruil, soort=soort, door=door, gemeente=door.gemeente, toelichting=reden)
    return uitruil


@transaction.atomic
def accepteren(*, uitruil: Uitruil, door) -> Uitruil:
    """A party (other than the proposer) accepts; when all did, the exchange is geaccepteerd."""
    return _reageer(
        uitruil=uitruil, door=door, instemming=UitruilPartij.Instemming.GEACCEPTEERD, reden=""
    )


@transaction.atomic
def afwijzen(*, uitruil: Uitruil, door, reden: str) -> Uitruil:
    """A party rejects, with a reason; the exchange is then afgewezen."""
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError("Geef een reden waarom u de uitruil afwijst.")
    return _reageer(
        uitruil=uitruil, door=door, instemming=UitruilPartij.Instemming.AFGEWEZEN, reden=reden
    )


@transaction.atomic
def intrekken(*, uitruil: Uitruil, door, reden: str = "") -> Uitruil:
    """A party withdraws the exchange before the PRT confirmed it."""
    uitruil = _vergrendel(uitruil)
    _eigen_partijrijen(uitruil, door)
    if uitruil.status not in Uitruil.OPEN_STATUSSEN:
        raise ValidationError(
            f"Deze uitruil is {uitruil.get_status_display().lower()}; intrekken kan niet meer."
        )
    uitruil.status = Uitruil.Status.INGETROKKEN
    _stap(
        uitruil,
        soort=UitruilStap.Soort.INGETROKKEN,
        door=door,
        gemeente=door.gemeente,
        toelichting=(reden or "").strip(),
    )
    return uitruil


def _eigen_regietafel(uitruil: Uitruil, door) -> None:
    vereist(door, Handeling.UITRUIL_BEVESTIGEN, provincie=uitruil.provincie_id)


@transaction.atomic
def bevestigen(*, uitruil: Uitruil, door, toelichting: str = "") -> Uitruil:
    """The PRT secretary of the province confirms an exchange all parties accepted."""
    _eigen_regietafel(uitruil, door)
    _lock_provincie(uitruil.provincie_id)
    uitruil = _vergrendel(uitruil)
    if uitruil.status != Uitruil.Status.GEACCEPTEERD:
        raise ValidationError(
            "Bevestigen kan alleen als alle partijen de uitruil hebben geaccepteerd "
            f"(status nu: {uitruil.get_status_display().lower()})."
        )
    # Other exchanges may have been confirmed since the proposal: check again.
    _controleer_asielopvang_niet_negatief(
        cyclus=uitruil.cyclus, mutaties=_asielopvang_mutaties(uitruil.partijen.all())
    )
    uitruil.status = Uitruil.Status.BEVESTIGD
    uitruil.bevestigd_op = timezone.now()
    uitruil.bevestigd_door = door
    _stap(uitruil, soort=UitruilStap.Soort.BEVESTIGD, door=door, toelichting=toelichting.strip())
    return uitruil


@transaction.atomic
def terugsturen(*, uitruil: Uitruil, door, reden: str) -> Uitruil:
    """The PRT secretary returns an accepted exchange to the parties, with a reason."""
    _eigen_regietafel(uitruil, door)
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError("Geef een reden waarom u de uitruil terugstuurt.")
    uitruil = _vergrendel(uitruil)
    if uitruil.status != Uitruil.Status.GEACCEPTEERD:
        raise ValidationError(
            "Terugsturen kan alleen als alle partijen de uitruil hebben geaccepteerd "
            f"(status nu: {uitruil.get_status_display().lower()})."
        )
    uitruil.status = Uitruil.Status.TERUGGESTUURD
    _stap(uitruil, soort=UitruilStap.Soort.TERUGGESTUURD, door=door, toelichting=reden)
    return uitruil


@transaction.atomic
def annuleren(*, uitruil: Uitruil, door, reden: str) -> Uitruil:
    """The PRT secretary cancels a confirmed exchange, with a reason."""
    _eigen_regietafel(uitruil, door)
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError("Geef een reden waarom u de bevestigde uitruil annuleert.")
    _lock_provincie(uitruil.provincie_id)
    uitruil = _vergrendel(uitruil)
    if uitruil.status != Uitruil.Status.BEVESTIGD:
        raise ValidationError("Alleen een bevestigde uitruil kan worden geannuleerd.")
    # Undoing it reverses its changes; that too must not leave anyone below zero.
    omgekeerd = {gid: -m for gid, m in _asielopvang_mutaties(uitruil.partijen.all()).items()}
    _controleer_asielopvang_niet_negatief(cyclus=uitruil.cyclus, mutaties=omgekeerd)
    uitruil.status = Uitruil.Status.GEANNULEERD
    _stap(uitruil, soort=UitruilStap.Soort.GEANNULEERD, door=door, toelichting=reden)
    return uitruil


@transaction.atomic
def taakstelling_vastleggen(
    *, door, gemeente: Gemeente, cyclus: Wetscyclus, taak: str, aantal: int, bron: str = ""
) -> Taakstelling:
    """Record the starting number of a gemeente for statushouders or Oekraïense ontheemden.

    Allowed for the gemeente's own user, the PRT secretary of its province and ministry staff.
    """
    vereist(door, Handeling.TAAKSTELLING_VASTLEGGEN, gemeente=gemeente)
    if taak not in Taakstelling.TaakstellingTaak.values:
        raise ValidationError("Een taakstelling geldt voor statushouders of Oekraïense ontheemden.")
    if not isinstance(aantal, int) or isinstance(aantal, bool) or aantal < 0:
        raise ValidationError("Het aantal moet een geheel getal van 0 of meer zijn.")
    taakstelling, _ = Taakstelling.objects.select_for_update().get_or_create(
        gemeente=gemeente,
        cyclus=cyclus,
        taak=taak,
        defaults={"aantal": aantal, "bron": bron, "vastgelegd_door": door},
    )
    if taakstelling.aantal != aantal or taakstelling.bron != bron:
        taakstelling.aantal = aantal
        taakstelling.bron = bron
        taakstelling.vastgelegd_door = door
        taakstelling.save()
    return taakstelling
