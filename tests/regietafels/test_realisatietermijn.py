"""One realisation term (raming.termijnen.realisatietermijn): the cycle's realisation
milestone, and never less than six months after the besluit (art. 7, first paragraph); the
verdeelbesluit's rows, its confirmation page and the cycle page show the same date. And the
cycle page's milestone table: the legal date, the extension and the date in force."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from raming.models import Mijlpaal
from raming.termijnen import realisatietermijn
from regietafels.models import Regietafel
from regietafels.services import verdeelbesluit_vaststellen, verdeelbesluit_voorstellen
from regietafels.services.gereedheid import vaststellen_voorbeeld
from regietafels.termijnen import termijn_verlengen

pytestmark = pytest.mark.django_db

REDEN = "De verslagen van enkele provincies worden nog beoordeeld."


@pytest.fixture
def mijlpaal(cyclus):
    """The realisation milestone as the rules make it: 31 December 2026 + 6 months."""
    return Mijlpaal.objects.create(
        cyclus=cyclus,
        soort=Mijlpaal.Soort.REALISATIE,
        oorspronkelijke_datum=dt.date(2027, 6, 30),
        datum=dt.date(2027, 6, 30),
    )


def test_de_regel(cyclus, mijlpaal):
    # 2024 practice: besluiten of 23 December, realisation by 30 June
    assert realisatietermijn(cyclus, dt.date(2026, 12, 23)) == dt.date(2027, 6, 30)
    # a late besluit: the gemeente still has its six months
    assert realisatietermijn(cyclus, dt.date(2027, 2, 10)) == dt.date(2027, 8, 10)
    assert realisatietermijn(cyclus, None) == dt.date(2027, 6, 30)
    mijlpaal.delete()
    assert realisatietermijn(cyclus, dt.date(2026, 12, 23)) == dt.date(2027, 6, 23)


def test_besluit_bevestiging_en_mijlpaal_zeggen_hetzelfde(cyclus, mijlpaal, ministerie):
    besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
    voorbeeld = vaststellen_voorbeeld(besluit, besluitdatum=dt.date(2026, 12, 4))
    assert voorbeeld["realisatietermijn"] == dt.date(2027, 6, 30)
    assert voorbeeld["termijnen"] == ["realisatietermijn van elke gemeente: 30-06-2027"]
    verdeelbesluit_vaststellen(
        verdeelbesluit=besluit,
        besluitdatum=dt.date(2026, 12, 4),
        afwijkingsreden=REDEN,
        door=ministerie,
    )
    assert set(besluit.regels.values_list("realisatietermijn", flat=True)) == {dt.date(2027, 6, 30)}
    mijlpaal.refresh_from_db()
    assert (mijlpaal.datum, mijlpaal.wijzigingsreden) == (dt.date(2027, 6, 30), "")


def test_laat_besluit_verplaatst_de_mijlpaal_met_reden(cyclus, mijlpaal, ministerie, client):
    with time_machine.travel(dt.datetime(2027, 2, 10, 12, tzinfo=dt.UTC), tick=False):
        besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
        verdeelbesluit_vaststellen(
            verdeelbesluit=besluit,
            besluitdatum=dt.date(2027, 2, 10),
            afwijkingsreden=REDEN,
            door=ministerie,
        )
    assert set(besluit.regels.values_list("realisatietermijn", flat=True)) == {dt.date(2027, 8, 10)}
    mijlpaal.refresh_from_db()
    assert (mijlpaal.oorspronkelijke_datum, mijlpaal.datum) == (
        dt.date(2027, 6, 30),
        dt.date(2027, 8, 10),
    )
    assert "verdeelbesluit van 10-02-2027" in mijlpaal.wijzigingsreden
    client.force_login(ministerie)
    pagina = client.get(reverse("raming:cyclus", kwargs={"jaar": 2026})).content.decode()
    rij = pagina[pagina.index('id="mijlpaal-realisatie"') :].split("</tr>")[0]
    assert "30 juni 2027" in rij  # the date the rules gave
    assert "Verplaatst naar 10 augustus 2027: Zes maanden na het verdeelbesluit" in rij
    assert "<strong>10 augustus 2027</strong>" in rij  # in force


def test_mijlpalentabel_toont_wettelijke_datum_verlenging_en_geldende_datum(
    cyclus, ministerie, client
):
    termijn_verlengen(
        cyclus=cyclus,
        nieuwe_datum=dt.date(2026, 12, 1),
        reden="De raming verscheen een maand te laat.",
        referentie="Kamerbrief 5 februari 2026",
        door=ministerie,
    )
    termijn_verlengen(
        cyclus=cyclus,
        nieuwe_datum=dt.date(2026, 12, 15),
        reden="Gemeenteraad besluit op 10 december.",
        regietafel=Regietafel.objects.get(provincie__code="PV23"),
        door=ministerie,
    )
    client.force_login(ministerie)
    pagina = client.get(reverse("raming:cyclus", kwargs={"jaar": 2026})).content.decode()
    rij = pagina[pagina.index('id="mijlpaal-verslag"') :].split("</tr>")[0]
    cellen = rij.split("<td")
    assert "1 november 2026" in cellen[1]  # the legal date stays visible
    assert "Verlengd voor alle regietafels tot <strong>1 december 2026</strong>" in cellen[2]
    assert "Kamerbrief 5 februari 2026" in cellen[2]
    assert "Overijssel tot 15 december 2026" in cellen[2]
    assert "<strong>1 december 2026</strong>" in cellen[3]  # in force for all PRTs
