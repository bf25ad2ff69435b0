"""Helpers for the browser tests of the insight and accessibility checks."""

from django.test import Client


def sessie_inloggen(context, live_server, user) -> None:
    """Sign ``user`` in for a Playwright browser context through a real session cookie.

    Ministry staff must pass the second factor; here a confirmed TOTP device is attached to
    the session the way django-otp does after a correct code (the 2FA flow itself has its own
    tests)."""
    client = Client()
    client.force_login(user)
    if getattr(user, "is_ministerie", False) or user.is_staff:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="test", defaults={"confirmed": True}
        )
        sessie = client.session
        sessie["otp_device_id"] = device.persistent_id
        sessie.save()
    context.clear_cookies()
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
