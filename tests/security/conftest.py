import pytest
from django.core.cache import cache
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

WACHTWOORD = "geheim-wachtwoord-123"


def totp_code(apparaat: TOTPDevice, verschuiving: int = 0) -> str:
    """The code the authenticator app shows now (``verschuiving`` steps later)."""
    totp = TOTP(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits, apparaat.drift)
    totp.time = totp.time + verschuiving * apparaat.step
    return f"{totp.token():0{apparaat.digits}d}"


def wachtwoord_inloggen(client, user, wachtwoord=WACHTWOORD):
    return client.post("/account/inloggen/", {"username": user.username, "password": wachtwoord})


@pytest.fixture(autouse=True)
def _schone_cache():
    cache.clear()
    yield
    cache.clear()
