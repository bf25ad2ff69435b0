"""Small registries through which each app adds itself to shared pages, without editing them.

- ``navigatie``: menu items per role (``register_nav``).
- ``home``: panels on the role's home page (``register_home_panel``). Each panel names the
  tables it shows (``tabellen``: app labels or ``app_label.model``); the role's panels are
  drawn as one page fragment keyed with cachalot's last invalidation of those tables, the
  user, the user's scope, the language and today's date (``home_voor``).
- ``secties``: sections a higher app adds to a page of a lower app (``register_sectie``), e.g.
  the verslag-deadline extension that regietafels shows on raming's cycle page.

Apps register in ``AppConfig.ready()``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.urls import NoReverseMatch, reverse

from .fragmenten import fragment_sleutel


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    rollen: frozenset[str]
    volgorde: int = 100


@dataclass(frozen=True)
class HomePanel:
    """``context(request)`` returns the template context, or None to skip the panel.
    ``tabellen``: every table the panel reads, as app labels (all of the app's tables) or
    ``app_label.model``; a write to any of them redraws the panel."""

    template: str
    rollen: frozenset[str]
    context: Callable
    volgorde: int = 100
    tabellen: tuple[str, ...] = ()


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


def register_home_panel(
    template: str, *, rollen, context: Callable, tabellen, volgorde: int = 100
) -> None:
    if any(p.template == template for p in _HOME):
        return
    if not tabellen:
        raise ValueError(f"{template}: een paneel noemt de tabellen die het toont")
    _HOME.append(HomePanel(template, frozenset(rollen), context, volgorde, tuple(tabellen)))


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
        items.append({"label": item.label, "url": url, "actief": False})
    # The item whose address is the longest prefix of the page's is the active one (the
    # realisation page under /regietafels/realisatie/ is not also "Regietafels").
    passend = [
        i
        for i in items
        if request.path == i["url"] or (i["url"] != "/" and request.path.startswith(i["url"]))
    ]
    if passend:
        max(passend, key=lambda i: len(i["url"]))["actief"] = True
    return items


def _panels_van(user) -> list[HomePanel]:
    return [
        p for p in sorted(_HOME, key=lambda p: (p.volgorde, p.template)) if user.rol in p.rollen
    ]


def home_panels_voor(request) -> list[dict]:
    """The role's panels, each ``{"template", "context"}`` (a panel whose context is None is
    left out)."""
    panels = []
    for panel in _panels_van(request.user):
        context = panel.context(request)
        if context is None:
            continue
        panels.append({"template": panel.template, "context": context})
    return panels


def home_sleutel(request, panels: list[HomePanel]) -> str:
    """The key of the role's panels as one fragment: per user (a panel may show what is
    addressed to the user alone), the tables every panel names."""
    return fragment_sleutel(
        request.user, {t for p in panels for t in p.tabellen}, per_gebruiker=True
    )


def home_voor(request) -> dict:
    """For core/home.html: ``sleutel`` keys the fragment of the role's panels; ``panels`` is
    a callable the template calls only when the fragment is drawn (so a cached fragment costs
    no panel query)."""
    panels = _panels_van(request.user)
    return {"sleutel": home_sleutel(request, panels), "panels": partial(home_panels_voor, request)}
