"""Login, logout, password change and password reset by e-mail, in Dutch."""

import re

import pytest
from django.core import mail

from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db

WACHTWOORD = "geheim-wachtwoord-123"


@pytest.fixture
def gebruiker(prt_gelderland):
    # ministry staff need a second factor (tested by the security tests); a PRT secretary does not
    return prt_gelderland


def _inloggen(client, username, wachtwoord=WACHTWOORD):
    return client.post("/account/inloggen/", {"username": username, "password": wachtwoord})


def test_inlogpagina_is_openbaar_en_nederlands(client):
    response = client.get("/account/inloggen/")
    assert response.status_code == 200
    tekst = response.content.decode()
    assert '<html lang="nl"' in tekst
    assert "Gebruikersnaam" in tekst and "Wachtwoord" in tekst


def test_elke_pagina_vraagt_login(client):
    for url in ("/", "/account/profiel/", "/account/wachtwoord/wijzigen/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/account/inloggen/?next="), url


def test_inloggen_en_uitloggen(client, gebruiker):
    response = _inloggen(client, gebruiker.username)
    assert response.status_code == 302
    assert response.url == "/"
    assert client.get("/").status_code == 200

    # logout is a POST (a GET must not log out)
    assert client.get("/account/uitloggen/").status_code == 405
    response = client.post("/account/uitloggen/")
    assert response.status_code == 302
    assert response.url == "/account/inloggen/"
    assert client.get("/").status_code == 302


def test_fout_wachtwoord_geeft_nederlandse_melding(client, gebruiker):
    response = _inloggen(client, gebruiker.username, "fout-wachtwoord")
    assert response.status_code == 200
    assert "wachtwoord" in response.content.decode().lower()
    assert "_auth_user_id" not in client.session


def test_wachtwoord_wijzigen(client, gebruiker):
    _inloggen(client, gebruiker.username)
    response = client.get("/account/wachtwoord/wijzigen/")
    assert response.status_code == 200

    response = client.post(
        "/account/wachtwoord/wijzigen/",
        {
            "old_password": WACHTWOORD,
            "new_password1": "een-ander-lang-wachtwoord-42",
            "new_password2": "een-ander-lang-wachtwoord-42",
        },
    )
    assert response.status_code == 302
    assert response.url == "/account/wachtwoord/gewijzigd/"
    gebruiker.refresh_from_db()
    assert gebruiker.check_password("een-ander-lang-wachtwoord-42")


def test_wachtwoordeisen_als_lijst_uit_het_sjabloon(client, gebruiker):
    """The requirements of a new password are listed by the template (Django's help text is
    an HTML string, which would have to be marked safe), each escaped, none lost."""
    from django.contrib.auth.password_validation import password_validators_help_texts
    from django.utils.html import escape

    _inloggen(client, gebruiker.username)
    html = client.get("/account/wachtwoord/wijzigen/").content.decode()
    eisen = password_validators_help_texts()
    assert len(eisen) == 4
    lijst = html.split('id="id_new_password1-uitleg"><ul>', 1)[1].split("</ul>", 1)[0]
    assert lijst == "".join(f"<li>{escape(eis)}</li>" for eis in eisen)
    assert "&lt;li&gt;" not in html and "&lt;ul&gt;" not in html


def test_wachtwoord_wijzigen_weigert_kort_wachtwoord(client, gebruiker):
    _inloggen(client, gebruiker.username)
    response = client.post(
        "/account/wachtwoord/wijzigen/",
        {"old_password": WACHTWOORD, "new_password1": "kort1", "new_password2": "kort1"},
    )
    assert response.status_code == 200
    # Django 5.2's Dutch catalogue lacks this message; accounts/wachtwoord.py supplies it
    assert response.context["form"].errors["new_password2"] == [
        "Dit wachtwoord is te kort. Het moet minstens 12 tekens bevatten."
    ]
    assert "Dit wachtwoord is te kort" in response.content.decode()
    assert "_auth_user_id" in client.session
    gebruiker.refresh_from_db()
    assert gebruiker.check_password(WACHTWOORD)


def test_wachtwoord_herstellen_per_email(client):
    gebruiker = GebruikerFactory(username="t-vergeetachtig", email="vergeet@regietafel.example")

    assert client.get("/account/wachtwoord-vergeten/").status_code == 200
    response = client.post("/account/wachtwoord-vergeten/", {"email": gebruiker.email})
    assert response.status_code == 302
    assert response.url == "/account/wachtwoord-vergeten/verstuurd/"
    assert client.get(response.url).status_code == 200

    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == [gebruiker.email]
    link = re.search(r"/account/wachtwoord-herstellen/[^/\s]+/[^/\s]+/", bericht.body).group(0)

    response = client.get(link)  # redirects to the set-password form with the token in session
    assert response.status_code == 302
    formulier = response.url
    assert client.get(formulier).status_code == 200
    response = client.post(
        formulier,
        {"new_password1": "hersteld-wachtwoord-2026", "new_password2": "hersteld-wachtwoord-2026"},
    )
    assert response.status_code == 302
    assert response.url == "/account/wachtwoord-herstellen/klaar/"
    gebruiker.refresh_from_db()
    assert gebruiker.check_password("hersteld-wachtwoord-2026")


def test_wachtwoord_herstellen_onbekend_adres_verraadt_niets(client):
    response = client.post("/account/wachtwoord-vergeten/", {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 0
