"""lang="nl" and Dutch number formatting whatever the browser asks (no translation exists)."""

import pytest
from django.test import Client


@pytest.mark.django_db
@pytest.mark.parametrize("taal", ["en", "en-US,en;q=0.9", "de", "fr-FR"])
def test_lang_nl_bij_elke_browsertaal(taal):
    html = Client(HTTP_ACCEPT_LANGUAGE=taal).get("/account/inloggen/").content.decode()
    assert '<html lang="nl"' in html


def test_nederlandse_getallen_bij_engelse_browser():
    from django.conf import settings
    from django.template import Context, Template
    from django.test import RequestFactory
    from django.utils import translation
    from django.utils.translation import get_language_from_request

    verzoek = RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE="en")
    taal = get_language_from_request(verzoek)
    assert taal == "nl" and settings.LANGUAGE_CODE == "nl"
    with translation.override(taal):
        assert Template("{% load humanize %}{{ n }}").render(Context({"n": 10544})) == "10.544"
