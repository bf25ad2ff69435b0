"""The security log: what is recorded, read-only for ministry, append-only in the database."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from core.audit import log_export
from core.audit.db import history_tabellen
from core.audit.models import Beveiligingsgebeurtenis, Soort
from core.audit.services import log_gebeurtenis
from tests.factories import GebruikerFactory, GemeenteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def gebeurtenis(prt_gelderland):
    return log_gebeurtenis(soort=Soort.INLOG, gebruiker=prt_gelderland)


def test_trigger_weigert_update_en_delete(gebeurtenis):
    for sql in (
        "UPDATE audit_beveiligingsgebeurtenis SET gebruikersnaam = 'iemand-anders'",
        "DELETE FROM audit_beveiligingsgebeurtenis",
    ):
        with pytest.raises(DatabaseError, match="niet toegestaan"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql)
    gebeurtenis.refresh_from_db()
    assert gebeurtenis.gebruikersnaam == "t-prt-gelderland"
    # inserting still works
    assert log_gebeurtenis(soort=Soort.UITLOG, gebruiker=None) is not None


def test_applicatie_kan_niet_wijzigen_of_verwijderen(gebeurtenis):
    with pytest.raises(TypeError):
        gebeurtenis.save()
    with pytest.raises(TypeError):
        gebeurtenis.delete()
    with pytest.raises(TypeError):
        Beveiligingsgebeurtenis.objects.all().delete()
    with pytest.raises(TypeError):
        Beveiligingsgebeurtenis.objects.update(soort=Soort.UITLOG)


def test_gebruiker_verwijderen_laat_log_staan(gebeurtenis, prt_gelderland):
    prt_gelderland.delete()
    gebeurtenis.refresh_from_db()
    assert gebeurtenis.gebruikersnaam == "t-prt-gelderland"


def test_history_tabellen_zijn_alleen_toevoegen(ministerie):
    assert "raming_historicalgemeente" in history_tabellen()
    gemeente = GemeenteFactory()
    gemeente.naam = "Nieuwe naam"
    gemeente.save()
    rij = gemeente.history.latest()
    for sql in (
        "UPDATE raming_historicalgemeente SET naam = 'vervalst'",
        "DELETE FROM raming_historicalgemeente",
    ):
        with pytest.raises(DatabaseError, match="niet toegestaan"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql)
    assert gemeente.history.count() == 2
    assert rij.naam == "Nieuwe naam"


def test_history_gebruiker_verwijderen_mag_wel():
    # simple_history sets history_user to NULL when a user is removed: that update is allowed,
    # the recorded change itself stays
    gebruiker = GebruikerFactory(username="tijdelijk")
    gemeente = GemeenteFactory.build()
    gemeente._history_user = gebruiker
    gemeente.save()
    assert gemeente.history.latest().history_user_id == gebruiker.pk
    gebruiker.delete()
    historisch = gemeente.history.latest()
    assert historisch.history_user_id is None
    assert historisch.naam == gemeente.naam


def test_beheer_alleen_lezen_voor_ministerie(client, ministerie, prt_gelderland, gebeurtenis):
    client.force_login(ministerie)
    lijst = client.get("/beheer/audit/beveiligingsgebeurtenis/")
    assert lijst.status_code == 200
    assert "t-prt-gelderland" in lijst.content.decode()
    detail = client.get(f"/beheer/audit/beveiligingsgebeurtenis/{gebeurtenis.pk}/change/")
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    assert client.get("/beheer/audit/beveiligingsgebeurtenis/add/").status_code == 403
    verwijderen = f"/beheer/audit/beveiligingsgebeurtenis/{gebeurtenis.pk}/delete/"
    assert client.post(verwijderen, {"post": "yes"}).status_code == 403
    assert Beveiligingsgebeurtenis.objects.filter(pk=gebeurtenis.pk).exists()

    client.force_login(prt_gelderland)
    assert client.get("/beheer/audit/beveiligingsgebeurtenis/").status_code == 403


def test_tokens_en_weigeringen_en_exports_worden_gelogd(client, prt_gelderland, ministerie):
    client.force_login(prt_gelderland)
    client.post("/account/token/aanmaken/")
    client.post("/account/token/intrekken/")
    client.get("/beheer/")  # 403 for a PRT secretary

    request = RequestFactory().get("/export/")
    request.user = prt_gelderland
    log_export(request, "verslagen (xlsx)", aantal=3)

    rijen = Beveiligingsgebeurtenis.objects.filter(gebruikersnaam=prt_gelderland.username)
    soorten = list(rijen.order_by("id").values_list("soort", flat=True))
    assert soorten[-4:] == [
        Soort.TOKEN_AANGEMAAKT,
        Soort.TOKEN_INGETROKKEN,
        Soort.TOEGANG_GEWEIGERD,
        Soort.EXPORT,
    ]
    export = rijen.get(soort=Soort.EXPORT)
    assert export.details == {"wat": "verslagen (xlsx)", "aantal": 3}
    assert rijen.get(soort=Soort.TOEGANG_GEWEIGERD).pad == "/beheer/"


def test_mislukte_inlog_gelogd_zonder_wachtwoord(client, prt_gelderland):
    client.post("/account/inloggen/", {"username": "t-prt-gelderland", "password": "raden-123"})
    rij = Beveiligingsgebeurtenis.objects.get(soort=Soort.INLOG_MISLUKT)
    assert rij.gebruikersnaam == "t-prt-gelderland"
    assert rij.ip_adres == "127.0.0.1"
    assert "raden-123" not in str(rij.details)


def test_export_van_het_log_wordt_zelf_gelogd(client, ministerie, gebeurtenis):
    client.force_login(ministerie)
    response = client.post(
        "/beheer/audit/beveiligingsgebeurtenis/",
        {"action": "exporteren_csv", "_selected_action": [gebeurtenis.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "t-prt-gelderland" in response.content.decode()
    export = Beveiligingsgebeurtenis.objects.get(soort=Soort.EXPORT)
    assert export.gebruikersnaam == ministerie.username
    assert export.details == {"wat": "beveiligingslog (csv)", "aantal": 1}


def test_export_zonder_formules(client, ministerie):
    kwaad = log_gebeurtenis(soort=Soort.INLOG_MISLUKT, gebruikersnaam="=HYPERLINK(1)")
    client.force_login(ministerie)
    response = client.post(
        "/beheer/audit/beveiligingsgebeurtenis/",
        {"action": "exporteren_csv", "_selected_action": [kwaad.pk]},
    )
    regel = response.content.decode().splitlines()[1]
    assert ";'=HYPERLINK(1);" in regel
