"""The demo makes the documents of its fixed acts through the worker's task code, in-process,
each at the moment of its act; loaded twice it makes none twice."""

import datetime as dt
import io

import pytest
from django.utils import timezone

from core.demo import Klok
from documenten import demo
from documenten.models import Document, Soort

from .conftest import regel_van

pytestmark = pytest.mark.django_db


def test_demo_maakt_de_documenten_eenmaal(
    besluit, ingediende_versie, raming, gemeente_arnhem, client
):
    klok = Klok(timezone.make_aware(dt.datetime(2027, 1, 15, 9)))
    uitvoer = io.StringIO()
    demo.laad(stdout=uitvoer, klok=klok)
    soorten = sorted(Document.objects.values_list("soort", flat=True))
    # the publication, the submitted verslag and its receipt, Arnhem's beschikking (the only
    # gemeente with a demo user here), not the other 341
    assert soorten == sorted(
        [
            Soort.RAMING_PUBLICATIE,
            Soort.VERSLAG_ONDERTEKENING,
            Soort.ONTVANGSTBEVESTIGING,
            Soort.BESCHIKKING_VERDEELBESLUIT,
        ]
    )
    beschikking = Document.objects.get(soort=Soort.BESCHIKKING_VERDEELBESLUIT)
    assert beschikking.onderwerp == regel_van(besluit, "Arnhem")
    # made at the moment of the act
    assert timezone.localdate(beschikking.gemaakt_op) == dt.date(2026, 12, 22)
    publicatie = Document.objects.get(soort=Soort.RAMING_PUBLICATIE)
    assert timezone.localdate(publicatie.gemaakt_op) == raming.gepubliceerd_op
    assert "4 document(en)" in uitvoer.getvalue()
    hashes = dict(Document.objects.values_list("pk", "sha256"))

    demo.laad(stdout=io.StringIO(), klok=klok)
    assert dict(Document.objects.values_list("pk", "sha256")) == hashes

    # the gemeente's page lists it: the download answers with the stored document at once
    client.force_login(gemeente_arnhem)
    antwoord = client.get(f"/documenten/{beschikking.pk}/")
    assert antwoord.status_code == 200
    assert b"".join(antwoord.streaming_content).startswith(b"%PDF-")


def test_zonder_worker_wacht_de_publicatie_niet_in_het_verzoek(
    client, raming, settings, monkeypatch
):
    """make run (no worker): the publication text is made beside the request; the page says
    so at once and reloads itself, then gives the PDF."""
    from documenten import achtergrond

    settings.DOCUMENTEN_BUNDEL_IN_DRAAD = True
    gestart = []
    monkeypatch.setattr(achtergrond, "starten", lambda sleutel, *a, **k: gestart.append(sleutel))
    url = f"/documenten/raming/{raming.pk}/"
    wachten = client.get(url)
    assert wachten.status_code == 202
    assert '<meta http-equiv="refresh" content="3">' in wachten.content.decode()
    assert gestart == [f"publicatie:{raming.pk}"]
    assert not Document.objects.exists()
    # what the thread does: the worker's task code
    from documenten.tasks import publicatie_vooraf

    publicatie_vooraf(raming.pk)
    klaar = client.get(url)
    assert klaar.status_code == 200 and klaar["Content-Type"] == "application/pdf"
    assert gestart == [f"publicatie:{raming.pk}"]
