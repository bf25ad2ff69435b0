"""The API's URL resolver, remembering what each address resolved to.

Django resolves every request by trying the URL patterns in order; the API's routers give
about 125 patterns (with and without a format suffix), so an address near the end costs about
a hundred regular expressions and the list of everything tried (0.05-0.15 ms CPU, more than
the rest of routing). An address resolves to the same view and arguments every time while the
URL configuration is the same, so this resolver keeps the match per address (at most
``ONTHOUDEN``; the root resolver makes a new ``ResolverMatch`` from it for every request).
Addresses that do not match (404) are not kept.
"""

from __future__ import annotations

from django.urls import URLResolver
from django.urls.resolvers import RoutePattern

ONTHOUDEN = 4096


class OnthoudendeResolver(URLResolver):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._gevonden = {}

    def resolve(self, path):
        path = str(path)
        gevonden = self._gevonden.get(path)
        if gevonden is None:
            gevonden = super().resolve(path)  # Resolver404 when nothing matches: not kept
            if len(self._gevonden) >= ONTHOUDEN:
                self._gevonden.clear()
            self._gevonden[path] = gevonden
        return gevonden


def onthoudend_include(route: str, urlconf: str) -> OnthoudendeResolver:
    """``path(route, include(urlconf))`` with a resolver that remembers its matches."""
    return OnthoudendeResolver(RoutePattern(route, is_endpoint=False), urlconf)
