"""Small registries through which each app adds itself to shared pages, without editing them.

- ``navigatie``: menu items per role (``register_nav``).
- ``home``: panels on the role's home page (``register_home_panel``).
- ``secties``: sections a higher app adds to a page of a lower app (``register_sectie``), e.g.
  the verslag-deadline extension that regietafels shows on raming's cycle page.

Apps register in ``AppConfig.ready()``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    rollen: frozenset[str]
    volgorde: int = 100


@dataclass(frozen=True)
class HomePanel:
    """``context(request)`` returns the template context, or None to skip the panel."""

    template: str
    rollen: frozenset[str]
    context: Callable
    volgorde: int = 100


@dataclass(frozen=True)
class Sectie:
    """``context(request, **objecten)`` returns the template context, or None to skip it."""

    pagina: str
    template: str
    context: Callable
    volgorde: int = 100


_NAV: list[NavItem] = []
_HOME: list[HomePanel] = []
_SECTIES: list[Sectie] = []


def register_nav(label: str, url_name: str, *, rollen, volgorde: int = 100) -> None:
    item = NavItem(label, url_name, frozenset(rollen), volgorde)
    if item not in _NAV:
        _NAV.append(item)


def register_home_panel(template: str, *, rollen, context: Callable, volgorde: int = 100) -> None:
    if any(p.template == template for p in _HOME):
        return
    _HOME.append(HomePanel(template, frozenset(rollen), context, volgorde))


def register_sectie(pagina: str, template: str, *, context: Callable, volgorde: int = 100) -> None:
    if any(s.pagina == pagina and s.template == template for s in _SECTIES):
        return
    _SECTIES.append(Sectie(pagina, template, context, volgorde))


def secties_voor(pagina: str, request, **objecten) -> list[dict]:
    """The sections registered for ``pagina``, each ``{"template", "context"}``; the page's
    objects (``cyclus=…``) are passed to each section's ``context``."""
    secties = []
    for sectie in sorted(_SECTIES, key=lambda s: (s.volgorde, s.template)):
        if sectie.pagina != pagina:
            continue
        context = sectie.context(request, **objecten)
        if context is not None:
            secties.append({"template": sectie.template, "context": context})
    return secties


def nav_voor(request) -> list[dict]:
    user = request.user
    if not user.is_authenticated:
        return []
    items = []
    for item in sorted(_NAV, key=lambda i: (i.volgorde, i.label)):
        if user.rol not in item.rollen:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        actief = request.path == url or (url != "/" and request.path.startswith(url))
        items.append({"label": item.label, "url": url, "actief": actief})
    return items


def home_panels_voor(request) -> list[dict]:
    user = request.user
    panels = []
    for panel in sorted(_HOME, key=lambda p: (p.volgorde, p.template)):
        if user.rol not in panel.rollen:
            continue
        context = panel.context(request)
        if context is None:
            continue
        panels.append({"template": panel.template, "context": context})
    return panels


def home_voor(request) -> list[dict]:
    """``home_panels_voor(request)``: the panels' queries come from cachalot's query cache."""
    return home_panels_voor(request)
