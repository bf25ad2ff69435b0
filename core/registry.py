"""Small registries through which each app adds itself to shared pages, without editing them.

- ``navigatie``: menu items per role (``register_nav``).
- ``home``: panels on the role's home page (``register_home_panel``).

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


_NAV: list[NavItem] = []
_HOME: list[HomePanel] = []


def register_nav(label: str, url_name: str, *, rollen, volgorde: int = 100) -> None:
    item = NavItem(label, url_name, frozenset(rollen), volgorde)
    if item not in _NAV:
        _NAV.append(item)


def register_home_panel(template: str, *, rollen, context: Callable, volgorde: int = 100) -> None:
    if any(p.template == template for p in _HOME):
        return
    _HOME.append(HomePanel(template, frozenset(rollen), context, volgorde))


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
