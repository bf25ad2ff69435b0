"""All beschikkingen of a verdeelbesluit as one zip, built in the worker with progress.

``bundel_aanvragen`` (ministry and COA: the whole country) records a ``Bundel`` and hands it to
the worker after the commit; the status page polls the record. The worker makes each
beschikking that does not exist yet (a stored one is taken as it is), counts its progress on
the record, and writes the zip with a manifest of the documents' SHA-256. A redelivered task
finds the stored documents and finishes quickly; a finished bundle is never built again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import tempfile
import zipfile

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.rechten import Handeling, mag, vereist
from regietafels.models import Verdeelbesluit, VerdeelbesluitRegel

from . import achtergrond, soorten
from .maken import inhoud
from .models import Bundel, Soort

logger = logging.getLogger(__name__)

#: progress is written to the record every so many documents (one UPDATE each time)
VOORTGANG_PER = 5
#: the beschikkingen are rendered in tasks of this many rows: the worker's processes take the
#: next one as soon as they are free, so the cores stay busy until the end (one task per core
#: would leave one idle when its share happened to be quicker)
PER_DEEL = 24


def mag_alle_beschikkingen(user) -> bool:
    return mag(user, Handeling.BESCHIKKINGEN_BUNDELEN)


@transaction.atomic
def bundel_aanvragen(*, verdeelbesluit: Verdeelbesluit, door) -> Bundel:
    """A zip of every beschikking of a fixed ``verdeelbesluit``, built in the worker. A bundle
    of the same besluit that is waiting, running or finished is returned instead of a new one
    (one that failed is tried again)."""
    vereist(door, Handeling.BESCHIKKINGEN_BUNDELEN)
    besluit = Verdeelbesluit.objects.select_for_update().get(pk=verdeelbesluit.pk)
    if besluit.status != Verdeelbesluit.Status.VASTGESTELD:
        raise ValidationError("Beschikkingen bestaan pas als het verdeelbesluit is vastgesteld.")
    bestaand = (
        Bundel.objects.filter(
            content_type=ContentType.objects.get_for_model(Verdeelbesluit),
            object_id=besluit.pk,
            soort=Soort.BESCHIKKING_VERDEELBESLUIT,
        )
        .exclude(status=Bundel.Status.MISLUKT)
        .order_by("-pk")
        .first()
    )
    if bestaand is not None:
        return bestaand
    bundel = Bundel.objects.create(
        soort=Soort.BESCHIKKING_VERDEELBESLUIT,
        onderwerp=besluit,
        titel=f"Beschikkingen verdeelbesluit {besluit.cyclus.jaar} versie {besluit.versie}",
        totaal=besluit.regels.count(),
        aangevraagd_door=door,
    )
    transaction.on_commit(lambda: _starten(bundel.pk))
    return bundel


def _starten(bundel_id: int) -> None:
    from .tasks import bundel_maken  # tasks imports this module: loaded on first use

    if achtergrond.in_draad():
        # make run has no worker (tasks in-process): build beside the request, so the status
        # page answers at once and shows the progress (a failure is recorded on the bundle)
        achtergrond.starten(f"bundel:{bundel_id}", bundel_maken, bundel_id=bundel_id)
    else:
        bundel_maken.delay(bundel_id)


def bundel_maken(*, bundel_id: int) -> Bundel:
    """Start building ``bundel_id`` (in the worker): the beschikkingen are rendered in parts of
    ``PER_DEEL`` rows, side by side by the worker's processes; the part that makes the last one
    packs the zip. Idempotent: a finished bundle is left as it is."""
    geclaimd = Bundel.objects.filter(pk=bundel_id, status=Bundel.Status.WACHTEND).update(
        status=Bundel.Status.BEZIG, gestart_op=timezone.now(), klaar=0, fout=""
    )
    bundel = Bundel.objects.get(pk=bundel_id)
    if not geclaimd:
        return bundel
    from .tasks import beschikkingen_maken  # tasks imports this module: loaded on first use

    regel_ids = list(
        VerdeelbesluitRegel.objects.filter(verdeelbesluit_id=bundel.object_id)
        .order_by("gemeente__provincie__naam", "gemeente__naam")
        .values_list("pk", flat=True)
    )
    Bundel.objects.filter(pk=bundel_id).update(totaal=len(regel_ids))
    for begin in range(0, len(regel_ids), PER_DEEL):
        beschikkingen_maken.delay(bundel_id, regel_ids[begin : begin + PER_DEEL])
    bundel.refresh_from_db()
    return bundel


def beschikkingen_maken(*, bundel_id: int, regel_ids: list[int]) -> None:
    """One part: make the beschikkingen of ``regel_ids`` (stored ones are taken as they are;
    the rows and what they share are read in a few queries), count them on the record, and
    pack the zip when this part completes the count."""
    try:
        gedaan = 0

        def na_elk() -> None:
            nonlocal gedaan
            gedaan += 1
            if gedaan % VOORTGANG_PER == 0:
                Bundel.objects.filter(pk=bundel_id).update(klaar=F("klaar") + VOORTGANG_PER)

        soorten.beschikkingen(regel_ids, na_elk=na_elk)
        if gedaan % VOORTGANG_PER:
            Bundel.objects.filter(pk=bundel_id).update(klaar=F("klaar") + gedaan % VOORTGANG_PER)
        inpakken = Bundel.objects.filter(
            pk=bundel_id, status=Bundel.Status.BEZIG, klaar__gte=F("totaal")
        ).update(status=Bundel.Status.INPAKKEN)
        if inpakken:
            _inpakken(Bundel.objects.get(pk=bundel_id))
    except Exception as fout:
        logger.exception("Bundel %s mislukt", bundel_id)
        Bundel.objects.filter(pk=bundel_id).update(
            status=Bundel.Status.MISLUKT,
            fout=f"Het maken van de zip is mislukt ({type(fout).__name__}). Probeer het opnieuw.",
        )
        raise


def _inpakken(bundel: Bundel) -> None:
    besluit = bundel.onderwerp
    regels = list(
        VerdeelbesluitRegel.objects.filter(verdeelbesluit=besluit)
        .select_related("gemeente__provincie")
        .order_by("gemeente__provincie__naam", "gemeente__naam")
    )
    # every part has made its documents: this reads the stored ones (a missing one is made)
    documenten = soorten.beschikkingen([r.pk for r in regels])
    manifest = []
    with tempfile.TemporaryFile() as tijdelijk:
        with zipfile.ZipFile(tijdelijk, "w", compression=zipfile.ZIP_STORED) as zf:
            for regel in regels:
                document = documenten[regel.pk]
                naam = (
                    f"{regel.gemeente.provincie.naam}/{regel.gemeente.code}-{document.bestandsnaam}"
                )
                zf.writestr(naam, inhoud(document))
                manifest.append(
                    {
                        "bestand": naam,
                        "gemeente": regel.gemeente.naam,
                        "kenmerk": document.kenmerk,
                        "sha256": document.sha256,
                    }
                )
            zf.writestr(
                "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            )
        tijdelijk.seek(0)
        sha = hashlib.sha256()
        for blok in iter(lambda: tijdelijk.read(1024 * 1024), b""):
            sha.update(blok)
        grootte = tijdelijk.tell()
        tijdelijk.seek(0)
        bundel.bestand.save(f"{bundel.pk}.zip", File(tijdelijk), save=False)
    Bundel.objects.filter(pk=bundel.pk).update(
        bestand=bundel.bestand.name,
        sha256=sha.hexdigest(),
        bytes=grootte,
        status=Bundel.Status.KLAAR,
        klaar_op=timezone.now(),
    )
