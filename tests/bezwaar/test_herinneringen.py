"""Bezwaar terms in the term lists, the reminders and the calendar feed: the decision term is
the ministry's (a statutory term); the gemeente and its PRT see by when the decision is due."""

import datetime as dt
import secrets

import pytest

from bezwaar import services
from herinneringen.models import Voorkeur
from herinneringen.termijn import Soort
from herinneringen.termijnen import termijnen_voor

from .conftest import op

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def bezwaar(arnhem_regel, gemeente_arnhem):
    with op(D(2025, 1, 20)):
        return services.bezwaar_indienen(regel=arnhem_regel, gronden="g", door=gemeente_arnhem)


def _bezwaartermijnen(user, vandaag):
    return [
        t
        for t in termijnen_voor(user, vandaag=vandaag)
        if t.soort in (Soort.BEZWAAR_BESLISSEN, Soort.BEZWAAR_BESLISSING)
    ]


def test_beslistermijn_in_de_lijsten_van_wie_het_aangaat(
    bezwaar, ministerie, gemeente_arnhem, prt_gelderland, gemeente_zaanstad, prt_noord_holland
):
    vandaag = D(2025, 3, 10)
    (m,) = _bezwaartermijnen(ministerie, vandaag)
    assert m.soort == Soort.BEZWAAR_BESLISSEN and m.wettelijk
    assert m.datum == D(2025, 3, 17)
    assert bezwaar.kenmerk in m.titel and m.pad == f"/bezwaar/{bezwaar.pk}/"
    assert ministerie.pk in m.ontvangers
    for wie in (gemeente_arnhem, prt_gelderland):
        (t,) = _bezwaartermijnen(wie, vandaag)
        assert t.soort == Soort.BEZWAAR_BESLISSING and t.datum == D(2025, 3, 17)
    assert _bezwaartermijnen(gemeente_zaanstad, vandaag) == []
    assert _bezwaartermijnen(prt_noord_holland, vandaag) == []


def test_verdaging_verschuift_de_termijn_en_beslissen_sluit_hem(bezwaar, ministerie):
    with op(D(2025, 3, 10)):
        services.verdagen(bezwaar=bezwaar, reden="Advies.", door=ministerie)
    (t,) = _bezwaartermijnen(ministerie, D(2025, 3, 20))
    assert t.datum == D(2025, 4, 28)
    with op(D(2025, 4, 1)):
        services.horen_vastleggen(bezwaar=bezwaar, gehoord_op=D(2025, 4, 1), door=ministerie)
        services.beslissen(bezwaar=bezwaar, uitkomst="ongegrond", motivering="m", door=ministerie)
    assert _bezwaartermijnen(ministerie, D(2025, 4, 2)) == []


def test_in_de_agenda_van_de_gemeente(client, bezwaar, gemeente_arnhem):
    token = secrets.token_urlsafe(24)
    Voorkeur.objects.update_or_create(gebruiker=gemeente_arnhem, defaults={"ical_token": token})
    with op(D(2025, 3, 1)):
        tekst = client.get(f"/termijnen/agenda/{token}.ics").content.decode().replace("\r\n ", "")
    assert f"SUMMARY:Beslissing op bezwaar {bezwaar.kenmerk} (Arnhem) uiterlijk verwacht" in tekst
    assert "DTSTART;VALUE=DATE:20250317" in tekst
