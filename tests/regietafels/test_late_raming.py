"""The cycle-wide extension after a late raming: regietafels grants it (service, page, API);
raming only proposes it; everyone concerned is told through ``meldingen``, and the
``termijn_verlengd`` signal lets other parts react."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from meldingen import opdrachten
from meldingen.models import Melding, Soort
from raming.models import Mijlpaal
from regietafels.models import Termijnverlenging
from regietafels.signalen import termijn_verlengd
from regietafels.termijnen import verslagtermijnen
from regietafels.verlengingen import late_raming, verslagtermijn_verlengen_na_late_raming


@pytest.fixture
def te_laat(cyclus):
    """The raming (published 26 February 2026) was due before 1 February: 26 days late."""
    datum = dt.date(2026, 2, 1)
    Mijlpaal.objects.create(
        cyclus=cyclus, soort=Mijlpaal.Soort.RAMING, oorspronkelijke_datum=datum, datum=datum
    )
    return cyclus


def test_op_tijd_niets_te_verlengen(cyclus, ministerie):
    Mijlpaal.objects.create(
        cyclus=cyclus,
        soort=Mijlpaal.Soort.RAMING,
        oorspronkelijke_datum=dt.date(2026, 3, 1),
        datum=dt.date(2026, 3, 1),
    )
    assert late_raming(cyclus) is None
    with pytest.raises(ValidationError, match="op tijd"):
        verslagtermijn_verlengen_na_late_raming(cyclus=cyclus, door=ministerie)


def test_verlengen_voor_alle_regietafels_een_keer(te_laat, ministerie, prt_gelderland):
    late = late_raming(te_laat)
    assert (late.vertraging.dagen_te_laat, late.al_verlengd) == (26, False)
    ontvangen = []

    def luisteraar(sender, *, verlenging, **kwargs):
        ontvangen.append(verlenging)

    termijn_verlengd.connect(luisteraar)
    try:
        verlenging = verslagtermijn_verlengen_na_late_raming(
            cyclus=te_laat, door=ministerie, reden="Eigen tekst", referentie="Brief X"
        )
    finally:
        termijn_verlengd.disconnect(luisteraar)
    assert ontvangen == [verlenging]
    assert (verlenging.regietafel, verlenging.reden) == (None, "Eigen tekst")
    termijnen = verslagtermijnen(te_laat)
    assert {t.effectief for t in termijnen.values()} == {dt.date(2026, 12, 1)}
    # the PRT secretary is told: the worker writes the notices after commit
    opdrachten.alles_uitvoeren()
    assert Melding.objects.filter(
        soort=Soort.VERLENGING_TOEGEKEND, ontvanger=prt_gelderland
    ).exists()
    assert late_raming(te_laat).al_verlengd
    with pytest.raises(ValidationError, match="al verlengd"):
        verslagtermijn_verlengen_na_late_raming(cyclus=te_laat, door=ministerie)
    assert Termijnverlenging.objects.count() == 1


def test_reden_verplicht_en_alleen_het_ministerie(te_laat, ministerie, prt_gelderland):
    with pytest.raises(ValidationError, match="reden"):
        verslagtermijn_verlengen_na_late_raming(cyclus=te_laat, door=ministerie, reden="  ")
    with pytest.raises(PermissionDenied):
        verslagtermijn_verlengen_na_late_raming(cyclus=te_laat, door=prt_gelderland)
    assert not Termijnverlenging.objects.exists()


def test_pagina_toont_gevolg_en_verlengt(client, te_laat, ministerie):
    client.force_login(ministerie)
    url = reverse("regietafels:verlengen_na_late_raming", kwargs={"jaar": 2026})
    tekst = client.get(url).content.decode()
    assert "26 dagen te laat" in tekst and "1 december 2026" in tekst
    assert "1 maand extra" in tekst  # the proposed reason, prefilled
    antwoord = client.post(url, {"reden": "", "referentie": ""})
    assert antwoord.status_code == 400
    assert "utrecht-form-field--invalid" in antwoord.content.decode()
    antwoord = client.post(url, {"reden": "Raming te laat", "referentie": "Nota"})
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("raming:cyclus", kwargs={"jaar": 2026})
    assert Termijnverlenging.objects.get().nieuwe_datum == dt.date(2026, 12, 1)
    assert "al verlengd" in client.get(url).content.decode()


def test_api_zelfde_url_als_voorheen(client, te_laat, ministerie, prt_gelderland):
    url = "/api/v1/cycli/2026/verslagtermijn-verlengen/"
    client.force_login(prt_gelderland)
    assert client.post(url, {}, content_type="application/json").status_code == 403
    client.force_login(ministerie)
    antwoord = client.post(url, {}, content_type="application/json")
    assert antwoord.status_code == 201
    assert antwoord.json()["nieuwe_datum"] == "2026-12-01"
    assert client.post(url, {}, content_type="application/json").status_code == 400
