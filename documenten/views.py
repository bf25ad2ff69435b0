"""Document downloads: every path applies ``Document.objects.zichtbaar_voor`` (404 otherwise)."""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse

from . import selectors
from .maken import inhoud


def pdf_antwoord(document) -> FileResponse:
    response = FileResponse(
        io.BytesIO(inhoud(document)),
        as_attachment=True,
        filename=document.bestandsnaam,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Digest"] = f"sha-256={document.sha256}"
    return response


@login_not_required  # a published raming's document is public; the access rule decides
def downloaden(request, pk: int):
    return pdf_antwoord(selectors.document_voor(request.user, pk))


def beschikking(request, regel_pk: int):
    return pdf_antwoord(selectors.beschikking_voor(request.user, regel_pk))
