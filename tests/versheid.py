"""What the freshness tests share (tests/*/test_versheid*.py): a session logged in once, a
page read as it is served, the tables a block of queries read, and the exception that rolls a
transaction back. The builders of their rows are in tests/factories.py."""

from __future__ import annotations

import re

from django.test import Client

_TABEL = re.compile(r'(?:FROM|JOIN)\s+"(\w+)"')


class Terug(Exception):
    """Raised inside ``transaction.atomic()`` to roll back what a test wrote there."""


def ingelogd(user) -> Client:
    """A client logged in once: a login writes the user's row (last_login), which would redraw
    the fragments that read it and hide a stale one."""
    client = Client()
    client.force_login(user)
    return client


def pagina(client, url) -> str:
    """The page (or API response, or file) at ``url`` as served now; it must be a 200."""
    antwoord = client.get(url)
    assert antwoord.status_code == 200, (url, antwoord.status_code)
    return antwoord.content.decode()


def gewarmd(client, url) -> str:
    """The page read twice, the second as served from the caches the first filled."""
    client.get(url)
    return pagina(client, url)


def warm(client, urls) -> None:
    """Every page read twice: the second read is served from cachalot and the fragments."""
    for url in urls:
        pagina(client, url)
        pagina(client, url)


def tabellen_gelezen(sql: list[dict]) -> set[str]:
    """The tables the captured queries (``CaptureQueriesContext.captured_queries``) read."""
    return {t for q in sql for t in _TABEL.findall(q["sql"])}
