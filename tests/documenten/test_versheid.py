"""Freshness of the documents (as ``tests/regietafels/test_versheid.py``): the zip of all
beschikkingen is asked for and built part by part by the worker's code; after each step the
bundle's status page, the documents section of the verdeelbesluit page, a gemeente's own page
and ``/api/v1/documenten/`` show the new state (the progress, the documents made so far, the
finished zip). Each page is read twice first (the second read is served from cachalot and the
verdeelbesluit's row fragment). On the real clock: cachalot dates its results and invalidations
by it."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Rol
from documenten import bundels, tasks
from documenten.models import Bundel
from raming.models import Gemeente
from regietafels.services import verdeelbesluit_vaststellen, verdeelbesluit_voorstellen
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/documenten/"


def _pagina(client, url) -> str:
    _ = client.get(url)
    antwoord = client.get(url)  # the second read: from the caches
    assert antwoord.status_code == 200, (url, antwoord.status_code)
    return antwoord.content.decode()


def _aantal(client, url=API) -> int:
    return json.loads(_pagina(client, url))["count"]


def test_bundel_en_documenten_overal_zichtbaar(cyclus, ministerie, monkeypatch):
    besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
    besluit = verdeelbesluit_vaststellen(
        verdeelbesluit=besluit,
        besluitdatum=dt.date(2026, 12, 1),
        afwijkingsreden="Versheid van de documenten",
        door=ministerie,
    )
    # the thirteen gemeenten of Zeeland keep the test short; the bundle covers every row
    besluit.regels.exclude(gemeente__provincie__code="PV29").delete()
    regels = list(besluit.regels.order_by("gemeente__naam"))
    vlissingen = Gemeente.objects.get(naam="Vlissingen")
    gemeente = Client()
    gemeente.force_login(
        GebruikerFactory(username="t-gemeente-vlissingen", rol=Rol.GEMEENTE, gemeente=vlissingen)
    )
    m = Client()
    m.force_login(ministerie)
    pagina = reverse("regietafels:verdeelbesluit", kwargs={"pk": besluit.pk})
    eigen = reverse("regietafels:gemeente")
    assert "als zip maken" in _pagina(m, pagina)
    assert _aantal(m) == 0 and _aantal(gemeente) == 0
    assert "Beschikking verdeelbesluit 2026, versie 1 (PDF)" in _pagina(gemeente, eigen)

    bundel = bundels.bundel_aanvragen(verdeelbesluit=besluit, door=ministerie)
    status = reverse("documenten:bundel", kwargs={"pk": bundel.pk})
    assert "voortgang bekijken" in _pagina(m, pagina)
    assert f"0 van {len(regels)} beschikkingen verwerkt" in _pagina(m, status)

    # the worker starts it in parts of eight; each part counts every document it made
    delen = []
    monkeypatch.setattr(bundels, "PER_DEEL", 8)
    monkeypatch.setattr(bundels, "VOORTGANG_PER", 1)
    monkeypatch.setattr(tasks.beschikkingen_maken, "delay", lambda *a: delen.append(a))
    bundels.bundel_maken(bundel_id=bundel.pk)
    assert [len(deel[1]) for deel in delen] == [8, len(regels) - 8]
    assert f"Bezig: 0 van {len(regels)}" in _pagina(m, status)

    bundels.beschikkingen_maken(bundel_id=bundel.pk, regel_ids=delen[0][1])
    assert f"8 van {len(regels)} beschikkingen verwerkt" in _pagina(m, status)
    assert _aantal(m) == 8
    in_het_eerste = vlissingen.pk in {r.gemeente_id for r in regels if r.pk in delen[0][1]}
    assert _aantal(gemeente) == (1 if in_het_eerste else 0)
    assert "voortgang bekijken" in _pagina(m, pagina)

    bundels.beschikkingen_maken(bundel_id=bundel.pk, regel_ids=delen[1][1])
    assert Bundel.objects.get(pk=bundel.pk).status == Bundel.Status.KLAAR
    assert f"Klaar: {len(regels)} beschikkingen in één zip" in _pagina(m, status)
    assert f"Alle {len(regels)} beschikkingen downloaden (zip)" in _pagina(m, pagina)
    assert _aantal(m) == len(regels)
    assert _aantal(gemeente) == 1
    (document,) = json.loads(_pagina(gemeente, API))["results"]
    assert document["gemeente"] == vlissingen.code and document["bevroren"] is True
    assert _aantal(m, f"{API}?soort={document['soort']}") == len(regels)
