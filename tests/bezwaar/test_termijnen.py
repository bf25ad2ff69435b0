"""The Awb terms of a bezwaar, derived by pure functions (bezwaar/termijnen.py)."""

import datetime as dt

import pytest

from bezwaar import termijnen as t

D = dt.date


@pytest.mark.parametrize(
    ("jaar", "verwacht"),
    [
        (
            2025,
            {
                D(2025, 1, 1): "Nieuwjaarsdag",
                D(2025, 4, 18): "Goede Vrijdag",
                D(2025, 4, 21): "Tweede Paasdag",
                D(2025, 4, 26): "Koningsdag",  # 27 April 2025 is a Sunday
                D(2025, 5, 5): "Bevrijdingsdag",
                D(2025, 5, 29): "Hemelvaartsdag",
                D(2025, 6, 9): "Tweede Pinksterdag",
                D(2025, 12, 25): "Eerste Kerstdag",
                D(2025, 12, 26): "Tweede Kerstdag",
            },
        ),
        (
            2026,
            {
                D(2026, 1, 1): "Nieuwjaarsdag",
                D(2026, 4, 3): "Goede Vrijdag",
                D(2026, 4, 6): "Tweede Paasdag",
                D(2026, 4, 27): "Koningsdag",
                D(2026, 5, 5): "Bevrijdingsdag",
                D(2026, 5, 14): "Hemelvaartsdag",
                D(2026, 5, 25): "Tweede Pinksterdag",
                D(2026, 12, 25): "Eerste Kerstdag",
                D(2026, 12, 26): "Tweede Kerstdag",
            },
        ),
    ],
)
def test_feestdagen_van_de_algemene_termijnenwet(jaar, verwacht):
    assert t.feestdagen(jaar) == verwacht


def test_koninginnedag_voor_2014():
    assert t.koningsdag(2013) == D(2013, 4, 30)
    assert t.koningsdag(2006) == D(2006, 4, 29)  # 30 April 2006 was a Sunday
    assert t.koningsdag(2014) == D(2014, 4, 26)  # 27 April 2014 was a Sunday


def test_zes_weken_vanaf_de_dag_na_de_bekendmaking():
    # the 2024 verdeelbesluiten, made known on Monday 23 December 2024
    termijn = t.bezwaartermijn(D(2024, 12, 23))
    assert termijn.begin == D(2024, 12, 24)
    assert termijn.einde_berekend == D(2025, 2, 3)  # a Monday: not extended
    assert termijn.einde == D(2025, 2, 3)
    assert not termijn.verlengd


def test_einde_op_zaterdag_gaat_naar_maandag():
    termijn = t.bezwaartermijn(D(2025, 3, 1))  # a Saturday + 6 weeks = Saturday 12 April
    assert termijn.einde_berekend == D(2025, 4, 12)
    assert termijn.einde == D(2025, 4, 14)
    assert termijn.verlengd


def test_einde_op_zondag_gaat_naar_maandag():
    assert t.bezwaartermijn(D(2025, 3, 2)).einde == D(2025, 4, 14)


def test_einde_op_goede_vrijdag_over_het_paasweekend():
    # Friday 7 March + 6 weeks = Goede Vrijdag 18 April 2025; Sat, Sun, Tweede Paasdag follow
    assert t.bezwaartermijn(D(2025, 3, 7)).einde == D(2025, 4, 22)


def test_einde_op_koningsdag_die_op_zaterdag_valt():
    # 26 April 2025 (Saturday, Koningsdag) → Monday 28 April
    assert t.bezwaartermijn(D(2025, 3, 15)).einde == D(2025, 4, 28)


def test_einde_op_bevrijdingsdag_en_hemelvaart():
    assert t.bezwaartermijn(D(2025, 3, 24)).einde == D(2025, 5, 6)  # Mon 5 May → Tue 6 May
    assert t.bezwaartermijn(D(2025, 4, 17)).einde == D(2025, 5, 30)  # Hemelvaart Thu 29 May


def test_einde_op_kerst_schuift_over_het_weekend():
    # Thursday 13 November 2025 + 6 weeks = Thursday 25 December; 26th, 27th, 28th follow
    assert t.bezwaartermijn(D(2025, 11, 13)).einde == D(2025, 12, 29)


def test_gelijkgestelde_dag_uit_een_koninklijk_besluit():
    # Friday 30 May 2025 (after Hemelvaart) is no holiday of the law itself ...
    assert t.bezwaartermijn(D(2025, 4, 18)).einde == D(2025, 5, 30)
    # ... but when a decree equates it, the term runs to Monday 2 June
    assert t.bezwaartermijn(D(2025, 4, 18), {D(2025, 5, 30)}).einde == D(2025, 6, 2)


def test_tijdig_tot_en_met_de_laatste_dag():
    bekend = D(2024, 12, 23)
    assert t.tijdig(bekendgemaakt_op=bekend, ontvangen_op=D(2025, 2, 3))
    assert not t.tijdig(bekendgemaakt_op=bekend, ontvangen_op=D(2025, 2, 4))


def test_per_post_tijdig_als_binnen_een_week_ontvangen():
    bekend = D(2024, 12, 23)
    assert t.tijdig(
        bekendgemaakt_op=bekend, ontvangen_op=D(2025, 2, 10), verzonden_op=D(2025, 2, 3)
    )
    assert not t.tijdig(
        bekendgemaakt_op=bekend, ontvangen_op=D(2025, 2, 11), verzonden_op=D(2025, 2, 3)
    )
    assert not t.tijdig(
        bekendgemaakt_op=bekend, ontvangen_op=D(2025, 2, 5), verzonden_op=D(2025, 2, 4)
    )


def test_beslistermijn_zes_weken_na_de_bezwaartermijn():
    termijn = t.beslistermijn(bekendgemaakt_op=D(2024, 12, 23), ontvangen_op=D(2025, 1, 20))
    assert termijn.begin == D(2025, 2, 4)
    assert termijn.wettelijk == D(2025, 3, 17)
    assert termijn.einde == D(2025, 3, 17)


def test_beslistermijn_twaalf_weken_met_adviescommissie():
    termijn = t.beslistermijn(
        bekendgemaakt_op=D(2024, 12, 23), ontvangen_op=D(2025, 1, 20), adviescommissie=True
    )
    assert termijn.wettelijk == D(2025, 4, 28)  # 3 February + 12 weeks, a Monday


def test_verdaging_met_zes_weken_en_verder_uitstel_met_instemming():
    termijn = t.beslistermijn(
        bekendgemaakt_op=D(2024, 12, 23), ontvangen_op=D(2025, 1, 20), verdaagd=True
    )
    assert termijn.verdaagd == D(2025, 4, 28)  # 17 March + 6 weeks
    assert termijn.einde == D(2025, 4, 28)
    uitgesteld = t.beslistermijn(
        bekendgemaakt_op=D(2024, 12, 23),
        ontvangen_op=D(2025, 1, 20),
        verdaagd=True,
        uitgesteld_tot=D(2025, 6, 14),  # a date agreed: a Saturday stays a Saturday
    )
    assert uitgesteld.einde == D(2025, 6, 14)


def test_beslistermijn_op_feestdag_verlengd():
    # made known Thursday 6 March 2025: the bezwaartermijn ends Thursday 17 April, the decision
    # term six weeks later on Thursday 29 May, Hemelvaartsdag: extended to Friday 30 May
    termijn = t.beslistermijn(bekendgemaakt_op=D(2025, 3, 6), ontvangen_op=D(2025, 3, 20))
    assert t.bezwaartermijn(D(2025, 3, 6)).einde == D(2025, 4, 17)
    assert termijn.wettelijk == D(2025, 5, 30)


def test_te_laat_bezwaar_beslistermijn_vanaf_ontvangst():
    termijn = t.beslistermijn(bekendgemaakt_op=D(2024, 12, 23), ontvangen_op=D(2025, 2, 20))
    assert termijn.begin == D(2025, 2, 21)
    assert termijn.wettelijk == D(2025, 4, 3)
