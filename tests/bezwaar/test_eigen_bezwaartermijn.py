"""The gemeente's and the province's own bezwaartermijn (Awb 6:7, 6:8, Atw) in their term
lists, the reminders and the calendar feed, while it runs; gone once it ended, and for the
gemeente once it lodged bezwaar."""

import datetime as dt
import secrets

import pytest

from bezwaar import services
from herinneringen.models import Voorkeur
from herinneringen.services import herinneringen_bepalen
from herinneringen.termijn import Soort
from herinneringen.termijnen import open_termijnen, termijnen_voor

from .conftest import maak_besluit, op, regel_van

D = dt.date
pytestmark = pytest.mark.django_db

# made known on Saturday 21 December 2024: six weeks later is Saturday 1 February 2025, so
# the term runs to Monday 3 February (Atw art. 1)
ZATERDAG = D(2024, 12, 21)


@pytest.fixture
def besluit(gemeenten):
    return maak_besluit(ZATERDAG)


def _eigen(user, vandaag):
    return [t for t in termijnen_voor(user, vandaag=vandaag) if t.soort == Soort.BEZWAARTERMIJN]


def test_in_de_lijsten_van_gemeente_en_provincie_zolang_de_termijn_loopt(
    besluit, gemeente_arnhem, prt_gelderland, ministerie, gemeente_zaanstad
):
    assert _eigen(gemeente_arnhem, D(2024, 12, 21)) == []  # it starts the day after
    (t,) = _eigen(gemeente_arnhem, D(2025, 1, 10))
    assert t.datum == D(2025, 2, 3) and t.sinds == D(2024, 12, 22)
    assert t.titel == "Bezwaar maken tegen de beschikking verdeelbesluit 2024 (Arnhem)"
    assert t.pad == "/bezwaar/indienen/" and not t.wettelijk
    (p,) = _eigen(prt_gelderland, D(2025, 1, 10))
    assert p.datum == D(2025, 2, 3)
    assert p.titel.startswith("Bezwaar maken namens de provincie Gelderland tegen beschikkingen")
    # Zaanstad (Noord-Holland) has its own; the ministry's list does not carry them
    (z,) = _eigen(gemeente_zaanstad, D(2025, 1, 10))
    assert "(Zaanstad)" in z.titel
    assert _eigen(ministerie, D(2025, 1, 10)) == []
    # on the last day still there, the day after gone (a right, never overdue)
    assert _eigen(gemeente_arnhem, D(2025, 2, 3)) != []
    assert _eigen(gemeente_arnhem, D(2025, 2, 4)) == []
    assert _eigen(prt_gelderland, D(2025, 2, 4)) == []


def test_na_het_eigen_bezwaar_niet_meer_voor_de_gemeente(besluit, gemeente_arnhem, prt_gelderland):
    with op(D(2025, 1, 15)):
        services.bezwaar_indienen(
            regel=regel_van(besluit, "Arnhem"), gronden="g", door=gemeente_arnhem
        )
    assert _eigen(gemeente_arnhem, D(2025, 1, 16)) == []
    # the province may still object (to Arnhem's beschikking too)
    assert len(_eigen(prt_gelderland, D(2025, 1, 16))) == 1


def test_herinneringen_tellen_af_naar_het_einde(besluit, gemeente_arnhem, prt_gelderland):
    with op(D(2025, 1, 27)):
        rijen = herinneringen_bepalen(
            datum=D(2025, 1, 27), termijnen=open_termijnen(vandaag=D(2025, 1, 27))
        )
    eigen = {(r.ontvanger_id, r.stap) for r in rijen if r.soort == Soort.BEZWAARTERMIJN}
    assert (gemeente_arnhem.pk, "2025-02-03/T-7") in eigen
    assert (prt_gelderland.pk, "2025-02-03/T-7") in eigen
    na = herinneringen_bepalen(datum=D(2025, 2, 4), termijnen=open_termijnen(vandaag=D(2025, 2, 4)))
    assert not [r for r in na if r.soort == Soort.BEZWAARTERMIJN]


def test_in_de_agenda_van_de_gemeente(client, besluit, gemeente_arnhem):
    token = secrets.token_urlsafe(24)
    Voorkeur.objects.update_or_create(gebruiker=gemeente_arnhem, defaults={"ical_token": token})
    with op(D(2025, 1, 10)):
        tekst = client.get(f"/termijnen/agenda/{token}.ics").content.decode().replace("\r\n ", "")
    assert "SUMMARY:Bezwaar maken tegen de beschikking verdeelbesluit 2024 (Arnhem)" in tekst
    assert "DTSTART;VALUE=DATE:20250203" in tekst
