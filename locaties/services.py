"""Writes to the location register. Every function checks who acts (``accounts.rechten``),
bounds its input with Dutch messages, locks the location it changes (``select_for_update``)
and keeps history (simple_history, with the acting user).

- A gemeente keeps its own locations, a PRT secretary those of its province, the ministry
  (which sees everything and computes meerjarig beschikbaar from the register) any
  (``LOCATIE_BEHEREN``).
- A phase only changes through :func:`fase_wijzigen`, which records a ``Fasewijziging``; the
  phases run planvorming → besluitvorming → realisatie → in gebruik → gesloten, and going back
  needs a reason.
- COA confirms capacity and phase (:func:`locatie_bevestigen`, ``LOCATIE_BEVESTIGEN``); a later
  change of capacity or phase by a gemeente, PRT or the ministry clears that confirmation.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.rechten import Handeling, vereist
from core.grenzen import BESTURINGSTEKENS, DATUM_LAATST, DATUM_VROEGST
from meldingen.services import later_melden
from raming.models import Gemeente

from .models import Fase, Fasewijziging, Opvanglocatie, Soort, fase_index

#: No single reception location comes near this (the largest, Ter Apel, holds about 2,000).
CAPACITEIT_MAXIMUM = 10_000
NAAM_MAXIMUM = 200
ADRES_MAXIMUM = 200
PLAATS_MAXIMUM = 100
REFERENTIE_MAXIMUM = 50
TOELICHTING_MAXIMUM = 2_000
POSTCODE = re.compile(r"^[1-9][0-9]{3} ?[A-Z]{2}$")

#: The fields a gemeente, PRT or import may set (phase and confirmation have their own acts).
GEGEVENS = (
    "naam",
    "straat_huisnummer",
    "postcode",
    "plaats",
    "capaciteit_regulier",
    "capaciteit_amv",
    "soort",
    "overeenkomst_gesloten_op",
    "beschikbaar_vanaf",
    "beschikbaar_tot",
    "duurzaam",
    "coa_referentie",
)
#: A change of one of these by a gemeente or PRT clears COA's confirmation.
BEVESTIGDE_VELDEN = ("capaciteit_regulier", "capaciteit_amv")


def _vijf_jaar_na(d: dt.date) -> dt.date:
    try:
        return d.replace(year=d.year + 5)
    except ValueError:  # 29 February
        return d.replace(year=d.year + 5, day=28)


def _datum_tekst(d: dt.date) -> str:
    return d.strftime("%d-%m-%Y")


def _tekst(waarde, veld: str, maximum: int, fouten: dict, *, verplicht: bool = False) -> str:
    waarde = "" if waarde is None else str(waarde).strip()
    if verplicht and not waarde:
        fouten.setdefault(veld, []).append("Vul dit veld in.")
    elif len(waarde) > maximum:
        fouten.setdefault(veld, []).append(f"Gebruik ten hoogste {maximum} tekens.")
    elif BESTURINGSTEKENS.search(waarde):
        fouten.setdefault(veld, []).append("Verwijder de onzichtbare besturingstekens.")
    return waarde


def _aantal(waarde, veld: str, fouten: dict) -> int | None:
    if waarde is None or isinstance(waarde, bool) or not isinstance(waarde, int):
        fouten.setdefault(veld, []).append("Vul een heel getal in.")
        return None
    if not 0 <= waarde <= CAPACITEIT_MAXIMUM:
        fouten.setdefault(veld, []).append(
            f"Vul een aantal in van 0 tot en met {CAPACITEIT_MAXIMUM:,}.".replace(",", ".")
        )
        return None
    return waarde


def _datum(waarde, veld: str, fouten: dict) -> dt.date | None:
    if waarde is None:
        return None
    if not isinstance(waarde, dt.date) or isinstance(waarde, dt.datetime):
        fouten.setdefault(veld, []).append("Vul een datum in (dd-mm-jjjj).")
        return None
    if not DATUM_VROEGST <= waarde <= DATUM_LAATST:
        fouten.setdefault(veld, []).append(
            f"Vul een datum in tussen {_datum_tekst(DATUM_VROEGST)} en "
            f"{_datum_tekst(DATUM_LAATST)}."
        )
        return None
    return waarde


def gegevens_fouten(gegevens: dict, *, locatie_id: int | None = None) -> tuple[dict, dict]:
    """The cleaned data of a location and every error at once (field → Dutch messages).

    Pure apart from one read: whether another location has the COA reference already."""
    fouten: dict[str, list[str]] = {}
    schoon: dict = {}
    schoon["naam"] = _tekst(gegevens.get("naam"), "naam", NAAM_MAXIMUM, fouten, verplicht=True)
    schoon["straat_huisnummer"] = _tekst(
        gegevens.get("straat_huisnummer"), "straat_huisnummer", ADRES_MAXIMUM, fouten
    )
    postcode = _tekst(gegevens.get("postcode"), "postcode", 7, fouten).upper()
    if postcode and not POSTCODE.match(postcode):
        fouten.setdefault("postcode", []).append("Vul een postcode in als 1234 AB.")
    elif postcode:
        postcode = f"{postcode[:4]} {postcode[-2:]}"
    schoon["postcode"] = postcode
    schoon["plaats"] = _tekst(gegevens.get("plaats"), "plaats", PLAATS_MAXIMUM, fouten)
    schoon["capaciteit_regulier"] = _aantal(
        gegevens.get("capaciteit_regulier"), "capaciteit_regulier", fouten
    )
    schoon["capaciteit_amv"] = _aantal(gegevens.get("capaciteit_amv", 0), "capaciteit_amv", fouten)
    if schoon["capaciteit_regulier"] == 0 and schoon["capaciteit_amv"] == 0:
        fouten.setdefault("capaciteit_regulier", []).append(
            "Een locatie heeft ten minste één plek (regulier of amv)."
        )
    soort = gegevens.get("soort")
    if soort not in Soort.values:
        fouten.setdefault("soort", []).append("Kies een soort locatie.")
    schoon["soort"] = soort
    for veld in ("overeenkomst_gesloten_op", "beschikbaar_vanaf", "beschikbaar_tot"):
        schoon[veld] = _datum(gegevens.get(veld), veld, fouten)
    gesloten = schoon["overeenkomst_gesloten_op"]
    if gesloten and gesloten > timezone.localdate():
        fouten.setdefault("overeenkomst_gesloten_op", []).append(
            "Een bestuursovereenkomst kan niet in de toekomst gesloten zijn; laat het veld leeg "
            "zolang ze niet gesloten is."
        )
    vanaf, tot = schoon["beschikbaar_vanaf"], schoon["beschikbaar_tot"]
    if vanaf and tot and tot < vanaf:
        fouten.setdefault("beschikbaar_tot", []).append(
            "‘Beschikbaar tot’ ligt vóór ‘beschikbaar vanaf’."
        )
    schoon["duurzaam"] = bool(gegevens.get("duurzaam", False))
    if schoon["duurzaam"] and vanaf and tot and tot < _vijf_jaar_na(vanaf):
        fouten.setdefault("duurzaam", []).append(
            "Een duurzame locatie is ten minste vijf jaar beschikbaar; pas de periode aan of "
            "vink ‘duurzaam’ uit."
        )
    referentie = _tekst(
        gegevens.get("coa_referentie"), "coa_referentie", REFERENTIE_MAXIMUM, fouten
    )
    if referentie:
        dubbel = Opvanglocatie.objects.filter(coa_referentie=referentie).exclude(pk=locatie_id)
        if dubbel.exists():
            fouten.setdefault("coa_referentie", []).append(
                "Deze COA-referentie hoort al bij een andere locatie."
            )
    schoon["coa_referentie"] = referentie
    return schoon, fouten


def _fase_datum_fouten(datum, *, na: dt.date | None, fouten: dict, veld: str) -> None:
    if datum is None:
        fouten.setdefault(veld, []).append("Vul de datum in waarop de fase begon.")
        return
    if _datum(datum, veld, fouten) is None:
        return
    if datum > timezone.localdate():
        fouten.setdefault(veld, []).append(
            "De datum waarop de fase begon kan niet in de toekomst liggen."
        )
    elif na is not None and datum < na:
        fouten.setdefault(veld, []).append(
            f"De datum ligt vóór het begin van de huidige fase ({_datum_tekst(na)})."
        )


def _vergrendeld(locatie: Opvanglocatie, gewijzigd_op: dt.datetime | None) -> Opvanglocatie:
    """The location locked for this transaction; refused when it changed since the user read
    it (``gewijzigd_op`` as shown)."""
    vast = Opvanglocatie.objects.select_for_update().select_related("gemeente").get(pk=locatie.pk)
    if gewijzigd_op is not None and vast.gewijzigd_op != gewijzigd_op:
        raise ValidationError(
            "Deze locatie is intussen gewijzigd (om "
            f"{timezone.localtime(vast.gewijzigd_op):%H:%M}). Bekijk de nieuwe gegevens en "
            "probeer het opnieuw.",
            code="conflict",
        )
    return vast


def _fase_gemeld(locatie: Opvanglocatie, wijziging: Fasewijziging, door) -> None:
    """COA's users are told, by the worker after commit (``notificaties.fase_gemeld_melden``)."""
    later_melden(
        taak="locaties.tasks.fase_gemeld_melden",
        sleutel=f"locatie:{locatie.pk}:fase:{wijziging.pk}",
        wijziging_id=wijziging.pk,
        door_id=door.pk if door is not None else None,
    )


@transaction.atomic
def locatie_aanmaken(
    *,
    door,
    gemeente: Gemeente,
    gegevens: dict,
    fase: str = Fase.PLANVORMING,
    fase_sinds: dt.date,
) -> Opvanglocatie:
    """Register a location of ``gemeente`` in ``fase`` since ``fase_sinds``."""
    vereist(door, Handeling.LOCATIE_BEHEREN, gemeente=gemeente)
    schoon, fouten = gegevens_fouten(gegevens)
    if fase not in Fase.values:
        fouten.setdefault("fase", []).append("Kies een fase.")
    _fase_datum_fouten(fase_sinds, na=None, fouten=fouten, veld="fase_sinds")
    if fouten:
        raise ValidationError(fouten)
    locatie = Opvanglocatie(gemeente=gemeente, fase=fase, fase_sinds=fase_sinds, **schoon)
    locatie._history_user = door
    locatie.save()
    wijziging = Fasewijziging.objects.create(
        locatie=locatie,
        van_fase="",
        naar_fase=fase,
        datum=fase_sinds,
        gemeld_door=door,
        bron=Fasewijziging.Bron.HANDMATIG,
        toelichting="Locatie geregistreerd.",
    )
    _fase_gemeld(locatie, wijziging, door)
    return locatie


@transaction.atomic
def locatie_wijzigen(
    *,
    door,
    locatie: Opvanglocatie,
    gegevens: dict,
    gewijzigd_op: dt.datetime | None = None,
) -> Opvanglocatie:
    """Change a location's data (not its phase: :func:`fase_wijzigen`). A change of capacity
    clears COA's confirmation."""
    vereist(door, Handeling.LOCATIE_BEHEREN, gemeente=locatie.gemeente)
    locatie = _vergrendeld(locatie, gewijzigd_op)
    schoon, fouten = gegevens_fouten(gegevens, locatie_id=locatie.pk)
    if fouten:
        raise ValidationError(fouten)
    gewijzigd = [veld for veld, waarde in schoon.items() if getattr(locatie, veld) != waarde]
    if not gewijzigd:
        return locatie
    for veld in gewijzigd:
        setattr(locatie, veld, schoon[veld])
    if set(gewijzigd) & set(BEVESTIGDE_VELDEN):
        locatie.coa_bevestigd_op = None
        locatie.coa_bevestigd_door = None
    locatie._history_user = door
    locatie.save()
    return locatie


def fase_overgang_fouten(
    locatie: Opvanglocatie, *, naar_fase: str, datum, toelichting: str
) -> dict[str, list[str]]:
    """Why this phase change may not be recorded (field → messages); empty when it may."""
    fouten: dict[str, list[str]] = {}
    if naar_fase not in Fase.values:
        fouten["naar_fase"] = ["Kies een fase."]
    elif naar_fase == locatie.fase:
        fouten["naar_fase"] = [f"De locatie is al in de fase {locatie.get_fase_display()}."]
    elif fase_index(naar_fase) < fase_index(locatie.fase) and not toelichting.strip():
        fouten["toelichting"] = [
            f"Terug van {locatie.get_fase_display().lower()} naar "
            f"{Fase(naar_fase).label.lower()} kan alleen met een reden. Vul de toelichting in."
        ]
    _fase_datum_fouten(datum, na=locatie.fase_sinds, fouten=fouten, veld="datum")
    return fouten


@transaction.atomic
def fase_wijzigen(
    *,
    door,
    locatie: Opvanglocatie,
    naar_fase: str,
    datum: dt.date,
    toelichting: str = "",
    gewijzigd_op: dt.datetime | None = None,
) -> Fasewijziging:
    """Record that ``locatie`` entered ``naar_fase`` on ``datum``; COA is told, and its
    earlier confirmation lapses."""
    vereist(door, Handeling.LOCATIE_BEHEREN, gemeente=locatie.gemeente)
    locatie = _vergrendeld(locatie, gewijzigd_op)
    fouten: dict[str, list[str]] = {}
    toelichting = _tekst(toelichting, "toelichting", TOELICHTING_MAXIMUM, fouten)
    for veld, berichten in fase_overgang_fouten(
        locatie, naar_fase=naar_fase, datum=datum, toelichting=toelichting
    ).items():
        fouten.setdefault(veld, []).extend(berichten)
    if fouten:
        raise ValidationError(fouten)
    wijziging = Fasewijziging.objects.create(
        locatie=locatie,
        van_fase=locatie.fase,
        naar_fase=naar_fase,
        datum=datum,
        gemeld_door=door,
        bron=Fasewijziging.Bron.HANDMATIG,
        toelichting=toelichting,
    )
    locatie.fase, locatie.fase_sinds = naar_fase, datum
    locatie.coa_bevestigd_op = None
    locatie.coa_bevestigd_door = None
    locatie._history_user = door
    locatie.save()
    _fase_gemeld(locatie, wijziging, door)
    return wijziging


@transaction.atomic
def locatie_bevestigen(
    *, door, locatie: Opvanglocatie, gewijzigd_op: dt.datetime | None = None
) -> Opvanglocatie:
    """COA confirms the capacity and phase as they stand (as shown: ``gewijzigd_op``); the
    gemeente's users are told."""
    vereist(door, Handeling.LOCATIE_BEVESTIGEN, gemeente=locatie.gemeente)
    locatie = _vergrendeld(locatie, gewijzigd_op)
    if locatie.is_bevestigd:
        raise ValidationError("COA heeft deze locatie al bevestigd.", code="al_bevestigd")
    locatie.coa_bevestigd_op = timezone.now()
    locatie.coa_bevestigd_door = door
    locatie._history_user = door
    locatie.save()
    # the gemeente's users are told by the worker after commit (notificaties.bevestigd_melden)
    later_melden(
        taak="locaties.tasks.bevestigd_melden",
        sleutel=f"locatie:{locatie.pk}:bevestigd:{locatie.coa_bevestigd_op.isoformat()}",
        locatie_id=locatie.pk,
        op=locatie.coa_bevestigd_op.isoformat(),
        door_id=door.pk,
    )
    return locatie
