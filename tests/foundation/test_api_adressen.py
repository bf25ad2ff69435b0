"""The API's resolver keeps each address's match (core/api/adressen.py): the same view,
arguments and route as resolving through every pattern, per address; a 404 is not kept."""

import pytest
from django.urls import Resolver404, get_resolver, resolve
from django.urls.resolvers import URLResolver

from core.api.adressen import OnthoudendeResolver

ADRESSEN = [
    "/api/v1/mij/",
    "/api/v1/termijnen/",
    "/api/v1/verslagen/25/werkboek/",
    "/api/v1/verslagen/26/werkboek/",
    "/api/v1/cycli/2028/",
    "/api/v1/regietafels/1.json",
    "/api/v1/schema/",
]


def _api_resolver() -> OnthoudendeResolver:
    (api,) = [p for p in get_resolver().url_patterns if isinstance(p, OnthoudendeResolver)]
    return api


def _vergelijkbaar(match):
    return (match.func, match.args, match.kwargs, match.url_name, match.route, match.tried)


@pytest.mark.parametrize("adres", ADRESSEN)
def test_zelfde_match_als_zonder_onthouden(adres):
    api = _api_resolver()
    pad = adres.lstrip("/")
    verwacht = URLResolver.resolve(api, pad)  # through every pattern, not remembered
    for _ in range(2):  # resolved, then remembered
        assert _vergelijkbaar(api.resolve(pad)) == _vergelijkbaar(verwacht)
        match = resolve(adres)
        assert (match.func, match.kwargs, match.url_name) == (
            verwacht.func,
            verwacht.kwargs,
            verwacht.url_name,
        )
    assert pad in api._gevonden


def test_elke_match_eigen_argumenten():
    eerste, tweede = resolve("/api/v1/verslagen/25/werkboek/"), resolve("/api/v1/verslagen/26/")
    assert eerste.kwargs == {"pk": "25"} and tweede.kwargs == {"pk": "26"}
    eerste.kwargs["pk"] = "99"  # a caller changing its match changes no later one
    assert resolve("/api/v1/verslagen/25/werkboek/").kwargs == {"pk": "25"}


def test_geen_match_niet_onthouden():
    for _ in range(2):
        with pytest.raises(Resolver404):
            resolve("/api/v1/bestaat-niet/")
    assert "api/v1/bestaat-niet/" not in _api_resolver()._gevonden
