"""One figure of "realised" (ADR 0014): a gemeente whose location is in gebruik and that
reported nothing shows the same realised places on the realisation overview, the gemeente's
home panel, the insight overview (map, progress bars, trend) and province page, and in their
CSV downloads; and it gets no reminder for places already realised through the location."""

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.core import mail

from herinneringen import services as herinneringen
from herinneringen.termijnen import Soort, termijnen_voor
from inzicht import selectors as inzicht
from locaties.models import Opvanglocatie
from raming.models import Gemeente
from regietafels import selectors
from regietafels.cyclusfase import cyclus_fase
from regietafels.models import VerdeelbesluitRegel
from regietafels.openstaand import cyclusstanden, open_realisaties
from regietafels.services import (
    realisatie_melden,
    verdeelbesluit_vaststellen,
    verdeelbesluit_voorstellen,
)

pytestmark = pytest.mark.django_db

AMS = dt.timezone(dt.timedelta(hours=1))
DAG = dt.datetime(2026, 12, 1, 9, tzinfo=AMS)


@pytest.fixture
def besluit(cyclus, ministerie):
    besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
    verdeelbesluit_vaststellen(
        verdeelbesluit=besluit, besluitdatum=dt.date(2026, 9, 1), door=ministerie
    )
    return besluit


def _in_gebruik(gemeente, plekken, naam="Azc Arnhem-Noord"):
    return Opvanglocatie.objects.create(
        gemeente=gemeente,
        naam=naam,
        capaciteit_regulier=plekken - 10,
        capaciteit_amv=10,
        soort="regulier_azc",
        fase="in_gebruik",
        fase_sinds=dt.date(2026, 10, 15),
        overeenkomst_gesloten_op=dt.date(2026, 1, 5),
        beschikbaar_vanaf=dt.date(2026, 10, 1),
    )


def _csv(antwoord) -> list[list[str]]:
    assert antwoord.status_code == 200
    return list(csv.reader(io.StringIO(antwoord.content.decode().lstrip("\ufeff")), delimiter=";"))


def _kolom(rijen, sleutel: str, kolom: str) -> str:
    kop = rijen[0]
    rij = next(r for r in rijen[1:] if sleutel in r[:2])
    return rij[kop.index(kolom)]


def test_een_locatie_zonder_melding_telt_overal_even_zwaar(
    client, cyclus, besluit, ministerie, gemeente_arnhem
):
    arnhem = Gemeente.objects.get(naam="Arnhem")
    regel = VerdeelbesluitRegel.objects.get(verdeelbesluit=besluit, gemeente=arnhem)
    _in_gebruik(arnhem, 150)
    # places without a location elsewhere in Gelderland: they count everywhere too
    ede = Gemeente.objects.get(naam="Ede")
    with time_machine.travel(DAG):
        realisatie_melden(
            gemeente=ede,
            cyclus=cyclus,
            datum=dt.date(2026, 11, 20),
            aantal=12,
            bevestigd=True,
            door=ministerie,
        )
        overzicht = selectors.realisatie_overzicht(cyclus, user=ministerie)
        [g] = [g for g in overzicht["gemeenten"] if g["gemeente_id"] == arnhem.pk]
        [p] = [p for p in overzicht["provincies"] if p["provincie_id"] == arnhem.provincie_id]
        assert g["gerealiseerd"] == 150 and g["zonder_locatie"] == 0
        assert p["gerealiseerd"] == 162

        # the insight selectors, both ways of reading the province figure
        [prov] = [
            s
            for s in inzicht.provincie_overzicht(ministerie, cyclus).provincies
            if s.code == "PV25"
        ]
        verloop = inzicht.realisatie_verloop(ministerie, cyclus)
        [prov_v] = [
            s
            for s in inzicht.provincie_overzicht(ministerie, cyclus, verloop=verloop).provincies
            if s.code == "PV25"
        ]
        assert prov.gerealiseerd == prov_v.gerealiseerd == 162
        standen = inzicht.gemeente_standen(ministerie, cyclus, arnhem.provincie)
        assert next(s for s in standen if s.naam == "Arnhem").gerealiseerd == 150

        client.force_login(ministerie)
        # the pages
        tekst = client.get("/regietafels/realisatie/?cyclus=2026").content.decode()
        assert "Azc Arnhem-Noord" in tekst
        pagina = client.get("/inzicht/provincie/PV25/?cyclus=2026").content.decode()
        assert f'data-code="{arnhem.code}"' in pagina
        # the downloads: the province page's, the progress bars', the map's and the trend's
        rijen = _csv(client.get("/inzicht/provincie/PV25/voortgang.csv?cyclus=2026"))
        assert _kolom(rijen, arnhem.code, "Gerealiseerd") == "150"
        rijen = _csv(client.get("/inzicht/csv/voortgang.csv?cyclus=2026"))
        assert _kolom(rijen, "PV25", "Gerealiseerd") == "162"
        rijen = _csv(client.get("/inzicht/csv/kaart.csv?cyclus=2026&maat=gerealiseerd"))
        assert _kolom(rijen, "PV25", "Gerealiseerd") == "162"
        trend = _csv(client.get("/inzicht/csv/trends.csv?cyclus=2026"))
        kop = trend[0]
        assert [r[0] for r in trend[1:]] == ["2026-10-15", "2026-11-20"]
        assert trend[1][kop.index("Gelderland")] == "150"
        assert trend[-1][kop.index("Gelderland")] == "162"

        # the gemeente's own home panel
        client.force_login(gemeente_arnhem)
        thuis = client.get("/").content.decode()
        assert "Gerealiseerd (locaties in gebruik en meldingen): 150" in thuis
    assert regel.aantal != 150  # (the panel's figure is the location's, not the besluit's)


def test_geen_herinnering_voor_plekken_die_een_locatie_al_realiseert(
    cyclus, besluit, gemeente_arnhem, ministerie
):
    arnhem = Gemeente.objects.get(naam="Arnhem")
    regel = VerdeelbesluitRegel.objects.get(verdeelbesluit=besluit, gemeente=arnhem)
    assert regel.realisatietermijn is not None
    # two weeks before its term: a reminder is due while the places are not realised
    dag = dt.datetime.combine(
        regel.realisatietermijn - dt.timedelta(days=14), dt.time(7), tzinfo=AMS
    )
    with time_machine.travel(dag):
        assert Soort.REALISATIE in {t.soort for t in termijnen_voor(gemeente_arnhem)}
        locatie = _in_gebruik(arnhem, regel.aantal - 1)
        vandaag = dag.date()
        [open_] = open_realisaties(cyclusstanden(), sinds=vandaag, gemeente_id=arnhem.pk)
        assert (open_.gemeente_id, open_.rest) == (arnhem.pk, 1)  # one place short
        [termijn] = [t for t in termijnen_voor(gemeente_arnhem) if t.soort == Soort.REALISATIE]
        assert f"Arnhem: nog 1 van de {regel.aantal} plekken aanbieden" in termijn.titel
        Opvanglocatie.objects.filter(pk=locatie.pk).update(capaciteit_amv=11)
        assert open_realisaties(cyclusstanden(), sinds=vandaag, gemeente_id=arnhem.pk) == []
        assert Soort.REALISATIE not in {t.soort for t in termijnen_voor(gemeente_arnhem)}
        herinneringen.sweep_synchroon()
    assert not [m for m in mail.outbox if m.to == [gemeente_arnhem.email]]
    # the cycle's phase no longer lists Arnhem among the gemeenten behind
    with time_machine.travel(dag):
        achter = selectors.gerealiseerd_per_gemeente(cyclus)
        assert achter[arnhem.pk].gerealiseerd == regel.aantal
        assert achter[arnhem.pk].rest == 0
        open_ = cyclus_fase(cyclus).open.get("realisatie", [])
        behalve_arnhem = sum(1 for c in achter.values() if c.aantal > 0 and c.rest > 0)
        assert open_ == [f"{behalve_arnhem} gemeenten hebben hun aantal nog niet gerealiseerd."]


def test_verloop_eindigt_op_het_cijfer_van_vandaag(cyclus, besluit, ministerie):
    """The trend's last value per province is the figure of the day, also when a location
    stops counting (closed before today) or reopens."""
    arnhem = Gemeente.objects.get(naam="Arnhem")
    nijmegen = Gemeente.objects.get(naam="Nijmegen")
    _in_gebruik(arnhem, 100)
    dicht = _in_gebruik(nijmegen, 80, naam="Noodopvang Nijmegen")
    Opvanglocatie.objects.filter(pk=dicht.pk).update(beschikbaar_tot=dt.date(2026, 11, 10))
    with time_machine.travel(DAG):
        verloop = selectors.gerealiseerd_verloop(cyclus, user=ministerie)
        per_gemeente = selectors.gerealiseerd_per_gemeente(cyclus, user=ministerie)
    assert verloop.datums == [dt.date(2026, 10, 15), dt.date(2026, 11, 11)]
    assert verloop.per_provincie["PV25"] == [180, 100]
    assert verloop.per_provincie["PV25"][-1] == sum(
        c.gerealiseerd for c in per_gemeente.values() if c.provincie_code == "PV25"
    )


def test_realisatiepagina_zonder_besluit_wijst_naar_de_cyclus_met_besluit(
    client, cyclus, besluit, ministerie, gemeente_arnhem
):
    """2028 has no verdeelbesluit yet: its page links to 2026, and a switcher lists every
    cycle with one."""
    from raming.models import Wetscyclus

    Wetscyclus.objects.create(jaar=2028)
    client.force_login(ministerie)
    tekst = client.get("/regietafels/realisatie/?cyclus=2028").content.decode()
    assert 'id="geen-besluit"' in tekst
    assert '<a class="utrecht-link" href="?cyclus=2026">realisatie van de cyclus 2026</a>' in tekst
    assert 'id="cycluskeuze"' in tekst and "(geen verdeelbesluit)" in tekst
    tekst = client.get("/regietafels/realisatie/?cyclus=2026").content.decode()
    assert 'id="geen-besluit"' not in tekst
    # one cycle with a besluit, and it is the one shown: nothing to switch to
    assert 'id="cycluskeuze"' not in tekst
    # the gemeente's own page the same way
    client.force_login(gemeente_arnhem)
    tekst = client.get("/regietafels/gemeente/?cyclus=2028").content.decode()
    assert 'href="?cyclus=2026">opgave en realisatie van de cyclus 2026</a>' in tekst
    assert 'id="cycluskeuze"' in tekst


def test_startpaneel_zonder_besluit_wijst_naar_de_cyclus_met_besluit(
    client, cyclus, besluit, gemeente_arnhem
):
    """In 2028, before its verdeelbesluit, the gemeente's home panel links straight to its
    page of 2026 (the newest earlier cycle with a besluit), not only to the page of 2028."""
    from raming.models import Wetscyclus

    Wetscyclus.objects.create(jaar=2028)
    with time_machine.travel(dt.datetime(2028, 3, 1, 9, tzinfo=AMS)):
        client.force_login(gemeente_arnhem)
        tekst = client.get("/").content.decode()
    assert "Nog geen vastgesteld verdeelbesluit voor 2028." in tekst
    assert (
        '<a class="utrecht-link" href="/regietafels/gemeente/?cyclus=2026">'
        "Opgave en realisatie van de cyclus 2026</a>"
    ) in tekst
    # with a besluit in the current cycle there is nothing earlier to point to
    client.force_login(gemeente_arnhem)
    tekst = client.get("/").content.decode()
    assert "Verdeelbesluit: " in tekst and 'id="eerdere-cyclus"' not in tekst
