"""Reports without a location beside a location in gebruik that no report names: the
realisation overview and the gemeente's page warn per location, and the reports can be tied to
it (``services.meldingen_aan_locatie_koppelen``): lowered by its places, oldest first, one report
naming it, so the places count once."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from knox.models import AuthToken
from rest_framework.test import APIClient

from locaties.models import Opvanglocatie
from regietafels.models import Realisatiemelding
from regietafels.selectors import realisatie as realisatiestand
from regietafels.services import (
    koppeling_voorstel,
    meldingen_aan_locatie_koppelen,
)
from tests.factories import arnhem_gemeld_naast_locatie, vastgesteld_verdeelbesluit

pytestmark = pytest.mark.django_db


@pytest.fixture
def arnhem(cyclus, ministerie, gemeente_arnhem):
    """The verdeelbesluit fixed; Arnhem: 100 and 80 places reported without a location (2 and
    20 October 2026), then COA's list brings its azc of 150 places, in gebruik since 1 October
    2026 (tests/factories.py)."""
    vastgesteld_verdeelbesluit(cyclus=cyclus, door=ministerie)
    return arnhem_gemeld_naast_locatie(cyclus=cyclus, door=gemeente_arnhem)


def _stand(cyclus, arnhem):
    return realisatiestand.standen(cyclus, gemeente_ids={arnhem.pk}, datum=dt.date(2026, 12, 1))[
        arnhem.pk
    ]


def test_waarschuwing_per_locatie_en_koppelen_op_de_pagina(
    client, cyclus, arnhem, ministerie, coa, prt_gelderland
):
    stand = _stand(cyclus, arnhem)
    assert (stand.uit_locaties, stand.zonder_locatie) == (150, 180)  # 150 counted twice?
    assert stand.mogelijk_dubbel
    locatie = Opvanglocatie.objects.get(naam="Azc Arnhem-Zuid")
    koppelen = f"/regietafels/realisatie/koppelen/{locatie.pk}/?cyclus=2026"

    client.force_login(ministerie)
    tekst = client.get("/regietafels/realisatie/?cyclus=2026").content.decode()
    assert (
        "Arnhem: controleer of de meldingen zonder locatie (180 plekken) niet dezelfde plekken "
        "zijn als locatie Azc Arnhem-Zuid (150 plekken, in gebruik sinds 1-10-2026)"
    ) in tekst
    assert f'href="{koppelen}"' in tekst.replace("&amp;", "&")
    # COA reads the warning but ties nothing
    client.force_login(coa)
    tekst = client.get("/regietafels/realisatie/?cyclus=2026").content.decode()
    assert "niet dezelfde plekken zijn als locatie Azc Arnhem-Zuid" in tekst
    assert "meldingen koppelen aan" not in tekst
    assert client.get(koppelen).status_code == 403

    # the PRT sees what changes, then ties with a reason
    client.force_login(prt_gelderland)
    pagina = client.get(koppelen)
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert "ingetrokken" in tekst and ">30</td>" in tekst
    assert "wordt 150 lager" in tekst
    leeg = client.post(koppelen, {"reden": ""})
    assert leeg.status_code == 400
    assert "Geef een reden voor het koppelen." in leeg.content.decode()
    antwoord = client.post(koppelen, {"reden": "Het zijn de plekken van het azc."})
    assert antwoord.status_code == 302

    stand = _stand(cyclus, arnhem)
    assert (stand.uit_locaties, stand.zonder_locatie, stand.totaal) == (150, 30, 180)
    assert not stand.mogelijk_dubbel
    in_force = list(
        Realisatiemelding.objects.filter(gemeente=arnhem)
        .order_by("datum", "pk")
        .values_list("datum", "aantal", "locatie__naam")
    )
    assert in_force == [
        (dt.date(2026, 10, 2), 150, "Azc Arnhem-Zuid"),
        (dt.date(2026, 10, 20), 30, None),
    ]
    # the reports stay on record: the first withdrawn, the second corrected
    oud = Realisatiemelding.alle.filter(gemeente=arnhem, ingetrokken_op__isnull=False)
    assert sorted(oud.values_list("aantal", flat=True)) == [80, 100]
    assert all("Azc Arnhem-Zuid" in m.intrekkingsreden for m in oud)
    client.force_login(ministerie)
    tekst = client.get("/regietafels/realisatie/?cyclus=2026").content.decode()
    assert 'id="mogelijk-dubbel"' not in tekst
    # tied once: a second time is refused, and says why
    tekst = client.get(koppelen).content.decode()
    assert "Een melding noemt Azc Arnhem-Zuid al" in tekst


def test_gemeente_ziet_de_waarschuwing_en_koppelt_zelf(client, cyclus, arnhem, gemeente_arnhem):
    client.force_login(gemeente_arnhem)
    tekst = client.get("/regietafels/gemeente/?cyclus=2026").content.decode()
    assert "niet dezelfde plekken zijn als locatie Azc Arnhem-Zuid (150 plekken" in tekst
    locatie = Opvanglocatie.objects.get(naam="Azc Arnhem-Zuid")
    antwoord = client.post(
        f"/regietafels/realisatie/koppelen/{locatie.pk}/?cyclus=2026",
        {"reden": "Ons azc."},
    )
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/regietafels/gemeente/")
    assert _stand(cyclus, arnhem).totaal == 180


def test_alleen_meldingen_van_dagen_dat_de_locatie_telde(cyclus, arnhem, gemeente_arnhem):
    """A report dated before the location went into use cannot be its places."""
    locatie = Opvanglocatie.objects.get(naam="Azc Arnhem-Zuid")
    locatie.fase_sinds = dt.date(2026, 10, 10)
    locatie.beschikbaar_vanaf = dt.date(2026, 10, 10)
    locatie.save()
    voorstel = koppeling_voorstel(gemeente=arnhem, cyclus=cyclus, locatie=locatie)
    assert [(m.aantal, na) for m, na in voorstel.meldingen] == [(80, None)]
    assert voorstel.datum == dt.date(2026, 10, 20) and voorstel.minder == 80
    locatie.fase_sinds = locatie.beschikbaar_vanaf = dt.date(2026, 11, 1)
    locatie.save()
    with pytest.raises(ValidationError, match="geen melding zonder locatie"):
        meldingen_aan_locatie_koppelen(
            gemeente=arnhem, cyclus=cyclus, locatie=locatie, reden="x", door=gemeente_arnhem
        )


# --- the same in the API -------------------------------------------------------------------


def _api(gebruiker=None) -> APIClient:
    api = APIClient()
    if gebruiker is not None:
        api.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=gebruiker)[1]}")
    return api


VOORBEELD = "/api/v1/realisatiemeldingen/koppelen/voorbeeld/"
KOPPELEN = "/api/v1/realisatiemeldingen/koppelen/"


def test_api_voorbeeld_dan_koppelen_met_reden(cyclus, arnhem, prt_gelderland, gemeente_arnhem):
    locatie = Opvanglocatie.objects.get(naam="Azc Arnhem-Zuid")
    vraag = {"cyclus": 2026, "locatie": locatie.pk}
    eerst = sorted(Realisatiemelding.alle.values_list("pk", "aantal", "ingetrokken_op"))

    # the PRT previews: what changes, and nothing changed yet
    voorbeeld = _api(prt_gelderland).post(VOORBEELD, vraag, format="json")
    assert voorbeeld.status_code == 200, voorbeeld.json()
    body = voorbeeld.json()
    honderd, tachtig = Realisatiemelding.objects.filter(gemeente=arnhem).order_by("datum")
    assert body == {
        "cyclus": 2026,
        "gemeente": arnhem.pk,
        "gemeente_naam": "Arnhem",
        "locatie": locatie.pk,
        "locatie_naam": "Azc Arnhem-Zuid",
        "plekken": 150,
        "datum": "2026-10-02",
        "minder": 150,
        "meldingen": [
            {"melding": honderd.pk, "datum": "2026-10-02", "aantal": 100, "daarna": None},
            {"melding": tachtig.pk, "datum": "2026-10-20", "aantal": 80, "daarna": 30},
        ],
    }
    assert sorted(Realisatiemelding.alle.values_list("pk", "aantal", "ingetrokken_op")) == eerst

    # without a reason: refused in Dutch, in the API's error shape, and nothing changed
    api = _api(gemeente_arnhem)
    zonder = api.post(KOPPELEN, {**vraag, "reden": ""}, format="json")
    assert zonder.status_code == 400
    assert zonder.json()["type"] == "validatie"
    assert zonder.json()["velden"] == {"reden": ["Geef een reden voor het koppelen."]}
    assert api.post(KOPPELEN, vraag, format="json").json()["velden"] == {
        "reden": ["Geef een reden voor het koppelen."]
    }
    assert sorted(Realisatiemelding.alle.values_list("pk", "aantal", "ingetrokken_op")) == eerst

    # the gemeente ties with a reason: the report naming the location answers
    antwoord = api.post(KOPPELEN, {**vraag, "reden": "Ons azc."}, format="json")
    assert antwoord.status_code == 201, antwoord.json()
    melding = antwoord.json()
    assert (melding["locatie"], melding["locatie_naam"], melding["aantal"]) == (
        locatie.pk,
        "Azc Arnhem-Zuid",
        150,
    )
    assert (melding["datum"], melding["opmerking"]) == ("2026-10-02", "Gekoppeld: Ons azc.")
    stand = _stand(cyclus, arnhem)
    assert (stand.uit_locaties, stand.zonder_locatie, stand.totaal) == (150, 30, 180)
    # on record: the withdrawn and the corrected report, with the reason
    oud = Realisatiemelding.alle.filter(gemeente=arnhem, ingetrokken_op__isnull=False)
    assert sorted(oud.values_list("aantal", flat=True)) == [80, 100]
    assert all("Azc Arnhem-Zuid: Ons azc." in m.intrekkingsreden for m in oud)

    # a second time: refused, and says why (also the preview)
    opnieuw = api.post(VOORBEELD, vraag, format="json")
    assert opnieuw.status_code == 400
    assert opnieuw.json()["velden"]["locatie"] == [
        "Een melding noemt Azc Arnhem-Zuid al; de locatie telt één keer."
    ]
    assert api.post(KOPPELEN, {**vraag, "reden": "x"}, format="json").status_code == 400


def test_api_zelfde_rollen_als_de_pagina(
    cyclus, arnhem, ministerie, coa, prt_noord_holland, gemeente_zaanstad
):
    """The ministry may; COA may not (403, Dutch); another province's PRT or another gemeente
    does not see the location (400 on ``locatie``, as everywhere a body names an object);
    without a login 401."""
    locatie = Opvanglocatie.objects.get(naam="Azc Arnhem-Zuid")
    vraag = {"cyclus": 2026, "locatie": locatie.pk, "reden": "Het azc."}
    for url in (VOORBEELD, KOPPELEN):
        antwoord = _api(coa).post(url, vraag, format="json")
        assert antwoord.status_code == 403
        assert antwoord.json()["titel"] == "Geen toegang"
        assert "Uw rol mag niet" in antwoord.json()["detail"]
        for ander in (prt_noord_holland, gemeente_zaanstad):
            antwoord = _api(ander).post(url, vraag, format="json")
            assert antwoord.status_code == 400
            assert list(antwoord.json()["velden"]) == ["locatie"]
        assert _api().post(url, vraag, format="json").status_code == 401
    assert Realisatiemelding.objects.filter(locatie=locatie).count() == 0
    antwoord = _api(ministerie).post(KOPPELEN, vraag, format="json")
    assert antwoord.status_code == 201, antwoord.json()
    assert _stand(cyclus, arnhem).totaal == 180
