"""Each chart rendered for real data (342 gemeenten, 12 provinces): SVG structure, labels and
values that match the table beside it."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from inzicht import geometrie, grafieken
from inzicht import selectors as sel
from inzicht.tabellen import naar_csv, opmaak

SVG = "{http://www.w3.org/2000/svg}"
CODES = [f"PV{n}" for n in range(20, 32)]

pytestmark = pytest.mark.django_db


def parse(svg) -> ET.Element:
    return ET.fromstring(str(svg))  # noqa: S314 - markup made by our own code


def kaartwaarden(tabel) -> dict[str, str]:
    """code → the text of the table cell that the map shows."""
    return {
        rij.sleutel: opmaak(rij.waarden[tabel.kaartkolom], tabel.kolommen[tabel.kaartkolom].soort)
        for rij in tabel.rijen
    }


def kaart_labels(root) -> dict[str, str]:
    labels = {}
    for text in root.iter(f"{SVG}text"):
        if "rt-kaart__label" in text.get("class", ""):
            tspans = list(text.iter(f"{SVG}tspan"))
            labels[text.get("data-code")] = (tspans[0].text, tspans[1].text)
    return labels


def test_kaart_met_echte_grenzen_twaalf_provincies_en_waarden_als_tabel(
    kaartbestand, cijfers, ministerie
):
    overzicht = sel.provincie_overzicht(ministerie, cijfers)
    for maat in sel.MATEN:
        _controleer_kaart(overzicht, maat)


def _controleer_kaart(overzicht, maat):
    g = grafieken.kaart_grafiek(overzicht, maat)
    root = parse(g.svg)

    assert root.get("data-kaart") == "grenzen"
    assert g.bron == "Bron: CBS, PDOK"
    paden = [p for p in root.iter(f"{SVG}path") if p.get("data-code")]
    assert sorted(p.get("data-code") for p in paden) == CODES
    for pad in paden:
        assert pad.get("id") == f"kaart-{pad.get('data-code')}"
        assert pad.find(f"{SVG}title").text.startswith(
            next(s.naam for s in overzicht.provincies if s.code == pad.get("data-code"))
        )
        assert pad.get("d").startswith("M") and pad.get("d").count("Z") >= 1
    # every province is a link to its own page
    links = {a.find(f"{SVG}path").get("data-code"): a.get("href") for a in root.iter(f"{SVG}a")}
    assert links == {c: f"/inzicht/provincie/{c}/" for c in CODES}

    tabel = kaartwaarden(g.tabel)
    labels = kaart_labels(root)
    assert set(labels) == set(CODES)
    for code, (afkorting, waarde) in labels.items():
        assert afkorting == geometrie.AFKORTINGEN[code]
        if maat == sel.MAAT_VERSLAG:
            assert (waarde == "–") == (tabel[code] == "–")
        else:
            assert waarde == tabel[code], code
    assert {p.get("data-code"): p.get("data-waarde") for p in paden}.keys() == tabel.keys()
    # a title and a text alternative naming every province
    assert root.find(f"{SVG}title").text == g.titel
    omschrijving = root.find(f"{SVG}desc").text
    for stand in overzicht.provincies:
        assert stand.naam in omschrijving


def test_kaart_opgave_sommeert_tot_de_raming(kaartbestand, cijfers, ministerie):
    g = grafieken.kaart_grafiek(sel.provincie_overzicht(ministerie, cijfers), "opgave")
    assert sum(r.waarden[2] for r in g.tabel.rijen) == 96000
    labels = kaart_labels(parse(g.svg))
    assert labels["PV27"][1] == opmaak(
        next(r.waarden[2] for r in g.tabel.rijen if r.sleutel == "PV27"), "getal"
    )
    assert "." in labels["PV27"][1]  # Dutch thousands separator, e.g. 16.447


def test_kaart_percentages_kloppen_met_de_cijfers(kaartbestand, cijfers, ministerie):
    overzicht = sel.provincie_overzicht(ministerie, cijfers)
    gelderland = next(s for s in overzicht.provincies if s.code == "PV25")
    # every gemeente offered a/2 + a/4 + a/10 (integer division) of its number a
    assert gelderland.aangeboden_pct in range(80, 86)
    assert gelderland.gerealiseerd == 450  # Arnhem 150 + 100, Nijmegen 200
    assert gelderland.gerealiseerd_pct == sel.percentage(450, gelderland.verdeelbesluit)
    zeeland = next(s for s in overzicht.provincies if s.code == "PV29")
    assert zeeland.verslag_status == "geen" and zeeland.aangeboden is None
    g = grafieken.kaart_grafiek(overzicht, "aangeboden")
    assert kaart_labels(parse(g.svg))["PV29"][1] == "–"
    assert kaart_labels(parse(g.svg))["PV25"][1] == f"{gelderland.aangeboden_pct}%"


def test_tegelkaart_als_er_geen_kaartbestand_is(geen_kaartbestand, cijfers, ministerie):
    g = grafieken.kaart_grafiek(sel.provincie_overzicht(ministerie, cijfers), "opgave")
    root = parse(g.svg)
    assert root.get("data-kaart") == "tegels"
    paden = [p for p in root.iter(f"{SVG}path") if p.get("data-code")]
    assert sorted(p.get("data-code") for p in paden) == CODES
    assert g.bron == "Bron: CBS"
    assert "Tegelkaart" in g.toelichting
    tabel = kaartwaarden(g.tabel)
    assert {c: w for c, (_a, w) in kaart_labels(root).items()} == tabel


def test_tegelkaart_als_het_kaartbestand_ontbreekt_of_kapot_is(settings, tmp_path, gemeenten):
    settings.PROVINCE_MAP_FILE = str(tmp_path / "bestaat-niet.topojson")
    assert geometrie.kaartvormen().echte_grenzen is False
    kapot = tmp_path / "kapot.topojson"
    kapot.write_text("{niet json", encoding="utf-8")
    settings.PROVINCE_MAP_FILE = str(kapot)
    assert geometrie.kaartvormen().echte_grenzen is False


def test_topojson_arcs_worden_gedecodeerd():
    """Delta-encoded, quantised arcs; a negative index (~i) walks arc i backwards."""
    topologie = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.25], "translate": [4.0, 52.0]},
        "arcs": [[[0, 0], [2, 0], [0, 4]], [[2, 4], [-2, 0], [0, -4]]],
        "objects": {
            "provincie_2025": {
                "type": "GeometryCollection",
                "geometries": [
                    {
                        "type": "Polygon",
                        "arcs": [[0, 1]],
                        "properties": {"statcode": "PV26", "statnaam": "Utrecht"},
                    },
                    {
                        "type": "Polygon",
                        "arcs": [[~1, ~0]],
                        "properties": {"statcode": "PV24", "statnaam": "Flevoland"},
                    },
                ],
            }
        },
    }
    arcs = geometrie._decodeer_arcs(topologie)
    assert arcs[0] == [(4.0, 52.0), (5.0, 52.0), (5.0, 53.0)]
    assert arcs[1] == [(5.0, 53.0), (4.0, 53.0), (4.0, 52.0)]
    assert geometrie._ring([0, 1], arcs) == [
        (4.0, 52.0),
        (5.0, 52.0),
        (5.0, 53.0),
        (4.0, 53.0),
        (4.0, 52.0),
    ]
    assert geometrie._ring([~1, ~0], arcs)[0] == (4.0, 52.0)
    vormen = geometrie.vormen_uit_geodata(topologie)
    assert set(vormen.vormen) == {"PV26", "PV24"}
    assert vormen.breedte == geometrie.KAART_BREEDTE
    # 1° of longitude is cos(52°) as wide as 1° of latitude is high
    assert vormen.hoogte - 2 * geometrie.MARGE == pytest.approx(
        (geometrie.KAART_BREEDTE - 2 * geometrie.MARGE) / geometrie.COS_52, abs=0.1
    )


def test_echte_kaart_heeft_nederland_de_goede_kant_op(kaartbestand, gemeenten):
    vormen = geometrie.kaartvormen().vormen
    assert len(vormen) == 12
    # Groningen lies north-east of Zeeland, Limburg south of Drenthe
    assert vormen["PV20"].label_x > vormen["PV29"].label_x
    assert vormen["PV20"].label_y < vormen["PV29"].label_y
    assert vormen["PV31"].label_y > vormen["PV22"].label_y


def test_voortgangsbalken_per_provincie(cijfers, ministerie):
    overzicht = sel.provincie_overzicht(ministerie, cijfers)
    g = grafieken.voortgang_grafiek(overzicht)
    root = parse(g.svg)
    rijen = [r for r in root.iter(f"{SVG}g") if "rt-voortgang__rij" in r.get("class", "")]
    assert [r.get("data-code") for r in rijen] == CODES
    tabel = {r.sleutel: r for r in g.tabel.rijen}
    for rij in rijen:
        code = rij.get("data-code")
        getallen = {
            t.get("data-stap"): t.text
            for t in rij.iter(f"{SVG}text")
            if t.get("data-stap") is not None
        }
        assert list(getallen) == ["indicatief", "aangeboden", "verdeelbesluit", "gerealiseerd"]
        assert list(getallen.values()) == [opmaak(w, "getal") for w in tabel[code].waarden[2:]]
        balken = [b for b in rij.iter(f"{SVG}rect")]
        assert len(balken) == sum(1 for w in tabel[code].waarden[2:] if w is not None)
    assert g.tabel.voet.waarden[2] == 96000
    assert g.tabel.voet.waarden[5] == 2600


def test_voortgangsbalken_per_gemeente(cijfers, ministerie):
    from raming.models import Provincie

    gelderland = Provincie.objects.get(code="PV25")
    standen = sel.gemeente_standen(ministerie, cijfers, gelderland)
    assert len(standen) == gelderland.gemeenten.count()
    g = grafieken.gemeente_voortgang_grafiek(standen, gelderland, cijfers)
    root = parse(g.svg)
    rijen = [r for r in root.iter(f"{SVG}g") if "rt-voortgang__rij" in r.get("class", "")]
    assert len(rijen) == len(standen)
    arnhem = next(s for s in standen if s.naam == "Arnhem")
    assert arnhem.gerealiseerd == 250
    rij = next(r for r in rijen if r.get("data-code") == arnhem.code)
    teksten = [t.text for t in rij.iter(f"{SVG}text")]
    assert teksten[0] == "Arnhem"
    assert opmaak(arnhem.indicatief, "getal") in teksten
    assert "250" in teksten
    assert g.tabel.voet.waarden[5] == 450


def test_tijdlijn_toont_mijlpalen_verlengingen_en_vandaag(cijfers, ministerie):
    tijdlijn = sel.cyclus_tijdlijn(ministerie, cijfers, vandaag=dt.date(2024, 11, 20))
    labels = [r.label for r in tijdlijn.regels]
    assert labels == [
        "Capaciteitsraming gepubliceerd",
        "Verslag provinciale regietafel",
        "Verslag Gelderland",
        "Verdeelbesluit",
        "Realisatie (aanbod aan COA)",
    ]
    verslag = tijdlijn.regels[1]
    assert (verslag.oorspronkelijk, verslag.effectief) == (
        dt.date(2024, 11, 1),
        dt.date(2024, 12, 1),
    )
    assert "Extra tijd voor alle regietafels" in verslag.toelichting
    assert tijdlijn.regels[2].effectief == dt.date(2024, 12, 15)

    g = grafieken.tijdlijn_grafiek(tijdlijn)
    root = parse(g.svg)
    regels = [r for r in root.iter(f"{SVG}g") if "rt-tijdlijn__regel" in r.get("class", "")]
    assert len(regels) == 5 == len(g.tabel.rijen)
    for regel, rij in zip(regels, g.tabel.rijen, strict=True):
        teksten = [t.text for t in regel.iter(f"{SVG}text")]
        assert teksten[0] == rij.waarden[0]
        assert opmaak(rij.waarden[2], "datum") in teksten
        verschoven = rij.waarden[3] != 0
        # a moved milestone shows its original date as an open circle and the shift in days
        assert (regel.find(f"{SVG}circle") is not None) == verschoven
        if verschoven:
            assert f"+{rij.waarden[3]} d" in teksten
    vandaag = [
        t.text
        for g_ in root.iter(f"{SVG}g")
        if "rt-tijdlijn__vandaag" in g_.get("class", "")
        for t in g_.iter(f"{SVG}text")
    ]
    assert vandaag == ["vandaag 20-11-2024"]


def test_tijdlijn_per_prt_verlenging_alleen_voor_wie_hem_mag_zien(
    cijfers, prt_noord_holland, prt_gelderland
):
    noord_holland = [r.label for r in sel.cyclus_tijdlijn(prt_noord_holland, cijfers).regels]
    assert "Verslag Gelderland" not in noord_holland
    gelderland = [r.label for r in sel.cyclus_tijdlijn(prt_gelderland, cijfers).regels]
    assert "Verslag Gelderland" in gelderland


def test_trends_per_provincie(cijfers, ministerie):
    trend = sel.realisatie_trends(ministerie, cijfers)
    assert trend.datums == [
        dt.date(2025, 3, 1),
        dt.date(2025, 4, 1),
        dt.date(2025, 5, 15),
        dt.date(2025, 6, 1),
    ]
    assert trend.reeksen["PV25"] == [150, 350, 350, 450]
    assert trend.reeksen["PV29"] == [0, 0, 0, 0]
    g = grafieken.trend_grafiek(trend, cijfers)
    root = parse(g.svg)
    lijnen = [p for p in root.iter(f"{SVG}polyline")]
    assert len(lijnen) == 12
    # a step line: a corner at each date after the first, then the new value
    assert all(len(p.get("points").split()) == 4 + 3 for p in lijnen)
    [gelderland] = [p for p in lijnen if p.get("data-code") == "PV25"]
    y = [punt.split(",")[1] for punt in gelderland.get("points").split()]
    # 150, 350, 350, 450: each value held until the date it changes
    assert y[0] == y[1] != y[2] == y[3] == y[4] == y[5] != y[6]
    eind = {t.get("data-code"): t.text for t in root.iter(f"{SVG}text") if t.get("data-code")}
    laatste = g.tabel.rijen[-1].waarden
    for i, (code, _naam) in enumerate(trend.provincies):
        assert eind[code] == f"{geometrie.AFKORTINGEN[code]} {opmaak(laatste[i + 1], 'getal')}"
    assert laatste[-1] == 2600


def test_trend_zonder_meldingen_zegt_dat(gemeenten, ministerie):
    from raming.models import Wetscyclus

    cyclus = Wetscyclus.objects.create(jaar=2030)
    g = grafieken.trend_grafiek(sel.realisatie_trends(ministerie, cyclus), cyclus)
    assert "Nog geen realisatiemeldingen" in str(g.svg)
    assert g.tabel.rijen == []


def test_csv_bevat_dezelfde_cijfers_als_de_tabel(cijfers, ministerie):
    g = grafieken.voortgang_grafiek(sel.provincie_overzicht(ministerie, cijfers))
    regels = naar_csv(g.tabel).splitlines()
    assert regels[0] == "Provincie;CBS-code;Indicatief;Aangeboden;Verdeelbesluit;Gerealiseerd"
    assert len(regels) == 1 + 12 + 1
    gelderland = next(r for r in g.tabel.rijen if r.sleutel == "PV25")
    assert f"Gelderland;PV25;{gelderland.waarden[2]};" in naar_csv(g.tabel)


def test_prt_ziet_alleen_eigen_provincie_in_detail(kaartbestand, cijfers, prt_gelderland):
    overzicht = sel.provincie_overzicht(prt_gelderland, cijfers)
    per_code = {s.code: s for s in overzicht.provincies}
    assert per_code["PV25"].aangeboden is not None
    assert per_code["PV25"].gerealiseerd == 450
    assert per_code["PV27"].opgave is not None  # the opgave is public
    assert per_code["PV27"].aangeboden is None
    assert per_code["PV27"].gerealiseerd is None
    assert per_code["PV27"].verslag_status is None
    labels = kaart_labels(parse(grafieken.kaart_grafiek(overzicht, "verslag").svg))
    assert labels["PV27"][1] == "–"
    assert labels["PV25"][1] == "ingediend"
    trend = sel.realisatie_trends(prt_gelderland, cijfers)
    assert [c for c, _n in trend.provincies] == ["PV25"]


def test_overzicht_in_vast_aantal_queries(cijfers, ministerie, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        sel.provincie_overzicht(ministerie, cijfers)


def test_vandaag_op_de_tijdlijn_valt_niet_buiten_de_tekening():
    """Today at the right end of the axis: its label ends there instead of being centred on
    it (and cut off by the edge)."""
    from inzicht.svg.tijdas import tijdlijn as tijdas

    regel = sel.TijdlijnRegel(
        label="Verslag", oorspronkelijk=dt.date(2024, 11, 1), effectief=dt.date(2024, 11, 1)
    )
    laat = tijdas(
        sel.Tijdlijn(cyclus=None, regels=[regel], vandaag=dt.date(2026, 12, 6)), titel="t"
    )
    assert laat.vandaag_anker == "end"
    midden = tijdas(
        sel.Tijdlijn(
            cyclus=None,
            regels=[regel, sel.TijdlijnRegel("Later", dt.date(2028, 1, 1), dt.date(2028, 1, 1))],
            vandaag=dt.date(2026, 6, 1),
        ),
        titel="t",
    )
    assert midden.vandaag_anker == "middle"
