"""The insight pages, their access rule, the CSV downloads and the embeddable tags."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from raming.models import Raming

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def _svgs(html: str) -> list[ET.Element]:
    """Every inline <svg> of a page, parsed."""
    uit = []
    start = html.find("<svg")
    while start != -1:
        einde = html.index("</svg>", start) + len("</svg>")
        uit.append(ET.fromstring(html[start:einde]))  # noqa: S314 - our own markup
        start = html.find("<svg", einde)
    return uit


def test_overzicht_voor_ministerie_met_alle_grafieken(
    client, kaartbestand, cijfers, ministerie, django_assert_max_num_queries
):
    client.force_login(ministerie)
    with django_assert_max_num_queries(40):
        antwoord = client.get(reverse("inzicht:overzicht"), {"maat": "gerealiseerd"})
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    svgs = _svgs(html)
    klassen = [s.get("class") for s in svgs]
    assert klassen == ["rt-kaart", "rt-voortgang", "rt-tijdlijn", "rt-trend"]
    assert svgs[0].get("data-maat") == "gerealiseerd"
    assert len([p for p in svgs[0].iter(f"{SVG}path") if p.get("data-code")]) == 12
    # each chart has its table and CSV link; the map its credit
    assert html.count('<table class="utrecht-table"') == 4
    assert html.count("Download de cijfers als CSV") == 4
    assert "Bron: CBS, PDOK" in html
    assert 'style="' not in html
    # no inline scripts (CSP): only files
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None
    # the measure can be chosen without JavaScript
    assert (
        '<select class="utrecht-select utrecht-select--html-select" id="id_maat" name="maat">'
        in html
    )
    assert '<option value="gerealiseerd" selected>' in html


def test_overzicht_query_aantal_hangt_niet_af_van_de_hoeveelheid_gegevens(
    client, cijfers, ministerie, django_assert_max_num_queries, zonder_cache
):
    from regietafels.models import Realisatiemelding

    client.force_login(ministerie)
    client.get(reverse("inzicht:overzicht"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as eerst:
        client.get(reverse("inzicht:overzicht"))
    melding = Realisatiemelding.objects.first()
    Realisatiemelding.objects.bulk_create(
        Realisatiemelding(
            gemeente=melding.gemeente, cyclus=melding.cyclus, datum=melding.datum, aantal=5
        )
        for _ in range(20)
    )
    with CaptureQueriesContext(connection) as daarna:
        client.get(reverse("inzicht:overzicht"))
    assert len(daarna.captured_queries) == len(eerst.captured_queries)


@pytest.mark.parametrize("wie", ["ministerie", "prt_zonder_realisatie"])
def test_overzicht_budget_zonder_bewaarde_gegevens_voor_1_en_50_regels(
    client, cijfers, ministerie, wie
):
    """With nothing in the data cache (the worst case) the overview stays within the budget
    of issue 9, with 1 or with 50 more realisations and extensions; also for a PRT whose
    province has no realisations (its own province is then looked up once, not once per
    province)."""
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.models import Rol
    from raming.models import Provincie
    from regietafels.models import Realisatiemelding, Regietafel, Termijnverlenging
    from tests.factories import GebruikerFactory
    from tests.rediscache import geen_cache

    if wie == "ministerie":
        client.force_login(ministerie)
    else:
        utrecht = Provincie.objects.get(code="PV26")
        assert not Realisatiemelding.objects.filter(gemeente__provincie=utrecht).exists()
        client.force_login(
            GebruikerFactory(username="t-prt-ut", rol=Rol.PRT_SECRETARIS, provincie=utrecht)
        )

    def tellen():
        with geen_cache(), CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("inzicht:overzicht")).status_code == 200
        return len(ctx.captured_queries)

    melding = Realisatiemelding.objects.first()
    tafel = Regietafel.objects.get(provincie=melding.gemeente.provincie)

    def erbij(aantal):
        Realisatiemelding.objects.bulk_create(
            Realisatiemelding(
                gemeente=melding.gemeente,
                cyclus=melding.cyclus,
                datum=melding.datum + dt.timedelta(days=i),
                aantal=5,
            )
            for i in range(aantal)
        )
        Termijnverlenging.objects.bulk_create(
            Termijnverlenging(
                cyclus=cijfers,
                regietafel=tafel,
                nieuwe_datum=dt.date(cijfers.jaar, 12, 1) + dt.timedelta(days=i),
                reden="test",
            )
            for i in range(aantal)
        )

    erbij(1)
    een = tellen()
    erbij(50)
    assert tellen() == een <= 15


@pytest.mark.parametrize("rol", ["coa", "prt_gelderland"])
def test_overzicht_voor_coa_en_prt(client, cijfers, request, rol):
    client.force_login(request.getfixturevalue(rol))
    antwoord = client.get(reverse("inzicht:overzicht"))
    assert antwoord.status_code == 200
    assert len(_svgs(antwoord.content.decode())) == 4


def test_prt_ziet_andermans_aanbod_niet(client, cijfers, prt_gelderland):
    client.force_login(prt_gelderland)
    html = client.get(reverse("inzicht:overzicht"), {"maat": "aangeboden"}).content.decode()
    kaart = _svgs(html)[0]
    waarden = {p.get("data-code"): p.get("data-waarde") for p in kaart.iter(f"{SVG}path")}
    assert waarden["PV27"] == "–"
    assert waarden["PV25"].endswith("%")
    assert "alleen van uw eigen provincie" in html


def test_overzicht_uit_de_gegevenscache_volgt_elke_wijziging(
    client, cijfers, ministerie, prt_gelderland
):
    """The overview is kept in the data cache per access scope: a PRT never gets the
    ministry's figures, and a new realisation shows at once."""
    from regietafels.models import Realisatiemelding

    def kaartwaarden(user):
        client.force_login(user)
        html = client.get(reverse("inzicht:overzicht"), {"maat": "gerealiseerd"}).content
        kaart = _svgs(html.decode())[0]
        return {p.get("data-code"): p.get("data-waarde") for p in kaart.iter(f"{SVG}path")}

    for _ in range(3):  # computed, then kept
        assert kaartwaarden(ministerie)["PV27"] != "–"
        assert kaartwaarden(prt_gelderland)["PV27"] == "–"
    voor = kaartwaarden(ministerie)["PV25"]
    melding = Realisatiemelding.objects.filter(gemeente__provincie__code="PV25").first()
    Realisatiemelding.objects.create(
        gemeente=melding.gemeente, cyclus=melding.cyclus, datum=melding.datum, aantal=2000
    )
    assert kaartwaarden(ministerie)["PV25"] != voor


def test_gemeente_gebruiker_krijgt_403(client, cijfers, gemeente_zaanstad):
    client.force_login(gemeente_zaanstad)
    assert client.get(reverse("inzicht:overzicht")).status_code == 403
    assert client.get(reverse("inzicht:csv", args=["kaart"])).status_code == 403
    assert client.get(reverse("inzicht:provincie", args=["PV27"])).status_code == 403


def test_zonder_login_naar_inloggen(client, cijfers):
    antwoord = client.get(reverse("inzicht:overzicht"))
    assert antwoord.status_code == 302
    assert "/account/inloggen/" in antwoord["Location"]


def test_provinciepagina_met_gemeenten(client, cijfers, ministerie):
    client.force_login(ministerie)
    antwoord = client.get(reverse("inzicht:provincie", args=["PV25"]))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    (balken,) = _svgs(html)
    rijen = [r for r in balken.iter(f"{SVG}g") if "rt-voortgang__rij" in r.get("class", "")]
    assert (
        len(rijen)
        == cijfers.ramingen.first().gemeenten.filter(gemeente__provincie__code="PV25").count()
    )
    assert "Arnhem" in html and "Nijmegen" in html
    assert client.get(reverse("inzicht:provincie", args=["PV99"])).status_code == 404


def test_prt_krijgt_404_voor_andere_provincie(client, cijfers, prt_gelderland):
    client.force_login(prt_gelderland)
    assert client.get(reverse("inzicht:provincie", args=["PV25"])).status_code == 200
    assert client.get(reverse("inzicht:provincie", args=["PV27"])).status_code == 404
    assert client.get(reverse("inzicht:provincie-csv", args=["PV27"])).status_code == 404


@pytest.mark.parametrize(
    ("grafiek", "kop"),
    [
        ("kaart", "Provincie;CBS-code;Opgave"),
        ("voortgang", "Provincie;CBS-code;Indicatief;Aangeboden;Verdeelbesluit;Gerealiseerd"),
        (
            "tijdlijn",
            "Mijlpaal;Oorspronkelijke datum;Geldende datum;Verschoven (dagen);Toelichting",
        ),
        ("trends", "Datum;Groningen;Fryslân;Drenthe"),
    ],
)
def test_csv_per_grafiek(client, cijfers, ministerie, grafiek, kop):
    client.force_login(ministerie)
    antwoord = client.get(reverse("inzicht:csv", args=[grafiek]), {"cyclus": 2024})
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in antwoord["Content-Disposition"]
    tekst = antwoord.content.decode("utf-8-sig")
    assert tekst.startswith(kop)


def test_csv_kaart_volgt_de_gekozen_maat(client, cijfers, ministerie):
    client.force_login(ministerie)
    tekst = client.get(
        reverse("inzicht:csv", args=["kaart"]), {"maat": "aangeboden"}
    ).content.decode("utf-8-sig")
    regels = tekst.splitlines()
    assert regels[0] == "Provincie;CBS-code;Aangeboden als % van de opgave;Aangeboden;Opgave"
    zeeland = next(r for r in regels if ";PV29;" in r)
    assert zeeland.startswith("Zeeland;PV29;;;")  # no verslag: unknown, not 0


def test_onbekende_grafiek_is_404(client, cijfers, ministerie):
    client.force_login(ministerie)
    assert client.get("/inzicht/csv/iets.csv").status_code == 404


def test_provincie_csv(client, cijfers, ministerie):
    client.force_login(ministerie)
    antwoord = client.get(reverse("inzicht:provincie-csv", args=["PV25"]))
    tekst = antwoord.content.decode("utf-8-sig")
    assert tekst.splitlines()[0].startswith("Gemeente;CBS-code;Indicatief")
    assert "Arnhem;GM0202;" in tekst
    assert tekst.splitlines()[-1].startswith("Totaal;;")


def test_openbare_kaart_zonder_login(client, kaartbestand, cijfers):
    antwoord = client.get(reverse("inzicht:openbaar-kaart"))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    (kaart,) = _svgs(html)
    paden = [p for p in kaart.iter(f"{SVG}path") if p.get("data-code")]
    assert len(paden) == 12
    # links go to the rows of the table beside the map
    links = [a.get("href") for a in kaart.iter(f"{SVG}a")]
    assert links[0] == "#openbare-kaart-rij-PV20"
    assert 'id="openbare-kaart-rij-PV20"' in html
    assert "Bron: CBS, PDOK" in html
    csv = client.get(reverse("inzicht:openbaar-kaart-csv"))
    assert csv.status_code == 200
    assert "Groningen;PV20;" in csv.content.decode("utf-8-sig")


def test_openbare_kaart_toont_geen_concept_raming(client, cijfers):
    concept = Raming.objects.create(cyclus=cijfers, versie=2, status=Raming.Status.CONCEPT)
    assert (
        client.get(reverse("inzicht:openbaar-kaart-csv"), {"raming": concept.pk}).status_code == 404
    )
    assert client.get(reverse("inzicht:openbaar-kaart-csv"), {"raming": "x"}).status_code == 404


def test_tags_om_de_kaart_in_te_bedden(kaartbestand, cijfers, ministerie):
    raming = Raming.objects.openbaar().get()
    verzoek = RequestFactory().get("/")
    verzoek.user = ministerie
    html = Template(
        "{% load grafieken %}{% provinciekaart 'verslag' id='mk' %}"
        "{% openbare_provinciekaart raming id='ok' %}"
        "{% voortgangsbalken %}{% cyclustijdlijn %}{% realisatietrends %}"
    ).render(Context({"request": verzoek, "raming": raming}))
    svgs = _svgs(html)
    assert [s.get("class") for s in svgs] == [
        "rt-kaart",
        "rt-kaart",
        "rt-voortgang",
        "rt-tijdlijn",
        "rt-trend",
    ]
    assert svgs[0].get("data-maat") == "verslag"
    assert svgs[0].find(f"{SVG}title").get("id") == "mk-titel"
    assert svgs[1].find(f"{SVG}title").get("id") == "ok-titel"


def test_navigatie_toont_inzicht_voor_de_juiste_rollen(
    client, cijfers, ministerie, gemeente_zaanstad
):
    client.force_login(ministerie)
    assert 'href="/inzicht/"' in client.get("/").content.decode()
    client.force_login(gemeente_zaanstad)
    assert 'href="/inzicht/"' not in client.get("/").content.decode()


def test_jaartal_zonder_duizendtalscheiding(client, cijfers, ministerie):
    client.force_login(ministerie)
    html = client.get(reverse("inzicht:overzicht")).content.decode()
    assert "cyclus 2024" in html
    assert "2.024" not in html
