"""A new gemeentelijke indeling is an import too: preview, then apply. Gemeenten that the
indeling no longer has are retired per their merger date with their successor, never
deleted; the merged gemeente's SES-WOA is the mean of its predecessors weighted by their
population, never by another weight.

The real merger used: Brielle, Hellevoetsluis and Westvoorne into Voorne aan Zee on
1 January 2023 (Bron: CBS), the latest in the project's merger table. The "2022 indeling"
below is the real 2025 indeling with Voorne aan Zee replaced by its three predecessors (no
other merger took effect between 24 March 2022 and 2025), with their population on
1-1-2022 from the StatLine population file under tests/raming/data.
"""

import csv
import datetime as dt
import io
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accounts.rechten import SYSTEEM
from raming import cbs_import
from raming.berekening import invoer_uit_database
from raming.cbs_import import ImportFout
from raming.importeren import import_gemeenten
from raming.models import CbsImport, Gemeente, Gemeentefusie, Inwonertal, SesWoaScore
from tests.conftest import GEMEENTEN_CSV

from .test_cbs_import import BEVOLKING_2022, SES_2022, _voorbereiden

pytestmark = pytest.mark.django_db

VOORGANGERS = {"GM0501": "Brielle", "GM0530": "Hellevoetsluis", "GM0614": "Westvoorne"}
INWONERS_2022 = {"GM0501": 17_482, "GM0530": 40_818, "GM0614": 14_954}


def _indeling_2022(tmp_path):
    """The indeling before the merger, in the format of the shared CBS file."""
    with open(GEMEENTEN_CSV, encoding="utf-8") as f:
        rijen = list(csv.DictReader(f))
    with open(BEVOLKING_2022, encoding="utf-8") as f:
        tallen = {r["Regiocode (code)"].strip(): r["Bevolking op 1 januari (aantal)"] for r in
                  csv.DictReader(f)}  # fmt: skip
    uit = io.StringIO()
    w = csv.writer(uit, lineterminator="\n")
    w.writerow(["gm_code", "gemeentecode", "gemeentenaam", "provincie", "inwoners_2022_01_01"])
    for r in rijen:
        if r["gm_code"] == "GM1992":
            for code, naam in VOORGANGERS.items():
                w.writerow([code, code[2:], naam, r["provincie"], INWONERS_2022[code]])
            continue
        w.writerow([r["gm_code"], r["gemeentecode"], r["gemeentenaam"], r["provincie"],
                    tallen[r["gm_code"]]])  # fmt: skip
    pad = tmp_path / "cbs_gemeenten_2022_inwoners_2022.csv"
    pad.write_text(uit.getvalue(), encoding="utf-8")
    return pad


@pytest.fixture
def indeling_2022(tmp_path, ministerie):
    pad = _indeling_2022(tmp_path)
    resultaat = import_gemeenten(pad, tabel="03759NED", door=ministerie)
    assert (resultaat.nieuw, resultaat.opgeheven) == (344, 0)
    return pad


def test_nieuwe_indeling_heft_op_met_opvolger_in_het_voorbeeld(indeling_2022, ministerie):
    imp, vb = cbs_import.import_voorbereiden(
        soort=cbs_import.INWONERS,
        inhoud=GEMEENTEN_CSV.read_bytes(),
        bestandsnaam=GEMEENTEN_CSV.name,
        door=ministerie,
    )
    assert vb.indeling and vb.fouten == []
    assert [n["code"] for n in vb.nieuwe_gemeenten] == ["GM1992"]
    assert [(o["naam"], o["datum"], o["opvolger_naam"]) for o in vb.opgeheven] == [
        ("Brielle", dt.date(2023, 1, 1), "Voorne aan Zee"),
        ("Hellevoetsluis", dt.date(2023, 1, 1), "Voorne aan Zee"),
        ("Westvoorne", dt.date(2023, 1, 1), "Voorne aan Zee"),
    ]
    assert vb.zonder_waarde == []  # the retired ones are not "without a value"
    assert Gemeente.objects.get(code="GM0501").opgeheven_per is None  # a preview writes nothing
    regels = cbs_import.meldingen(vb)
    assert (
        "Opgeheven per 01-01-2023: Brielle (GM0501), opgegaan in Voorne aan Zee (GM1992); "
        "eerdere cycli houden haar." in regels
    )

    cbs_import.toepassen(imp, door=ministerie)

    voorne = Gemeente.objects.get(code="GM1992")
    for code in VOORGANGERS:
        g = Gemeente.objects.get(code=code)  # never deleted
        assert (g.opgeheven_per, g.opvolger) == (dt.date(2023, 1, 1), voorne)
        assert g.history.first().history_user == ministerie
        assert g.inwonertallen.get(peildatum=dt.date(2022, 1, 1)).aantal == INWONERS_2022[code]
        # its last population before the merger is the weight of its score in the mean
        fusie = Gemeentefusie.objects.get(voorganger_code=code)
        assert (fusie.inwoners, fusie.inwoners_peildatum) == (
            INWONERS_2022[code],
            dt.date(2022, 1, 1),
        )
    assert Gemeente.objects.count() == 345
    assert Gemeente.objects.bestaand().count() == 342
    assert Gemeente.objects.bestaand_op(dt.date(2022, 12, 31)).count() == 344
    assert Gemeente.objects.bestaand_op(dt.date(2023, 1, 1)).count() == 342

    # a raming distributes over the indeling of its cycle year; older cycles keep theirs
    nu = invoer_uit_database(peildatum=dt.date(2023, 1, 1), ses_jaar=None)
    assert len(nu.gemeenten) == 342 and nu.zonder_inwoners == []
    toen = invoer_uit_database(
        peildatum=dt.date(2022, 1, 1), ses_jaar=None, indeling_op=dt.date(2022, 1, 1)
    )
    assert {g.code for g in toen.gemeenten} >= set(VOORGANGERS)
    assert "GM1992" not in {g.code for g in toen.gemeenten}

    # the same indeling again changes nothing
    resultaat = import_gemeenten(GEMEENTEN_CSV, door=ministerie)
    assert (resultaat.nieuw, resultaat.gewijzigd, resultaat.opgeheven) == (0, 0, 0)
    assert resultaat.ongewijzigd == 342


def test_samengevoegde_gemeente_weegt_naar_inwonertal_van_de_voorgangers(indeling_2022, ministerie):
    import_gemeenten(GEMEENTEN_CSV, door=ministerie)
    imp, vb = _voorbereiden(SES_2022, door=ministerie)
    voorne = next(w for w in vb.waarden if w.code == "GM1992")
    # (17482 × 0.120 + 40818 × 0.020 + 14954 × 0.210) / 73254 = 0.08265…; by households
    # (7600, 17500, 6300 in the file) it would have been 0.082
    assert voorne.waarde == Decimal("0.083")
    assert "Gewogen gemiddelde naar inwonertal op 01-01-2022" in voorne.afleiding
    assert "Hellevoetsluis 0,020 × 40.818" in voorne.afleiding
    assert "huishoudens" not in voorne.afleiding
    # the scores of the retired predecessors are mapped, not stored on them
    assert [f["opvolger_code"] for f in vb.via_fusie] == ["GM1992"] * 3
    cbs_import.toepassen(imp, door=ministerie)
    assert SesWoaScore.objects.get(gemeente__code="GM1992", jaar=2022).score == Decimal("0.083")
    assert not SesWoaScore.objects.filter(gemeente__code__in=VOORGANGERS).exists()


def test_zonder_inwonertal_van_de_voorgangers_geen_score(gemeenten):
    # the 2025 indeling only: nobody recorded the predecessors' population
    _, vb = _voorbereiden(SES_2022)
    assert "GM1992" not in {w.code for w in vb.waarden}
    reden = next(z["reden"] for z in vb.zonder_waarde if z["code"] == "GM1992")
    assert reden.startswith("niet af te leiden: het inwonertal van de voorganger(s) Brielle")
    assert "importeer eerst de inwonertallen in de oude indeling" in reden


def test_ontbrekende_gemeente_zonder_herindeling_stopt_de_import(gemeenten, tmp_path):
    tekst = GEMEENTEN_CSV.read_text(encoding="utf-8")
    regels = [r for r in tekst.splitlines() if not r.startswith("GM0363,")]
    pad = tmp_path / "zonder_amsterdam.csv"
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    with pytest.raises(ImportFout) as fout:
        import_gemeenten(pad, door=SYSTEEM)
    assert fout.value.fouten == [
        "Amsterdam (GM0363) staat niet in deze gemeentelijke indeling en er is geen "
        "herindeling van bekend. Leg eerst de herindeling vast (Beheer › Gemeentelijke "
        "herindelingen, bron CBS) of importeer een volledige indeling."
    ]
    assert Gemeente.objects.bestaand().count() == 342
    assert not CbsImport.objects.exists()


def test_commando_toont_voorbeeld_en_legt_de_actor_vast(tmp_path, ministerie):
    pad = _indeling_2022(tmp_path)
    uit = StringIO()
    call_command("import_gemeenten", str(pad), "--alleen-voorbeeld", stdout=uit)
    assert "344 nieuwe gemeenten." in uit.getvalue()
    assert "Alleen het voorbeeld: er is niets opgeslagen." in uit.getvalue()
    assert not Gemeente.objects.exists()

    call_command("import_gemeenten", str(pad), stdout=StringIO())
    uit = StringIO()
    call_command("import_gemeenten", str(GEMEENTEN_CSV), "--door", ministerie.username, stdout=uit)
    tekst = uit.getvalue()
    assert "Opgeheven per 01-01-2023: Westvoorne (GM0614), opgegaan in Voorne aan Zee" in tekst
    assert "3 opgeheven. Vastgelegd door t-ministerie. (Bron: CBS)" in tekst
    laatste = CbsImport.objects.order_by("-pk").first()
    assert (laatste.aangemaakt_door, laatste.afgehandeld_door) == (ministerie, ministerie)
    assert laatste.samenvatting["opgeheven"] == 3
    assert Gemeente.objects.get(code="GM0530").history.first().history_user == ministerie
    eerste = CbsImport.objects.order_by("pk").filter(status=CbsImport.Status.TOEGEPAST).first()
    assert eerste.aangemaakt_door is None  # the system (make run)

    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("import_gemeenten", str(GEMEENTEN_CSV), "--door", "niemand-hier")


def test_inwonertallen_blijven_bij_opgeheven_gemeente(indeling_2022, ministerie):
    import_gemeenten(GEMEENTEN_CSV, door=ministerie)
    assert Inwonertal.objects.filter(gemeente__code__in=VOORGANGERS).count() == 3
