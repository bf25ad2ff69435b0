"""The schema under ten concurrent requests and the API documentation under the site's CSP."""

import concurrent.futures
import urllib.request

import pytest

from core.api import schema as schema_module

pytestmark = pytest.mark.django_db(transaction=True)


def _haal(url):
    with urllib.request.urlopen(url, timeout=120) as antwoord:  # noqa: S310 - the test server
        return antwoord.status, antwoord.read()


def test_schema_tien_tegelijk(live_server, ministerie):
    schema_module._schemas.clear()
    url = f"{live_server.url}/api/v1/schema/?format=json"
    with concurrent.futures.ThreadPoolExecutor(10) as pool:
        uitkomsten = list(pool.map(lambda _: _haal(url), range(10)))
    assert {status for status, _ in uitkomsten} == {200}
    assert len({inhoud for _, inhoud in uitkomsten}) == 1


def test_docs_zonder_inline_script(client):
    antwoord = client.get("/api/v1/docs/")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert '<html lang="nl"' in html
    assert "<style" not in html
    import re

    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None
    script = re.findall(r'<script src="([^"]+)"', html)
    assert len(script) == 3
    from django.contrib.staticfiles import finders

    for bron in script:
        if bron.startswith("/static/"):
            assert finders.find(bron.removeprefix("/static/")), bron
        else:
            antwoord = client.get(bron)
            assert antwoord.status_code == 200, bron
            assert b"SwaggerUIBundle" in antwoord.content
