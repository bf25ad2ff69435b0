"""The demo's register agrees with the demo's meerjarig beschikbaar of 2026: per province the
locations that count fully (agreement concluded, available on 31-12-2028, past the planning
phase, not closed) add up to the recorded figure; the others are there to show why not."""

import datetime as dt
import io

import pytest
import time_machine
from django.db.models import Q, Sum
from django.utils import timezone

from core.demo import laad_alles
from locaties.models import Fase, Fasewijziging, Opvanglocatie
from raming.models import MeerjarigBeschikbaar

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

HORIZON = dt.date(2028, 12, 31)


def _laden(moment):
    with time_machine.travel(timezone.make_aware(moment), tick=False):
        laad_alles(stdout=io.StringIO())


def test_demo_register_telt_op_tot_meerjarig_beschikbaar(gemeenten, settings):
    settings.DEMO_MODE = True
    _laden(dt.datetime(2026, 12, 5, 12, 0))
    telt = (
        Opvanglocatie.objects.filter(overeenkomst_gesloten_op__isnull=False)
        .exclude(fase__in=[Fase.PLANVORMING, Fase.GESLOTEN])
        .filter(Q(beschikbaar_tot__isnull=True) | Q(beschikbaar_tot__gte=HORIZON))
    )
    per_provincie = dict(
        telt.values("gemeente__provincie_id")
        .annotate(s=Sum("capaciteit_regulier") + Sum("capaciteit_amv"))
        .values_list("gemeente__provincie_id", "s")
    )
    figuren = dict(
        MeerjarigBeschikbaar.objects.filter(cyclus__jaar=2026, provincie__isnull=False).values_list(
            "provincie_id", "aantal"
        )
    )
    assert len(figuren) == 12
    assert per_provincie == {p: a for p, a in figuren.items() if a > 0}
    # every location confirmed by COA's import, except the one whose phase changed later...
    plan = Opvanglocatie.objects.get(naam="Azc Zaanstad-Noord (plan)")
    assert plan.fase == Fase.BESLUITVORMING and plan.is_bevestigd  # ...and COA confirmed again
    assert list(plan.fasewijzigingen.values_list("bron", flat=True)) == ["coa", "handmatig"]
    # the examples that do not count
    assert Opvanglocatie.objects.get(naam="Noodopvang Arnhem-Schuytgraaf").beschikbaar_tot == (
        dt.date(2028, 12, 30)
    )
    assert Opvanglocatie.objects.filter(fase=Fase.GESLOTEN).count() == 1
    # nothing dated after the load moment
    assert not Fasewijziging.objects.filter(datum__gt=dt.date(2026, 12, 5)).exists()
    assert not Opvanglocatie.objects.filter(fase_sinds__gt=dt.date(2026, 12, 5)).exists()
    # a second load adds nothing
    aantal, wijzigingen = Opvanglocatie.objects.count(), Fasewijziging.objects.count()
    _laden(dt.datetime(2026, 12, 5, 12, 0))
    assert (Opvanglocatie.objects.count(), Fasewijziging.objects.count()) == (aantal, wijzigingen)


def test_voor_de_peildatum_geen_locaties(gemeenten, settings):
    settings.DEMO_MODE = True
    _laden(dt.datetime(2026, 1, 15, 12, 0))
    assert not Opvanglocatie.objects.exists()
