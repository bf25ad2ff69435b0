import io

import pytest

from uitruil import demo
from uitruil.models import Taakstelling, Uitruil, UitruilStap

pytestmark = pytest.mark.django_db


def test_demo_zonder_cyclus_slaat_over(gemeenten):
    uit = io.StringIO()
    demo.laad(stdout=uit)
    assert "overgeslagen" in uit.getvalue()
    assert not Uitruil.objects.exists()


def test_demo_is_idempotent(raming, prt_noord_holland, prt_gelderland):
    demo.laad(stdout=io.StringIO())
    staat = sorted(Uitruil.objects.values_list("voorgesteld_door_gemeente__naam", "status"))
    assert staat == [
        ("Amsterdam", "afgewezen"),
        ("Arnhem", "bevestigd"),
        ("Nijmegen", "bevestigd"),
        ("Zaanstad", "bevestigd"),
    ]  # Ede is not among this test's gemeenten: that exchange is skipped
    amsterdam = Uitruil.objects.get(voorgesteld_door_gemeente__naam="Amsterdam")
    assert amsterdam.partijen.filter(instemming="afgewezen").count() == 2
    tellingen = (Uitruil.objects.count(), UitruilStap.objects.count(), Taakstelling.objects.count())
    uit = io.StringIO()
    demo.laad(stdout=uit)
    assert "0 demo-uitruilafspraken" in uit.getvalue()
    assert tellingen == (
        Uitruil.objects.count(),
        UitruilStap.objects.count(),
        Taakstelling.objects.count(),
    )
