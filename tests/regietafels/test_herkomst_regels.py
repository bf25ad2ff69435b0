"""Provenance as fields on verslag rows, verdeelbesluit rows and realisation reports (issue
18): a figure a user enters is a recorded fact; a figure given with its provenance (the demo's
illustrative ones) keeps it until someone changes the figure; a besluit row computed from an
illustrative verslag row is illustrative itself. Pages and API show it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from raming.models import Herkomst
from regietafels.models import VerdeelbesluitRegel, VerslagRegel
from regietafels.services import (
    realisatie_melden,
    verdeelbesluit_vaststellen,
    verdeelbesluit_voorstellen,
    verslag_indienen,
    verslag_opslaan,
)

from .conftest import regels_invoer

pytestmark = pytest.mark.django_db

ILLUSTRATIEF = {
    "herkomst": Herkomst.ILLUSTRATIEF,
    "bron": "Voorbeeldverdeling van het provinciale totaal",
    "bron_peildatum": dt.date(2024, 10, 31),
}
ARNHEM = {
    "bestaande_locaties": 30,
    "beschikbaar_van": dt.date(2026, 6, 1),
    "beschikbaar_tot": dt.date(2031, 6, 1),
}


def _herkomst(regel):
    return (regel.herkomst, regel.bron, regel.bron_peildatum)


def test_verslagregels_met_herkomst_en_een_eigen_wijziging_is_vastgelegd(
    client, verslag_gelderland, prt_gelderland
):
    verslag = verslag_gelderland
    verslag_opslaan(
        verslag=verslag,
        versie=verslag.versie,
        regels=regels_invoer(verslag, Arnhem=ARNHEM),
        door=prt_gelderland,
        herkomst=ILLUSTRATIEF,
    )
    verslag.refresh_from_db()
    assert {_herkomst(r) for r in verslag.regels.all()} == {
        (Herkomst.ILLUSTRATIEF, ILLUSTRATIEF["bron"], dt.date(2024, 10, 31))
    }
    # the secretary changes Ede's figure: that row is now what the PRT reports
    verslag_opslaan(
        verslag=verslag,
        versie=verslag.versie,
        regels=regels_invoer(verslag, Ede={**ARNHEM, "bestaande_locaties": 4, "amv": 1}),
        door=prt_gelderland,
    )
    ede = VerslagRegel.objects.get(verslag=verslag, gemeente__naam="Ede")
    assert _herkomst(ede) == (Herkomst.VASTGELEGD, "", None)
    assert verslag.regels.filter(herkomst=Herkomst.ILLUSTRATIEF).count() == (
        verslag.regels.count() - 1
    )
    client.force_login(prt_gelderland)
    html = client.get(reverse("regietafels:verslag", kwargs={"slug": "gelderland"})).text
    groepen = html.split('id="herkomst-verslag"', 1)[1].split("</section>", 1)[0]
    aantal = verslag.regels.count() - 1
    assert f'{aantal} verslagregels: <span class="rt-herkomst rt-herkomst--illustratief">' in (
        groepen
    )
    assert "Voorbeeldverdeling van het provinciale totaal" in groepen
    assert '1 verslagregels: <span class="rt-herkomst rt-herkomst--vastgelegd">' in groepen


def test_verdeelbesluitregel_volgt_de_herkomst_van_de_verslagregel(
    client, cyclus, verslag_gelderland, prt_gelderland, ministerie
):
    verslag = verslag_gelderland
    verslag_opslaan(
        verslag=verslag,
        versie=verslag.versie,
        regels=regels_invoer(verslag, Arnhem=ARNHEM),
        door=prt_gelderland,
        herkomst=ILLUSTRATIEF,
    )
    verslag.refresh_from_db()
    verslag_indienen(verslag=verslag, door=prt_gelderland)
    besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
    regels = VerdeelbesluitRegel.objects.filter(verdeelbesluit=besluit)
    gelderland = regels.filter(gemeente__provincie__code="PV25")
    assert set(gelderland.values_list("herkomst", flat=True)) == {Herkomst.ILLUSTRATIEF}
    assert set(
        regels.exclude(gemeente__provincie__code="PV25").values_list("herkomst", flat=True)
    ) == {Herkomst.BEREKEND}
    verdeelbesluit_vaststellen(
        verdeelbesluit=besluit,
        besluitdatum=timezone.localdate(),
        afwijkingsreden="Alleen Gelderland doet mee in deze test.",
        door=ministerie,
    )
    client.force_login(ministerie)
    html = client.get(reverse("regietafels:verdeelbesluit", kwargs={"pk": besluit.pk})).text
    assert 'id="herkomst-besluit"' in html
    assert "Berekend door Regietafel</span>: Het aanbod uit het verslag" in html
    api = APIClient()
    api.force_authenticate(ministerie)
    rijen = api.get(f"/api/v1/verdeelbesluiten/{besluit.pk}/").json()["regels"]
    arnhem = next(r for r in rijen if r["gemeente_naam"] == "Arnhem")
    assert arnhem["herkomst"] == "illustratief" and "illustratieve verdeling" in arnhem["bron"]
    # a realisation report: recorded by default, the demo's illustrative; the API shows it and
    # does not take it from a client
    with_herkomst = realisatie_melden(
        gemeente=arnhem_gemeente(regels),
        cyclus=cyclus,
        datum=timezone.localdate(),
        aantal=5,
        door=ministerie,
        herkomst={"herkomst": Herkomst.ILLUSTRATIEF, "bron": "Demomelding"},
    )
    assert (with_herkomst.herkomst, with_herkomst.bron) == (Herkomst.ILLUSTRATIEF, "Demomelding")
    antwoord = api.post(
        "/api/v1/realisatiemeldingen/",
        {
            "gemeente": with_herkomst.gemeente_id,
            "cyclus": 2026,
            "datum": timezone.localdate().isoformat(),
            "aantal": 3,
            "herkomst": "illustratief",
            "bron": "door de client",
        },
        format="json",
    )
    assert antwoord.status_code == 201, antwoord.content
    assert (antwoord.json()["herkomst"], antwoord.json()["bron"]) == ("vastgelegd", "")


def arnhem_gemeente(regels):
    return regels.get(gemeente__naam="Arnhem").gemeente
