"""The ministry's list cut to its first terms (``eerste_termijnen``): the same terms in the same
order as cutting the whole sorted list, with the same counts, and the paginated pages and API
that read only up to the page asked for."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from herinneringen.termijnen import (
    MINISTERIE_SOORTEN,
    TOEZICHT_SOORTEN,
    Soort,
    eerste_termijnen,
    eigen_en_toezicht,
    open_termijnen,
    sorteer,
    voor_ministerie,
)
from herinneringen.views import PER_PAGINA
from raming.models import Gemeente
from uitruil.models import Uitruil, UitruilPartij

from . import test_querybudget
from .test_querybudget import uitruilen_maken

volle_cyclus = test_querybudget.volle_cyclus


@pytest.fixture(autouse=True)
def _zonder_gegevenscache(zonder_cache):
    """Compare what is computed, not what was kept."""


def _volledig(vandaag, soorten=None):
    # what the ministry sees: every open term, an overdue verslag once
    alles = sorteer(voor_ministerie(open_termijnen(vandaag=vandaag)), vandaag, te_laat_eerst=True)
    return [t for t in alles if soorten is None or t.soort in soorten]


def _gelijk(gesneden, volledig):
    return [(t.sleutel, t.titel, t.datum, t.sinds, t.pad) for t in gesneden] == [
        (t.sleutel, t.titel, t.datum, t.sinds, t.pad) for t in volledig
    ]


@pytest.fixture
def veel_uitruilen(volle_cyclus, ministerie):
    """Exchanges whose terms tie on the day and on the title (same proposer and gemeente on
    one day), a gemeente with two rows in one exchange, and exchanges on other days."""
    uitruilen_maken(volle_cyclus, ministerie, 30)
    uitruil = Uitruil.objects.filter(status="voorgesteld").order_by("pk").first()
    open_ = uitruil.partijen.get(instemming="open")
    UitruilPartij.objects.create(
        uitruil=uitruil,
        gemeente=open_.gemeente,
        taak="asielopvang",
        richting="geeft_af",
        aantal=5,
        instemming="open",
    )
    # Another gemeente answering in the same exchange.
    UitruilPartij.objects.create(
        uitruil=uitruil,
        gemeente=Gemeente.objects.exclude(pk__in=uitruil.partijen.values("gemeente_id")).first(),
        taak="amv",
        richting="neemt_op",
        aantal=5,
        instemming="open",
    )
    nu = timezone.now()
    for n, pk in enumerate(Uitruil.objects.order_by("pk").values_list("pk", flat=True)[:12]):
        Uitruil.objects.filter(pk=pk).update(
            voorgesteld_op=nu - dt.timedelta(days=n % 4, hours=n),
            gewijzigd_op=nu - dt.timedelta(days=n % 3, hours=n),
        )
    return volle_cyclus


@pytest.mark.django_db
@pytest.mark.parametrize("tot", [1, 2, 5, 7, 20, 50, 500])
def test_eerste_gelijk_aan_begin_van_alles(veel_uitruilen, tot):
    vandaag = timezone.localdate()
    volledig = _volledig(vandaag)
    assert len(volledig) > 30
    gesneden = eerste_termijnen(tot=tot, vandaag=vandaag)
    assert _gelijk(gesneden.eerste, volledig[:tot])
    assert gesneden.aantal == len(volledig)
    assert gesneden.aantal_te_laat == sum(1 for t in volledig if t.te_laat(vandaag))


@pytest.mark.django_db
def test_eerste_met_te_late_termijnen_en_later(veel_uitruilen):
    """Later in time the verslag terms are overdue and come first."""
    vandaag = timezone.localdate() + dt.timedelta(days=40)
    volledig = _volledig(vandaag)
    assert any(t.te_laat(vandaag) for t in volledig)
    for tot in (3, 30, 100):
        gesneden = eerste_termijnen(tot=tot, vandaag=vandaag)
        assert _gelijk(gesneden.eerste, volledig[:tot])
        assert gesneden.aantal == len(volledig)
        assert gesneden.aantal_te_laat == sum(1 for t in volledig if t.te_laat(vandaag))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "soort", [Soort.UITRUIL_ANTWOORD, Soort.UITRUIL_BEVESTIGING, Soort.VERSLAG, "onbekend"]
)
def test_eerste_van_een_soort(veel_uitruilen, soort):
    vandaag = timezone.localdate()
    volledig = _volledig(vandaag, {soort})
    gesneden = eerste_termijnen(tot=4, vandaag=vandaag, soorten=frozenset({soort}))
    assert _gelijk(gesneden.eerste, volledig[:4])
    assert gesneden.aantal == len(volledig)


def _waarde(antwoord, naam):
    """A value of the page's context; the tables' values are computed when the fragment is
    drawn (``core.fragmenten.lui``: a callable)."""
    waarde = antwoord.context[naam]
    return waarde() if callable(waarde) else waarde


@pytest.mark.django_db
def test_paginas_samen_de_hele_lijst(client, veel_uitruilen, ministerie, coa):
    vandaag = timezone.localdate()
    volledig = _volledig(vandaag)
    uitruilen_maken(veel_uitruilen, ministerie, 60, begin=30)
    volledig = _volledig(vandaag)
    assert len(volledig) > PER_PAGINA
    client.force_login(coa)
    gezien = []
    pagina = 1
    while True:
        antwoord = client.get("/termijnen/alle/", {"pagina": pagina, "soort": "x"})
        assert antwoord.status_code == 200
        regels = _waarde(antwoord, "regels")
        gezien += [r["termijn"] for r in regels]
        inhoud = antwoord.content.decode()
        assert '<nav class="rt-paginering" aria-label="Paginering alle openstaande termijnen">' in (
            inhoud
        )
        huidig = re.search(r'aria-current="page" href="([^"]*)"', inhoud).group(1)
        assert set(huidig.lstrip("?").split("&amp;")) == {f"pagina={pagina}", "soort=x"}
        if not _waarde(antwoord, "pagina").has_next():
            break
        assert f'rel="next" href="?pagina={pagina + 1}&amp;soort=x"' in inhoud  # keeps filter
        pagina += 1
    assert pagina == (len(volledig) + PER_PAGINA - 1) // PER_PAGINA
    assert _gelijk(gezien, volledig)
    # A page past the end shows the last page; a page that is no number the first.
    laatste = _waarde(client.get("/termijnen/alle/", {"pagina": 999}), "pagina")
    assert laatste.number == pagina
    assert _waarde(client.get("/termijnen/alle/?pagina=x"), "pagina").number == 1
    assert _waarde(client.get("/termijnen/alle/?pagina=" + "9" * 30), "pagina").number == pagina


@pytest.mark.django_db
def test_mijn_termijnen_ministerie_eigen_en_van_anderen(client, veel_uitruilen, ministerie):
    """The ministry's own terms on "Mijn termijnen"; the exchange terms of the gemeenten and
    PRTs below them as "Termijnen van anderen" (the first ten), all of them paginated on
    ``/termijnen/alle/?van=anderen``."""
    uitruilen_maken(veel_uitruilen, ministerie, 60, begin=30)
    vandaag = timezone.localdate()
    eigen = _volledig(vandaag, MINISTERIE_SOORTEN)
    anderen = _volledig(vandaag, TOEZICHT_SOORTEN)
    assert len(anderen) > 2 * PER_PAGINA
    client.force_login(ministerie)
    antwoord = client.get("/termijnen/")
    assert _gelijk([r["termijn"] for r in _waarde(antwoord, "regels")], eigen[:PER_PAGINA])
    toezicht = _waarde(antwoord, "anderen")
    assert _gelijk([r["termijn"] for r in toezicht["regels"]], anderen[:10])
    assert toezicht["aantal"] == len(anderen)
    html = antwoord.content.decode()
    kop = html.index(">Termijnen van anderen</h2>")
    assert html.index("Uitruilvoorstel van") > kop  # no exchange term among its own
    assert f"Alle {len(anderen)} termijnen van anderen" in html

    antwoord = client.get("/termijnen/alle/", {"van": "anderen", "pagina": 2})
    regels = [r["termijn"] for r in _waarde(antwoord, "regels")]
    assert _gelijk(regels, anderen[PER_PAGINA : 2 * PER_PAGINA])
    html = antwoord.content.decode()
    assert '<h1 class="utrecht-heading-1">Termijnen van anderen</h1>' in html
    assert f"van {len(anderen)}" in html
    assert 'rel="next" href="?van=anderen&amp;pagina=3"' in html


@pytest.mark.django_db
def test_api_ministerie_pagina_gelijk_aan_alles(client, veel_uitruilen, ministerie):
    vandaag = timezone.localdate()
    volledig = _volledig(vandaag)
    client.force_login(ministerie)
    laatste = (len(volledig) + 9) // 10
    for query, nummer, grootte in (
        ("?page=2&page_size=7", 2, 7),
        ("?page=1&page_size=3", 1, 3),
        ("?page=last&page_size=10", laatste, 10),
        ("", 1, 50),
    ):
        data = client.get(f"/api/v1/termijnen/{query}").json()
        assert data["count"] == len(volledig)
        verwacht = volledig[(nummer - 1) * grootte : nummer * grootte]
        assert [r["sleutel"] for r in data["results"]] == [t.sleutel for t in verwacht]
    assert client.get("/api/v1/termijnen/?page=" + "9" * 30).status_code == 404
    soort = client.get("/api/v1/termijnen/?soort=uitruil-antwoord&page_size=5").json()
    antwoorden = [t for t in volledig if t.soort == Soort.UITRUIL_ANTWOORD]
    assert soort["count"] == len(antwoorden)
    assert [r["sleutel"] for r in soort["results"]] == [t.sleutel for t in antwoorden[:5]]


def test_elke_soort_is_van_het_ministerie_of_van_anderen():
    for soort in Soort.LABELS:
        plaatsen = [soort in MINISTERIE_SOORTEN, soort in TOEZICHT_SOORTEN]
        if soort in (Soort.BEZWAAR_BESLISSING, Soort.BEZWAARTERMIJN):
            assert plaatsen == [False, False]  # not shown to the ministry (voor_ministerie)
        else:
            assert plaatsen.count(True) == 1, soort


@pytest.mark.django_db
def test_eigen_termijnen_zijn_die_waarvan_het_ministerie_ontvanger_is(veel_uitruilen, ministerie):
    vandaag = timezone.localdate()
    termijnen = voor_ministerie(open_termijnen(vandaag=vandaag))
    assert {t.soort for t in termijnen} >= {Soort.VERSLAG, Soort.UITRUIL_ANTWOORD}
    for t in termijnen:
        assert (ministerie.pk in t.ontvangers) == (t.soort in MINISTERIE_SOORTEN), t.titel


@pytest.mark.django_db
def test_startpagina_ministerie_eigen_termijnen_en_toezicht(client, veel_uitruilen, ministerie):
    vandaag = timezone.localdate()
    anderen = _volledig(vandaag, TOEZICHT_SOORTEN)
    client.force_login(ministerie)
    html = client.get("/").content.decode()
    paneel = html.split("Eerstvolgende termijnen", 1)[1]
    eigen = paneel.split("Voor het toezicht", 1)[0]
    assert "Uitruilvoorstel van" not in eigen and "indienen" not in eigen
    assert f"termijnen van anderen ({len(anderen)})</a>" in paneel
    assert 'href="/termijnen/alle/?van=anderen"' in paneel


@pytest.mark.django_db
@pytest.mark.parametrize(("eigen", "anderen"), [(5, 0), (50, 10), (3, 40)])
def test_eigen_en_toezicht_in_een_keer(veel_uitruilen, eigen, anderen):
    vandaag = timezone.localdate()
    samen = eigen_en_toezicht(vandaag=vandaag, eigen=eigen, anderen=anderen)
    for overzicht, soorten, tot in (
        (samen[0], MINISTERIE_SOORTEN, eigen),
        (samen[1], TOEZICHT_SOORTEN, anderen),
    ):
        volledig = _volledig(vandaag, soorten)
        assert _gelijk(overzicht.eerste, volledig[:tot])
        assert overzicht.aantal == len(volledig)
        assert overzicht.aantal_te_laat == sum(1 for t in volledig if t.te_laat(vandaag))
