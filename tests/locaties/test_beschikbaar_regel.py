"""The meerjarig-beschikbaar rule on hand-made registers (no database)."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from locaties.berekening import (
    BESLUITVORMING,
    GESLOTEN,
    IN_GEBRUIK,
    PLANVORMING,
    REALISATIE,
    BerekeningFout,
    LocatieFeit,
    Reden,
    beoordeel,
    bereken,
    fase_op,
    met_marge,
)

PEILDATUM = dt.date(2026, 2, 1)
HORIZON = dt.date(2028, 12, 31)


def locatie(**anders) -> LocatieFeit:
    waarden = {
        "id": 1,
        "gemeente_id": 10,
        "provincie_id": 1,
        "fase": IN_GEBRUIK,
        "capaciteit_regulier": 300,
        "capaciteit_amv": 0,
        "overeenkomst_gesloten_op": dt.date(2025, 6, 1),
        "beschikbaar_vanaf": dt.date(2025, 9, 1),
        "beschikbaar_tot": None,
    }
    waarden.update(anders)
    return LocatieFeit(**waarden)


def oordeel(loc, marge=Decimal(20)):
    return beoordeel(loc, peildatum=PEILDATUM, horizon=HORIZON, marge=marge)


def test_een_locatie_die_op_30_12_2028_eindigt_telt_niet_voor_horizon_31_12_2028():
    o = oordeel(locatie(beschikbaar_tot=dt.date(2028, 12, 30)))
    assert not o.telt
    assert o.geteld == 0
    assert o.redenen == (Reden.EINDIGT_VOOR_HORIZON,)


def test_een_locatie_die_op_de_horizondatum_eindigt_telt_wel():
    o = oordeel(locatie(beschikbaar_tot=HORIZON))
    assert o.telt and o.geteld == 300


def test_open_einde_telt_en_amv_telt_mee():
    o = oordeel(locatie(capaciteit_amv=40))
    assert o.reden == Reden.TELT_VOLLEDIG
    assert o.geteld == 340


@pytest.mark.parametrize("fase", [PLANVORMING, BESLUITVORMING])
def test_planfase_telt_met_de_marge_naar_beneden_afgerond(fase):
    # 333 × 0.8 = 266.4 → 266
    o = oordeel(locatie(fase=fase, capaciteit_regulier=333), marge=Decimal(20))
    assert o.reden == Reden.TELT_MET_MARGE
    assert o.geteld == 266
    # 0% marge: alles; 100%: niets (telt wel, met 0 plekken)
    assert oordeel(locatie(fase=fase), marge=Decimal(0)).geteld == 300
    assert oordeel(locatie(fase=fase), marge=Decimal(100)).geteld == 0
    # a fractional margin: 101 × 0.875 = 88.375 → 88
    assert oordeel(locatie(fase=fase, capaciteit_regulier=101), marge=Decimal("12.5")).geteld == 88


def test_realisatiefase_telt_volledig_zonder_marge():
    o = oordeel(locatie(fase=REALISATIE), marge=Decimal(50))
    assert o.reden == Reden.TELT_VOLLEDIG and o.geteld == 300


def test_geen_of_te_late_bestuursovereenkomst_telt_niet():
    assert oordeel(locatie(overeenkomst_gesloten_op=None)).redenen == (Reden.GEEN_OVEREENKOMST,)
    te_laat = oordeel(locatie(overeenkomst_gesloten_op=dt.date(2026, 2, 2)))
    assert te_laat.redenen == (Reden.OVEREENKOMST_NA_PEILDATUM,)
    assert te_laat.geteld == 0
    # on the peildatum itself it counts
    assert oordeel(locatie(overeenkomst_gesloten_op=PEILDATUM)).telt


def test_gesloten_en_alle_redenen_genoemd():
    o = oordeel(
        locatie(
            fase=GESLOTEN,
            overeenkomst_gesloten_op=None,
            beschikbaar_vanaf=dt.date(2029, 1, 1),
        )
    )
    assert o.redenen == (Reden.GESLOTEN, Reden.GEEN_OVEREENKOMST, Reden.BEGINT_NA_HORIZON)
    assert "gesloten op de peildatum" in o.toelichting
    assert "geen gesloten bestuursovereenkomst" in o.toelichting


def test_begin_onbekend_en_nog_niet_in_register():
    assert oordeel(locatie(beschikbaar_vanaf=None)).redenen == (Reden.BEGIN_ONBEKEND,)
    assert oordeel(locatie(fase=None)).redenen == (Reden.NOG_NIET_IN_REGISTER,)


def test_provincie_is_som_van_gemeenten_en_gemeenten_zonder_locaties_krijgen_0():
    register = [
        locatie(id=1, gemeente_id=10, provincie_id=1, capaciteit_regulier=100),
        locatie(id=2, gemeente_id=10, provincie_id=1, fase=PLANVORMING, capaciteit_regulier=55),
        locatie(id=3, gemeente_id=11, provincie_id=1, beschikbaar_tot=dt.date(2028, 12, 30)),
        locatie(id=4, gemeente_id=20, provincie_id=2, capaciteit_regulier=70),
    ]
    uitkomst = bereken(
        register,
        peildatum=PEILDATUM,
        horizon=HORIZON,
        marge=Decimal(20),
        gemeenten=[(10, 1), (11, 1), (12, 1), (20, 2)],
    )
    assert uitkomst.per_gemeente == {10: 100 + 44, 11: 0, 12: 0, 20: 70}
    assert uitkomst.per_provincie == {1: 144, 2: 70}
    assert uitkomst.totaal == 214


def test_ongeldige_invoer_geeft_een_nette_fout():
    with pytest.raises(BerekeningFout):
        bereken([], peildatum=HORIZON, horizon=PEILDATUM, marge=Decimal(0))
    for marge in (Decimal(-1), Decimal("100.01"), Decimal("NaN")):
        with pytest.raises(BerekeningFout):
            bereken([], peildatum=PEILDATUM, horizon=HORIZON, marge=marge)


def test_fase_op_de_peildatum_uit_de_fasewijzigingen():
    wijzigingen = [
        (dt.date(2025, 1, 1), "", PLANVORMING),
        (dt.date(2025, 6, 1), PLANVORMING, REALISATIE),
        (dt.date(2026, 5, 1), REALISATIE, IN_GEBRUIK),
    ]
    assert fase_op(PEILDATUM, huidige_fase=IN_GEBRUIK, wijzigingen=wijzigingen) == REALISATIE
    assert fase_op(dt.date(2024, 1, 1), huidige_fase=IN_GEBRUIK, wijzigingen=wijzigingen) is None
    assert fase_op(PEILDATUM, huidige_fase=GESLOTEN, wijzigingen=[]) == GESLOTEN
    later = [(dt.date(2026, 3, 1), BESLUITVORMING, REALISATIE)]
    assert fase_op(PEILDATUM, huidige_fase=REALISATIE, wijzigingen=later) == BESLUITVORMING


datums = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31))
locaties = st.builds(
    LocatieFeit,
    id=st.integers(1, 10_000),
    gemeente_id=st.integers(1, 30),
    provincie_id=st.integers(1, 4),
    fase=st.sampled_from([None, PLANVORMING, BESLUITVORMING, REALISATIE, IN_GEBRUIK, GESLOTEN]),
    capaciteit_regulier=st.integers(0, 2_000),
    capaciteit_amv=st.integers(0, 200),
    overeenkomst_gesloten_op=st.none() | datums,
    beschikbaar_vanaf=st.none() | datums,
    beschikbaar_tot=st.none() | datums,
)
marges = st.decimals(min_value=0, max_value=100, places=2)


@given(register=st.lists(locaties, max_size=40), marge=marges)
def test_eigenschappen_van_de_som(register, marge):
    uitkomst = bereken(register, peildatum=PEILDATUM, horizon=HORIZON, marge=marge)
    # the total is the sum of the lines, of the gemeenten and of the provinces
    assert uitkomst.totaal == sum(o.geteld for o in uitkomst.oordelen)
    assert uitkomst.totaal == sum(uitkomst.per_gemeente.values())
    for o in uitkomst.oordelen:
        assert 0 <= o.geteld <= o.capaciteit
        if o.reden == Reden.TELT_VOLLEDIG:
            assert o.geteld == o.capaciteit
        if not o.telt:
            assert o.geteld == 0


@given(capaciteit=st.integers(0, 100_000), marge=marges)
def test_marge_is_naar_beneden_afgerond_en_monotoon(capaciteit, marge):
    geteld = met_marge(capaciteit, marge)
    exact = Decimal(capaciteit) * (100 - marge) / 100
    assert geteld <= exact < geteld + 1
    assert met_marge(capaciteit, min(marge + Decimal("0.01"), Decimal(100))) <= geteld


@given(loc=locaties, marge=marges)
def test_een_latere_horizon_telt_nooit_meer_dan_een_vroegere_voor_gesloten_einde(loc, marge):
    vroeg = beoordeel(loc, peildatum=PEILDATUM, horizon=HORIZON, marge=marge)
    if loc.beschikbaar_tot is not None and loc.beschikbaar_tot < HORIZON:
        assert not vroeg.telt
    if loc.overeenkomst_gesloten_op is not None and loc.overeenkomst_gesloten_op > PEILDATUM:
        assert not vroeg.telt
