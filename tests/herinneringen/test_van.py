"""Whose term it is, the same on the page, in the API and in the calendar feed: the ministry's
own terms ("Mijn termijnen"; ``van`` "eigen") and those of the PRTs and gemeenten it oversees
("Termijnen van anderen"; ``van`` "anderen"). ``/api/v1/termijnen/`` says it per term and
filters on it (``?van=``); the feed holds the user's own terms unless asked
(``?van=anderen``, ``?van=alle``)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from herinneringen import services
from regietafels.services import verlenging_aanvragen

from .conftest import VERSLAGTERMIJN

AMS = dt.timezone(dt.timedelta(hours=1))
API = "/api/v1/termijnen/"
VERZOEK = "Verlengingsverzoek Gelderland 2026 (tot 20-11-2026) beslissen"


def om(datum: dt.date, uur=9):
    return time_machine.travel(dt.datetime(datum.year, datum.month, datum.day, uur, tzinfo=AMS))


def _titels(antwoord) -> dict[str, str]:
    assert antwoord.status_code == 200, antwoord.content
    return {t["titel"]: t["van"] for t in antwoord.json()["results"]}


@pytest.mark.django_db
def test_api_en_agenda_zeggen_wiens_termijn_het_is(
    client, cyclus, verslag_gelderland, ministerie, prt_gelderland
):
    verlenging_aanvragen(
        verslag=verslag_gelderland,
        reden="Meer tijd",
        gevraagde_datum=VERSLAGTERMIJN + dt.timedelta(days=19),
        door=prt_gelderland,
    )
    client.force_login(ministerie)
    with om(VERSLAGTERMIJN - dt.timedelta(days=5)):
        alles = _titels(client.get(API))
        eigen = _titels(client.get(API, {"van": "eigen"}))
        anderen = _titels(client.get(API, {"van": "anderen"}))
        pagina = client.get(reverse("herinneringen:mijn")).content.decode()
        feed_token = services.ical_token_vernieuwen(gebruiker=ministerie)
        feed = reverse("herinneringen:agenda", args=[feed_token])
        feed_eigen = client.get(feed).content.decode().replace("\r\n ", "")
        feed_anderen = client.get(feed + "?van=anderen").content.decode().replace("\r\n ", "")
    # the ministry: its own term to decide on the request; the PRTs' verslagen for oversight
    assert len(alles) == 13 and alles[VERZOEK] == "eigen"
    assert eigen == {VERZOEK: "eigen"}
    assert len(anderen) == 12 and set(anderen.values()) == {"anderen"}
    assert anderen.keys() == alles.keys() - {VERZOEK}
    # as the page splits them
    kop = pagina.index(">Termijnen van anderen</h2>")
    assert 0 < pagina.index(VERZOEK) < kop
    assert pagina.index("Verslag regietafel Gelderland 2026 indienen") > kop
    # the feed: its own terms with a date (the request has none), the others' when asked
    assert "BEGIN:VEVENT" not in feed_eigen
    assert feed_anderen.count("BEGIN:VEVENT") == 12
    assert "SUMMARY:Verslag regietafel Gelderland 2026 indienen" in feed_anderen

    # overdue: each verslag not submitted is the ministry's own term (its notice)
    with om(VERSLAGTERMIJN + dt.timedelta(days=1)):
        te_laat = client.get(API, {"te_laat": "true"}).json()
        eigen_te_laat = _titels(client.get(API, {"te_laat": "true", "van": "eigen"}))
        anderen_te_laat = _titels(client.get(API, {"te_laat": "true", "van": "anderen"}))
        verzoeken = _titels(client.get(API, {"van": "anderen", "soort": "verlengingsverzoek"}))
        feed_eigen = client.get(feed).content.decode()
    assert te_laat["count"] == 12
    assert {t["soort"] for t in te_laat["results"]} == {"verslag-te-laat"}
    assert {t["van"] for t in te_laat["results"]} == {"eigen"}
    assert len(eigen_te_laat) == 12 and anderen_te_laat == {} and verzoeken == {}
    assert feed_eigen.count("BEGIN:VEVENT") == 12

    # a PRT: only its own terms
    client.force_login(prt_gelderland)
    with om(VERSLAGTERMIJN - dt.timedelta(days=5)):
        prt = _titels(client.get(API))
        prt_anderen = _titels(client.get(API, {"van": "anderen"}))
        prt_eigen = _titels(client.get(API, {"van": "eigen"}))
    assert prt == prt_eigen == {"Verslag regietafel Gelderland 2026 indienen": "eigen"}
    assert prt_anderen == {}
