"""Query budgets of the home page of every role, the term pages, the verslag page and the
insight page: at most 15 queries with realistic data, and the same number with more rows."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from herinneringen.termijnen import MINISTERIE_SOORTEN, overzicht_voor, termijnen_voor
from raming.models import (
    Gemeente,
    GemeenteVerdeling,
    Mijlpaal,
    ProvincieVerdeling,
    Raming,
    Wetscyclus,
)
from regietafels.models import Regietafel, Verslag, VerslagRegel
from tests.rediscache import geen_cache
from uitruil.models import Uitruil, UitruilPartij

BUDGET = 15  # the header's unread-notice count included (computed afresh here)


@pytest.fixture
def volle_cyclus(gemeenten, ministerie):
    """The current cycle with milestones, a published raming of all gemeenten and a verslag
    with every row filled for each regietafel."""
    jaar = timezone.localdate().year
    cyclus = Wetscyclus.objects.create(jaar=jaar)
    for soort, datum in (
        (Mijlpaal.Soort.RAMING, dt.date(jaar, 2, 1)),
        (Mijlpaal.Soort.VERSLAG, timezone.localdate() + dt.timedelta(days=10)),
    ):
        Mijlpaal.objects.create(
            cyclus=cyclus, soort=soort, oorspronkelijke_datum=datum, datum=datum
        )
    raming = Raming.objects.create(
        cyclus=cyclus,
        versie=1,
        status=Raming.Status.GEPUBLICEERD,
        landelijk_aantal=34_200,
        amv_aantal=2_900,
        peildatum_inwoners=dt.date(2023, 1, 1),
        ses_jaar=2022,
        berekend_op=timezone.now(),
        vastgesteld_op=timezone.now(),
        gepubliceerd_op=dt.date(jaar, 2, 10),
    )
    alle = list(Gemeente.objects.all())
    GemeenteVerdeling.objects.bulk_create(
        GemeenteVerdeling(
            raming=raming,
            gemeente=g,
            inwoners=10_000,
            gewicht=Decimal("1.000000"),
            exact=Decimal("100.000000"),
            aantal=100,
            amv=8,
            meerjarig_beschikbaar=40,
        )
        for g in alle
    )
    per_provincie: dict[int, int] = {}
    for g in alle:
        per_provincie[g.provincie_id] = per_provincie.get(g.provincie_id, 0) + 100
    ProvincieVerdeling.objects.bulk_create(
        ProvincieVerdeling(
            raming=raming,
            provincie_id=p,
            opgave=n,
            amv=8,
            meerjarig_beschikbaar=n // 2,
            nog_te_realiseren=n - n // 2,
        )
        for p, n in per_provincie.items()
    )
    regels = []
    for regietafel in Regietafel.objects.all():
        verslag = Verslag.objects.create(regietafel=regietafel, cyclus=cyclus)
        regels += [
            VerslagRegel(
                verslag=verslag,
                gemeente=g,
                indicatief_aantal=100,
                bestaande_locaties=40,
                vastgestelde_plannen=20,
                bestuurlijke_voornemens=10,
                amv=8,
                beschikbaar_van=dt.date(jaar, 7, 1),
                beschikbaar_tot=dt.date(jaar + 3, 7, 1),
                opmerking=f"Locatie {g.naam}",
            )
            for g in alle
            if g.provincie_id == regietafel.provincie_id
        ]
    VerslagRegel.objects.bulk_create(regels)
    return cyclus


def uitruilen_maken(cyclus, door, aantal: int, *, begin: int = 0) -> None:
    """``aantal`` exchanges in Gelderland and Noord-Holland, proposed and accepted ones, each
    with an open consent of Arnhem or Zaanstad (terms for the gemeente and PRT users)."""
    gemeenten = {g.naam: g for g in Gemeente.objects.filter(naam__in=["Arnhem", "Nijmegen"])}
    gemeenten |= {g.naam: g for g in Gemeente.objects.filter(naam__in=["Zaanstad", "Purmerend"])}
    paren = [
        (gemeenten["Nijmegen"], gemeenten["Arnhem"]),
        (gemeenten["Purmerend"], gemeenten["Zaanstad"]),
    ]
    for n in range(begin, begin + aantal):
        voorsteller, ander = paren[n % 2]
        uitruil = Uitruil.objects.create(
            cyclus=cyclus,
            provincie_id=voorsteller.provincie_id,
            voorgesteld_door_gemeente=voorsteller,
            voorgesteld_door=door,
            motivatie=f"Afspraak {n}",
            status="voorgesteld" if n % 3 else "geaccepteerd",
        )
        UitruilPartij.objects.create(
            uitruil=uitruil,
            gemeente=voorsteller,
            taak="asielopvang",
            richting="neemt_op",
            aantal=10 + n,
            instemming="geaccepteerd",
        )
        UitruilPartij.objects.create(
            uitruil=uitruil,
            gemeente=ander,
            taak="statushouders",
            richting="neemt_op",
            aantal=10 + n,
            instemming="open",
        )


@pytest.fixture
def gebruikers(ministerie, coa, prt_gelderland, gemeente_arnhem):
    return {
        "ministerie": ministerie,
        "coa": coa,
        "prt-secretaris": prt_gelderland,
        "gemeente": gemeente_arnhem,
    }


def _tel(client, url) -> int:
    client.get(url)  # first request: per-process caches
    # Measured without the caches: the request reads every row it shows, which is when the
    # count could grow with the data.
    with geen_cache(), CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.get(url)
    assert antwoord.status_code == 200, (url, antwoord.status_code)
    return len(vastgelegd.captured_queries)


PAGINAS = [
    ("ministerie", "/"),
    ("coa", "/"),
    ("prt-secretaris", "/"),
    ("gemeente", "/"),
    ("ministerie", "/termijnen/"),
    ("prt-secretaris", "/termijnen/"),
    ("gemeente", "/termijnen/"),
    ("coa", "/termijnen/alle/"),
    ("ministerie", "/regietafels/gelderland/verslag/"),
    ("prt-secretaris", "/regietafels/gelderland/verslag/"),
    ("ministerie", "/inzicht/"),
]


@pytest.mark.parametrize(("rol", "url"), PAGINAS)
def test_pagina_binnen_budget_en_constant(client, volle_cyclus, gebruikers, ministerie, rol, url):
    client.force_login(gebruikers[rol])
    uitruilen_maken(volle_cyclus, ministerie, 2)
    weinig = _tel(client, url)
    uitruilen_maken(volle_cyclus, ministerie, 40, begin=2)
    veel = _tel(client, url)
    assert veel <= BUDGET, f"{rol} {url}: {veel} queries"
    assert veel == weinig, f"{rol} {url}: {weinig} queries with 2 exchanges, {veel} with 42"


@pytest.mark.parametrize("rol", ["ministerie", "coa", "prt-secretaris", "gemeente"])
def test_startpagina_max_queries(
    client, volle_cyclus, gebruikers, ministerie, rol, django_assert_max_num_queries
):
    uitruilen_maken(volle_cyclus, ministerie, 10)
    client.force_login(gebruikers[rol])
    client.get("/")
    with django_assert_max_num_queries(BUDGET):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("rol", ["ministerie", "prt-secretaris", "gemeente", "coa"])
def test_overzicht_is_begin_van_mijn_termijnen(volle_cyclus, gebruikers, ministerie, rol):
    """The home panel's short list: the first terms of "Mijn termijnen" in the same order,
    with the same counts."""
    uitruilen_maken(volle_cyclus, ministerie, 12)
    vandaag = timezone.localdate()
    user = gebruikers[rol]
    alles = termijnen_voor(user, vandaag=vandaag)
    if rol == "ministerie":
        assert alles, "the ministry sees every open term"
        # its panel: its own terms; the others' are counted beside them (toezicht)
        alles = [t for t in alles if t.soort in MINISTERIE_SOORTEN]
    overzicht = overzicht_voor(user, vandaag=vandaag, limiet=5)
    assert [t.sleutel for t in overzicht.eerste] == [t.sleutel for t in alles[:5]]
    assert [t.titel for t in overzicht.eerste] == [t.titel for t in alles[:5]]
    assert overzicht.aantal == len(alles)
    assert overzicht.aantal_te_laat == sum(1 for t in alles if t.te_laat(vandaag))


def test_eigen_termijnen_zelfde_als_gefilterd_uit_alles(volle_cyclus, gebruikers, ministerie):
    """A PRT or gemeente user reads only its own rows: the same terms as filtering every open
    term of the system by recipient."""
    from herinneringen.termijnen import open_termijnen, sorteer

    uitruilen_maken(volle_cyclus, ministerie, 12)
    vandaag = timezone.localdate()
    alle = open_termijnen(vandaag=vandaag)
    for rol in ("prt-secretaris", "gemeente"):
        user = gebruikers[rol]
        verwacht = sorteer([t for t in alle if user.pk in t.ontvangers], vandaag)
        eigen = termijnen_voor(user, vandaag=vandaag)
        assert [t.sleutel for t in eigen] == [t.sleutel for t in verwacht]
        assert [(t.titel, t.datum, t.sinds, t.pad) for t in eigen] == [
            (t.titel, t.datum, t.sinds, t.pad) for t in verwacht
        ]
        assert eigen, f"{rol} has open terms in this data"


def test_verlengingen_verschuiven_verslagtermijn(volle_cyclus, gebruikers, ministerie):
    """An extension for all regietafels moves every verslag deadline; a later one for one
    regietafel moves only that one (read in the same query as the regietafels)."""
    from herinneringen.termijnen import Soort, open_termijnen
    from regietafels.models import Termijnverlenging

    basis = volle_cyclus.mijlpalen.get(soort=Mijlpaal.Soort.VERSLAG).datum
    gelderland = Regietafel.objects.get(provincie__naam="Gelderland")
    Termijnverlenging.objects.create(
        cyclus=volle_cyclus,
        nieuwe_datum=basis + dt.timedelta(days=30),
        reden="Late raming",
        besloten_door=ministerie,
    )
    Termijnverlenging.objects.create(
        cyclus=volle_cyclus,
        regietafel=gelderland,
        nieuwe_datum=basis + dt.timedelta(days=60),
        reden="Verzoek Gelderland",
        besloten_door=ministerie,
    )
    Termijnverlenging.objects.create(
        cyclus=volle_cyclus,
        regietafel=gelderland,
        nieuwe_datum=basis + dt.timedelta(days=45),
        reden="Eerder verzoek",
        besloten_door=ministerie,
    )
    datums = {
        t.provincie_id: t.datum
        for t in open_termijnen(vandaag=timezone.localdate())
        if t.soort == Soort.VERSLAG
    }
    assert len(datums) == Regietafel.objects.count()
    assert datums.pop(gelderland.provincie_id) == basis + dt.timedelta(days=60)
    assert set(datums.values()) == {basis + dt.timedelta(days=30)}
