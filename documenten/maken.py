"""Render an HTML template to PDF/A and store it frozen, with its hash (ADR 0012).

``maak_document`` is the one way a document comes into being. It is idempotent per act
version: the document of (``soort``, ``onderwerp``) is rendered once and from then on returned
as stored, byte for byte, whatever happened to the data since; a new version of the act is a
new ``onderwerp`` and so a new document. It checks no role itself: it is called by the services
that take the act (which checked it) and by this app's own selectors after they applied the
access rule to the subject.
"""

from __future__ import annotations

import atexit
import hashlib
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Document

PDF_VARIANT = "pdf/a-3b"
STIJLBLAD = Path(settings.BASE_DIR) / "static" / "css" / "documenten-pdf.css"


class PdfNietBeschikbaar(RuntimeError):
    """WeasyPrint cannot run here (Pango is missing): no document can be made."""


@lru_cache(maxsize=1)
def _weasyprint():
    """WeasyPrint's font configuration and the house style sheet, read once per process (the
    fonts' parsing is most of the cost of a small document)."""
    try:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration
    except OSError as fout:  # cffi could not load Pango
        raise PdfNietBeschikbaar(
            "PDF-documenten kunnen op deze server niet worden gemaakt: de bibliotheek Pango "
            "ontbreekt (scripts/ensure-pango.sh)."
        ) from fout

    fonts = FontConfiguration()
    css = CSS(filename=str(STIJLBLAD), font_config=fonts)
    return fonts, css


# released before the interpreter tears down the modules its finaliser needs
atexit.register(_weasyprint.cache_clear)


def opwarmen() -> None:
    """Load WeasyPrint, the fonts and the style sheet and lay out one line, so the first real
    document of this process does not pay for it. Does nothing where Pango is missing."""
    try:
        fonts, css = _weasyprint()
        from weasyprint import HTML

        HTML(string="Regietafel 1.234").render(stylesheets=[css], font_config=fonts)
    except PdfNietBeschikbaar:
        pass


def render_pdf(template_name: str, context: dict) -> bytes:
    """The PDF/A bytes of ``template_name`` rendered with ``context``."""
    fonts, css = _weasyprint()
    from weasyprint import HTML  # loaded by _weasyprint without error

    with translation.override("nl"):
        html = render_to_string(template_name, {"aangemaakt": timezone.localdate(), **context})
    document = HTML(string=html, base_url=str(Path(settings.BASE_DIR) / "static"))
    return document.write_pdf(
        stylesheets=[css],
        font_config=fonts,
        pdf_variant=PDF_VARIANT,
        uncompressed_pdf=False,
        custom_metadata=False,
    )


def maak_document(
    soort: str,
    onderwerp,
    template_name: str,
    context: dict,
    *,
    kenmerk: str,
    titel: str,
    gebruiker=None,
    versie: int = 1,
    gemeente=None,
    provincie=None,
    openbaar: bool = False,
    nieuw: bool = False,
) -> Document:
    """The frozen document of ``soort`` for ``onderwerp``: the stored one when it exists, else
    rendered now from ``template_name`` and ``context`` and stored with its SHA-256.

    ``gemeente`` / ``provincie`` set who may see it (``Document.objects.zichtbaar_voor``);
    ``openbaar`` makes it public (a published raming). ``nieuw``: the caller has just read
    that none is stored (a batch), so it is not looked up again; a document stored meanwhile
    still wins (the unique constraint)."""
    if not nieuw:
        bestaand = Document.objects.van(onderwerp).filter(soort=soort).first()
        if bestaand is not None:
            return bestaand
    inhoud = render_pdf(template_name, {"kenmerk": kenmerk, "titel": titel, **context})
    document = Document(
        soort=soort,
        onderwerp=onderwerp,
        kenmerk=kenmerk,
        versie=versie,
        titel=titel,
        sha256=hashlib.sha256(inhoud).hexdigest(),
        bytes=len(inhoud),
        pdf_variant=PDF_VARIANT,
        gemaakt_door=gebruiker if getattr(gebruiker, "is_authenticated", False) else None,
        provincie=provincie,
        gemeente=gemeente,
        openbaar=openbaar,
    )
    if gebruiker is not None and getattr(gebruiker, "is_authenticated", False):
        document._history_user = gebruiker
    document.bestand.save(document_naam(soort), ContentFile(inhoud), save=False)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        # rendered at the same moment by another request: the first one stored stands
        document.bestand.storage.delete(document.bestand.name)
        return Document.objects.van(onderwerp).get(soort=soort)
    return document


def document_naam(soort: str) -> str:
    return f"{soort}.pdf"


def inhoud(document: Document) -> bytes:
    """The stored bytes, checked against the recorded hash."""
    with document.bestand.open("rb") as f:
        data = f.read()
    if hashlib.sha256(data).hexdigest() != document.sha256:
        raise OSError(f"Het bestand van document {document.pk} wijkt af van de vastgelegde hash.")
    return data
