"""Reports without a location beside a location in gebruik that no report names: the
realisation overview and the gemeente's page warn per location, and the reports can be tied to
it (``services.meldingen_aan_locatie_koppelen``): lowered by its places, oldest first, one report
naming it, so the places count once."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from locaties.models import Opvanglocatie
from raming.models import Gemeente
from regietafels.models import Realisatiemelding
from regietafels.selectors import realisatie as realisatiestand
from regietafels.services import (
    koppeling_voorstel,
    meldingen_aan_locatie_koppelen,
    realisatie_melden,
    verdeelbesluit_vaststellen,
    verdeelbesluit_voorstellen,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def besluit(cyclus, ministerie):
    besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
    verdeelbesluit_vaststellen(
        verdeelbesluit=besluit, besluitdatum=dt.date(2026, 9, 1), door=ministerie
    )
    return besluit


@pytest.fixture
def arnhem(besluit, cyclus, gemeente_arnhem):
    """Arnhem: 100 and 80 places reported without a location (2 and 20 October 2026), then
    COA's list brings its azc of 150 places, in gebruik since 1 October 2026."""
    arnhem = Gemeente.objects.get(naam="Arnhem")
    for datum, aantal in ((dt.date(2026, 10, 2), 100), (dt.date(2026, 10, 20), 80)):
        realisatie_melden(
            gemeente=arnhem,
            cyclus=cyclus,
            datum=datum,
            aantal=aantal,
            bevestigd=True,
            door=gemeente_arnhem,
        )
    Opvanglocatie.objects.create(
        gemeente=arnhem,
        naam="Azc Arnhem-Zuid",
        capaciteit_regulier=120,
        capaciteit_amv=30,
        soort="regulier_azc",
        fase="in_gebruik",
        fase_sinds=dt.date(2026, 10, 1),
        overeenkomst_gesloten_op=dt.date(2026, 1, 5),
        beschikbaar_vanaf=dt.date(2026, 10, 1),
    )
    return arnhem


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
    assert client.post(koppelen, {"reden": ""}).status_code == 400
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
