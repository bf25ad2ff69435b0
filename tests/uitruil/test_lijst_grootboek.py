"""List with filters, exports (parsed back), ledger pages, and query budgets."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from uitruil import services
from uitruil.models import Richting, Taak, UitruilPartij
from uitruil.selectors import grootboek_gemeente, grootboek_provincie

from .conftest import gemeente
from .helpers import rij, uitruil_pks, zaanstad_purmerend

pytestmark = pytest.mark.django_db


def _gelderland(cyclus, arnhem, aantal=100):
    return services.voorstellen(
        door=arnhem,
        cyclus=cyclus,
        partijen=[
            rij("Arnhem", Taak.ASIELOPVANG, Richting.NEEMT_OP, aantal),
            rij("Nijmegen", Taak.STATUSHOUDERS, Richting.NEEMT_OP, aantal),
        ],
        motivatie="Arnhem heeft een locatie",
    )


def _bevestig(u, partij, prt):
    services.accepteren(uitruil=u, door=partij)
    return services.bevestigen(uitruil=u, door=prt)


@pytest.fixture
def stel(cyclus, zaanstad, purmerend, arnhem, nijmegen, prt_noord_holland):
    bevestigd = _bevestig(zaanstad_purmerend(cyclus, zaanstad), purmerend, prt_noord_holland)
    open_nh = zaanstad_purmerend(cyclus, zaanstad, aantal=20)
    gld = _gelderland(cyclus, arnhem)
    return {"bevestigd": bevestigd, "open_nh": open_nh, "gld": gld}


def _pks(antwoord):
    return set(uitruil_pks(antwoord))


def test_lijst_filters(client, stel, ministerie, zaanstad):
    client.force_login(ministerie)
    url = reverse("uitruil:lijst")
    assert _pks(client.get(url)) == {u.pk for u in stel.values()}
    assert _pks(client.get(url, {"provincie": "gelderland"})) == {stel["gld"].pk}
    assert _pks(client.get(url, {"status": "bevestigd"})) == {stel["bevestigd"].pk}
    assert _pks(client.get(url, {"taak": "statushouders"})) == {stel["gld"].pk}
    assert _pks(client.get(url, {"taak": "oekraine", "provincie": "noord-holland"})) == {
        stel["bevestigd"].pk,
        stel["open_nh"].pk,
    }
    assert _pks(client.get(url, {"gemeente": "nijm"})) == {stel["gld"].pk}
    # a gemeente user sees only its own, whatever the filter asks
    client.force_login(zaanstad)
    assert _pks(client.get(url, {"provincie": "gelderland"})) == set()


def test_lijst_query_budget_constant(
    client, cyclus, zaanstad, purmerend, ministerie, django_assert_max_num_queries
):
    for _ in range(3):
        zaanstad_purmerend(cyclus, zaanstad, aantal=1)
    client.force_login(ministerie)
    with django_assert_max_num_queries(12) as weinig:
        client.get(reverse("uitruil:lijst"))
    for _ in range(12):
        zaanstad_purmerend(cyclus, zaanstad, aantal=1)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        antwoord = client.get(reverse("uitruil:lijst"))
    assert len(uitruil_pks(antwoord)) == 15


def test_export_csv_en_xlsx(client, stel, ministerie, purmerend):
    client.force_login(ministerie)
    antwoord = client.get(reverse("uitruil:export_csv"), {"provincie": "noord-holland"})
    assert antwoord["Content-Type"].startswith("text/csv")
    tekst = antwoord.content.decode("utf-8-sig")
    rijen = list(csv.DictReader(io.StringIO(tekst), delimiter=";"))
    assert {r["provincie"] for r in rijen} == {"Noord-Holland"}
    bevestigd = [r for r in rijen if r["uitruil"] == str(stel["bevestigd"].pk)]
    assert len(bevestigd) == 4
    zaanstad_rij = next(
        r for r in bevestigd if r["gemeente"] == "Zaanstad" and r["taak"] == "Asielopvang"
    )
    assert (zaanstad_rij["richting"], zaanstad_rij["aantal"], zaanstad_rij["mutatie"]) == (
        "neemt op",
        "300",
        "300",
    )
    assert zaanstad_rij["status"] == "Bevestigd door de regietafel"

    antwoord = client.get(reverse("uitruil:export_xlsx"), {"status": "voorgesteld"})
    werkboek = load_workbook(io.BytesIO(antwoord.content))
    blad = werkboek["Uitruil"]
    kop = [c.value for c in blad[1]]
    data = [dict(zip(kop, [c.value for c in r], strict=True)) for r in blad.iter_rows(min_row=2)]
    assert {d["uitruil"] for d in data} == {stel["open_nh"].pk, stel["gld"].pk}
    assert {d["provincie"] for d in data} == {"Noord-Holland", "Gelderland"}
    # Export follows the access rule.
    client.force_login(purmerend)
    tekst = client.get(reverse("uitruil:export_csv")).content.decode("utf-8-sig")
    assert "Gelderland" not in tekst and "Purmerend" in tekst


def test_export_neutraliseert_formules(client, cyclus, zaanstad, ministerie):
    u = zaanstad_purmerend(cyclus, zaanstad, aantal=5)
    services.intrekken(uitruil=u, door=zaanstad)
    u.partijen.filter(gemeente__naam="Purmerend").update(reden="=HYPERLINK(1)")
    client.force_login(ministerie)
    tekst = client.get(reverse("uitruil:export_csv")).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in tekst


def test_grootboek_provincie_selector(stel, cyclus, provincie_noord_holland):
    boek = grootboek_provincie(cyclus=cyclus, provincie=provincie_noord_holland)
    zaanstad = next(g for g in boek.gemeenten if g.gemeente.naam == "Zaanstad")
    asiel = zaanstad.taak(Taak.ASIELOPVANG)
    assert (asiel.start, asiel.mutatie, asiel.resultaat) == (1000, 300, 1300)
    purmerend = next(g for g in boek.gemeenten if g.gemeente.naam == "Purmerend")
    assert purmerend.taak(Taak.ASIELOPVANG).resultaat == 100
    oekraine = purmerend.taak(Taak.OEKRAINE)
    assert oekraine.start is None and oekraine.resultaat == 300  # no Taakstelling recorded
    # The fixture's opgave for Noord-Holland = the sum of its gemeenten: still met.
    assert boek.opgave == 1000 + 400 + 5000 + 900 + 800
    assert boek.asielopvang_resultaat == boek.opgave
    assert boek.opgave_gehaald and boek.tekort == 0


def test_grootboek_telt_taakstelling_en_tekort(
    cyclus, zaanstad, purmerend, prt_noord_holland, provincie_noord_holland
):
    services.taakstelling_vastleggen(
        door=purmerend,
        gemeente=gemeente("Purmerend"),
        cyclus=cyclus,
        taak=Taak.OEKRAINE,
        aantal=200,
    )
    # Purmerend gives up 300 asielopvang for 300 Ukrainians; nobody takes the places on.
    u = services.voorstellen(
        door=zaanstad,
        cyclus=cyclus,
        partijen=[
            rij("Zaanstad", Taak.OEKRAINE, Richting.GEEFT_AF, 300),
            rij("Purmerend", Taak.ASIELOPVANG, Richting.GEEFT_AF, 300),
            rij("Purmerend", Taak.OEKRAINE, Richting.NEEMT_OP, 300),
        ],
        motivatie="test tekort",
    )
    _bevestig(u, purmerend, prt_noord_holland)
    boek = grootboek_gemeente(cyclus=cyclus, gemeente=gemeente("Purmerend"))
    assert boek.taak(Taak.OEKRAINE).resultaat == 500
    prov = grootboek_provincie(cyclus=cyclus, provincie=provincie_noord_holland)
    assert prov.tekort == 300 and not prov.opgave_gehaald


def test_grootboek_paginas_en_toegang(
    client, stel, cyclus, zaanstad, haarlem, prt_noord_holland, prt_gelderland, coa
):
    prov = reverse("uitruil:grootboek_provincie", args=["noord-holland"])
    gem = reverse("uitruil:grootboek_gemeente", args=[gemeente("Zaanstad").slug])
    client.force_login(prt_noord_holland)
    tekst = client.get(prov).content.decode()
    assert "Onder aan de streep gehaald" in tekst
    assert client.get(gem).status_code == 200
    assert client.get(reverse("uitruil:grootboek")).url.startswith(prov)
    client.force_login(prt_gelderland)
    assert client.get(prov).status_code == 404
    assert client.get(gem).status_code == 404
    client.force_login(haarlem)
    assert client.get(prov).status_code == 200  # own province
    assert client.get(gem).status_code == 404  # another gemeente
    client.force_login(zaanstad)
    tekst = client.get(gem).content.decode()
    assert "<strong>1.300</strong>" in tekst
    client.force_login(coa)
    tekst = client.get(reverse("uitruil:grootboek")).content.decode()
    assert prov in tekst


def test_grootboek_query_budget_constant(
    client, cyclus, zaanstad, purmerend, prt_noord_holland, django_assert_max_num_queries
):
    url = reverse("uitruil:grootboek_provincie", args=["noord-holland"])
    _bevestig(zaanstad_purmerend(cyclus, zaanstad, aantal=1), purmerend, prt_noord_holland)
    client.force_login(prt_noord_holland)
    with django_assert_max_num_queries(20) as weinig:
        client.get(url)
    for _ in range(8):
        _bevestig(zaanstad_purmerend(cyclus, zaanstad, aantal=1), purmerend, prt_noord_holland)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        antwoord = client.get(url)
    assert len(antwoord.context["boek"].uitruilen) == 9
    gem = reverse("uitruil:grootboek_gemeente", args=[gemeente("Zaanstad").slug])
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        client.get(gem)


@pytest.mark.parametrize("naam", ["uitruil:export_csv", "uitruil:export_xlsx"])
def test_export_query_budget_constant(
    client, cyclus, zaanstad, ministerie, naam, django_assert_max_num_queries, zonder_cache
):
    zaanstad_purmerend(cyclus, zaanstad, aantal=1)
    client.force_login(ministerie)
    client.get(reverse(naam))  # session and per-process warm-up
    with django_assert_max_num_queries(12) as een:
        client.get(reverse(naam))
    for _ in range(49):
        zaanstad_purmerend(cyclus, zaanstad, aantal=1)
    with django_assert_max_num_queries(len(een.captured_queries)):
        antwoord = client.get(reverse(naam))
    partijrijen = UitruilPartij.objects.count()  # one export row per party row
    assert partijrijen >= 100
    if naam.endswith("csv"):
        regels = antwoord.content.decode("utf-8-sig").splitlines()
        assert len(regels) == 1 + partijrijen
    else:
        blad = load_workbook(io.BytesIO(antwoord.content))["Uitruil"]
        assert blad.max_row == 1 + partijrijen
