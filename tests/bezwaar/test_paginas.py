"""The bezwaar pages and API for each role: who sees what, who may lodge and decide, and bad
input answered with every error at once and the input kept."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bezwaar import services
from bezwaar.models import Bezwaar

from .conftest import op

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def bezwaar_arnhem(arnhem_regel, gemeente_arnhem):
    with op(D(2025, 1, 20)):
        return services.bezwaar_indienen(
            regel=arnhem_regel, gronden="Het aantal is te hoog.", door=gemeente_arnhem
        )


@pytest.mark.parametrize(
    ("wie", "lijst", "detail"),
    [
        ("ministerie", True, 200),
        ("coa", True, 200),
        ("prt_gelderland", True, 200),
        ("gemeente_arnhem", True, 200),
        ("prt_noord_holland", False, 404),
        ("gemeente_zaanstad", False, 404),
    ],
)
def test_wie_ziet_welk_bezwaar(client, request, bezwaar_arnhem, wie, lijst, detail):
    user = request.getfixturevalue(wie)
    client.force_login(user)
    antwoord = client.get("/bezwaar/")
    assert antwoord.status_code == 200
    assert (bezwaar_arnhem.kenmerk in antwoord.content.decode()) is lijst
    assert client.get(f"/bezwaar/{bezwaar_arnhem.pk}/").status_code == detail
    api = client.get("/api/v1/bezwaren/")
    assert api.status_code == 200
    assert api.json()["count"] == (1 if lijst else 0)
    assert client.get(f"/api/v1/bezwaren/{bezwaar_arnhem.pk}/").status_code == detail


@pytest.mark.parametrize(
    ("wie", "indienen", "registreren", "beslissen"),
    [
        ("ministerie", 403, 200, 200),
        ("coa", 403, 403, 403),
        ("prt_gelderland", 200, 403, 403),
        ("gemeente_arnhem", 200, 403, 403),
    ],
)
def test_wie_mag_wat(client, request, bezwaar_arnhem, wie, indienen, registreren, beslissen):
    client.force_login(request.getfixturevalue(wie))
    assert client.get("/bezwaar/indienen/").status_code == indienen
    assert client.get("/bezwaar/registreren/").status_code == registreren
    assert client.get(f"/bezwaar/{bezwaar_arnhem.pk}/beslissen/").status_code == beslissen
    with op(D(2025, 3, 1)):
        stap = client.post(f"/bezwaar/{bezwaar_arnhem.pk}/stap/verdagen/", {"reden": "r"})
    assert stap.status_code == (302 if wie == "ministerie" else 403)


def test_gemeente_kiest_alleen_de_eigen_beschikking(client, gemeente_arnhem, besluit):
    client.force_login(gemeente_arnhem)
    with op(D(2025, 1, 15)):
        pagina = client.get("/bezwaar/indienen/").content.decode()
    assert "Arnhem: verdeelbesluit 2024" in pagina
    assert "3 februari 2025" in pagina and "verstreken" not in pagina
    with op(D(2025, 2, 4)):
        assert "verstreken" in client.get("/bezwaar/indienen/").content.decode()
    assert "Nijmegen" not in pagina
    from .conftest import regel_van

    nijmegen = regel_van(besluit, "Nijmegen")
    antwoord = client.post("/bezwaar/indienen/", {"regel": nijmegen.pk, "gronden": "x"})
    assert antwoord.status_code == 400
    assert not Bezwaar.objects.exists()
    api = client.post(
        "/api/v1/bezwaren/", {"regel": nijmegen.pk, "gronden": "x"}, content_type="application/json"
    )
    assert api.status_code == 400
    assert api.json()["velden"]["regel"]


def test_foute_invoer_alle_fouten_tegelijk_en_invoer_bewaard(client, ministerie, arnhem_regel):
    client.force_login(ministerie)
    bestand = SimpleUploadedFile("brief.exe", b"MZ\x90\x00binary", content_type="application/pdf")
    with op(D(2025, 2, 1)):
        antwoord = client.post(
            "/bezwaar/registreren/",
            {
                "regel": arnhem_regel.pk,
                "indiener": "gemeente",
                "ontvangen_op": "2099-01-01",
                "gronden": "Mijn gronden blijven staan",
                "bijlage": bestand,
            },
        )
    assert antwoord.status_code == 400
    tekst = antwoord.content.decode()
    assert "Mijn gronden blijven staan" in tekst
    assert "toekomst" in tekst
    assert not Bezwaar.objects.exists()
    with op(D(2025, 2, 1)):
        antwoord = client.post(
            "/bezwaar/registreren/",
            {"regel": arnhem_regel.pk, "ontvangen_op": "31-31-2025", "gronden": ""},
        )
    assert antwoord.status_code == 400
    tekst = antwoord.content.decode()
    assert "fouten gevonden" in tekst
    for veld in ("id_indiener", "id_ontvangen_op", "id_gronden"):
        assert f"{veld}_error" in tekst, veld


def test_bijlage_alleen_pdf_odt_docx(client, gemeente_arnhem, arnhem_regel):
    client.force_login(gemeente_arnhem)
    nep = SimpleUploadedFile("a.pdf", b"niet echt", content_type="application/pdf")
    antwoord = client.post(
        "/bezwaar/indienen/", {"regel": arnhem_regel.pk, "gronden": "g", "bijlage": nep}
    )
    assert antwoord.status_code == 400
    assert "Alleen PDF-, ODT- en DOCX-bestanden" in antwoord.content.decode()
    echt = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    antwoord = client.post(
        "/bezwaar/indienen/", {"regel": arnhem_regel.pk, "gronden": "g", "bijlage": echt}
    )
    assert antwoord.status_code == 302
    bezwaar = Bezwaar.objects.get()
    bijlage = bezwaar.bijlagen.get()
    assert client.get(f"/bezwaar/{bezwaar.pk}/bijlagen/{bijlage.pk}/").status_code == 200


def test_beslissen_via_bevestigingspagina(client, ministerie, bezwaar_arnhem):
    client.force_login(ministerie)
    with op(D(2025, 3, 3)):
        services.horen_vastleggen(bezwaar=bezwaar_arnhem, gehoord_op=D(2025, 3, 3), door=ministerie)
    invoer = {
        "uitkomst": "ongegrond",
        "beslist_op": "2025-03-10",
        "motivering": "Het besluit volgt de raming.",
    }
    with op(D(2025, 3, 10)):
        controle = client.post(f"/bezwaar/{bezwaar_arnhem.pk}/beslissen/", invoer)
        assert controle.status_code == 200
        assert "Controleer de beslissing" in controle.content.decode()
        bezwaar_arnhem.refresh_from_db()
        assert bezwaar_arnhem.status == Bezwaar.Status.IN_BEHANDELING
        klaar = client.post(
            f"/bezwaar/{bezwaar_arnhem.pk}/beslissen/", {**invoer, "bevestigd": "1"}
        )
    assert klaar.status_code == 302
    bezwaar_arnhem.refresh_from_db()
    assert bezwaar_arnhem.uitkomst == "ongegrond"
    pdf = client.get(f"/bezwaar/{bezwaar_arnhem.pk}/beslissing.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")


def test_api_indienen_en_beslissen(client, gemeente_arnhem, ministerie, arnhem_regel):
    client.force_login(gemeente_arnhem)
    with op(D(2025, 1, 21)):
        antwoord = client.post(
            "/api/v1/bezwaren/",
            {"regel": arnhem_regel.pk, "gronden": "Te hoog."},
            content_type="application/json",
        )
    assert antwoord.status_code == 201, antwoord.content
    data = antwoord.json()
    assert data["bezwaartermijn_einde"] == "2025-02-03"
    assert data["beslistermijn_einde"] == "2025-03-17"
    assert data["te_laat"] is False
    client.force_login(ministerie)
    with op(D(2025, 3, 1)):
        geweigerd = client.post(
            f"/api/v1/bezwaren/{data['id']}/beslissen/",
            {"uitkomst": "ongegrond", "motivering": "m"},
            content_type="application/json",
        )
    assert geweigerd.status_code == 400
    assert "hoorzitting" in str(geweigerd.json())
