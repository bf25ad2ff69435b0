"""The CBS importers: the real file, every kind of bad row, idempotence and all-or-nothing."""

import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Sum

from accounts.rechten import SYSTEEM
from raming.importeren import ImportFout, import_gemeenten, import_ses_woa
from raming.models import Gemeente, Inwonertal, Provincie, SesWoaScore
from tests.conftest import GEMEENTEN_CSV

from .conftest import statline_regel

pytestmark = pytest.mark.django_db


def _geschiedenis() -> tuple[int, int, int]:
    return (
        Gemeente.history.count(),
        Inwonertal.history.count(),
        SesWoaScore.history.count(),
    )


# --- import_gemeenten: the real file ---------------------------------------------------------


def test_echte_bestand_levert_342_gemeenten_en_het_landelijke_totaal():
    resultaat = import_gemeenten(GEMEENTEN_CSV, door=SYSTEEM)

    assert (resultaat.nieuw, resultaat.gewijzigd, resultaat.ongewijzigd) == (342, 0, 0)
    assert Gemeente.objects.count() == 342
    assert Inwonertal.objects.filter(peildatum=dt.date(2023, 1, 1)).count() == 342
    assert Inwonertal.objects.aggregate(s=Sum("aantal"))["s"] == 17_811_291
    assert Provincie.objects.count() == 12
    assert Provincie.objects.filter(gemeenten__isnull=True).count() == 0
    amsterdam = Gemeente.objects.get(code="GM0363")
    assert (amsterdam.naam, amsterdam.provincie.code) == ("Amsterdam", "PV27")
    # CBS writes "Friesland"; the province is the official Fryslân (PV21)
    assert Gemeente.objects.get(naam="Leeuwarden").provincie.naam == "Fryslân"
    # a quoted name with commas stays one field
    assert Gemeente.objects.get(code="GM0820").naam == "Nuenen, Gerwen en Nederwetten"


def test_tweede_import_verandert_niets_ook_geen_geschiedenis():
    import_gemeenten(GEMEENTEN_CSV, door=SYSTEEM)
    voor = _geschiedenis()
    tallen = dict(Inwonertal.objects.values_list("gemeente__code", "aantal"))

    resultaat = import_gemeenten(GEMEENTEN_CSV, door=SYSTEEM)

    assert (resultaat.nieuw, resultaat.gewijzigd, resultaat.ongewijzigd) == (0, 0, 342)
    assert _geschiedenis() == voor
    assert dict(Inwonertal.objects.values_list("gemeente__code", "aantal")) == tallen


def test_hetzelfde_bestand_als_de_laatste_import_wordt_niet_opnieuw_gelezen(
    echte_rijen, schrijf_csv, monkeypatch
):
    """Every second `make run`: the file the last applied import read is recognised by its
    content and peildatum, not parsed again, and nothing is recorded; another file (or the same
    file after another indeling was applied) goes through the whole import."""
    import importlib

    # the module (the package re-exports its function of the same name)
    toepassen = importlib.import_module("raming.cbs_import.toepassen")
    from raming.models import CbsImport

    import_gemeenten(GEMEENTEN_CSV, door=SYSTEEM)
    imports = CbsImport.objects.count()
    gelezen = []
    echt = toepassen.voorbeeld_maken
    monkeypatch.setattr(
        toepassen, "voorbeeld_maken", lambda *a, **k: gelezen.append(1) or echt(*a, **k)
    )

    resultaat = import_gemeenten(GEMEENTEN_CSV, door=SYSTEEM)
    assert (resultaat.nieuw, resultaat.gewijzigd, resultaat.ongewijzigd) == (0, 0, 342)
    assert "niets opnieuw ingelezen" in resultaat.meldingen[0]
    assert gelezen == [] and CbsImport.objects.count() == imports
    # another peildatum is another fact: read in full
    import_gemeenten(GEMEENTEN_CSV, peildatum=dt.date(2023, 6, 30), door=SYSTEEM)
    assert gelezen
    # a changed file is applied; the original file afterwards is read again (and applied)
    kop, rijen = echte_rijen
    next(r for r in rijen if r["gm_code"] == "GM0363")["inwoners_2023_01_01"] = "900000"
    import_gemeenten(schrijf_csv(kop, rijen), door=SYSTEEM)
    resultaat = import_gemeenten(GEMEENTEN_CSV, door=SYSTEEM)
    assert resultaat.gewijzigd == 1
    assert (
        Inwonertal.objects.get(gemeente__code="GM0363", peildatum=dt.date(2023, 1, 1)).aantal
        != 900_000
    )


def test_gewijzigd_inwonertal_wordt_bijgewerkt_met_geschiedenis(echte_rijen, schrijf_csv):
    import_gemeenten(GEMEENTEN_CSV, door=SYSTEEM)
    kop, rijen = echte_rijen
    amsterdam = next(r for r in rijen if r["gm_code"] == "GM0363")
    amsterdam["inwoners_2023_01_01"] = "900000"
    voor = Inwonertal.history.count()

    resultaat = import_gemeenten(schrijf_csv(kop, rijen), door=SYSTEEM)

    assert (resultaat.nieuw, resultaat.gewijzigd, resultaat.ongewijzigd) == (0, 1, 341)
    assert Inwonertal.objects.get(gemeente__code="GM0363").aantal == 900_000
    assert Inwonertal.history.count() == voor + 1


# --- import_gemeenten: bad rows --------------------------------------------------------------

# Row index 9 of the data is line 11 of the file (line 1 is the header).
SLECHTE_RIJEN = [
    ("gm_code", "GM363", "ongeldige gemeentecode 'GM363'"),
    ("gm_code", "XX0363", "ongeldige gemeentecode 'XX0363'"),
    ("gm_code", "", "ongeldige gemeentecode ''"),
    ("inwoners_2023_01_01", "-5", "is negatief (-5)"),
    ("inwoners_2023_01_01", "veel", "'veel'"),
    ("inwoners_2023_01_01", "12.5", "geen geheel getal"),
    ("provincie", "Zuiderzee", "provincie 'Zuiderzee' bestaat niet"),
    ("gemeentenaam", "", "gemeentenaam ontbreekt"),
]


@pytest.mark.parametrize(("kolom", "waarde", "melding"), SLECHTE_RIJEN)
def test_een_slechte_regel_en_er_wordt_niets_opgeslagen(
    echte_rijen, schrijf_csv, kolom, waarde, melding
):
    kop, rijen = echte_rijen
    rijen[9][kolom] = waarde

    with pytest.raises(ImportFout) as fout:
        import_gemeenten(schrijf_csv(kop, rijen), door=SYSTEEM)

    assert len(fout.value.fouten) == 1
    assert fout.value.fouten[0].startswith("Regel 11: ")
    assert melding in fout.value.fouten[0]
    assert Gemeente.objects.count() == 0
    assert Inwonertal.objects.count() == 0
    assert _geschiedenis() == (0, 0, 0)


def test_dubbele_code_noemt_beide_regels(echte_rijen, schrijf_csv):
    kop, rijen = echte_rijen
    rijen[9]["gm_code"] = rijen[0]["gm_code"]

    with pytest.raises(ImportFout) as fout:
        import_gemeenten(schrijf_csv(kop, rijen), door=SYSTEEM)

    assert fout.value.fouten == [
        f"Regel 11: gemeentecode {rijen[0]['gm_code']} komt ook voor op regel 2."
    ]
    assert Gemeente.objects.count() == 0


def test_alle_slechte_regels_worden_gemeld(echte_rijen, schrijf_csv):
    kop, rijen = echte_rijen
    rijen[0]["inwoners_2023_01_01"] = "-1"
    rijen[100]["provincie"] = "Atlantis"
    rijen[341]["gm_code"] = "GM12345"

    with pytest.raises(ImportFout) as fout:
        import_gemeenten(schrijf_csv(kop, rijen), door=SYSTEEM)

    assert [f.split(":")[0] for f in fout.value.fouten] == ["Regel 2", "Regel 102", "Regel 343"]


def test_ontbrekende_kolommen_en_leeg_bestand(tmp_path, schrijf_csv):
    pad = tmp_path / "fout.csv"
    pad.write_text("code,naam\nGM0363,Amsterdam\n", encoding="utf-8")
    with pytest.raises(ImportFout) as fout:
        import_gemeenten(pad, door=SYSTEEM)
    assert fout.value.fouten[0].startswith("Regel 1: kolommen ontbreken:")

    leeg = schrijf_csv(["gm_code", "gemeentenaam", "provincie", "inwoners_2023_01_01"], [])
    with pytest.raises(ImportFout, match="geen gemeenteregels"):
        import_gemeenten(leeg, door=SYSTEEM)

    with pytest.raises(ImportFout, match="Bestand niet gevonden"):
        import_gemeenten(tmp_path / "bestaat-niet.csv", door=SYSTEEM)


def test_een_slechte_regel_laat_bestaande_gegevens_ongemoeid(echte_rijen, schrijf_csv):
    import_gemeenten(GEMEENTEN_CSV, door=SYSTEEM)
    voor = _geschiedenis()
    kop, rijen = echte_rijen
    rijen[0]["inwoners_2023_01_01"] = "1"  # a valid change ...
    rijen[1]["gemeentenaam"] = "Nieuwe naam"  # ... and another ...
    rijen[200]["inwoners_2023_01_01"] = "-3"  # ... but one bad row: nothing is written

    with pytest.raises(ImportFout):
        import_gemeenten(schrijf_csv(kop, rijen), door=SYSTEEM)

    assert Inwonertal.objects.get(gemeente__code=rijen[0]["gm_code"]).aantal != 1
    assert Gemeente.objects.get(code=rijen[1]["gm_code"]).naam != "Nieuwe naam"
    assert _geschiedenis() == voor


# --- import_ses_woa --------------------------------------------------------------------------


@pytest.fixture
def statline_2019(schrijf_statline):
    return schrijf_statline(
        [
            statline_regel("2019", "Amsterdam", "GM0363", "-0.100"),
            statline_regel("2019", "Burgwallen-Oude Zijde", "WK036300", "-0.022"),
            statline_regel("2019", "Stationsplein e.o.", "BU03630100", "."),
            statline_regel("2019", "Zaanstad", "GM0479", "-0.155"),
            statline_regel("2019", "Bloemendaal", "GM0377", "0.431"),
            statline_regel("2019", "Rosmolenwijk", "WK047901", "abc"),  # ignored: not a GM row
        ]
    )


def test_ses_woa_alleen_gemeenteregels(gemeenten, statline_2019):
    resultaat = import_ses_woa(statline_2019, jaar=2019, door=SYSTEEM)

    assert (resultaat.nieuw, resultaat.gewijzigd, resultaat.ongewijzigd) == (3, 0, 0)
    assert SesWoaScore.objects.count() == 3
    assert SesWoaScore.objects.get(gemeente__code="GM0363", jaar=2019).score == Decimal("-0.100")
    assert SesWoaScore.objects.get(gemeente__code="GM0377", jaar=2019).score == Decimal("0.431")


def test_ses_woa_tweede_import_verandert_niets(gemeenten, statline_2019):
    import_ses_woa(statline_2019, jaar=2019, door=SYSTEEM)
    voor = _geschiedenis()

    resultaat = import_ses_woa(statline_2019, jaar=2019, door=SYSTEEM)

    assert (resultaat.nieuw, resultaat.gewijzigd, resultaat.ongewijzigd) == (0, 0, 3)
    assert _geschiedenis() == voor


def test_ses_woa_per_jaar_een_apart_feit(gemeenten, schrijf_statline, statline_2019):
    import_ses_woa(statline_2019, jaar=2019, door=SYSTEEM)
    import_ses_woa(
        schrijf_statline([statline_regel("2021", "Amsterdam", "GM0363", "-0.050")], "2021.csv"),
        jaar=2021,
        door=SYSTEEM,
    )
    scores = dict(SesWoaScore.objects.filter(gemeente__code="GM0363").values_list("jaar", "score"))
    assert scores == {2019: Decimal("-0.100"), 2021: Decimal("-0.050")}


@pytest.mark.parametrize(
    ("regel", "melding"),
    [
        (statline_regel("2019", "Amsterdam", "GM363", "0.100"), "ongeldige gemeentecode 'GM363'"),
        (statline_regel("2019", "Amsterdam", "GM0363", "hoog"), "hoog' van GM0363 is geen getal"),
        (statline_regel("2019", "Amsterdam", "GM0363", "-1.500"), "is onmogelijk"),
        (statline_regel("2020", "Amsterdam", "GM0363", "0.100"), "hoort niet bij jaar 2019"),
        (statline_regel("2019", "Zaanstad", "GM0479", "0.200"), "komt ook voor op regel 2"),
    ],
)
def test_ses_woa_slechte_regel_niets_opgeslagen(gemeenten, schrijf_statline, regel, melding):
    pad = schrijf_statline(
        [
            statline_regel("2019", "Zaanstad", "GM0479", "-0.155"),
            statline_regel("2019", "Burgwallen-Oude Zijde", "WK036300", "-0.022"),
            regel,
        ]
    )

    with pytest.raises(ImportFout) as fout:
        import_ses_woa(pad, jaar=2019, door=SYSTEEM)

    assert len(fout.value.fouten) == 1
    assert fout.value.fouten[0].startswith("Regel 4: ")
    assert melding in fout.value.fouten[0]
    assert SesWoaScore.objects.count() == 0


def test_ses_woa_onbekende_code_en_punt_breken_niets_af(gemeenten, schrijf_statline):
    # an unknown code and a "." are reported, not fatal (issue 17; raming.cbs_import)
    pad = schrijf_statline(
        [
            statline_regel("2019", "Zaanstad", "GM0479", "-0.155"),
            statline_regel("2019", "Nergenshuizen", "GM9999", "0.100"),
            statline_regel("2019", "Amsterdam", "GM0363", "."),
        ]
    )
    resultaat = import_ses_woa(pad, jaar=2019, door=SYSTEEM)
    assert resultaat.nieuw == 1
    assert "Regel 3: onbekende gemeentecode GM9999 overgeslagen." in resultaat.meldingen
    assert "  Amsterdam (GM0363): ‘.’ in het bestand" in resultaat.meldingen


def test_ses_woa_zonder_gemeenteregels(gemeenten, schrijf_statline):
    pad = schrijf_statline([statline_regel("2019", "Burgwallen", "WK036300", "-0.022")])
    with pytest.raises(ImportFout, match="geen gemeenteregels"):
        import_ses_woa(pad, jaar=2019, door=SYSTEEM)


def test_ses_woa_verkeerde_kolommen(gemeenten, tmp_path):
    pad = tmp_path / "x.csv"
    pad.write_text('"Perioden";"Regio"\n"2019";"GM0363"\n', encoding="utf-8")
    with pytest.raises(ImportFout, match="Regel 1: kolommen ontbreken"):
        import_ses_woa(pad, jaar=2019, door=SYSTEEM)


# --- the management commands -----------------------------------------------------------------


def test_command_import_gemeenten_meldt_resultaat(capsys):
    call_command("import_gemeenten", str(GEMEENTEN_CSV))
    assert (
        "342 gemeenten gelezen: 342 nieuw, 0 gewijzigd, 0 ongewijzigd. "
        "Vastgelegd door het systeem (beheercommando). (Bron: CBS)"
    ) in capsys.readouterr().out
    call_command("import_gemeenten", str(GEMEENTEN_CSV))
    assert "342 gemeenten gelezen: 0 nieuw, 0 gewijzigd, 342 ongewijzigd." in (
        capsys.readouterr().out
    )


def test_command_import_gemeenten_met_peildatum(capsys):
    call_command("import_gemeenten", str(GEMEENTEN_CSV), "--peildatum", "2023-06-30")
    assert Inwonertal.objects.filter(peildatum=dt.date(2023, 6, 30)).count() == 342


def test_command_import_gemeenten_fout(echte_rijen, schrijf_csv, capsys):
    kop, rijen = echte_rijen
    rijen[4]["inwoners_2023_01_01"] = "-7"
    rijen[5]["provincie"] = "Atlantis"

    with pytest.raises(CommandError, match="2 fout\\(en\\); er is niets opgeslagen"):
        call_command("import_gemeenten", str(schrijf_csv(kop, rijen)))

    fouten = capsys.readouterr().err
    assert "Regel 6: inwonertal van" in fouten
    assert "Regel 7: provincie 'Atlantis' bestaat niet." in fouten
    assert Gemeente.objects.count() == 0


def test_command_import_ses_woa(gemeenten, statline_2019, capsys):
    call_command("import_ses_woa", str(statline_2019), "--jaar", "2019")
    assert "3 SES-WOA-scores (2019) gelezen: 3 nieuw, 0 gewijzigd, 0 ongewijzigd." in (
        capsys.readouterr().out
    )


def test_command_import_ses_woa_fout(gemeenten, schrijf_statline, capsys):
    pad = schrijf_statline([statline_regel("2019", "Nergens", "GM9999", "0.1")])
    with pytest.raises(CommandError, match="2 fout\\(en\\); er is niets opgeslagen"):
        call_command("import_ses_woa", str(pad), "--jaar", "2019")
    assert "Regel 2: onbekende gemeentecode GM9999." in capsys.readouterr().err


def _manage(*args: str) -> subprocess.CompletedProcess:
    naam = connection.settings_dict["NAME"]
    omgeving = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{naam}",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_command_exitcodes(echte_rijen, schrijf_csv, tmp_path):
    # Only failing imports run in a subprocess: they write nothing to the shared test database.
    kop, rijen = echte_rijen
    rijen[0]["gm_code"] = "GM1"
    fout = _manage("import_gemeenten", str(schrijf_csv(kop, rijen)))
    assert fout.returncode == 1
    assert "Regel 2: ongeldige gemeentecode 'GM1'" in fout.stderr
    assert "er is niets opgeslagen" in fout.stderr

    ontbreekt = _manage("import_ses_woa", str(tmp_path / "nergens.csv"), "--jaar", "2019")
    assert ontbreekt.returncode == 1
    assert "Bestand niet gevonden" in ontbreekt.stderr

    zonder_jaar = _manage("import_ses_woa", str(tmp_path / "nergens.csv"))
    assert zonder_jaar.returncode == 2
    assert "--jaar" in zonder_jaar.stderr
