"""Two-factor authentication: TOTP (an authenticator app) plus one-time recovery codes.

Mandatory for ministry staff and for anyone with admin access; optional for the other roles.
Exempt: demo users while ``DEMO_MODE`` is on (the embedded `make run`), and single-sign-on
sessions (the identity provider does its own strong authentication).
"""

from __future__ import annotations

from dataclasses import dataclass

import qrcode
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.audit.models import Soort
from core.audit.services import log_gebeurtenis
from core.middleware import SESSIE_HEEFT_2FA, SESSIE_SSO

AANTAL_HERSTELCODES = 10
TOTP_NAAM = "Authenticator-app"
HERSTEL_NAAM = "Herstelcodes"


def is_verplicht(gebruiker) -> bool:
    return bool(
        getattr(gebruiker, "is_ministerie", False) or gebruiker.is_staff or gebruiker.is_superuser
    )


def is_vrijgesteld(request) -> bool:

    user = request.user
    if getattr(settings, "DEMO_MODE", False) and getattr(user, "is_demo", False):
        return True
    return bool(request.session.get(SESSIE_SSO))


def is_geverifieerd(request) -> bool:
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


def heeft_tweede_factor(gebruiker) -> bool:
    return TOTPDevice.objects.filter(user=gebruiker, confirmed=True).exists()


def herstelcodes_over(gebruiker) -> int:
    return StaticToken.objects.filter(device__user=gebruiker, device__confirmed=True).count()


@transaction.atomic
def totp_beginnen(*, gebruiker) -> TOTPDevice:
    """An unconfirmed TOTP device to scan; reused while the user has not confirmed it."""
    apparaat = TOTPDevice.objects.filter(user=gebruiker, confirmed=False).first()
    if apparaat is None:
        apparaat = TOTPDevice.objects.create(user=gebruiker, name=TOTP_NAAM, confirmed=False)
    return apparaat


@dataclass(frozen=True)
class QrCode:
    """A QR code as drawing data for the template: modules per side (the quiet zone included)
    and the SVG path of the dark modules, one rectangle per run of dark modules in a row."""

    zijde: int
    pad: str


def qr_code(apparaat: TOTPDevice) -> QrCode:
    """The otpauth:// URL as a QR code; ``accounts/tweede_factor_instellen.html`` draws it (no
    inline style or script: CSP allows it) and names it for assistive technology."""
    qr = qrcode.QRCode(border=2)
    qr.add_data(apparaat.config_url)
    qr.make(fit=True)
    rijen = qr.get_matrix()
    stukken = []
    for y, rij in enumerate(rijen):
        x = 0
        while x < len(rij):
            if not rij[x]:
                x += 1
                continue
            begin = x
            while x < len(rij) and rij[x]:
                x += 1
            stukken.append(f"M{begin},{y}h{x - begin}v1h-{x - begin}z")
    return QrCode(zijde=len(rijen), pad="".join(stukken))


def geheime_sleutel(apparaat: TOTPDevice) -> str:
    from base64 import b32encode

    sleutel = b32encode(apparaat.bin_key).decode()
    return " ".join(sleutel[i : i + 4] for i in range(0, len(sleutel), 4))


def _nieuwe_herstelcodes(gebruiker) -> list[str]:
    StaticDevice.objects.filter(user=gebruiker).delete()
    apparaat = StaticDevice.objects.create(user=gebruiker, name=HERSTEL_NAAM, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(AANTAL_HERSTELCODES)]
    StaticToken.objects.bulk_create([StaticToken(device=apparaat, token=c) for c in codes])
    return codes


@transaction.atomic
def totp_bevestigen(*, request, apparaat: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the scanned device with a first code: returns the recovery codes (shown once),
    or None when the code is wrong."""
    gebruiker = request.user
    apparaat = TOTPDevice.objects.select_for_update().get(pk=apparaat.pk, user=gebruiker)
    if not apparaat.verify_token(_schoon(token)):
        log_gebeurtenis(soort=Soort.TWEEDE_FACTOR_MISLUKT, request=request)
        return None
    TOTPDevice.objects.filter(user=gebruiker).exclude(pk=apparaat.pk).delete()
    apparaat.confirmed = True
    apparaat.save(update_fields=["confirmed"])
    codes = _nieuwe_herstelcodes(gebruiker)
    otp_login(request, apparaat)
    request.session[SESSIE_HEEFT_2FA] = True
    log_gebeurtenis(soort=Soort.TWEEDE_FACTOR_INGESTELD, request=request)
    return codes


def _schoon(token: str) -> str:
    return "".join((token or "").split()).lower()


def verifieren(*, request, token: str):
    """Check a code from the app or a recovery code; on success the session is verified."""
    gebruiker = request.user
    token = _schoon(token)
    gevonden = None
    if token:
        # for_verify locks the devices (select_for_update), so that two requests cannot use the
        # same code or recovery code; the throttling counters are saved on failure too
        with transaction.atomic():
            for apparaat in devices_for_user(gebruiker, confirmed=True, for_verify=True):
                if apparaat.verify_token(token):
                    gevonden = apparaat
                    break
    if gevonden is None:
        log_gebeurtenis(soort=Soort.TWEEDE_FACTOR_MISLUKT, request=request)
        return None
    otp_login(request, gevonden)
    if isinstance(gevonden, StaticDevice):
        log_gebeurtenis(
            soort=Soort.HERSTELCODE_GEBRUIKT,
            request=request,
            details={"codes_over": herstelcodes_over(gebruiker)},
        )
    else:
        log_gebeurtenis(soort=Soort.TWEEDE_FACTOR_OK, request=request)
    return gevonden


@transaction.atomic
def herstelcodes_vernieuwen(*, request) -> list[str]:
    codes = _nieuwe_herstelcodes(request.user)
    log_gebeurtenis(soort=Soort.HERSTELCODES_VERNIEUWD, request=request)
    return codes


@transaction.atomic
def uitschakelen(*, request) -> bool:
    """Remove every second factor of the user. Refused where 2FA is mandatory."""
    gebruiker = request.user
    if is_verplicht(gebruiker):
        return False
    TOTPDevice.objects.filter(user=gebruiker).delete()
    StaticDevice.objects.filter(user=gebruiker).delete()
    request.session.pop("otp_device_id", None)
    request.session[SESSIE_HEEFT_2FA] = False
    log_gebeurtenis(soort=Soort.TWEEDE_FACTOR_UITGESCHAKELD, request=request)
    return True
