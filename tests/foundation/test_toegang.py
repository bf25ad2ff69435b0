"""The one access rule per model, for every role (and for anonymous visitors)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.models import Gebruiker, Rol
from raming.models import Gemeente, Raming, Wetscyclus
from regietafels.models import Regietafel, Verslag
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def verslagen(db):
    cyclus = Wetscyclus.objects.create(jaar=2026)
    return {
        rt.provincie.code: Verslag.objects.create(regietafel=rt, cyclus=cyclus)
        for rt in Regietafel.objects.select_related("provincie")
    }


def _provincies(queryset) -> set[str]:
    return set(queryset.values_list("regietafel__provincie__code", flat=True))


ALLE_PROVINCIES = {f"PV{n}" for n in range(20, 32)}


def test_er_zijn_twaalf_regietafels():
    assert set(Regietafel.objects.values_list("provincie__code", flat=True)) == ALLE_PROVINCIES


def test_verslag_ministerie_en_coa_zien_alles(verslagen, ministerie, coa):
    assert _provincies(Verslag.objects.zichtbaar_voor(ministerie)) == ALLE_PROVINCIES
    assert _provincies(Verslag.objects.zichtbaar_voor(coa)) == ALLE_PROVINCIES


def test_verslag_prt_ziet_alleen_eigen_provincie(verslagen, prt_gelderland, prt_noord_holland):
    assert _provincies(Verslag.objects.zichtbaar_voor(prt_gelderland)) == {"PV25"}
    assert _provincies(Verslag.objects.zichtbaar_voor(prt_noord_holland)) == {"PV27"}


def test_verslag_gemeente_ziet_de_eigen_provincie(verslagen, gemeente_zaanstad, gemeente_arnhem):
    assert _provincies(Verslag.objects.zichtbaar_voor(gemeente_zaanstad)) == {"PV27"}
    assert _provincies(Verslag.objects.zichtbaar_voor(gemeente_arnhem)) == {"PV25"}


def test_verslag_anoniem_en_zonder_koppeling_ziet_niets(verslagen):
    assert not Verslag.objects.zichtbaar_voor(AnonymousUser()).exists()
    # a user whose role needs no province but is not ministry/COA sees nothing by default
    zwerver = GebruikerFactory(username="t-zonder-rol", rol="onbekend")
    assert not Verslag.objects.zichtbaar_voor(zwerver).exists()


def test_gebruikers_alleen_ministerie_ziet_iedereen(
    ministerie, coa, prt_gelderland, gemeente_zaanstad
):
    iedereen = {ministerie.pk, coa.pk, prt_gelderland.pk, gemeente_zaanstad.pk}
    assert set(Gebruiker.objects.zichtbaar_voor(ministerie).values_list("pk", flat=True)) >= (
        iedereen
    )
    for gebruiker in (coa, prt_gelderland, gemeente_zaanstad):
        assert list(Gebruiker.objects.zichtbaar_voor(gebruiker)) == [gebruiker]
    assert not Gebruiker.objects.zichtbaar_voor(AnonymousUser()).exists()


@pytest.fixture
def ramingen(db):
    cyclus = Wetscyclus.objects.create(jaar=2026)
    return {
        status: Raming.objects.create(cyclus=cyclus, versie=n, status=status)
        for n, status in enumerate(Raming.Status.values, start=1)
    }


def test_raming_anoniem_ziet_alleen_gepubliceerd(ramingen):
    zichtbaar = Raming.objects.zichtbaar_voor(AnonymousUser())
    assert list(zichtbaar) == [ramingen[Raming.Status.GEPUBLICEERD]]


def test_raming_ministerie_ziet_ook_concepten(ramingen, ministerie):
    assert set(Raming.objects.zichtbaar_voor(ministerie)) == set(ramingen.values())


def test_raming_andere_rollen_zien_alleen_gepubliceerd(
    ramingen, coa, prt_gelderland, gemeente_zaanstad
):
    for gebruiker in (coa, prt_gelderland, gemeente_zaanstad):
        assert list(Raming.objects.zichtbaar_voor(gebruiker)) == [
            ramingen[Raming.Status.GEPUBLICEERD]
        ]


def test_rollen_en_hun_koppeling(prt_gelderland, gemeente_zaanstad, ministerie, coa):
    assert prt_gelderland.is_prt and prt_gelderland.eigen_provincie_id == (
        prt_gelderland.provincie_id
    )
    zaanstad = Gemeente.objects.get(naam="Zaanstad")
    assert gemeente_zaanstad.is_gemeente
    assert gemeente_zaanstad.eigen_provincie_id == zaanstad.provincie_id
    assert ministerie.is_ministerie and ministerie.eigen_provincie_id is None
    assert coa.is_coa and not coa.is_ministerie
    assert {r.value for r in Rol} == {"ministerie", "prt-secretaris", "gemeente", "coa"}


def test_rol_vereist_koppeling(db):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Gebruiker.objects.create(username="prt-zonder", rol=Rol.PRT_SECRETARIS)
    with pytest.raises(IntegrityError), transaction.atomic():
        Gebruiker.objects.create(username="gem-zonder", rol=Rol.GEMEENTE)
