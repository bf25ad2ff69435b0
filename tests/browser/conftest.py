"""Playwright on the system Chromium (its own browser download does not work here)."""

import os

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def inloggen(live_server, page):
    """Log a user in through the real login form: ``inloggen(user)`` → the page."""

    def _inloggen(user, password="geheim-wachtwoord-123"):
        page.goto(f"{live_server.url}/account/inloggen/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        if "/account/tweede-factor/" in page.url:
            # 2FA (mandatory for ministry staff): the current code of the user's device
            from django_otp.oath import TOTP
            from django_otp.plugins.otp_totp.models import TOTPDevice

            d = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            code = TOTP(d.bin_key, d.step, d.t0, d.digits, d.drift).token()
            page.fill("#id_code", f"{code:0{d.digits}d}")
            page.click("#inhoud button[type=submit]")
            page.wait_for_url(lambda url: "/account/tweede-factor/" not in url)
        return page

    return _inloggen
