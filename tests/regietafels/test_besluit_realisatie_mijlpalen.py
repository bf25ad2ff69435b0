"""The verdeelbesluit and realisation pages: rows built in Python (same markup as the former
template loops), kept in the data cache per besluit, scope and filter, and current after every
change. And the milestones on the regietafel page."""

import datetime as dt
import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from regietafels.models import VerdeelbesluitRegel
from regietafels.services import (
    gemeente_vrijstellen,
    regel_aanpassen,
    verdeelbesluit_vaststellen,
    verdeelbesluit_voorstellen,
)

pytestmark = pytest.mark.django_db

# The rows as the page must write them (the former template loop).
OUDE_LUS = Template(
    """{% for r in regels %}<tr class="utrecht-table__row"><th scope="row" class="utrecht-table__header-cell">{% if bewerkbaar %}<a class="utrecht-link" href="{% url 'regietafels:verdeelbesluit_regel' pk=besluit.pk regel_pk=r.pk %}">{{ r.gemeente.naam }}</a>{% else %}{{ r.gemeente.naam }}{% endif %}</th><td class="utrecht-table__cell">{{ r.gemeente.provincie }}</td><td class="utrecht-table__cell rt-getal">{{ r.indicatief_aantal }}</td><td class="utrecht-table__cell rt-getal">{{ r.aangeboden }}</td><td class="utrecht-table__cell rt-getal">{{ r.restopgave }}</td><td class="utrecht-table__cell rt-getal">{{ r.voorgesteld }}</td><td class="utrecht-table__cell rt-getal">{{ r.aantal }}</td><td class="utrecht-table__cell">{% if r.vrijgesteld %}Vrijgesteld: {{ r.vrijstelling_reden }}{% endif %}{% if r.aanpassingsreden %} Aangepast: {{ r.aanpassingsreden }}{% endif %}</td><td class="utrecht-table__cell">{{ r.realisatietermijn|date:"j F Y"|default:"–" }}</td></tr>{% endfor %}"""  # noqa: E501
)


def _regels(besluit):
    return list(
        VerdeelbesluitRegel.objects.filter(verdeelbesluit=besluit)
        .select_related("gemeente__provincie")
        .order_by("gemeente__provincie__code", "gemeente__naam")
    )


def _pagina(client, besluit, **query):
    url = reverse("regietafels:verdeelbesluit", kwargs={"pk": besluit.pk})
    antwoord = client.get(url, query)
    assert antwoord.status_code == 200
    return antwoord.content.decode()


def _rijen(html):
    tabel = html.split('id="besluit-regels"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<th scope="row" class="utrecht-table__header-cell">(.*?)</th>', tabel)


def _zelfde_rijen(oud: str, html: str) -> None:
    rijen = re.findall(r"<tr .*?</tr>", oud)
    assert rijen
    for rij in rijen:
        assert rij in html


def test_rijen_gelijk_aan_de_oude_templatelus(client, cyclus, ministerie):
    client.force_login(ministerie)
    besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
    regels = _regels(besluit)
    ede = next(r for r in regels if r.gemeente.naam == "Ede")
    gemeente_vrijstellen(
        regel=ede, vrijgesteld=True, reden="Crisis <b>nood</b>opvang & meer", door=ministerie
    )
    groot = max(regels, key=lambda r: r.indicatief_aantal)
    regel_aanpassen(regel=groot, aantal=12345, reden='Bezwaar "gegrond"', door=ministerie)
    for bewerkbaar in (True, False):
        regels = _regels(besluit)
        oud = OUDE_LUS.render(
            Context({"regels": regels, "besluit": besluit, "bewerkbaar": bewerkbaar})
        )
        if bewerkbaar:  # the page of a concept is editable for the ministry
            nieuw = _pagina(client, besluit)
            _zelfde_rijen(oud, nieuw)
            assert "12.345" in nieuw and "&lt;b&gt;nood&lt;/b&gt;" in nieuw
    verdeelbesluit_vaststellen(
        verdeelbesluit=besluit, besluitdatum=dt.date(2026, 9, 1), door=ministerie
    )
    regels = _regels(besluit)
    oud = OUDE_LUS.render(Context({"regels": regels, "besluit": besluit, "bewerkbaar": False}))
    nieuw = _pagina(client, besluit)
    _zelfde_rijen(oud, nieuw)
    assert "1 maart 2027" in nieuw


def test_pagina_actueel_na_elke_wijziging(client, cyclus, ministerie):
    besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
    client.force_login(ministerie)
    for _ in range(3):  # the third request is answered from the cache
        html = _pagina(client, besluit)
    assert len(_rijen(html)) == 342
    assert 'href="/regietafels/verdeelbesluit/' in _rijen(html)[0]  # concept: rows are links
    ede = VerdeelbesluitRegel.objects.get(verdeelbesluit=besluit, gemeente__naam="Ede")
    gemeente_vrijstellen(regel=ede, vrijgesteld=True, reden="Crisisnoodopvang", door=ministerie)
    assert "Vrijgesteld: Crisisnoodopvang" in _pagina(client, besluit)
    verdeelbesluit_vaststellen(
        verdeelbesluit=besluit, besluitdatum=dt.date(2026, 9, 1), door=ministerie
    )
    html = _pagina(client, besluit)
    assert "<a " not in _rijen(html)[0]  # fixed: no longer editable
    assert "1 maart 2027" in html
    assert "Nieuwe versie maken" in html


def test_filter_en_toegang_per_provincie(client, cyclus, ministerie, prt_gelderland):
    besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
    verdeelbesluit_vaststellen(
        verdeelbesluit=besluit, besluitdatum=dt.date(2026, 9, 1), door=ministerie
    )
    client.force_login(ministerie)
    _pagina(client, besluit)
    html = _pagina(client, besluit, provincie="gelderland")
    assert len(_rijen(html)) == 51
    # the filter keeps offering every province while one is chosen
    assert html.count("<option value=") == 13
    assert '<option value="gelderland" selected>' in html

    # the PRT secretary sees only Gelderland, whatever the ministry's requests left in the cache
    client.force_login(prt_gelderland)
    for _ in range(2):
        html = _pagina(client, besluit)
    assert len(_rijen(html)) == 51
    assert "Zaanstad" not in html and "Arnhem" in html


def test_realisatiepagina_actueel_en_per_provincie(
    client, cyclus, ministerie, prt_gelderland, gemeente_arnhem
):
    from regietafels.services import realisatie_melden

    besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
    verdeelbesluit_vaststellen(
        verdeelbesluit=besluit, besluitdatum=dt.date(2026, 9, 1), door=ministerie
    )
    url = reverse("regietafels:realisatie") + f"?cyclus={cyclus.jaar}"
    client.force_login(ministerie)
    for _ in range(3):
        html = client.get(url).content.decode()
    gemeenten = html.split('id="realisatie-gemeenten"', 1)[1]
    assert gemeenten.count('<th scope="row"') == 342
    # "---------" and the 342 gemeenten; the location choice's "geen locatie" (no locations here)
    assert html.count('<option value="') == 344
    arnhem = VerdeelbesluitRegel.objects.get(verdeelbesluit=besluit, gemeente__naam="Arnhem")
    rij = f'<th scope="row" class="utrecht-table__header-cell">Arnhem</th><td class="utrecht-table__cell rt-getal">{arnhem.aantal}</td><td class="utrecht-table__cell rt-getal">0</td>'  # noqa: E501
    assert rij in html

    realisatie_melden(
        gemeente=gemeente_arnhem.gemeente,
        cyclus=cyclus,
        datum=dt.date(2026, 9, 20),
        aantal=7,
        door=ministerie,
    )
    html = client.get(url).content.decode()
    assert rij.replace(">0</td>", ">7</td>") in html

    client.force_login(prt_gelderland)
    for _ in range(2):
        html = client.get(url).content.decode()
    gemeenten = html.split('id="realisatie-gemeenten"', 1)[1]
    assert gemeenten.count('<th scope="row"') == 51
    assert html.count('<option value="') == 53
    assert "Zaanstad" not in html


@pytest.mark.django_db
def test_mijlpalen_die_bereikt_zijn_heten_niet_verstreken(
    client, cyclus, verslag_gelderland, prt_gelderland, ministerie
):
    """The raming milestone (1 February) passed, but the raming was published (late, on
    26 February): the regietafel page says so instead of "verstreken"."""
    import time_machine

    from raming.models import Mijlpaal
    from regietafels.services import verslag_indienen

    Mijlpaal.objects.create(
        cyclus=cyclus,
        soort=Mijlpaal.Soort.RAMING,
        oorspronkelijke_datum=dt.date(2026, 2, 1),
        datum=dt.date(2026, 2, 1),
    )
    url = reverse("regietafels:regietafel", kwargs={"slug": "gelderland"})
    client.force_login(prt_gelderland)
    with time_machine.travel(dt.datetime(2026, 10, 1, 10, tzinfo=dt.UTC)):
        html = client.get(url).content.decode()
        assert "gepubliceerd op 26 februari 2026" in html
        assert "verstreken" not in html
        assert ">31</td>" in html  # the verslag deadline, 1 November, is 31 days ahead
    with time_machine.travel(dt.datetime(2026, 11, 5, 10, tzinfo=dt.UTC)):
        assert "verstreken (-4)" in client.get(url).content.decode()  # not submitted: overdue
        verslag_indienen(verslag=verslag_gelderland, door=prt_gelderland)
        html = client.get(url).content.decode()
        assert "ingediend" in html and "verstreken" not in html
