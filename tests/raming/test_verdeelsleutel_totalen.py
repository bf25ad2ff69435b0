"""The engine's totals add up, and malformed input gets a Dutch error (issue 17)."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from raming.verdeelsleutel import (
    METHODE_GROOTSTE_OVERSCHOT,
    METHODE_PER_GEMEENTE,
    GemeenteInvoer,
    VerdeelsleutelFout,
    bereken_verdeling,
)


@st.composite
def invoer_en_aantallen(draw):
    n = draw(st.integers(min_value=1, max_value=60))
    rijen = [
        GemeenteInvoer(
            code=f"GM{i:04d}",
            provincie=draw(st.sampled_from(["PV20", "PV25", "PV27", "PV31"])),
            inwoners=draw(st.integers(min_value=0, max_value=2_000_000)),
            ses_woa=Decimal(draw(st.integers(min_value=-999, max_value=999))) / 1000,
        )
        for i in range(n)
    ]
    if sum(r.inwoners for r in rijen) == 0:
        rijen[0] = GemeenteInvoer(code="GM0000", provincie="PV20", inwoners=1, ses_woa=0)
    r = draw(st.integers(min_value=0, max_value=300_000))
    amv = draw(st.integers(min_value=0, max_value=r))
    return rijen, r, amv


@settings(max_examples=150, deadline=None)
@given(invoer_en_aantallen())
def test_grootste_overschot_gemeenten_en_amv_tellen_exact_op(data):
    rijen, r, amv = data
    v = bereken_verdeling(
        rijen, landelijk_aantal=r, amv_totaal=amv, methode=METHODE_GROOTSTE_OVERSCHOT
    )
    assert v.som == r
    assert v.som_amv == amv
    assert sum(v.provincies.values()) == r
    assert sum(v.provincies_amv.values()) == amv
    for u in v.gemeenten:
        assert 0 <= u.amv <= u.aantal
        exact_amv = Fraction(u.aantal * amv, r) if r else Fraction(0)
        assert u.amv - exact_amv < 1 and exact_amv - u.amv < 1


@settings(max_examples=150, deadline=None)
@given(invoer_en_aantallen())
def test_per_gemeente_afronden_binnen_een_half_per_gemeente_van_r(data):
    rijen, r, amv = data
    v = bereken_verdeling(rijen, landelijk_aantal=r, amv_totaal=amv, methode=METHODE_PER_GEMEENTE)
    assert abs(v.som - r) <= Fraction(len(rijen), 2)
    assert sum(v.provincies.values()) == v.som


def test_amv_telt_op_bij_echte_aantallen():
    # 342 gemeenten, population only: the amv column used to sum to 8,151 against 8,140
    rijen = [
        GemeenteInvoer(code=f"GM{i:04d}", provincie="PV2" + str(i % 10), inwoners=5_000 + 997 * i)
        for i in range(342)
    ]
    v = bereken_verdeling(
        rijen, landelijk_aantal=96_000, amv_totaal=8_140, methode=METHODE_GROOTSTE_OVERSCHOT
    )
    assert v.som == 96_000 and v.som_amv == 8_140
    assert v.alleen_inwoners and v.zonder_ses == ()


def _twee(ses_a, ses_b="0.1"):
    return [
        GemeenteInvoer(code="GM0001", provincie="PV20", inwoners=100, ses_woa=ses_a),
        GemeenteInvoer(code="GM0002", provincie="PV20", inwoners=100, ses_woa=ses_b),
    ]


@pytest.mark.parametrize(
    ("invoer", "kw", "melding"),
    [
        (_twee("0,153"), {}, r"GM0001: SES-WOA-score '0,153' heeft een decimale komma"),
        (_twee("abc"), {}, r"GM0001: SES-WOA-score 'abc' is geen getal"),
        (_twee(True), {}, r"GM0001: .*geen waar/onwaar"),
        (_twee(0.1), {}, r"GM0001: .*geen float"),
        (_twee(None), {}, r"1 gemeente\(n\) zonder SES-WOA-score: GM0001"),
        (_twee("0.1"), {"landelijk_aantal": "100"}, r"landelijke aantal moet een geheel getal"),
        (_twee("0.1"), {"landelijk_aantal": 100.0}, r"landelijke aantal moet een geheel getal"),
        (_twee("0.1"), {"amv_totaal": None}, r"amv-plekken moet een geheel getal"),
        (
            [GemeenteInvoer(code="GM0001", provincie="PV20", inwoners="12")],
            {},
            r"GM0001: het inwonertal moet een geheel getal",
        ),
        (
            [GemeenteInvoer(code="GM0001", provincie="", inwoners=12)],
            {},
            r"GM0001: de provincie ontbreekt",
        ),
        (
            [
                GemeenteInvoer(code="GM0001", provincie="PV20", inwoners=12),
                GemeenteInvoer(code="GM0001", provincie="PV20", inwoners=13),
            ],
            {},
            r"Gemeentecode GM0001 komt meer dan eens voor",
        ),
    ],
)
def test_nederlandse_fout_bij_elke_misvormde_invoer(invoer, kw, melding):
    kw = {"landelijk_aantal": 100, **kw}
    with pytest.raises(VerdeelsleutelFout, match=melding):
        bereken_verdeling(invoer, **kw)


def test_ontbrekende_score_alleen_met_expliciete_uitzondering():
    v = bereken_verdeling(_twee(None), landelijk_aantal=100, ses_mag_ontbreken={"GM0001"})
    assert v.zonder_ses == ("GM0001",)
    assert not v.alleen_inwoners
    assert v.per_code()["GM0001"].ses_woa == 0
    with pytest.raises(VerdeelsleutelFout, match="GM0001"):
        bereken_verdeling(_twee(None), landelijk_aantal=100, ses_mag_ontbreken={"GM0002"})
