"""All beschikkingen as one zip, built by the task with progress on its record."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from documenten import bundels
from documenten.models import Bundel, Document

from .conftest import regel_van

pytestmark = pytest.mark.django_db


def test_zip_van_alle_beschikkingen_met_voortgang(
    client, besluit, ministerie, eager, django_capture_on_commit_callbacks, monkeypatch
):
    # fewer rows keep the test short: the bundle covers every row of the besluit
    besluit.regels.exclude(gemeente__provincie__code="PV23").delete()
    aantal = besluit.regels.count()
    monkeypatch.setattr(bundels, "VOORTGANG_PER", 4)

    client.force_login(ministerie)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            reverse("documenten:bundel_aanvragen", kwargs={"besluit_pk": besluit.pk})
        )
    bundel = Bundel.objects.get()
    assert antwoord.status_code == 302 and antwoord["Location"].endswith(f"/bundels/{bundel.pk}/")
    assert bundel.status == Bundel.Status.KLAAR, bundel.fout
    assert bundel.klaar == bundel.totaal == aantal
    status = client.get(reverse("documenten:bundel", kwargs={"pk": bundel.pk})).content.decode()
    assert f"Klaar: {aantal} beschikkingen" in status
    zip_antwoord = client.get(reverse("documenten:bundel_downloaden", kwargs={"pk": bundel.pk}))
    inhoud = b"".join(zip_antwoord.streaming_content)
    with zipfile.ZipFile(io.BytesIO(inhoud)) as zf:
        namen = zf.namelist()
        manifest = json.loads(zf.read("manifest.json"))
        assert len(namen) == aantal + 1
        eerste = zf.read(manifest[0]["bestand"])
    assert eerste.startswith(b"%PDF-")
    document = Document.objects.get(kenmerk=manifest[0]["kenmerk"])
    assert manifest[0]["sha256"] == document.sha256
    assert Document.objects.count() == aantal


def test_tweede_aanvraag_geeft_dezelfde_bundel_en_status_ververst_zolang_bezig(
    client, besluit, ministerie
):
    client.force_login(ministerie)
    url = reverse("documenten:bundel_aanvragen", kwargs={"besluit_pk": besluit.pk})
    client.post(url)
    client.post(url)
    bundel = Bundel.objects.get()
    assert bundel.status == Bundel.Status.WACHTEND  # no worker in this test
    html = client.get(reverse("documenten:bundel", kwargs={"pk": bundel.pk})).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in html
    assert "0 van 342 beschikkingen verwerkt" in html
    download = reverse("documenten:bundel_downloaden", kwargs={"pk": bundel.pk})
    assert client.get(download).status_code == 404


def test_alleen_ministerie_en_coa_vragen_alle_beschikkingen(
    client, besluit, prt_gelderland, gemeente_arnhem, coa
):
    url = reverse("documenten:bundel_aanvragen", kwargs={"besluit_pk": besluit.pk})
    for gebruiker in (prt_gelderland, gemeente_arnhem):
        client.force_login(gebruiker)
        assert client.post(url).status_code in (403, 404)
    assert not Bundel.objects.exists()
    client.force_login(coa)
    assert client.post(url).status_code == 302
    bundel = Bundel.objects.get()
    client.force_login(prt_gelderland)
    assert client.get(reverse("documenten:bundel", kwargs={"pk": bundel.pk})).status_code == 404


def test_gemeente_haalt_de_eigen_beschikking(client, besluit, gemeente_arnhem):
    client.force_login(gemeente_arnhem)
    eigen = regel_van(besluit, "Arnhem")
    antwoord = client.get(reverse("documenten:beschikking", kwargs={"regel_pk": eigen.pk}))
    assert antwoord.status_code == 200
