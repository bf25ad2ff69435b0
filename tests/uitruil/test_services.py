"""Every state change of an exchange: allowed and refused transitions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Rol
from tests.factories import GebruikerFactory
from uitruil import services
from uitruil.models import (
    Richting,
    Taak,
    Taakstelling,
    Uitruil,
    UitruilPartij,
    UitruilStap,
)
from uitruil.selectors import bevestigde_uitruil_voor_provincie, wacht_op_reactie

from .conftest import gemeente
from .helpers import rij, zaanstad_purmerend

pytestmark = pytest.mark.django_db


def _bevestigd(cyclus, zaanstad, purmerend, prt, aantal=300):
    u = zaanstad_purmerend(cyclus, zaanstad, aantal=aantal)
    services.accepteren(uitruil=u, door=purmerend)
    return services.bevestigen(uitruil=u, door=prt)


# --- voorstellen ---------------------------------------------------------------------------


def test_voorstellen_legt_partijen_en_stap_vast(cyclus, zaanstad, purmerend):
    u = zaanstad_purmerend(cyclus, zaanstad)
    assert u.status == Uitruil.Status.VOORGESTELD
    assert u.provincie == gemeente("Zaanstad").provincie
    assert u.verhouding == "1 : 1"
    instemming = {
        (p.gemeente.naam, p.taak): p.instemming for p in u.partijen.select_related("gemeente")
    }
    assert instemming[("Zaanstad", Taak.ASIELOPVANG)] == UitruilPartij.Instemming.GEACCEPTEERD
    assert instemming[("Purmerend", Taak.OEKRAINE)] == UitruilPartij.Instemming.OPEN
    stappen = list(u.stappen.all())
    assert [(s.soort, s.versie, s.door) for s in stappen] == [("voorgesteld", 1, zaanstad)]
    assert list(wacht_op_reactie(purmerend)) == [u]
    assert list(wacht_op_reactie(zaanstad)) == []


def test_voorstellen_alleen_door_gemeente(cyclus, raming, prt_noord_holland, ministerie):
    for user in (prt_noord_holland, ministerie):
        with pytest.raises(PermissionDenied):
            zaanstad_purmerend(cyclus, user)


def test_voorstellen_eigen_gemeente_moet_partij_zijn(cyclus, zaanstad, purmerend):
    with pytest.raises(ValidationError, match="eigen gemeente"):
        services.voorstellen(
            door=zaanstad,
            cyclus=cyclus,
            partijen=[
                rij("Purmerend", Taak.ASIELOPVANG, Richting.GEEFT_AF, 10),
                rij("Haarlem", Taak.ASIELOPVANG, Richting.NEEMT_OP, 10),
            ],
            motivatie="x",
        )


def test_voorstellen_vereist_andere_gemeente(cyclus, zaanstad):
    with pytest.raises(ValidationError, match="andere gemeente"):
        services.voorstellen(
            door=zaanstad,
            cyclus=cyclus,
            partijen=[rij("Zaanstad", Taak.ASIELOPVANG, Richting.NEEMT_OP, 10)],
            motivatie="x",
        )


def test_voorstellen_alleen_binnen_provincie(cyclus, zaanstad):
    with pytest.raises(ValidationError, match="binnen de provincie"):
        services.voorstellen(
            door=zaanstad,
            cyclus=cyclus,
            partijen=[
                rij("Zaanstad", Taak.ASIELOPVANG, Richting.NEEMT_OP, 10),
                rij("Arnhem", Taak.ASIELOPVANG, Richting.GEEFT_AF, 10),
            ],
            motivatie="x",
        )
    assert not Uitruil.objects.exists()


def test_voorstellen_dubbele_partijrij_geweigerd(cyclus, zaanstad):
    with pytest.raises(ValidationError, match="twee keer"):
        services.voorstellen(
            door=zaanstad,
            cyclus=cyclus,
            partijen=[
                rij("Zaanstad", Taak.ASIELOPVANG, Richting.NEEMT_OP, 10),
                rij("Purmerend", Taak.ASIELOPVANG, Richting.GEEFT_AF, 10),
                rij("Purmerend", Taak.ASIELOPVANG, Richting.NEEMT_OP, 5),
            ],
            motivatie="x",
        )


@pytest.mark.parametrize("aantal", [0, -5])
def test_voorstellen_aantal_positief(cyclus, zaanstad, aantal):
    with pytest.raises(ValidationError, match="positief geheel getal"):
        zaanstad_purmerend(cyclus, zaanstad, aantal=aantal)
    assert not Uitruil.objects.exists()


@pytest.mark.parametrize("links,rechts", [(0, 1), (1, 0), (-1, 2)])
def test_voorstellen_verhouding_positief(cyclus, zaanstad, links, rechts):
    with pytest.raises(ValidationError, match="verhouding"):
        zaanstad_purmerend(
            cyclus, zaanstad, verhouding_asielopvang=links, verhouding_tegenprestatie=rechts
        )


def test_voorstellen_verhouding_2_op_1(cyclus, zaanstad):
    u = zaanstad_purmerend(cyclus, zaanstad, verhouding_asielopvang=2, verhouding_tegenprestatie=1)
    assert u.verhouding == "2 : 1"


def test_voorstellen_negatief_asielopvang_geweigerd(cyclus, zaanstad):
    # Purmerend's indicative number is 400.
    with pytest.raises(ValidationError) as exc:
        zaanstad_purmerend(cyclus, zaanstad, aantal=401)
    assert "Purmerend zou met deze uitruil een negatief aantal asielopvangplekken" in str(exc.value)
    zaanstad_purmerend(cyclus, zaanstad, aantal=400)


def test_voorstellen_telt_bevestigde_uitruil_mee(cyclus, zaanstad, purmerend, prt_noord_holland):
    _bevestigd(cyclus, zaanstad, purmerend, prt_noord_holland, aantal=300)
    # Purmerend now carries 100; giving up 101 more would leave it negative.
    with pytest.raises(ValidationError, match="het huidige aantal is 100"):
        zaanstad_purmerend(cyclus, zaanstad, aantal=101)


# --- accepteren / afwijzen -----------------------------------------------------------------


def test_accepteren_door_laatste_partij_maakt_geaccepteerd(cyclus, zaanstad, purmerend):
    u = zaanstad_purmerend(cyclus, zaanstad)
    u = services.accepteren(uitruil=u, door=purmerend)
    assert u.status == Uitruil.Status.GEACCEPTEERD
    assert set(u.partijen.values_list("instemming", flat=True)) == {"geaccepteerd"}
    assert u.stappen.last().soort == "geaccepteerd"


def test_accepteren_met_drie_partijen_wacht_op_iedereen(cyclus, amsterdam, haarlem):
    u = services.voorstellen(
        door=amsterdam,
        cyclus=cyclus,
        partijen=[
            rij("Amsterdam", Taak.ASIELOPVANG, Richting.NEEMT_OP, 1200),
            rij("Haarlem", Taak.STATUSHOUDERS, Richting.NEEMT_OP, 600),
            rij("Haarlemmermeer", Taak.STATUSHOUDERS, Richting.NEEMT_OP, 600),
        ],
        motivatie="1200 asielopvang tegen 1200 statushouders",
    )
    u = services.accepteren(uitruil=u, door=haarlem)
    assert u.status == Uitruil.Status.VOORGESTELD


def test_voorsteller_kan_niet_accepteren(cyclus, zaanstad, purmerend):
    u = zaanstad_purmerend(cyclus, zaanstad)
    with pytest.raises(ValidationError, match="zelf voorgesteld"):
        services.accepteren(uitruil=u, door=zaanstad)


def test_accepteren_alleen_door_partij(cyclus, zaanstad, purmerend, haarlem, prt_noord_holland):
    u = zaanstad_purmerend(cyclus, zaanstad)
    with pytest.raises(PermissionDenied):
        services.accepteren(uitruil=u, door=haarlem)
    with pytest.raises(PermissionDenied):
        services.accepteren(uitruil=u, door=prt_noord_holland)


def test_twee_keer_accepteren_geweigerd(cyclus, zaanstad, purmerend):
    u = zaanstad_purmerend(cyclus, zaanstad)
    services.accepteren(uitruil=u, door=purmerend)
    with pytest.raises(ValidationError, match="reageren kan niet meer"):
        services.accepteren(uitruil=u, door=purmerend)


def test_afwijzen_met_reden(cyclus, zaanstad, purmerend):
    u = zaanstad_purmerend(cyclus, zaanstad)
    with pytest.raises(ValidationError, match="reden"):
        services.afwijzen(uitruil=u, door=purmerend, reden="  ")
    u = services.afwijzen(uitruil=u, door=purmerend, reden="Geen woonruimte")
    assert u.status == Uitruil.Status.AFGEWEZEN
    rij_p = u.partijen.get(gemeente__naam="Purmerend", taak=Taak.OEKRAINE)
    assert (rij_p.instemming, rij_p.reden, rij_p.door) == (
        "afgewezen",
        "Geen woonruimte",
        purmerend,
    )
    assert u.stappen.last().toelichting == "Geen woonruimte"
    with pytest.raises(ValidationError):
        services.accepteren(uitruil=u, door=purmerend)


# --- intrekken -----------------------------------------------------------------------------


def test_intrekken_door_voorsteller_en_door_partij(cyclus, zaanstad, purmerend):
    u = zaanstad_purmerend(cyclus, zaanstad)
    u = services.intrekken(uitruil=u, door=zaanstad, reden="Locatie valt af")
    assert u.status == Uitruil.Status.INGETROKKEN
    u2 = zaanstad_purmerend(cyclus, zaanstad)
    services.accepteren(uitruil=u2, door=purmerend)
    u2 = services.intrekken(uitruil=u2, door=purmerend)
    assert u2.status == Uitruil.Status.INGETROKKEN


def test_intrekken_geweigerd_na_bevestiging_en_voor_niet_partij(
    cyclus, zaanstad, purmerend, haarlem, prt_noord_holland
):
    u = zaanstad_purmerend(cyclus, zaanstad)
    with pytest.raises(PermissionDenied):
        services.intrekken(uitruil=u, door=haarlem)
    services.accepteren(uitruil=u, door=purmerend)
    services.bevestigen(uitruil=u, door=prt_noord_holland)
    with pytest.raises(ValidationError, match="intrekken kan niet meer"):
        services.intrekken(uitruil=u, door=zaanstad)


# --- bevestigen / terugsturen / annuleren --------------------------------------------------


def test_bevestigen_door_prt_van_provincie(cyclus, zaanstad, purmerend, prt_noord_holland):
    u = _bevestigd(cyclus, zaanstad, purmerend, prt_noord_holland)
    assert u.status == Uitruil.Status.BEVESTIGD
    assert u.bevestigd_door == prt_noord_holland and u.bevestigd_op
    assert list(u.stappen.values_list("soort", flat=True)) == [
        "voorgesteld",
        "geaccepteerd",
        "bevestigd",
    ]
    _, netto = bevestigde_uitruil_voor_provincie(cyclus=cyclus, provincie=u.provincie)
    assert netto == {gemeente("Zaanstad").pk: 300, gemeente("Purmerend").pk: -300}


def test_bevestigen_geweigerd_zolang_niet_alle_partijen_accepteerden(
    cyclus, zaanstad, purmerend, prt_noord_holland
):
    u = zaanstad_purmerend(cyclus, zaanstad)
    with pytest.raises(ValidationError, match="alle partijen"):
        services.bevestigen(uitruil=u, door=prt_noord_holland)
    with pytest.raises(ValidationError, match="alle partijen"):
        services.terugsturen(uitruil=u, door=prt_noord_holland, reden="x")


def test_bevestigen_alleen_eigen_prt(
    cyclus, zaanstad, purmerend, prt_gelderland, ministerie, prt_noord_holland
):
    u = zaanstad_purmerend(cyclus, zaanstad)
    services.accepteren(uitruil=u, door=purmerend)
    for user in (prt_gelderland, ministerie, zaanstad, purmerend):
        with pytest.raises(PermissionDenied):
            services.bevestigen(uitruil=u, door=user)
    services.bevestigen(uitruil=u, door=prt_noord_holland)
    with pytest.raises(ValidationError):
        services.bevestigen(uitruil=u, door=prt_noord_holland)


def test_bevestigen_controleert_opnieuw_op_negatief(cyclus, zaanstad, purmerend, prt_noord_holland):
    eerste = zaanstad_purmerend(cyclus, zaanstad, aantal=300)
    tweede = zaanstad_purmerend(cyclus, zaanstad, aantal=300)
    for u in (eerste, tweede):
        services.accepteren(uitruil=u, door=purmerend)
    services.bevestigen(uitruil=eerste, door=prt_noord_holland)
    with pytest.raises(ValidationError, match="negatief"):
        services.bevestigen(uitruil=tweede, door=prt_noord_holland)
    tweede.refresh_from_db()
    assert tweede.status == Uitruil.Status.GEACCEPTEERD


def test_terugsturen_met_reden(cyclus, zaanstad, purmerend, prt_noord_holland, prt_gelderland):
    u = zaanstad_purmerend(cyclus, zaanstad)
    services.accepteren(uitruil=u, door=purmerend)
    with pytest.raises(PermissionDenied):
        services.terugsturen(uitruil=u, door=prt_gelderland, reden="x")
    with pytest.raises(ValidationError, match="reden"):
        services.terugsturen(uitruil=u, door=prt_noord_holland, reden="")
    u = services.terugsturen(uitruil=u, door=prt_noord_holland, reden="Periode ontbreekt")
    assert u.status == Uitruil.Status.TERUGGESTUURD
    assert u.stappen.last().toelichting == "Periode ontbreekt"
    with pytest.raises(ValidationError):
        services.bevestigen(uitruil=u, door=prt_noord_holland)


def test_annuleren_na_bevestiging(cyclus, zaanstad, purmerend, prt_noord_holland, prt_gelderland):
    u = zaanstad_purmerend(cyclus, zaanstad)
    services.accepteren(uitruil=u, door=purmerend)
    with pytest.raises(ValidationError, match="Alleen een bevestigde"):
        services.annuleren(uitruil=u, door=prt_noord_holland, reden="x")
    services.bevestigen(uitruil=u, door=prt_noord_holland)
    with pytest.raises(PermissionDenied):
        services.annuleren(uitruil=u, door=zaanstad, reden="x")
    with pytest.raises(PermissionDenied):
        services.annuleren(uitruil=u, door=prt_gelderland, reden="x")
    with pytest.raises(ValidationError, match="reden"):
        services.annuleren(uitruil=u, door=prt_noord_holland, reden="")
    u = services.annuleren(uitruil=u, door=prt_noord_holland, reden="Locatie gaat niet door")
    assert u.status == Uitruil.Status.GEANNULEERD
    uitruilen, netto = bevestigde_uitruil_voor_provincie(cyclus=cyclus, provincie=u.provincie)
    assert uitruilen == [] and netto == {}


def test_stappen_versie_is_uniek(cyclus, zaanstad, purmerend):
    from django.db import IntegrityError, transaction

    u = zaanstad_purmerend(cyclus, zaanstad)
    with pytest.raises(IntegrityError), transaction.atomic():
        UitruilStap.objects.create(uitruil=u, versie=1, soort="geaccepteerd", door=purmerend)


# --- taakstelling --------------------------------------------------------------------------


def test_taakstelling_vastleggen(cyclus, zaanstad, purmerend, prt_noord_holland, prt_gelderland):
    z = gemeente("Zaanstad")
    t = services.taakstelling_vastleggen(
        door=zaanstad, gemeente=z, cyclus=cyclus, taak=Taak.STATUSHOUDERS, aantal=450
    )
    assert t.aantal == 450
    services.taakstelling_vastleggen(
        door=prt_noord_holland, gemeente=z, cyclus=cyclus, taak=Taak.STATUSHOUDERS, aantal=460
    )
    assert Taakstelling.objects.get().aantal == 460
    with pytest.raises(PermissionDenied):
        services.taakstelling_vastleggen(
            door=purmerend, gemeente=z, cyclus=cyclus, taak=Taak.OEKRAINE, aantal=1
        )
    with pytest.raises(PermissionDenied):
        services.taakstelling_vastleggen(
            door=prt_gelderland, gemeente=z, cyclus=cyclus, taak=Taak.OEKRAINE, aantal=1
        )
    with pytest.raises(ValidationError):
        services.taakstelling_vastleggen(
            door=zaanstad, gemeente=z, cyclus=cyclus, taak=Taak.ASIELOPVANG, aantal=1
        )
    with pytest.raises(ValidationError):
        services.taakstelling_vastleggen(
            door=zaanstad, gemeente=z, cyclus=cyclus, taak=Taak.OEKRAINE, aantal=-1
        )


# --- access --------------------------------------------------------------------------------


def test_zichtbaar_voor(
    cyclus,
    zaanstad,
    purmerend,
    haarlem,
    arnhem,
    nijmegen,
    prt_noord_holland,
    prt_gelderland,
    ministerie,
    coa,
):
    open_nh = zaanstad_purmerend(cyclus, zaanstad, aantal=10)
    bevestigd_nh = _bevestigd(cyclus, zaanstad, purmerend, prt_noord_holland, aantal=20)
    gld = services.voorstellen(
        door=arnhem,
        cyclus=cyclus,
        partijen=[
            rij("Arnhem", Taak.ASIELOPVANG, Richting.NEEMT_OP, 100),
            rij("Nijmegen", Taak.STATUSHOUDERS, Richting.NEEMT_OP, 100),
        ],
        motivatie="x",
    )
    alle = {open_nh, bevestigd_nh, gld}
    assert set(Uitruil.objects.zichtbaar_voor(ministerie)) == alle
    assert set(Uitruil.objects.zichtbaar_voor(coa)) == alle
    assert set(Uitruil.objects.zichtbaar_voor(prt_noord_holland)) == {open_nh, bevestigd_nh}
    assert set(Uitruil.objects.zichtbaar_voor(prt_gelderland)) == {gld}
    assert set(Uitruil.objects.zichtbaar_voor(zaanstad)) == {open_nh, bevestigd_nh}
    # Haarlem is no party: it sees only the confirmed exchanges of its province.
    assert set(Uitruil.objects.zichtbaar_voor(haarlem)) == {bevestigd_nh}
    assert set(Uitruil.objects.zichtbaar_voor(nijmegen)) == {gld}
    zonder_rol = GebruikerFactory(username="t-onbekend", rol=Rol.COA)
    zonder_rol.rol = "onbekend"
    assert not Uitruil.objects.zichtbaar_voor(zonder_rol).exists()


def test_na_afwijzing_kunnen_anderen_ook_afwijzen_maar_niet_accepteren(cyclus, amsterdam, haarlem):
    from tests.factories import GebruikerFactory

    haarlemmermeer = GebruikerFactory(
        username="t-gemeente-haarlemmermeer", rol="gemeente", gemeente=gemeente("Haarlemmermeer")
    )
    u = services.voorstellen(
        door=amsterdam,
        cyclus=cyclus,
        partijen=[
            rij("Amsterdam", Taak.ASIELOPVANG, Richting.NEEMT_OP, 1200),
            rij("Amsterdam", Taak.STATUSHOUDERS, Richting.GEEFT_AF, 1200),
            rij("Haarlem", Taak.STATUSHOUDERS, Richting.NEEMT_OP, 600),
            rij("Haarlemmermeer", Taak.STATUSHOUDERS, Richting.NEEMT_OP, 600),
        ],
        motivatie="1200 asielopvang tegen 1200 statushouders",
    )
    services.afwijzen(uitruil=u, door=haarlem, reden="Geen woningen")
    with pytest.raises(ValidationError, match="reageren kan niet meer"):
        services.accepteren(uitruil=u, door=haarlemmermeer)
    u = services.afwijzen(uitruil=u, door=haarlemmermeer, reden="Ook geen woningen")
    assert u.status == Uitruil.Status.AFGEWEZEN
    assert u.partijen.filter(instemming="afgewezen").count() == 2
    with pytest.raises(ValidationError, match="al op deze uitruil gereageerd"):
        services.afwijzen(uitruil=u, door=haarlem, reden="nogmaals")
