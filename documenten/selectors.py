"""Reads of documents, always through ``Document.objects.zichtbaar_voor``; and the documents of
an act version that may be made on first request (once the act is fixed)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from raming.models import Raming
from regietafels.models import VerdeelbesluitRegel, VerslagVersie

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


def gepubliceerde_raming_voor(user, raming_pk: int) -> Raming:
    return get_object_or_404(
        Raming.objects.zichtbaar_voor(user).filter(status=Raming.Status.GEPUBLICEERD),
        pk=raming_pk,
    )


def bestaand(onderwerp, soort: str) -> Document | None:
    """The stored document of ``soort`` for ``onderwerp``, if it was made already."""
    return Document.objects.van(onderwerp).filter(soort=soort).first()


def raming_publicatie_voor(user, raming_pk: int) -> Document:
    """The publication text of a published raming (public like the raming itself)."""
    raming = gepubliceerde_raming_voor(user, raming_pk)
    document = soorten.raming_publicatie(raming)
    return document_voor(user, document.pk)


def _verslagversie(user, versie_pk: int) -> VerslagVersie:
    return get_object_or_404(VerslagVersie.objects.zichtbaar_voor(user), pk=versie_pk)


def verslag_voor(user, versie_pk: int) -> Document:
    """A submitted version of a verslag for the CdK's signature (the PRT, ministry, COA)."""
    document = soorten.verslag_ondertekening(_verslagversie(user, versie_pk))
    return document_voor(user, document.pk)


def ontvangstbevestiging_voor(user, versie_pk: int) -> Document:
    document = soorten.ontvangstbevestiging(_verslagversie(user, versie_pk))
    return document_voor(user, document.pk)
