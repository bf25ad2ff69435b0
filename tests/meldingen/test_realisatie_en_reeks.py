"""An ordinary realisation report tells the PRT (and the gemeente when someone else reported
for it); many events of one kind are recorded in one batch with a fixed number of queries."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meldingen import opdrachten
from meldingen.models import Mail, Melding, Soort
from meldingen.services import Bericht, melden_allemaal
from regietafels import services as rt
from tests.meldingen.conftest import gemeentegebruiker

pytestmark = pytest.mark.django_db


def _besluit(cyclus, verslag, prt, ministerie):
    rt.verslag_indienen(verslag=verslag, door=prt)
    rt.verslag_beoordelen(verslag=verslag, oordeel="voldoende", opmerkingen="", door=ministerie)
    besluit = rt.verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
    return rt.verdeelbesluit_vaststellen(
        verdeelbesluit=besluit, besluitdatum=dt.date(2026, 11, 5), door=ministerie
    )


@time_machine.travel(dt.datetime(2026, 11, 5, 10, tzinfo=dt.UTC))
def test_realisatiemelding_vertelt_de_prt_en_de_gemeente(
    verslag_gelderland, prt_gelderland, tweede_prt_gelderland, ministerie, iedereen, cyclus
):
    _besluit(cyclus, verslag_gelderland, prt_gelderland, ministerie)
    arnhem = iedereen["arnhem"]
    melding = rt.realisatie_melden(
        gemeente=arnhem.gemeente, cyclus=cyclus, datum=dt.date(2026, 11, 5), aantal=3, door=arnhem
    )
    opdrachten.alles_uitvoeren()  # the worker, after commit
    ontvangers = set(
        Melding.objects.filter(soort=Soort.REALISATIE_GEMELD).values_list(
            "ontvanger__username", flat=True
        )
    )
    # the PRT of Arnhem's province, not the reporter, not another province or gemeente
    assert ontvangers == {"t-prt-gelderland", "t-prt-gelderland-2"}
    tekst = Melding.objects.get(soort=Soort.REALISATIE_GEMELD, ontvanger=prt_gelderland).tekst
    assert "3 gerealiseerde plekken gemeld, per 5 november 2026" in tekst
    assert "In totaal gerealiseerd voor Arnhem in deze cyclus: 3 plekken" in tekst
    assert Mail.objects.filter(sleutel=f"realisatie-gemeld:{melding.pk}").count() == 2

    # the PRT reports for Nijmegen: Nijmegen's users are told, the other secretary too
    nijmegen = iedereen["nijmegen"]
    rt.realisatie_melden(
        gemeente=nijmegen.gemeente,
        cyclus=cyclus,
        datum=dt.date(2026, 11, 4),
        aantal=2,
        door=prt_gelderland,
    )
    opdrachten.alles_uitvoeren()  # the worker, after commit
    nieuw = set(
        Melding.objects.filter(
            soort=Soort.REALISATIE_GEMELD, titel__startswith="Nijmegen"
        ).values_list("ontvanger__username", flat=True)
    )
    assert nieuw == {"t-gemeente-nijmegen", "t-prt-gelderland-2"}


def test_reeks_vaste_aantal_queries(raming, prt_gelderland):
    gebruikers = [gemeentegebruiker(naam) for naam in ("Arnhem", "Nijmegen", "Ede", "Apeldoorn")]

    def berichten(aantal, voorvoegsel):
        return [
            Bericht(
                ontvangers=[gebruikers[i % len(gebruikers)], prt_gelderland],
                onderwerp=f"Bericht {i}",
                template="regietafels/meldingen/realisatie_gemeld",
                context={
                    "melding": type("M", (), {"gemeente": gebruikers[0].gemeente, "aantal": i})(),
                    "jaar": "2026",
                    "door": "iemand",
                    "totaal": i,
                },
                sleutel=f"{voorvoegsel}:{i}",
            )
            for i in range(aantal)
        ]

    with CaptureQueriesContext(connection) as twee:
        melden_allemaal(soort=Soort.REALISATIE_GEMELD, berichten=berichten(2, "a"))
    with CaptureQueriesContext(connection) as twintig:
        melden_allemaal(soort=Soort.REALISATIE_GEMELD, berichten=berichten(20, "b"))
    assert len(twintig.captured_queries) == len(twee.captured_queries)
    assert Melding.objects.filter(sleutel__startswith="b:").count() == 40
    assert Mail.objects.filter(sleutel__startswith="b:").count() == 40
    # announcing the same events again records nothing new
    melden_allemaal(soort=Soort.REALISATIE_GEMELD, berichten=berichten(20, "b"))
    assert Melding.objects.filter(sleutel__startswith="b:").count() == 40


@time_machine.travel(dt.datetime(2026, 11, 5, 10, tzinfo=dt.UTC))
def test_link_van_realisatiemelding_opent_voor_elke_ontvanger(
    client, verslag_gelderland, prt_gelderland, ministerie, iedereen, cyclus
):
    """The gemeente's users were sent to the realisation overview, which answers them 403:
    their notice now opens their own page, the PRT's the overview of the cycle."""
    _besluit(cyclus, verslag_gelderland, prt_gelderland, ministerie)
    nijmegen = iedereen["nijmegen"]
    melding = rt.realisatie_melden(
        gemeente=nijmegen.gemeente,
        cyclus=cyclus,
        datum=dt.date(2026, 11, 4),
        aantal=2,
        door=prt_gelderland,
    )
    rt.realisatie_corrigeren(
        melding=melding, aantal=3, datum=dt.date(2026, 11, 4), reden="Telfout", door=ministerie
    )
    opdrachten.alles_uitvoeren()  # the worker, after commit
    eigen = f"/regietafels/gemeente/?cyclus={cyclus.jaar}"
    overzicht = f"/regietafels/realisatie/?cyclus={cyclus.jaar}"
    for soort, gebruiker, link in (
        (Soort.REALISATIE_GEMELD, nijmegen, eigen),
        (Soort.REALISATIE_GECORRIGEERD, nijmegen, eigen),
        (Soort.REALISATIE_GECORRIGEERD, prt_gelderland, overzicht),
    ):
        gemeld = Melding.objects.get(soort=soort, ontvanger=gebruiker)
        assert gemeld.link == link
        client.force_login(gebruiker)
        assert client.get(gemeld.link).status_code == 200
