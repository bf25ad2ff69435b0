"""Withdrawing a bezwaar: the party that lodged it (or the ministry recording a withdrawal it
received), with a reason and a confirmation page; its terms stop, the history keeps it, the
API takes the same action."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from accounts.rechten import GeenToegang
from bezwaar import services
from bezwaar.models import Bezwaar
from bezwaar.selectors import open_beslistermijnen
from meldingen import opdrachten
from meldingen.models import Melding

from .conftest import op

D = dt.date
pytestmark = pytest.mark.django_db


BINNEN_DE_TERMIJN = D(2025, 1, 20)


def _indienen(regel, door, datum=BINNEN_DE_TERMIJN):
    with op(datum):
        return services.bezwaar_indienen(regel=regel, gronden="Te hoog.", door=door)


def test_gemeente_trekt_het_eigen_bezwaar_in_en_de_termijnen_stoppen(
    arnhem_regel, gemeente_arnhem, prt_gelderland, ministerie
):
    bezwaar = _indienen(arnhem_regel, gemeente_arnhem)
    assert [t.bezwaar_id for t in open_beslistermijnen()] == [bezwaar.pk]
    with op(D(2025, 2, 3)), pytest.raises(ValidationError) as fout:
        services.bezwaar_intrekken(bezwaar=bezwaar, reden="  ", door=gemeente_arnhem)
    assert "reden van de intrekking" in str(fout.value)
    with op(D(2025, 2, 3)):
        # the indiener withdraws today, whatever date it passes
        services.bezwaar_intrekken(
            bezwaar=bezwaar,
            reden="Overeenstemming bereikt met de regietafel.",
            ingetrokken_op=D(2025, 1, 25),
            door=gemeente_arnhem,
        )
    bezwaar.refresh_from_db()
    assert bezwaar.status == Bezwaar.Status.INGETROKKEN
    assert bezwaar.ingetrokken_op == D(2025, 2, 3)
    assert bezwaar.ingetrokken_door == gemeente_arnhem
    assert bezwaar.intrekking_reden == "Overeenstemming bereikt met de regietafel."
    assert open_beslistermijnen() == []
    opdrachten.alles_uitvoeren()  # the worker, after commit
    laatste = bezwaar.history.order_by("-history_date").first()
    assert laatste.status == "ingetrokken" and laatste.history_user == gemeente_arnhem
    ontvangers = set(
        Melding.objects.filter(soort="bezwaar_ingetrokken").values_list(
            "ontvanger__username", flat=True
        )
    )
    assert ontvangers == {prt_gelderland.username, ministerie.username}
    # nothing more happens to it: no second withdrawal, no decision, no treatment step
    with op(D(2025, 2, 4)):
        with pytest.raises(ValidationError, match="ingetrokken"):
            services.bezwaar_intrekken(bezwaar=bezwaar, reden="r", door=gemeente_arnhem)
        with pytest.raises(ValidationError, match="ingetrokken"):
            services.beslissen(
                bezwaar=bezwaar, uitkomst="ongegrond", motivering="m", door=ministerie
            )
        with pytest.raises(ValidationError, match="ingetrokken"):
            services.verdagen(bezwaar=bezwaar, reden="r", door=ministerie)


def test_alleen_de_indiener_of_het_ministerie(
    arnhem_regel, gemeente_arnhem, gemeente_nijmegen, prt_gelderland, coa, ministerie
):
    van_gemeente = _indienen(arnhem_regel, gemeente_arnhem)
    # the province did not lodge it: its PRT secretary cannot withdraw it
    with op(D(2025, 2, 3)), pytest.raises(ValidationError) as fout:
        services.bezwaar_intrekken(bezwaar=van_gemeente, reden="r", door=prt_gelderland)
    assert "Alleen de indiener (Gemeente Arnhem)" in str(fout.value)
    for wie in (gemeente_nijmegen, coa):
        with op(D(2025, 2, 3)), pytest.raises(GeenToegang):
            services.bezwaar_intrekken(bezwaar=van_gemeente, reden="r", door=wie)
    van_provincie = _indienen(arnhem_regel, prt_gelderland)
    with op(D(2025, 2, 3)), pytest.raises(ValidationError):
        services.bezwaar_intrekken(bezwaar=van_provincie, reden="r", door=gemeente_arnhem)
    with op(D(2025, 2, 3)):
        services.bezwaar_intrekken(bezwaar=van_provincie, reden="r", door=prt_gelderland)
        # the ministry records a withdrawal received by post, with the day of receipt
        with pytest.raises(ValidationError, match="vóór de ontvangst"):
            services.bezwaar_intrekken(
                bezwaar=van_gemeente, reden="Brief", ingetrokken_op=D(2025, 1, 2), door=ministerie
            )
        services.bezwaar_intrekken(
            bezwaar=van_gemeente,
            reden="Brief van het college.",
            ingetrokken_op=D(2025, 1, 30),
            door=ministerie,
        )
    van_gemeente.refresh_from_db()
    assert van_gemeente.ingetrokken_op == D(2025, 1, 30)
    assert Bezwaar.objects.filter(status="ingetrokken").count() == 2


def test_intrekken_in_de_paginas_na_bevestiging(client, arnhem_regel, gemeente_arnhem):
    bezwaar = _indienen(arnhem_regel, gemeente_arnhem)
    client.force_login(gemeente_arnhem)
    url = f"/bezwaar/{bezwaar.pk}/intrekken/"
    with op(D(2025, 2, 3)):
        assert url in client.get(f"/bezwaar/{bezwaar.pk}/").content.decode()
        leeg = client.post(url, {"reden": ""})
        assert leeg.status_code == 400
        assert "Controleer de intrekking" not in leeg.content.decode()
        controle = client.post(url, {"reden": "Overeenstemming bereikt."})
        html = controle.content.decode()
        assert controle.status_code == 200 and "Controleer de intrekking" in html
        assert "De beslistermijn (nu tot en met 17 maart 2025) vervalt" in html
        bezwaar.refresh_from_db()
        assert bezwaar.status == Bezwaar.Status.IN_BEHANDELING  # not yet: only checked
        klaar = client.post(url, {"reden": "Overeenstemming bereikt.", "bevestigd": "1"})
        assert klaar.status_code == 302
        detail = client.get(f"/bezwaar/{bezwaar.pk}/").content.decode()
    assert "Ingetrokken" in detail and "Overeenstemming bereikt." in detail
    assert "vervallen door de intrekking op 3 februari 2025" in detail
    assert url not in detail


def test_intrekken_door_de_api(client, arnhem_regel, gemeente_arnhem, prt_gelderland):
    bezwaar = _indienen(arnhem_regel, gemeente_arnhem)
    url = f"/api/v1/bezwaren/{bezwaar.pk}/intrekken/"
    with op(D(2025, 2, 3)):
        client.force_login(prt_gelderland)
        geweigerd = client.post(url, {"reden": "r"}, content_type="application/json")
        assert geweigerd.status_code == 400
        client.force_login(gemeente_arnhem)
        assert client.post(url, {}, content_type="application/json").status_code == 400
        antwoord = client.post(url, {"reden": "Ingetrokken."}, content_type="application/json")
    assert antwoord.status_code == 200, antwoord.content
    assert antwoord.json()["status"] == "ingetrokken"
    assert antwoord.json()["ingetrokken_op"] == "2025-02-03"
