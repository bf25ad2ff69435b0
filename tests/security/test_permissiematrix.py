"""Authorisation, proven: every URL pattern × every role → the expected status.

The URL list comes from the URL configuration itself (``get_resolver`` walk): a URL pattern
that is not in ``MATRIX`` fails ``test_elke_url_staat_in_de_matrix``, so a new page, export,
download or API endpoint cannot go live unchecked.

The objects: a published raming for 2026 over the real gemeenten and the verslag of PRT
Gelderland. Roles: anonymous, ministerie, COA, the PRT secretary of Gelderland ("prt_eigen"),
the PRT secretary of Noord-Holland ("prt_ander": another province's object → 404), and a
gemeente user (Arnhem, in Gelderland). Objects the fixtures do not create are addressed with
an id that does not exist (``{geen}``): the role check must still answer 302/403/404, never 200
or 500. Only GET is sent (no side effects); POST-only views answer 405 to roles that pass
the access check and 403/404 to those that do not. Every request has a session of its own, as
a fresh login of its role leaves it (each role logs in once; its session's contents are copied
into a new session per request).

Run with ``RT_MATRIX_AFDRUKKEN=1`` to print the observed statuses as matrix rows.
"""

from __future__ import annotations

import os
from http.cookies import SimpleCookie
from importlib import import_module

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from core.middleware import SESSIE_LAATSTE_ACTIVITEIT, SESSIE_LOGIN_TIJD
from raming.models import Gemeente

from .permissiematrix_data import MATRIX, ROLLEN

A = "anoniem"
M, C, PE, PA, G = ROLLEN[1:]


def _alle_urls(patterns=None, prefix="", namespace=None):
    if patterns is None:
        patterns = get_resolver().url_patterns
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from _alle_urls(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            naam = f"{namespace}:{p.name}" if namespace and p.name else (p.name or "")
            yield prefix + str(p.pattern), naam


def _matrix_urls() -> dict[str, str]:
    """route → name, without the admin (covered by its own row: ``admin:index``)."""
    urls = {}
    for route, naam in _alle_urls():
        if route.startswith("beheer/") and naam != "admin:index":
            continue
        if route.startswith("__"):
            continue  # debug-only routes
        if "(?P<format>" in route:
            continue  # DRF's format-suffix twin of a route that is in the matrix itself
        urls[route] = naam or route
    return urls


def test_elke_url_staat_in_de_matrix():
    ontbrekend = sorted(
        f"{naam}  ({route})" for route, naam in _matrix_urls().items() if naam not in MATRIX
    )
    assert not ontbrekend, (
        "Deze URL's staan niet in tests/security/permissiematrix_data.py; voeg per URL de "
        "verwachte status per rol toe:\n  " + "\n  ".join(ontbrekend)
    )


def test_matrix_heeft_geen_verouderde_regels():
    bestaand = set(_matrix_urls().values())
    verouderd = sorted(set(MATRIX) - bestaand)
    assert not verouderd, f"In de matrix maar niet (meer) in de URL's: {verouderd}"


@pytest.fixture
def wereld(gemeenten, ministerie, coa, prt_gelderland, prt_noord_holland, gemeente_arnhem):
    from regietafels.models import Regietafel
    from regietafels.services import verslag_aanmaken
    from tests.regietafels.conftest import _maak_raming

    raming = _maak_raming(2026)
    regietafel = Regietafel.objects.get(provincie__code="PV25")
    verslag = verslag_aanmaken(regietafel=regietafel, cyclus=raming.cyclus, door=prt_gelderland)
    arnhem = Gemeente.objects.get(naam="Arnhem")
    gebruikers = {
        M: ministerie,
        C: coa,
        PE: prt_gelderland,
        PA: prt_noord_holland,
        G: gemeente_arnhem,
    }
    waarden = {
        "jaar": 2026,
        "raming": raming.pk,
        "regietafel": regietafel.provincie.slug,
        "verslag": verslag.pk,
        "provincie_slug": regietafel.provincie.slug,
        "provincie_code": regietafel.provincie.code,
        "gemeente_slug": arnhem.slug,
        "gemeente_code": arnhem.code,
        "geen": 999999,
    }
    return gebruikers, waarden


def _status(client, pad):
    client.raise_request_exception = False
    response = client.get(pad)
    return response.status_code


def _sessies_na_inloggen(client, gebruikers) -> dict[str, dict]:
    """What a login leaves in the session, per role: each user logged in once."""
    sessies = {}
    for rol, gebruiker in gebruikers.items():
        client.force_login(gebruiker)
        sessies[rol] = dict(client.session.items())
        client.logout()
    return sessies


def _als(client, sessie: dict | None) -> None:
    """The client as a fresh login left it: a new session holding what the role's login put in
    it (without running the login's handlers, which write the security log, again for every
    request), or no session (anonymous). No request sees what an earlier one left behind."""
    client.cookies = SimpleCookie()
    if sessie is None:
        return
    nieuw = import_module(settings.SESSION_ENGINE).SessionStore()
    nieuw.update(sessie)
    nu = timezone.now().timestamp()  # logged in just now, as the login's handler records
    nieuw[SESSIE_LOGIN_TIJD] = nieuw[SESSIE_LAATSTE_ACTIVITEIT] = nu
    nieuw.create()
    client.cookies[settings.SESSION_COOKIE_NAME] = nieuw.session_key


def test_permissiematrix(client, wereld):
    gebruikers, waarden = wereld
    sessies = _sessies_na_inloggen(client, gebruikers)
    afdrukken = bool(os.environ.get("RT_MATRIX_AFDRUKKEN"))
    verschillen = []
    waargenomen = {}
    for naam, (sjabloon, verwacht) in sorted(MATRIX.items()):
        if afdrukken and os.environ.get("RT_MATRIX_ALLEEN_NIEUW") and any(verwacht.values()):
            continue
        pad = sjabloon.format(**waarden)
        rij = {}
        for rol in ROLLEN:
            _als(client, sessies.get(rol))
            status = _status(client, pad)
            rij[rol] = status
            if not afdrukken and status != verwacht[rol]:
                verschillen.append(f"{naam} {pad} als {rol}: {status}, verwacht {verwacht[rol]}")
        waargenomen[naam] = (sjabloon, rij)
    if afdrukken:
        for naam, (sjabloon, rij) in waargenomen.items():
            waarden_rij = ", ".join(str(rij[r]) for r in ROLLEN)
            print(f'    "{naam}": ("{sjabloon}", _s({waarden_rij})),')
    assert not verschillen, "\n".join(verschillen)
    assert all(s < 500 for rij in waargenomen.values() for s in rij[1].values())
