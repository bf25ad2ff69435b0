"""Fixing a verdeelbesluit writes every gemeente's realisation deadline at once, and each row
keeps its own history record with the user who fixed it."""

import datetime as dt

import pytest

from regietafels.models import VerdeelbesluitRegel
from regietafels.services import verdeelbesluit_vaststellen, verdeelbesluit_voorstellen

pytestmark = pytest.mark.django_db


def test_elke_regel_zijn_termijn_en_een_geschiedenisregel(cyclus, ministerie):
    besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
    regels = VerdeelbesluitRegel.objects.filter(verdeelbesluit=besluit)
    assert regels.count() == 342
    assert not regels.filter(realisatietermijn__isnull=False).exists()
    verdeelbesluit_vaststellen(
        verdeelbesluit=besluit, besluitdatum=dt.date(2026, 9, 1), door=ministerie
    )
    assert set(regels.values_list("realisatietermijn", flat=True)) == {dt.date(2027, 3, 1)}
    for regel in regels:
        laatste = regel.history.order_by("-history_date", "-history_id").first()
        assert laatste.history_type == "~"
        assert laatste.realisatietermijn == dt.date(2027, 3, 1)
        assert laatste.history_user == ministerie
