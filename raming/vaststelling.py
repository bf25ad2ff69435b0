"""Adopting and publishing a raming in the pages: the recorded exception for gemeenten without
inputs, and what vaststellen or publiceren will do (the confirmation page and the API dry run
read the same answer). The acts themselves are ``services.raming_vaststellen`` and
``services.raming_publiceren``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.rechten import Handeling, vereist

from .berekening import indeling_van, ontbrekende_gemeenten
from .models import Raming
from .selectors import versie_verschillen
from .services import OVERGANGEN, RamingFout, vaststellen_belemmeringen
from .services.gedeeld import _vergrendel

S = Raming.Status


@transaction.atomic
def uitzondering_vastleggen(*, raming: Raming, reden: str, door) -> Raming:
    """Record, with a reason, that the raming may be adopted although the gemeenten that now
    lack inputs still lack them. The list is kept as it is now: if it changes (an import
    fills a gap, or another gemeente loses one), vaststellen asks for a new exception."""
    vereist(door, Handeling.RAMING_VASTSTELLEN)
    raming = _vergrendel(raming)
    if raming.is_bevroren or raming.historisch:
        raise RamingFout("Een uitzondering kan alleen bij een concept worden vastgelegd.")
    reden = (reden or "").strip()
    if len(reden) < 10:
        raise RamingFout({"reden": "Geef een reden van ten minste tien tekens."})
    ontbrekend = ontbrekende_gemeenten(
        peildatum=raming.peildatum_inwoners,
        ses_jaar=raming.ses_jaar,
        indeling_op=indeling_van(raming.cyclus),
    )
    if not ontbrekend:
        raise RamingFout("Alle gemeenten hebben invoer; een uitzondering is niet nodig.")
    raming.uitzondering_reden = reden
    raming.uitzondering_gemeenten = ontbrekend
    raming.uitzondering_door = door
    raming.uitzondering_op = timezone.now()
    raming.save()
    return raming


@dataclass
class Gevolgen:
    """What an act on the raming will do, before it is done."""

    actie: str
    kan: bool
    belemmeringen: list[str] = field(default_factory=list)
    wat_gebeurt: list[str] = field(default_factory=list)
    wie_bericht: list[str] = field(default_factory=list)
    wordt_openbaar: list[str] = field(default_factory=list)
    ontbrekend: list[dict] = field(default_factory=list)
    uitzondering: dict | None = None
    verschil: dict | None = None


def _uitzondering(raming: Raming) -> dict | None:
    if not raming.uitzondering_reden:
        return None
    return {
        "reden": raming.uitzondering_reden,
        "gemeenten": raming.uitzondering_gemeenten,
        "door": str(raming.uitzondering_door or ""),
        "op": raming.uitzondering_op,
    }


def verschil_met_vorige(raming: Raming) -> dict | None:
    """How this version differs from the previous one (one query), or None for version 1."""
    vorige = raming.vorige_versie
    if vorige is None:
        return None
    gewijzigd = versie_verschillen(vorige, raming)
    return {
        "vorige_versie": vorige.versie,
        "landelijk_oud": vorige.landelijk_aantal,
        "landelijk_nieuw": raming.landelijk_aantal,
        "gemeenten_gewijzigd": len(gewijzigd),
        "grootste": [
            {"gemeente": v.naam, "oud": v.oud, "nieuw": v.nieuw, "verschil": v.verschil}
            for v in sorted(gewijzigd, key=lambda v: -abs(v.verschil))[:5]
        ],
        "url": reverse("raming:raming_verschil", kwargs={"pk": raming.pk}),
    }


def _aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    if n == 0:
        return f"Geen {meervoud} (er is nog geen actieve gebruiker met die rol)"
    return f"De {enkelvoud}" if n == 1 else f"Alle {n} {meervoud}"


def _ontvangers() -> tuple[int, int]:
    Gebruiker = get_user_model()
    actief = Gebruiker.objects.filter(is_active=True)
    return (
        actief.filter(rol="prt-secretaris").count(),
        actief.filter(rol="gemeente").count(),
    )


def vaststellen_gevolgen(raming: Raming) -> Gevolgen:
    kan_status = S.VASTGESTELD in OVERGANGEN.get(raming.status, frozenset())
    belemmeringen = (
        []
        if kan_status
        else [f"een raming met status ‘{raming.get_status_display()}’ kan niet worden vastgesteld"]
    )
    if kan_status:
        belemmeringen = vaststellen_belemmeringen(raming)
    ontbrekend = ontbrekende_gemeenten(
        peildatum=raming.peildatum_inwoners,
        ses_jaar=raming.ses_jaar,
        indeling_op=indeling_van(raming.cyclus),
    )
    prts, gemeenten = _ontvangers()
    wat = [
        f"Versie {raming.versie} van de capaciteitsraming {raming.cyclus.jaar} wordt "
        "vastgesteld: de aantallen per gemeente en per provincie worden bevroren. Wijzigen kan "
        "daarna alleen met een tussentijdse wijziging (een nieuwe versie met reden).",
        "Daarna kunt u de publicatie in de Staatscourant vastleggen (publiceren).",
    ]
    if raming.uitzondering_reden:
        wat.append(
            f"De vastgelegde uitzondering voor {len(raming.uitzondering_gemeenten)} gemeente(n) "
            "zonder volledige invoer wordt bij de cijfers getoond, ook na publicatie."
        )
    return Gevolgen(
        actie="vaststellen",
        kan=not belemmeringen,
        belemmeringen=belemmeringen,
        wat_gebeurt=wat,
        wie_bericht=[
            f"{_aantal(prts, 'PRT-secretaris', 'PRT-secretarissen')}: de opgave van hun "
            "provincie; de regietafels werken vanaf nu met deze raming (verslag, uitruil).",
            f"{_aantal(gemeenten, 'gemeentegebruiker', 'gemeentegebruikers')}: het indicatieve "
            "aantal van hun gemeente.",
            "Beide met de vermelding dat de aantallen openbaar worden bij de publicatie; het "
            "bericht staat in hun meldingen in Regietafel en gaat per e-mail aan wie dat heeft "
            "gekozen.",
        ],
        wordt_openbaar=["Niets: een vastgestelde raming is nog niet openbaar."],
        ontbrekend=ontbrekend,
        uitzondering=_uitzondering(raming),
        verschil=verschil_met_vorige(raming),
    )


def publiceren_gevolgen(
    raming: Raming,
    *,
    staatscourant_referentie: str = "",
    gepubliceerd_op: dt.date | None = None,
) -> Gevolgen:
    belemmeringen = []
    if S.GEPUBLICEERD not in OVERGANGEN.get(raming.status, frozenset()):
        belemmeringen.append(
            f"een raming met status ‘{raming.get_status_display()}’ kan niet worden "
            "gepubliceerd; stel haar eerst vast"
        )
    if Raming.objects.filter(cyclus_id=raming.cyclus_id, versie__gt=raming.versie).exists():
        belemmeringen.append(f"er is al een nieuwere versie dan versie {raming.versie}")
    if gepubliceerd_op is not None and gepubliceerd_op > timezone.localdate():
        belemmeringen.append("de publicatiedatum ligt in de toekomst")
    prts, gemeenten = _ontvangers()
    url = reverse("raming:openbaar_raming", kwargs={"jaar": raming.cyclus.jaar})
    openbaar = [
        f"De hele raming op {url}, zonder inloggen: het landelijke aantal, de provinciale "
        f"opgaven en het indicatieve aantal van alle {raming.gemeenten.count()} gemeenten "
        "met hun inwonertal en SES-WOA-score, en de downloads (CSV, Excel).",
    ]
    if raming.uitzondering_reden:
        openbaar.append("De uitzondering voor gemeenten zonder volledige invoer, met haar reden.")
    if raming.vorige_versie_id:
        openbaar.append("De reden van de wijziging ten opzichte van de vorige versie.")
    wat = [
        f"Versie {raming.versie} wordt de geldende capaciteitsraming {raming.cyclus.jaar}, "
        f"gepubliceerd op {gepubliceerd_op:%d-%m-%Y}"
        if gepubliceerd_op
        else f"Versie {raming.versie} wordt de geldende capaciteitsraming {raming.cyclus.jaar}",
        "De provinciale regietafels werken vanaf nu met deze opgaven (verslag, uitruil).",
    ]
    if staatscourant_referentie:
        wat[0] += f" ({staatscourant_referentie})"
    wat[0] += "."
    return Gevolgen(
        actie="publiceren",
        kan=not belemmeringen,
        belemmeringen=belemmeringen,
        wat_gebeurt=wat,
        wie_bericht=[
            f"{_aantal(prts, 'PRT-secretaris', 'PRT-secretarissen')}: de opgave van hun "
            "provincie"
            + (" en het verschil met de vorige versie." if raming.vorige_versie_id else "."),
            f"{_aantal(gemeenten, 'gemeentegebruiker', 'gemeentegebruikers')}: het indicatieve "
            "aantal van hun gemeente" + (" en het verschil." if raming.vorige_versie_id else "."),
            "Elk bericht staat in hun meldingen in Regietafel en gaat per e-mail aan wie dat "
            "heeft gekozen.",
        ],
        wordt_openbaar=openbaar,
        ontbrekend=[],
        uitzondering=_uitzondering(raming),
        verschil=verschil_met_vorige(raming),
    )
