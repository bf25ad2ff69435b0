import pytest

from uitruil.models import Richting, Taak, Uitruil, UitruilPartij
from uitruil.selectors import bevestigde_uitruil_voor_provincie

from .conftest import gemeente

pytestmark = pytest.mark.django_db


def _uitruil(cyclus, door, status, rijen):
    u = Uitruil.objects.create(
        cyclus=cyclus,
        provincie=door.gemeente.provincie,
        voorgesteld_door_gemeente=door.gemeente,
        voorgesteld_door=door,
        motivatie="test",
        status=status,
        bevestigd_op="2026-06-01T10:00:00Z" if status == "bevestigd" else None,
    )
    for naam, taak, richting, aantal in rijen:
        UitruilPartij.objects.create(
            uitruil=u, gemeente=gemeente(naam), taak=taak, richting=richting, aantal=aantal
        )
    return u


def test_bevestigde_uitruil_voor_provincie_geeft_netto_asielopvang(
    cyclus, zaanstad, purmerend, provincie_noord_holland, django_assert_max_num_queries
):
    bevestigd = _uitruil(
        cyclus,
        zaanstad,
        Uitruil.Status.BEVESTIGD,
        [
            ("Zaanstad", Taak.ASIELOPVANG, Richting.NEEMT_OP, 300),
            ("Purmerend", Taak.ASIELOPVANG, Richting.GEEFT_AF, 300),
            ("Purmerend", Taak.OEKRAINE, Richting.NEEMT_OP, 300),
        ],
    )
    _uitruil(
        cyclus,
        zaanstad,
        Uitruil.Status.VOORGESTELD,
        [
            ("Zaanstad", Taak.ASIELOPVANG, Richting.NEEMT_OP, 50),
            ("Purmerend", Taak.ASIELOPVANG, Richting.GEEFT_AF, 50),
        ],
    )
    with django_assert_max_num_queries(2):
        uitruilen, netto = bevestigde_uitruil_voor_provincie(
            cyclus=cyclus, provincie=provincie_noord_holland
        )
        assert [u.pk for u in uitruilen] == [bevestigd.pk]
        assert len(uitruilen[0].partijen.all()) == 3
    assert netto == {gemeente("Zaanstad").pk: 300, gemeente("Purmerend").pk: -300}
