import datetime as dt
import io

from raming import demo
from raming.models import (
    GemeenteVerdeling,
    Invoerbesluit,
    MeerjarigBeschikbaar,
    Mijlpaal,
    ProvincieVerdeling,
    Raming,
)
from regietafels import demo as regietafels_demo
from regietafels.models import Termijnverlenging
from regietafels.termijnen import verslagtermijnen


def _tellingen():
    return [
        m.objects.count()
        for m in (
            Raming,
            GemeenteVerdeling,
            ProvincieVerdeling,
            Invoerbesluit,
            MeerjarigBeschikbaar,
            Mijlpaal,
            Termijnverlenging,
        )
    ] + [Raming.history.count(), MeerjarigBeschikbaar.history.count()]


def test_demo_idempotent_en_cijfers(gemeenten, ministerie):
    demo.laad(stdout=io.StringIO())
    eerst = _tellingen()
    demo.laad(stdout=io.StringIO())
    assert _tellingen() == eerst

    r2024 = Raming.objects.get(cyclus__jaar=2024)
    assert (r2024.status, r2024.historisch, r2024.gepubliceerd_op) == (
        "gepubliceerd",
        True,
        dt.date(2024, 1, 31),
    )
    assert (r2024.landelijk_aantal, r2024.amv_aantal) == (96_000, 8_140)
    opgaven = dict(r2024.provincies.values_list("provincie__code", "opgave"))
    assert len(opgaven) == 12 and sum(opgaven.values()) == 96_002
    assert opgaven["PV27"] == 16_290

    r2026 = Raming.objects.get(cyclus__jaar=2026)
    assert r2026.zonder_ses and r2026.historisch and r2026.status == "gepubliceerd"
    assert r2026.uitgesteld_op == dt.date(2026, 2, 5)
    assert r2026.gepubliceerd_op == dt.date(2026, 2, 26)
    assert r2026.gemeenten.count() == 342
    pv = {p.provincie.code: p for p in r2026.provincies.select_related("provincie")}
    assert sum(p.opgave for p in pv.values()) == 88_000
    assert pv["PV28"].nog_te_realiseren == 11_400
    assert pv["PV27"].nog_te_realiseren == 7_700
    assert pv["PV30"].nog_te_realiseren == 7_200
    assert pv["PV25"].nog_te_realiseren == 4_900
    assert pv["PV20"].nog_te_realiseren == 0 and pv["PV24"].nog_te_realiseren == 0
    beschikbaar = sum(p.meerjarig_beschikbaar for p in pv.values())
    assert 49_000 < beschikbaar < 51_500
    assert abs(sum(p.nog_te_realiseren for p in pv.values()) - 38_000) < 50

    # 26 days late: raming proposes one month more; regietafels' demo grants it, once.
    termijnen = verslagtermijnen(r2026.cyclus)
    assert {t.effectief for t in termijnen.values()} == {dt.date(2026, 11, 1)}
    regietafels_demo.verlenging_na_late_raming(r2026.cyclus, io.StringIO())
    regietafels_demo.verlenging_na_late_raming(r2026.cyclus, io.StringIO())
    termijnen = verslagtermijnen(r2026.cyclus)
    assert {t.effectief for t in termijnen.values()} == {dt.date(2026, 12, 1)}
    assert Termijnverlenging.objects.count() == 1


def test_demo_zonder_bestand(db, settings, tmp_path):
    settings.REFERENCE_DATA_DIR = tmp_path
    uit = io.StringIO()
    demo.laad(stdout=uit)
    assert "niet gevonden" in uit.getvalue()
    assert not Raming.objects.exists()
