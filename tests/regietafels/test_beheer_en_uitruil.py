"""Admin is for the ministry only; the verslag page shows confirmed exchanges and the
asielopvang number each gemeente now carries."""

import pytest
from django.utils import timezone

from raming.models import Gemeente, Provincie
from regietafels.models import Regietafel
from regietafels.services import verslag_aanmaken

pytestmark = pytest.mark.django_db


def test_beheer_alleen_ministerie(client, verslag_gelderland, ministerie, prt_gelderland):
    ministerie.is_superuser = False
    ministerie.save()
    client.force_login(prt_gelderland)
    assert client.get("/beheer/regietafels/verslag/").status_code in (302, 403)
    # The admin's own permission hooks refuse non-ministry users as well.
    from django.contrib.admin.sites import site
    from django.test import RequestFactory

    from regietafels.models import Verslag

    verzoek = RequestFactory().get("/")
    verzoek.user = prt_gelderland
    beheer = site._registry[Verslag]
    assert not beheer.has_view_permission(verzoek)
    verzoek.user = ministerie
    assert beheer.has_view_permission(verzoek)
    assert not beheer.has_change_permission(verzoek)
    assert beheer.get_queryset(verzoek).count() == 1


def test_verslag_toont_uitruilafspraken(client, cyclus, prt_noord_holland):
    from uitruil.models import Richting, Taak, Uitruil, UitruilPartij

    verslag = verslag_aanmaken(
        regietafel=Regietafel.objects.get(provincie__code="PV27"),
        cyclus=cyclus,
        door=prt_noord_holland,
    )
    zaanstad = Gemeente.objects.get(naam="Zaanstad")
    purmerend = Gemeente.objects.get(naam="Purmerend")
    uitruil = Uitruil.objects.create(
        cyclus=cyclus,
        provincie=Provincie.objects.get(code="PV27"),
        voorgesteld_door=prt_noord_holland,
        voorgesteld_door_gemeente=zaanstad,
        motivatie="Zaanstad neemt asielopvang over",
        status=Uitruil.Status.BEVESTIGD,
        bevestigd_op=timezone.now(),
    )
    for gemeente, taak, richting in [
        (zaanstad, Taak.ASIELOPVANG, Richting.NEEMT_OP),
        (purmerend, Taak.ASIELOPVANG, Richting.GEEFT_AF),
        (purmerend, Taak.OEKRAINE, Richting.NEEMT_OP),
        (zaanstad, Taak.OEKRAINE, Richting.GEEFT_AF),
    ]:
        UitruilPartij.objects.create(
            uitruil=uitruil, gemeente=gemeente, taak=taak, richting=richting, aantal=30
        )
    client.force_login(prt_noord_holland)
    tekst = client.get("/regietafels/noord-holland/verslag/").content.decode()
    assert "Uitruilafspraken" in tekst
    assert 'id="uitruilafspraken"' in tekst
    zaanstad_regel = verslag.regels.get(gemeente=zaanstad)
    assert f'{zaanstad_regel.indicatief_aantal + 30} <span class="rt-zacht">(+30)</span>' in tekst
