"""Reads of documents, always through ``Document.objects.zichtbaar_voor``; and the documents of
an act version that may be made on first request (once the act is fixed)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from regietafels.models import VerdeelbesluitRegel

from . import soorten
from .models import Document


def documenten_voor(user):
    return Document.objects.zichtbaar_voor(user).select_related("gemeente", "provincie")


def document_voor(user, pk: int) -> Document:
    """The document ``pk`` when ``user`` may see it; 404 otherwise."""
    return get_object_or_404(documenten_voor(user), pk=pk)


def beschikking_voor(user, regel_pk: int) -> Document:
    """The beschikking of one gemeente's row of a fixed verdeelbesluit, made on first request;
    404 when the user may not see the row (another gemeente's, or a draft)."""
    regel = get_object_or_404(
        VerdeelbesluitRegel.objects.zichtbaar_voor(user).filter(
            verdeelbesluit__status="vastgesteld"
        ),
        pk=regel_pk,
    )
    document = soorten.beschikking(regel)
    return document_voor(user, document.pk)
