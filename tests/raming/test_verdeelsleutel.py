import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from raming.berekening import invoer_uit_database
from raming.verdeelsleutel import (
    METHODE_GROOTSTE_OVERSCHOT,
    METHODE_PER_GEMEENTE,
    GemeenteInvoer,
    VerdeelsleutelFout,
    bereken_verdeling,
)

gemeente_invoer = st.builds(
    GemeenteInvoer,
    code=st.just(""),
    provincie=st.sampled_from(["PV20", "PV25", "PV27"]),
    inwoners=st.integers(min_value=0, max_value=1_000_000),
    ses_woa=st.integers(min_value=-999, max_value=999).map(lambda n: Decimal(n) / 1000),
)


@st.composite
def invoer(draw, min_size=1):
    rijen = draw(st.lists(gemeente_invoer, min_size=min_size, max_size=40))
    rijen = [
        GemeenteInvoer(
            code=f"GM{i:04d}", provincie=r.provincie, inwoners=r.inwoners, ses_woa=r.ses_woa
        )
        for i, r in enumerate(rijen)
    ]
    if sum(r.inwoners for r in rijen) == 0:
        rijen[0] = GemeenteInvoer(code=rijen[0].code, provincie="PV20", inwoners=1, ses_woa=0)
    return rijen


R = st.integers(min_value=0, max_value=200_000)
methode = st.sampled_from([METHODE_PER_GEMEENTE, METHODE_GROOTSTE_OVERSCHOT])


@settings(max_examples=200, deadline=None)
@given(invoer(), R)
def test_grootste_overschot_telt_op_tot_r(rijen, r):
    verdeling = bereken_verdeling(rijen, landelijk_aantal=r, methode=METHODE_GROOTSTE_OVERSCHOT)
    assert verdeling.som == r
    assert sum(verdeling.provincies.values()) == r


@settings(max_examples=200, deadline=None)
@given(invoer(), R, methode)
def test_elk_aantal_is_floor_of_ceil_van_exact(rijen, r, m):
    verdeling = bereken_verdeling(rijen, landelijk_aantal=r, methode=m)
    totaal = sum(Fraction(g.inwoners) * (1 + Fraction(str(g.ses_woa))) for g in rijen)
    for g, u in zip(sorted(rijen, key=lambda g: g.code), verdeling.gemeenten, strict=True):
        exact = r * Fraction(g.inwoners) * (1 + Fraction(str(g.ses_woa))) / totaal
        assert u.exact == exact
        assert u.aantal in (math.floor(exact), math.ceil(exact))


@settings(max_examples=150, deadline=None)
@given(invoer(), R, methode, st.randoms(use_true_random=False))
def test_volgorde_maakt_niet_uit(rijen, r, m, rnd):
    gehusseld = list(rijen)
    rnd.shuffle(gehusseld)
    a = bereken_verdeling(rijen, landelijk_aantal=r, methode=m)
    b = bereken_verdeling(gehusseld, landelijk_aantal=r, methode=m)
    assert a == b


@settings(max_examples=200, deadline=None)
@given(invoer(min_size=2), R, methode)
def test_groter_gewicht_nooit_minder_plekken(rijen, r, m):
    verdeling = bereken_verdeling(rijen, landelijk_aantal=r, methode=m)
    paren = sorted((u.gewicht, u.aantal) for u in verdeling.gemeenten)
    for (w1, n1), (w2, n2) in zip(paren, paren[1:], strict=False):
        assert w1 <= w2
        assert n1 <= n2 or w1 == w2, (w1, n1, w2, n2)


@settings(max_examples=100, deadline=None)
@given(invoer(), R, methode)
def test_provincies_zijn_som_van_gemeenten(rijen, r, m):
    verdeling = bereken_verdeling(rijen, landelijk_aantal=r, amv_totaal=r // 12, methode=m)
    for code, opgave in verdeling.provincies.items():
        assert opgave == sum(u.aantal for u in verdeling.gemeenten if u.provincie == code)
    assert verdeling.provincies_amv == {
        code: sum(u.amv for u in verdeling.gemeenten if u.provincie == code)
        for code in verdeling.provincies
    }


def _een(**kw):
    return [GemeenteInvoer(code="GM0001", provincie="PV20", inwoners=100, **kw)]


def test_negatief_inwonertal_geweigerd():
    with pytest.raises(VerdeelsleutelFout, match="inwonertal mag niet negatief"):
        bereken_verdeling(
            [GemeenteInvoer(code="GM0001", provincie="PV20", inwoners=-1)], landelijk_aantal=10
        )


@pytest.mark.parametrize("ses", ["-1", "-1.5", Decimal("-1.000")])
def test_ses_min_een_of_lager_geweigerd(ses):
    with pytest.raises(VerdeelsleutelFout, match="−1 of lager"):
        bereken_verdeling(_een(ses_woa=ses), landelijk_aantal=10)


def test_negatieve_r_geweigerd():
    with pytest.raises(VerdeelsleutelFout, match="landelijke aantal mag niet negatief"):
        bereken_verdeling(_een(), landelijk_aantal=-1)


def test_float_ses_geweigerd():
    with pytest.raises(VerdeelsleutelFout, match="float"):
        bereken_verdeling(_een(ses_woa=0.1), landelijk_aantal=10)


class TestEchteGemeenten:
    """The 342 gemeenten with their population on 1-1-2023 (Bron: CBS)."""

    @pytest.fixture
    def invoer_2023(self, gemeenten):
        import datetime as dt

        return invoer_uit_database(peildatum=dt.date(2023, 1, 1), ses_jaar=None).gemeenten

    def test_alleen_inwoners(self, invoer_2023):
        assert len(invoer_2023) == 342
        assert sum(g.inwoners for g in invoer_2023) == 17_811_291
        verdeling = bereken_verdeling(
            invoer_2023, landelijk_aantal=96_000, amv_totaal=8_140, methode=METHODE_PER_GEMEENTE
        )
        inwoners = {g.code: g.inwoners for g in invoer_2023}
        for u in verdeling.gemeenten:
            verwacht = Fraction(inwoners[u.code] * 96_000, 17_811_291)
            assert u.exact == verwacht
            assert u.aantal == math.floor(verwacht + Fraction(1, 2))
        # each gemeente rounded on its own: the sum may differ from R by a few
        assert abs(verdeling.som - 96_000) < 20
        lr = bereken_verdeling(
            invoer_2023, landelijk_aantal=96_000, methode=METHODE_GROOTSTE_OVERSCHOT
        )
        assert lr.som == 96_000

    def test_amsterdam_met_ses_krijgt_minder(self, invoer_2023):
        amsterdam = next(g for g in invoer_2023 if g.code == "GM0363")
        assert amsterdam.inwoners == 918_117
        zonder = bereken_verdeling(
            invoer_2023, landelijk_aantal=96_000, methode=METHODE_PER_GEMEENTE
        ).per_code()["GM0363"]
        met_ses = [
            GemeenteInvoer(
                code=g.code,
                provincie=g.provincie,
                inwoners=g.inwoners,
                ses_woa=Decimal("-0.100") if g.code == "GM0363" else Decimal(0),
            )
            for g in invoer_2023
        ]
        met = bereken_verdeling(
            met_ses, landelijk_aantal=96_000, methode=METHODE_PER_GEMEENTE
        ).per_code()["GM0363"]
        assert met.aantal < zonder.aantal
        assert zonder.aantal == round(918_117 * 96_000 / 17_811_291)  # 4,949 (exact 4,948.54)
