"""Races on PostgreSQL: two requests at the same moment, each on its own connection."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from uitruil import services
from uitruil.models import Richting, Taak, Uitruil

from .helpers import rij, zaanstad_purmerend

pytestmark = pytest.mark.django_db(transaction=True)


def gelijktijdig(*acties):
    """Run each action in its own thread, released together by a barrier.

    Returns the outcome per action: "ok" or the refusal message."""
    barrier = threading.Barrier(len(acties))
    uitkomsten: list[str | None] = [None] * len(acties)

    def draai(i, actie):
        try:
            barrier.wait(timeout=10)
            actie()
            uitkomsten[i] = "ok"
        except ValidationError as exc:
            uitkomsten[i] = " ".join(exc.messages)
        finally:
            connection.close()

    threads = [threading.Thread(target=draai, args=(i, a)) for i, a in enumerate(acties)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return uitkomsten


def _stappen(u):
    return list(u.stappen.order_by("versie").values_list("versie", "soort"))


def test_twee_partijen_accepteren_tegelijk(cyclus, amsterdam, haarlem):
    from tests.factories import GebruikerFactory

    from .conftest import gemeente

    haarlemmermeer = GebruikerFactory(
        username="t-gemeente-haarlemmermeer", rol="gemeente", gemeente=gemeente("Haarlemmermeer")
    )
    u = services.voorstellen(
        door=amsterdam,
        cyclus=cyclus,
        partijen=[
            rij("Amsterdam", Taak.ASIELOPVANG, Richting.NEEMT_OP, 1200),
            rij("Haarlem", Taak.STATUSHOUDERS, Richting.NEEMT_OP, 600),
            rij("Haarlemmermeer", Taak.STATUSHOUDERS, Richting.NEEMT_OP, 600),
        ],
        motivatie="1200 asielopvang tegen 1200 statushouders",
    )
    uitkomsten = gelijktijdig(
        lambda: services.accepteren(uitruil=u, door=haarlem),
        lambda: services.accepteren(uitruil=u, door=haarlemmermeer),
    )
    assert uitkomsten == ["ok", "ok"]
    u.refresh_from_db()
    # Without the row lock each would see the other still open and the status would stay
    # "voorgesteld" with every party agreeing.
    assert u.status == Uitruil.Status.GEACCEPTEERD
    assert u.versie == 3
    assert _stappen(u) == [(1, "voorgesteld"), (2, "geaccepteerd"), (3, "geaccepteerd")]


def test_accepteren_tegen_intrekken(cyclus, zaanstad, purmerend):
    u = zaanstad_purmerend(cyclus, zaanstad)
    uitkomsten = gelijktijdig(
        lambda: services.accepteren(uitruil=u, door=purmerend),
        lambda: services.intrekken(uitruil=u, door=zaanstad, reden="Locatie valt af"),
    )
    u.refresh_from_db()
    assert u.status == Uitruil.Status.INGETROKKEN
    if uitkomsten[0] == "ok":
        # accepted first, then withdrawn (allowed before confirmation)
        assert _stappen(u) == [(1, "voorgesteld"), (2, "geaccepteerd"), (3, "ingetrokken")]
    else:
        assert "intrekken" not in uitkomsten[0] and "reageren kan niet meer" in uitkomsten[0]
        assert _stappen(u) == [(1, "voorgesteld"), (2, "ingetrokken")]
        assert u.partijen.filter(instemming="open").exists()
    assert uitkomsten[1] == "ok"


def test_bevestigen_tegen_intrekken_een_wint(cyclus, zaanstad, purmerend, prt_noord_holland):
    u = zaanstad_purmerend(cyclus, zaanstad)
    services.accepteren(uitruil=u, door=purmerend)
    uitkomsten = gelijktijdig(
        lambda: services.bevestigen(uitruil=u, door=prt_noord_holland),
        lambda: services.intrekken(uitruil=u, door=purmerend),
    )
    assert sorted(x == "ok" for x in uitkomsten) == [False, True]
    u.refresh_from_db()
    if uitkomsten[0] == "ok":
        assert u.status == Uitruil.Status.BEVESTIGD
        assert "intrekken kan niet meer" in uitkomsten[1]
    else:
        assert u.status == Uitruil.Status.INGETROKKEN
        assert "alle partijen" in uitkomsten[0]
    assert u.versie == 3 and len(_stappen(u)) == 3


def test_twee_bevestigingen_die_samen_negatief_maken(
    cyclus, zaanstad, purmerend, prt_noord_holland
):
    """Each alone fits Purmerend's 400 places; together (600) they do not."""
    eerste = zaanstad_purmerend(cyclus, zaanstad, aantal=300)
    tweede = zaanstad_purmerend(cyclus, zaanstad, aantal=300)
    for u in (eerste, tweede):
        services.accepteren(uitruil=u, door=purmerend)
    uitkomsten = gelijktijdig(
        lambda: services.bevestigen(uitruil=eerste, door=prt_noord_holland),
        lambda: services.bevestigen(uitruil=tweede, door=prt_noord_holland),
    )
    assert sorted(x == "ok" for x in uitkomsten) == [False, True]
    assert any("negatief aantal asielopvangplekken" in x for x in uitkomsten)
    assert Uitruil.objects.filter(status=Uitruil.Status.BEVESTIGD).count() == 1


def test_gelijktijdige_verzoeken_via_de_paginas(cyclus, zaanstad, purmerend):
    """Accept and withdraw as two real HTTP requests through the whole view stack."""
    from django.test import Client
    from django.urls import reverse

    u = zaanstad_purmerend(cyclus, zaanstad)
    clients = []
    for user in (purmerend, zaanstad):
        client = Client()
        client.force_login(user)
        clients.append(client)
    antwoorden = []

    def post(client, actie):
        def _():
            antwoorden.append(
                client.post(reverse("uitruil:actie", args=[u.pk, actie]), follow=True)
            )

        return _

    uitkomsten = gelijktijdig(post(clients[0], "accepteren"), post(clients[1], "intrekken"))
    assert uitkomsten == ["ok", "ok"]
    assert all(a.status_code == 200 for a in antwoorden)
    u.refresh_from_db()
    assert u.status == Uitruil.Status.INGETROKKEN
    stappen = _stappen(u)
    assert stappen[-1] == (len(stappen), "ingetrokken")
    assert [v for v, _ in stappen] == list(range(1, len(stappen) + 1))
