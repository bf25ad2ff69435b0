"""Attachments of a verslag, checked by content."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.rechten import Handeling, vereist
from core import archief

from ..models import (
    Bijlage,
    Verslag,
)
from .gedeeld import (
    BEWERKBAAR,
)

# --- attachments -------------------------------------------------------------------------

TOEGESTANE_BIJLAGEN = {
    "application/pdf": "PDF",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
}


def soort_bestand(kop: bytes, zip_inhoud=None) -> str | None:
    """The content type by magic bytes (never by name or the browser's claim)."""
    if kop.startswith(b"%PDF-"):
        return "application/pdf"
    if kop.startswith(b"PK\x03\x04") and zip_inhoud is not None:
        return zip_inhoud
    return None


def _zip_soort(bestand) -> str | None:
    """ODT or DOCX by the container's members; the archive is checked from its directory
    before anything is unpacked (``core.archief``)."""
    try:
        zf = archief.controleren(bestand)
        with zf:
            namen = set(zf.namelist())
            if "mimetype" in namen:
                mimetype = archief.lees_lid(zf, "mimetype", 200).decode("ascii", "replace")
                if mimetype.strip() == "application/vnd.oasis.opendocument.text":
                    return "application/vnd.oasis.opendocument.text"
            if "[Content_Types].xml" in namen and "word/document.xml" in namen:
                return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    finally:
        bestand.seek(0)
    return None


def bijlage_soort(bestand) -> str:
    """The content type of an uploaded attachment, checked by content (PDF, ODT or DOCX) and
    size (``settings.UPLOAD_MAX_BYTES``); ``ValidationError`` on the field ``bestand``
    otherwise. Every attachment of the project (verslag, bezwaar) passes here."""
    maximum = getattr(settings, "UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
    if bestand.size > maximum:
        raise ValidationError(
            {"bestand": [f"Het bestand is te groot (maximaal {maximum // (1024 * 1024)} MB)."]}
        )
    bestand.seek(0)
    kop = bestand.read(8)
    bestand.seek(0)
    zip_soort = _zip_soort(bestand) if kop.startswith(b"PK\x03\x04") else None
    soort = soort_bestand(kop, zip_soort)
    if soort is None:
        raise ValidationError({"bestand": ["Alleen PDF-, ODT- en DOCX-bestanden zijn toegestaan."]})
    return soort


def bijlage_naam(bestand) -> str:
    """The uploaded file's name without path separators, at most 255 characters."""
    naam = (getattr(bestand, "name", "") or "bijlage").replace("/", "_").replace("\\", "_")
    return naam[-255:]


@transaction.atomic
def bijlage_toevoegen(*, verslag: Verslag, bestand, door) -> Bijlage:
    """Attach a PDF, ODT or DOCX (checked by content) up to settings.UPLOAD_MAX_BYTES."""
    verslag = Verslag.objects.select_for_update().select_related("regietafel").get(pk=verslag.pk)
    vereist(door, Handeling.VERSLAG_BEWERKEN, provincie=verslag.regietafel.provincie_id)
    if verslag.status not in BEWERKBAAR:
        raise ValidationError("Aan een ingediend verslag kunnen geen bijlagen worden toegevoegd.")
    soort = bijlage_soort(bestand)
    naam = bijlage_naam(bestand)
    bijlage = Bijlage(
        verslag=verslag,
        oorspronkelijke_naam=naam,
        content_type=soort,
        grootte=bestand.size,
        toegevoegd_door=door,
    )
    bijlage.bestand.save(naam, bestand, save=False)
    bijlage._history_user = door
    bijlage.save()
    return bijlage


@transaction.atomic
def bijlage_verwijderen(*, bijlage: Bijlage, door) -> None:
    verslag = (
        Verslag.objects.select_for_update().select_related("regietafel").get(pk=bijlage.verslag_id)
    )
    vereist(door, Handeling.VERSLAG_BEWERKEN, provincie=verslag.regietafel.provincie_id)
    if verslag.status not in BEWERKBAAR:
        raise ValidationError("Bijlagen van een ingediend verslag kunnen niet worden verwijderd.")
    opslag, pad = bijlage.bestand.storage, bijlage.bestand.name
    bijlage._history_user = door
    bijlage.delete()
    transaction.on_commit(lambda: opslag.delete(pad))
