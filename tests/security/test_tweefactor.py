"""Two-factor authentication: mandatory for ministry and admin, optional for other roles."""

import re

import pytest
import qrcode
from django.test import override_settings
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Rol
from core.audit.models import Beveiligingsgebeurtenis, Soort
from tests.factories import GebruikerFactory

from .conftest import totp_code, wachtwoord_inloggen

pytestmark = pytest.mark.django_db


@pytest.fixture
def minister_zonder_2fa(db):
    return GebruikerFactory(username="m-nieuw", rol=Rol.MINISTERIE, is_staff=True)


def _qr_tekent_de_url(html: str, url: str) -> None:
    """The template draws exactly the dark modules of the URL's QR code (quiet zone of two)."""
    qr = qrcode.QRCode(border=2)
    qr.add_data(url)
    qr.make(fit=True)
    rijen = qr.get_matrix()
    verwacht = {(x, y) for y, rij in enumerate(rijen) for x, donker in enumerate(rij) if donker}
    zijde = len(rijen)
    assert f'viewBox="0 0 {zijde} {zijde}"' in html
    pad = re.search(r'<path d="([^"]+)"', html).group(1)
    getekend = set()
    for x, y, lengte, terug in re.findall(r"M(\d+),(\d+)h(\d+)v1h-(\d+)z", pad):
        assert lengte == terug
        getekend |= {(int(x) + i, int(y)) for i in range(int(lengte))}
    assert re.sub(r"M\d+,\d+h\d+v1h-\d+z", "", pad) == ""
    assert getekend == verwacht


def _soorten(user):
    return list(
        Beveiligingsgebeurtenis.objects.filter(gebruikersnaam=user.username)
        .order_by("id")
        .values_list("soort", flat=True)
    )


def test_ministerie_zonder_2fa_moet_instellen_en_krijgt_herstelcodes(client, minister_zonder_2fa):
    response = wachtwoord_inloggen(client, minister_zonder_2fa)
    assert response.status_code == 302
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/account/tweede-factor/instellen/")

    response = client.get("/account/tweede-factor/instellen/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "QR-code" in html
    assert "style=" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "<script" not in html

    apparaat = TOTPDevice.objects.get(user=minister_zonder_2fa, confirmed=False)
    _qr_tekent_de_url(html, apparaat.config_url)
    response = client.post("/account/tweede-factor/instellen/", {"code": "000000"})
    assert "klopt niet" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=minister_zonder_2fa, confirmed=True).exists()
    # django-otp throttles after a wrong code; a user would wait a second
    TOTPDevice.objects.filter(pk=apparaat.pk).update(throttling_failure_count=0)

    response = client.post("/account/tweede-factor/instellen/", {"code": totp_code(apparaat)})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(codes) == 10
    assert StaticToken.objects.filter(device__user=minister_zonder_2fa).count() == 10
    assert client.get("/").status_code == 200
    assert Soort.TWEEDE_FACTOR_INGESTELD in _soorten(minister_zonder_2fa)


def test_na_wachtwoord_volgt_code_en_daarna_toegang(client, ministerie):
    apparaat = ministerie.otp_device
    wachtwoord_inloggen(client, ministerie)
    response = client.get("/raming/")
    assert response.status_code == 302
    assert response.url == "/account/tweede-factor/?next=%2Framing%2F"
    # the API with a password-only session is refused as well
    assert client.get("/api/v1/mij/").status_code == 403

    response = client.post("/account/tweede-factor/", {"code": "123456", "next": "/"})
    assert response.status_code == 200
    assert "klopt niet" in response.content.decode()
    TOTPDevice.objects.filter(pk=apparaat.pk).update(throttling_failure_count=0)

    response = client.post(
        "/account/tweede-factor/", {"code": totp_code(apparaat), "next": "/account/profiel/"}
    )
    assert response.status_code == 302
    assert response.url == "/account/profiel/"
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/mij/").status_code == 200
    assert _soorten(ministerie)[-2:] == [Soort.TWEEDE_FACTOR_MISLUKT, Soort.TWEEDE_FACTOR_OK]


def test_open_redirect_na_code_wordt_genegeerd(client, ministerie):
    wachtwoord_inloggen(client, ministerie)
    response = client.post(
        "/account/tweede-factor/",
        {"code": totp_code(ministerie.otp_device), "next": "https://kwaad.example/"},
    )
    assert response.status_code == 302
    assert response.url == "/"


def test_herstelcode_werkt_een_keer(client, minister_zonder_2fa):
    apparaat = TOTPDevice.objects.create(user=minister_zonder_2fa, name="app", confirmed=True)
    from django_otp.plugins.otp_static.models import StaticDevice

    statisch = StaticDevice.objects.create(user=minister_zonder_2fa, name="herstel")
    statisch.token_set.create(token="abcdefgh")
    assert apparaat

    wachtwoord_inloggen(client, minister_zonder_2fa)
    response = client.post("/account/tweede-factor/", {"code": "ABCD EFGH"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert not statisch.token_set.exists()
    assert Soort.HERSTELCODE_GEBRUIKT in _soorten(minister_zonder_2fa)

    client.logout()
    wachtwoord_inloggen(client, minister_zonder_2fa)
    response = client.post("/account/tweede-factor/", {"code": "abcdefgh"})
    assert response.status_code == 200
    assert client.get("/").status_code == 302


def test_andere_rol_zonder_2fa_mag_gewoon_door(client, prt_gelderland):
    wachtwoord_inloggen(client, prt_gelderland)
    assert client.get("/").status_code == 200


def test_andere_rol_kan_2fa_instellen_en_uitschakelen(client, prt_gelderland):
    wachtwoord_inloggen(client, prt_gelderland)
    client.get("/account/tweede-factor/instellen/")
    apparaat = TOTPDevice.objects.get(user=prt_gelderland)
    client.post("/account/tweede-factor/instellen/", {"code": totp_code(apparaat)})
    assert TOTPDevice.objects.filter(user=prt_gelderland, confirmed=True).exists()

    # the next login asks for the code, since the user now has a factor
    client.logout()
    wachtwoord_inloggen(client, prt_gelderland)
    assert client.get("/").status_code == 302
    # a disable request from a password-only session is not honoured
    client.post("/account/tweede-factor/uitschakelen/")
    assert TOTPDevice.objects.filter(user=prt_gelderland).exists()
    client.post("/account/tweede-factor/", {"code": totp_code(apparaat, verschuiving=1)})
    assert client.get("/").status_code == 200

    response = client.post("/account/tweede-factor/uitschakelen/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=prt_gelderland).exists()
    assert Soort.TWEEDE_FACTOR_UITGESCHAKELD in _soorten(prt_gelderland)


def test_ministerie_kan_2fa_niet_uitschakelen_wel_herstelcodes_vernieuwen(client, ministerie):
    client.force_login(ministerie)
    client.post("/account/tweede-factor/uitschakelen/")
    assert TOTPDevice.objects.filter(user=ministerie).exists()
    response = client.post("/account/tweede-factor/herstelcodes/")
    assert response.status_code == 200
    assert StaticToken.objects.filter(device__user=ministerie).count() == 10
    assert Soort.HERSTELCODES_VERNIEUWD in _soorten(ministerie)


def test_opnieuw_instellen_vervangt_oude_app(client, ministerie):
    oud = ministerie.otp_device
    client.force_login(ministerie)
    client.get("/account/tweede-factor/instellen/")
    nieuw = TOTPDevice.objects.get(user=ministerie, confirmed=False)
    client.post("/account/tweede-factor/instellen/", {"code": totp_code(nieuw)})
    assert list(TOTPDevice.objects.filter(user=ministerie)) == [nieuw]
    assert not TOTPDevice.objects.filter(pk=oud.pk).exists()


def test_beheer_vraagt_tweede_factor_en_is_alleen_voor_ministerie(client, ministerie, coa):
    wachtwoord_inloggen(client, ministerie)
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert response.url.startswith("/account/tweede-factor/")
    client.post("/account/tweede-factor/", {"code": totp_code(ministerie.otp_device)})
    assert client.get("/beheer/").status_code == 200

    coa.is_staff = True
    coa.save()
    client.force_login(coa)
    assert client.get("/beheer/").status_code in (302, 403)
    coa.otp_device = TOTPDevice.objects.create(user=coa, name="app", confirmed=True)
    client.force_login(coa)
    assert client.get("/beheer/").status_code == 403


@override_settings(DEMO_MODE=True)
def test_demogebruiker_in_demomodus_slaat_2fa_over(client):
    demo = GebruikerFactory(username="demo-m", rol=Rol.MINISTERIE, is_staff=True, is_demo=True)
    TOTPDevice.objects.create(user=demo, name="app", confirmed=True)
    wachtwoord_inloggen(client, demo)
    assert client.get("/").status_code == 200


def test_demogebruiker_zonder_demomodus_moet_2fa(client):
    demo = GebruikerFactory(username="demo-m", rol=Rol.MINISTERIE, is_staff=True, is_demo=True)
    wachtwoord_inloggen(client, demo)
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/account/tweede-factor/instellen/")
