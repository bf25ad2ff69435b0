"""Meerjarig beschikbaar computed from the register, stored, and taken over by the raming."""

import datetime as dt
from decimal import Decimal

import pytest

from accounts.rechten import GeenToegang
from locaties.beschikbaarheid import (
    BeschikbaarFout,
    beschikbaar_vastleggen,
    beschikbaar_voorbeeld,
)
from locaties.models import (
    BerekendeLocatie,
    BerekendeProvincie,
    Beschikbaarheidsberekening,
    Fasewijziging,
    Opvanglocatie,
)
from raming.models import (
    Gemeente,
    GemeenteVerdeling,
    MeerjarigBeschikbaar,
    Provincie,
    ProvincieVerdeling,
    Raming,
    Wetscyclus,
)
from raming.services import meerjarig_beschikbaar_vastleggen

from . import beschikbaar_register
from .beschikbaar_register import HORIZON, PEILDATUM

pytestmark = pytest.mark.django_db
register = beschikbaar_register.register  # the fixture


def _gelderland():
    return Provincie.objects.get(code="PV25")


def test_voorbeeld_bewaart_niets_en_toont_gevolgen(register, ministerie):
    cyclus = Wetscyclus.objects.create(jaar=2026)
    gelderland = _gelderland()
    meerjarig_beschikbaar_vastleggen(
        cyclus=cyclus,
        provincie=gelderland,
        aantal=900,
        peildatum=PEILDATUM,
        bron="pers",
        door=ministerie,
    )
    v = beschikbaar_voorbeeld(
        door=ministerie,
        cyclus=cyclus,
        peildatum=PEILDATUM,
        horizon=HORIZON,
        marge=Decimal(20),
        provincie_ids={gelderland.pk},
    )
    assert not Beschikbaarheidsberekening.objects.exists()
    # 450 (azc incl. amv) + floor(333 × 0.8) = 266; the others do not count
    assert v.totaal == 716
    [gevolg] = v.provincies
    assert (gevolg.oud, gevolg.nieuw, gevolg.verschil) == (900, 716, -184)
    assert (gevolg.locaties_tellen, gevolg.locaties_tellen_niet) == (2, 3)
    assert v.onbevestigd_geteld == 716


def test_vastleggen_schrijft_de_invoer_per_gemeente_en_bewaart_de_uitleg(register, ministerie):
    cyclus = Wetscyclus.objects.create(jaar=2026)
    gelderland = _gelderland()
    meerjarig_beschikbaar_vastleggen(
        cyclus=cyclus, provincie=gelderland, aantal=900, peildatum=PEILDATUM, door=ministerie
    )
    v = beschikbaar_voorbeeld(
        door=ministerie,
        cyclus=cyclus,
        peildatum=PEILDATUM,
        horizon=HORIZON,
        marge=Decimal(20),
        provincie_ids={gelderland.pk},
    )
    berekening = beschikbaar_vastleggen(
        door=ministerie,
        cyclus=cyclus,
        peildatum=PEILDATUM,
        horizon=HORIZON,
        marge=Decimal(20),
        provincie_ids={gelderland.pk},
        vingerafdruk=v.vingerafdruk,
    )
    arnhem = Gemeente.objects.get(naam="Arnhem")
    nijmegen = Gemeente.objects.get(naam="Nijmegen")
    # the province-level figure is replaced by one per gemeente of Gelderland
    assert not MeerjarigBeschikbaar.objects.filter(cyclus=cyclus, provincie__isnull=False).exists()
    rijen = MeerjarigBeschikbaar.objects.filter(cyclus=cyclus)
    assert rijen.count() == Gemeente.objects.filter(provincie=gelderland).count()
    assert rijen.get(gemeente=arnhem).aantal == 716
    assert rijen.get(gemeente=nijmegen).aantal == 0
    assert all(f"berekening {berekening.pk}" in r.bron for r in rijen)
    # the old figure is kept with the computation and in the history
    bp = BerekendeProvincie.objects.get(berekening=berekening)
    assert (bp.vorig_aantal, bp.aantal) == (900, 716)
    assert MeerjarigBeschikbaar.history.filter(provincie=gelderland, history_type="-").exists()
    # one line per location with its reason
    regels = {r.naam: r for r in BerekendeLocatie.objects.filter(berekening=berekening)}
    assert set(regels) == {
        "Azc Arnhem",
        "Plan Arnhem-Zuid",
        "Noodopvang Arnhem",
        "Heumensoord",
        "Nijmegen-Noord",
    }
    assert regels["Noodopvang Arnhem"].reden == "eindigt_voor_horizon"
    assert regels["Heumensoord"].reden == "geen_overeenkomst"
    assert regels["Nijmegen-Noord"].reden == "overeenkomst_na_peildatum"
    assert regels["Plan Arnhem-Zuid"].geteld == 266
    assert regels["Plan Arnhem-Zuid"].fase == "planvorming"
    assert berekening.marge == Decimal(20) and berekening.totaal == 716
    assert berekening.berekend_door == ministerie


def test_herberekening_is_een_nieuw_record(register, ministerie):
    cyclus = Wetscyclus.objects.create(jaar=2026)
    kwargs = {
        "door": ministerie,
        "cyclus": cyclus,
        "peildatum": PEILDATUM,
        "horizon": HORIZON,
        "provincie_ids": {_gelderland().pk},
    }
    eerste = beschikbaar_vastleggen(marge=Decimal(20), **kwargs)
    tweede = beschikbaar_vastleggen(marge=Decimal(50), **kwargs)
    assert tweede.vervangt == eerste
    assert Beschikbaarheidsberekening.objects.count() == 2
    assert BerekendeLocatie.objects.filter(berekening=eerste).count() == 5
    assert eerste.totaal == 716 and tweede.totaal == 450 + 166
    bp = BerekendeProvincie.objects.get(berekening=tweede)
    assert (bp.vorig_aantal, bp.aantal) == (716, 616)
    with pytest.raises(TypeError):
        Beschikbaarheidsberekening.objects.all().delete()


def test_gewijzigd_register_na_het_voorbeeld_wordt_geweigerd(register, ministerie):
    cyclus = Wetscyclus.objects.create(jaar=2026)
    kwargs = {
        "door": ministerie,
        "cyclus": cyclus,
        "peildatum": PEILDATUM,
        "horizon": HORIZON,
        "marge": Decimal(20),
        "provincie_ids": {_gelderland().pk},
    }
    v = beschikbaar_voorbeeld(**kwargs)
    Opvanglocatie.objects.filter(pk=register["arnhem_azc"].pk).update(capaciteit_regulier=10)
    with pytest.raises(BeschikbaarFout, match="gewijzigd"):
        beschikbaar_vastleggen(vingerafdruk=v.vingerafdruk, **kwargs)
    assert not Beschikbaarheidsberekening.objects.exists()


def test_concept_raming_neemt_de_cijfers_over_een_gepubliceerde_niet(register, ministerie):
    cyclus = Wetscyclus.objects.create(jaar=2026)
    gelderland = _gelderland()
    raming = Raming.objects.create(
        cyclus=cyclus,
        landelijk_aantal=1000,
        amv_aantal=0,
        berekend_op=dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
    )
    arnhem = Gemeente.objects.get(naam="Arnhem")
    GemeenteVerdeling.objects.create(raming=raming, gemeente=arnhem, aantal=800)
    ProvincieVerdeling.objects.create(raming=raming, provincie=gelderland, opgave=1000)
    kwargs = {
        "door": ministerie,
        "cyclus": cyclus,
        "peildatum": PEILDATUM,
        "horizon": HORIZON,
        "marge": Decimal(20),
        "provincie_ids": {gelderland.pk},
    }
    assert beschikbaar_voorbeeld(**kwargs).concept == raming
    beschikbaar_vastleggen(**kwargs)
    pv = ProvincieVerdeling.objects.get(raming=raming)
    assert (pv.meerjarig_beschikbaar, pv.nog_te_realiseren) == (716, 284)
    assert GemeenteVerdeling.objects.get(raming=raming).meerjarig_beschikbaar == 716

    Raming.objects.filter(pk=raming.pk).update(status=Raming.Status.GEPUBLICEERD)
    Opvanglocatie.objects.filter(pk=register["arnhem_kort"].pk).update(beschikbaar_tot=None)
    v = beschikbaar_voorbeeld(**kwargs)
    assert v.concept is None and v.bevroren.pk == raming.pk
    beschikbaar_vastleggen(**kwargs)
    pv.refresh_from_db()
    assert pv.meerjarig_beschikbaar == 716  # frozen: unchanged
    assert MeerjarigBeschikbaar.objects.get(cyclus=cyclus, gemeente=arnhem).aantal == 916


def test_fase_op_de_peildatum_telt_niet_de_huidige(register, ministerie):
    """A location that opened after the peildatum counts as it stood then (planvorming)."""
    cyclus = Wetscyclus.objects.create(jaar=2026)
    plan = register["arnhem_plan"]
    Opvanglocatie.objects.filter(pk=plan.pk).update(fase="in_gebruik")
    Fasewijziging.objects.create(
        locatie=plan, van_fase="planvorming", naar_fase="in_gebruik", datum=dt.date(2026, 6, 1)
    )
    v = beschikbaar_voorbeeld(
        door=ministerie,
        cyclus=cyclus,
        peildatum=PEILDATUM,
        horizon=HORIZON,
        marge=Decimal(20),
        provincie_ids={_gelderland().pk},
    )
    assert v.totaal == 716
    later = beschikbaar_voorbeeld(
        door=ministerie,
        cyclus=cyclus,
        peildatum=dt.date(2026, 7, 1),
        horizon=HORIZON,
        marge=Decimal(20),
        provincie_ids={_gelderland().pk},
    )
    # Nijmegen-Noord (agreement 1-3-2026) counts too on this later peildatum
    assert later.totaal == 450 + 333 + 150


def test_alleen_het_ministerie_berekent(register, coa, prt_gelderland, gemeente_arnhem):
    cyclus = Wetscyclus.objects.create(jaar=2026)
    for gebruiker in (coa, prt_gelderland, gemeente_arnhem):
        with pytest.raises(GeenToegang):
            beschikbaar_voorbeeld(
                door=gebruiker,
                cyclus=cyclus,
                peildatum=PEILDATUM,
                horizon=HORIZON,
                marge=Decimal(20),
                provincie_ids={_gelderland().pk},
            )


def test_ongeldige_invoer_alle_fouten_tegelijk(ministerie, gemeenten):
    cyclus = Wetscyclus.objects.create(jaar=2026)
    with pytest.raises(BeschikbaarFout) as fout:
        beschikbaar_voorbeeld(
            door=ministerie,
            cyclus=cyclus,
            peildatum=HORIZON,
            horizon=PEILDATUM,
            marge=Decimal("101"),
            provincie_ids=set(),
        )
    assert set(fout.value.message_dict) == {"horizon", "marge", "provincies"}


def test_onbevestigde_locaties_tellen_en_de_uitleg_zegt_het(client, register, ministerie, coa):
    """ADR 0014: a location COA has not confirmed counts; its line, the province and the
    gemeente page say so."""
    from django.utils import timezone

    register["arnhem_azc"].coa_bevestigd_op = timezone.now()
    register["arnhem_azc"].coa_bevestigd_door = coa
    register["arnhem_azc"].save()
    cyclus = Wetscyclus.objects.create(jaar=2026)
    gelderland = _gelderland()
    v = beschikbaar_voorbeeld(
        door=ministerie,
        cyclus=cyclus,
        peildatum=PEILDATUM,
        horizon=HORIZON,
        marge=Decimal(20),
        provincie_ids={gelderland.pk},
    )
    berekening = beschikbaar_vastleggen(
        door=ministerie,
        cyclus=cyclus,
        peildatum=PEILDATUM,
        horizon=HORIZON,
        marge=Decimal(20),
        provincie_ids={gelderland.pk},
        vingerafdruk=v.vingerafdruk,
    )
    azc = BerekendeLocatie.objects.get(berekening=berekening, locatie=register["arnhem_azc"])
    plan = BerekendeLocatie.objects.get(berekening=berekening, locatie=register["arnhem_plan"])
    assert azc.coa_bevestigd and azc.telt and "bevestigd" not in azc.toelichting
    # unconfirmed, counted with the margin: 333 × 80% = 266
    assert not plan.coa_bevestigd and plan.telt and plan.geteld == 266
    assert "COA had capaciteit en fase nog niet bevestigd" in plan.toelichting
    client.force_login(ministerie)
    for url in (
        f"/meerjarig-beschikbaar/{berekening.pk}/provincie/{gelderland.slug}/",
        f"/meerjarig-beschikbaar/{berekening.pk}/gemeente/arnhem/",
    ):
        tekst = client.get(url).content.decode()
        assert 'id="onbevestigd"' in tekst
        assert "266 van de meegetelde plekken" in tekst
