"""2FA enrolment and login in a real browser, with the Content-Security-Policy enforced."""

import base64

import pytest
from django_otp.oath import TOTP

from accounts.models import Rol
from tests.factories import GebruikerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(sleutel: str, stap: int = 0) -> str:
    totp = TOTP(base64.b32decode(sleutel.replace(" ", "")), step=30, digits=6)
    totp.time = totp.time + stap * 30
    return f"{totp.token():06d}"


def test_tweede_factor_instellen_en_inloggen(live_server, page):
    GebruikerFactory(username="b-ministerie", rol=Rol.MINISTERIE, is_staff=True)
    csp_meldingen = []
    page.on(
        "console",
        lambda m: csp_meldingen.append(m.text) if "Content Security Policy" in m.text else None,
    )

    page.goto(f"{live_server.url}/account/inloggen/")
    page.fill("#id_username", "b-ministerie")
    page.fill("#id_password", "geheim-wachtwoord-123")
    page.click("button[type=submit]")
    page.wait_for_url("**/account/tweede-factor/instellen/**")
    assert page.locator("figure.rt-qr svg").is_visible()
    sleutel = page.locator("#totp-sleutel").inner_text()

    page.fill("#id_code", _code(sleutel))
    page.click("#inhoud button[type=submit]")
    page.wait_for_selector("text=Uw herstelcodes")
    assert page.locator(".rt-herstelcodes li").count() == 10

    # log out and in again: now the code is asked after the password
    page.click("text=Uitloggen")
    page.wait_for_url("**/account/inloggen/**")
    page.fill("#id_username", "b-ministerie")
    page.fill("#id_password", "geheim-wachtwoord-123")
    page.click("button[type=submit]")
    page.wait_for_url("**/account/tweede-factor/**")
    page.fill("#id_code", _code(sleutel, stap=1))
    page.click("#inhoud button[type=submit]")
    page.wait_for_url(lambda url: "/account/tweede-factor/" not in url)
    assert page.locator("text=Uitloggen").is_visible()
    assert csp_meldingen == []
