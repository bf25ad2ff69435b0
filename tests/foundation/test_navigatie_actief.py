"""The menu marks one item as the current page: the one whose address is the longest prefix of
the page's (the realisation page lives under /regietafels/ but is not "Regietafels")."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from core.registry import nav_voor

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("pad", "verwacht"),
    [
        ("regietafels:realisatie", ["Realisatie"]),
        ("regietafels:overzicht", ["Regietafels"]),
    ],
)
def test_een_actief_menu_item(ministerie, pad, verwacht):
    verzoek = RequestFactory().get(reverse(pad))
    verzoek.user = ministerie
    items = nav_voor(verzoek)
    assert [i["label"] for i in items if i["actief"]] == verwacht


def test_geen_actief_item_buiten_het_menu(ministerie):
    verzoek = RequestFactory().get("/profiel/")
    verzoek.user = ministerie
    assert not [i for i in nav_voor(verzoek) if i["actief"]]
