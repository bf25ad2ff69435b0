"""Every page says who may open it in one way: ``accounts.toegang.toegang`` (on the rules of
``accounts.rechten``), or Django's ``login_not_required`` for a public page on the list below.

The URL patterns are walked (the admin has its own staff check, the API DRF's permissions): a
view without the shared check fails here until it gets one. Each view is then called by every
role its rule leaves out, and must refuse with ``GeenToegang`` before doing anything. The view
modules contain no access check of their own (``PermissionDenied`` raised by hand, a role
helper of an app).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.models import Gebruiker, Rol
from accounts.rechten import GeenToegang

# Public pages (``login_not_required``): the published raming, the public map, login and
# password reset, the calendar feed (its token is the key), a public document.
OPENBAAR = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "oidc_authentication_init",
    "oidc_authentication_callback",
    "raming:openbaar",
    "raming:openbaar_raming",
    "raming:openbaar_gemeente",
    "raming:openbaar_csv",
    "raming:openbaar_xlsx",
    "herinneringen:agenda",
    "inzicht:openbaar-kaart",
    "inzicht:openbaar-kaart-csv",
    "documenten:downloaden",  # a published raming's document; its access rule decides
    "documenten:raming_publicatie",  # the published raming as a document
}

# Any logged-in user, without a decorator of ours: ``core`` sits below ``accounts`` and may not
# import it (the home page shows each role its own panels), and Django's own account views.
IEDERE_INGELOGDE = {
    "home",
    "logout",
    "accounts:wachtwoord-wijzigen",
    "accounts:wachtwoord-gewijzigd",
}


def _patronen(patterns=None, prefix="", namespace=None):
    if patterns is None:
        patterns = get_resolver().url_patterns
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from _patronen(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            route = prefix + str(p.pattern)
            if route.startswith(("beheer/", "api/", "__")):
                continue
            naam = f"{namespace}:{p.name}" if namespace and p.name else (p.name or route)
            yield naam, route, p


def _pagina_views():
    return list(_patronen())


def test_elke_view_heeft_de_gedeelde_toegangsregel():
    zonder, onterecht_openbaar = [], []
    for naam, route, patroon in _pagina_views():
        view = patroon.callback
        if getattr(view, "toegang", None):
            assert view.toegang["rollen"], f"{naam}: een toegangsregel zonder rollen"
            continue
        if getattr(view, "login_required", True) is False:
            if naam not in OPENBAAR:
                onterecht_openbaar.append(f"{naam} ({route})")
            continue
        if naam not in IEDERE_INGELOGDE:
            zonder.append(f"{naam} ({route})")
    assert not zonder, (
        "Deze views controleren de toegang niet met accounts.toegang.toegang(...): zet "
        "@toegang(handeling=Handeling.X) of @toegang(Rol...) (of IEDEREEN) op de view:\n  "
        + "\n  ".join(zonder)
    )
    assert not onterecht_openbaar, (
        "Deze views zijn openbaar (login_not_required) maar staan niet in OPENBAAR:\n  "
        + "\n  ".join(onterecht_openbaar)
    )


def _gebruiker(rol: str) -> Gebruiker:
    return Gebruiker(username=f"t-{rol}", rol=rol, is_active=True)


def _argumenten(patroon) -> dict:
    return {
        k: 1 if "int" in type(c).__name__.lower() else "x"
        for k, c in patroon.pattern.converters.items()
    }


@pytest.mark.parametrize("methode", ["get", "post"])
def test_andere_rollen_worden_geweigerd_voordat_de_view_iets_doet(methode):
    """Called by a role its rule leaves out, every view refuses (a GeenToegang, a 403) or
    does not take the method at all (405); it never reaches its body (no database here)."""
    fabriek = RequestFactory()
    niet_geweigerd = []
    gecontroleerd = 0
    for naam, _, patroon in _pagina_views():
        regel = getattr(patroon.callback, "toegang", None)
        if not regel:
            continue
        for rol in sorted(set(Rol.values) - set(regel["rollen"])):
            verzoek = getattr(fabriek, methode)("/")
            verzoek.user = _gebruiker(rol)
            try:
                antwoord = patroon.callback(verzoek, **_argumenten(patroon))
            except GeenToegang:
                gecontroleerd += 1
                continue
            if antwoord.status_code != 405:
                niet_geweigerd.append(f"{naam} door {rol}: {antwoord.status_code}")
    assert not niet_geweigerd, "\n".join(niet_geweigerd)
    assert gecontroleerd > 20


def _view_modules() -> list[Path]:
    basis = Path(settings.BASE_DIR)
    return sorted(
        p
        for p in basis.glob("*/**/*.py")
        if ("views" in p.name or p.name == "weergave.py")
        and "api" not in p.parts
        and ".venv" not in p.parts
        and "tests" not in p.parts
    )


def test_geen_eigen_toegangscontrole_in_de_views():
    """No hand-made check beside the shared one: no ``PermissionDenied`` raised in a view
    module, no app's own role helper (``_vereis``, ``ministerie_vereist``, ...)."""
    gevonden = []
    for pad in _view_modules():
        boom = ast.parse(pad.read_text(encoding="utf-8"))
        for knoop in ast.walk(boom):
            if isinstance(knoop, ast.Raise) and knoop.exc is not None:
                doel = knoop.exc.func if isinstance(knoop.exc, ast.Call) else knoop.exc
                if isinstance(doel, ast.Name) and doel.id == "PermissionDenied":
                    gevonden.append(f"{pad.name}:{knoop.lineno} raise PermissionDenied")
            if isinstance(knoop, ast.FunctionDef) and knoop.name in {
                "_vereis",
                "ministerie_vereist",
                "_eis_ministerie",
                "_controleer",
            }:
                gevonden.append(f"{pad.name}:{knoop.lineno} def {knoop.name}")
    assert len(_view_modules()) > 10
    assert not gevonden, "\n".join(gevonden)
