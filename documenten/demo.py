"""Demo documents (``make run``): the documents of the demo's fixed acts, made by the worker's
own task code run in-process, each at the moment of its act, so the pages list them and open
them at once. Which: every published raming's publication text, every submitted verslag
version with its receipt, and the beschikkingen of the demo's gemeenten (those with a demo
user) in every fixed version of the verdeelbesluit. The beschikkingen of the other gemeenten
are made when first asked for, or all at once by the zip.

Idempotent: a document that exists is left as it is (``maken.maak_document``), so a second
load makes none twice. Without Pango (no PDF here) it says so and skips."""

from __future__ import annotations

from django.utils import timezone

from accounts.models import Gebruiker, Rol
from core.demo import Klok
from raming.models import Raming
from regietafels.models import Verdeelbesluit, VerslagVersie

from . import tasks
from .maken import PdfNietBeschikbaar
from .models import Document


def laad(*, stdout, klok: Klok | None = None) -> None:
    klok = klok or Klok()
    voor = Document.objects.count()
    try:
        _maken(klok)
    except PdfNietBeschikbaar as fout:
        stdout.write(f"documenten: overgeslagen ({fout})")
        return
    nieuw = Document.objects.count() - voor
    if nieuw:
        stdout.write(f"documenten: {nieuw} document(en) van de vastgestelde handelingen gemaakt.")


def _maken(klok: Klok) -> None:
    for raming in Raming.objects.filter(status=Raming.Status.GEPUBLICEERD).order_by("pk"):
        datum = raming.gepubliceerd_op or timezone.localdate(raming.vastgesteld_op)
        if klok.gebeurd(datum, 12):
            with klok.op(datum, 12):
                tasks.publicatie_vooraf(raming.pk)
    for versie in VerslagVersie.objects.order_by("pk"):
        moment = timezone.localtime(versie.ingediend_op)
        if klok.gebeurd(moment.date(), moment.hour, moment.minute):
            with klok.op(moment.date(), moment.hour, moment.minute):
                tasks.verslagdocumenten_vooraf(versie.pk)
    gemeenten = sorted(
        set(
            Gebruiker.objects.filter(rol=Rol.GEMEENTE, gemeente__isnull=False).values_list(
                "gemeente_id", flat=True
            )
        )
    )
    for besluit in Verdeelbesluit.objects.filter(
        status=Verdeelbesluit.Status.VASTGESTELD, besluitdatum__isnull=False
    ).order_by("pk"):
        if not klok.gebeurd(besluit.besluitdatum, 12):
            continue
        with klok.op(besluit.besluitdatum, 12):
            for gemeente_id in gemeenten:
                tasks.beschikkingen_vooraf(besluit.pk, gemeente_id)
