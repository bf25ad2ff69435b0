"""CBS StatLine imports on real-format files: preview, apply, cancel, mergers, sources.

The files under tests/raming/data are in the exact StatLine export format (BOM, quoted and
padded codes, WK/BU rows, "." for missing, provisional period "2022*", decimal commas; the
population file comma separated with decimal points), written for these tests: the scores are
illustrative, the codes and names are the real ones (2025 indeling; Brielle, Hellevoetsluis
and Westvoorne before their merger into Voorne aan Zee on 1-1-2023).
"""

import datetime as dt
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.rechten import SYSTEEM, GeenToegang, Handeling, vereist
from raming import cbs_import
from raming.cbs_import import ImportFout, getal
from raming.models import CbsImport, Gemeentefusie, Inwonertal, SesWoaScore

DATA = Path(__file__).parent / "data"
SES_2022 = DATA / "statline_85539NED_2022_voorlopig.csv"
BEVOLKING_2022 = DATA / "statline_bevolking_2022_indeling_2022.csv"
DOWNLOAD = dt.date(2026, 12, 1)


def _voorbereiden(pad, soort=cbs_import.SES, tabel="85539NED", jaar=None, door=SYSTEEM):
    return cbs_import.import_voorbereiden(
        soort=soort,
        inhoud=pad.read_bytes(),
        bestandsnaam=pad.name,
        tabel=tabel,
        downloaddatum=DOWNLOAD,
        jaar=jaar,
        door=door,
    )


@pytest.mark.parametrize(
    ("ruw", "waarde"),
    [("  -0.100", Decimal("-0.100")), ("0,153", Decimal("0.153")), ("       .", None),
     ("", None), ("1.234,5", Decimal("1234.5")), ("457400", Decimal(457400))],
)  # fmt: skip
def test_getal(ruw, waarde):
    assert getal(ruw) == waarde


def test_herindelingen_meegeleverd(db):
    voorne = Gemeentefusie.objects.filter(opvolger_code="GM1992")
    assert {f.voorganger_naam for f in voorne} == {"Brielle", "Hellevoetsluis", "Westvoorne"}
    assert {f.datum for f in voorne} == {dt.date(2023, 1, 1)}
    assert all(f.bron.startswith("Bron: CBS") for f in voorne)
    assert Gemeentefusie.objects.get(voorganger_code="GM0457").opvolger_naam == "Amsterdam"


def test_voorbeeld_van_statline_export(gemeenten):
    imp, vb = _voorbereiden(SES_2022)
    assert imp.status == CbsImport.Status.VOORBEELD
    assert (vb.jaar, vb.periode) == (2022, "2022*")
    assert vb.gelezen == 345  # 341 of the 2025 indeling, 3 predecessors, 1 unknown
    assert (vb.wijken, vb.buurten, vb.overig) == (2, 4, 0)
    assert vb.fouten == []
    assert len(vb.waarden) == 340  # own values; Voorne aan Zee cannot be derived (below)
    assert vb.voorlopig == 340
    assert [f["code"] for f in vb.via_fusie] == ["GM0501", "GM0530", "GM0614"]
    assert {f["opvolger_code"] for f in vb.via_fusie} == {"GM1992"}
    assert [o["code"] for o in vb.onbekend] == ["GM9999"]
    # the merged gemeente's score is the mean weighted by its predecessors' population; the
    # households in the file are no stand-in (tests/raming/test_indeling.py has the mean)
    assert [(z["naam"], z["reden"][:60]) for z in vb.zonder_waarde] == [
        ("Almere", "‘.’ in het bestand"),
        ("Voorne aan Zee", "niet af te leiden: het inwonertal van de voorganger(s) Briel"),
    ]
    assert SesWoaScore.objects.count() == 0  # a preview writes nothing


def test_toepassen_slaat_bron_bij_elke_waarde_op(gemeenten, ministerie):
    imp, _ = _voorbereiden(SES_2022, door=ministerie)
    vb = cbs_import.toepassen(imp, door=ministerie)
    scores = SesWoaScore.objects.filter(jaar=2022)
    assert scores.count() == 340 == len(vb.waarden)
    assert set(scores.values_list("tabel", "periode", "downloaddatum", "voorlopig")) == {
        ("85539NED", "2022*", DOWNLOAD, True)
    }
    assert set(scores.values_list("bron", flat=True)) == {
        "CBS StatLine, 85539NED, periode 2022*, gedownload 01-12-2026"
    }
    assert scores.get(gemeente__code="GM0014").score == Decimal("0.218")  # "0,218" in the file
    assert not scores.filter(gemeente__code="GM1992").exists()  # Voorne aan Zee: no weight
    assert not scores.filter(gemeente__code="GM0034").exists()  # Almere: "."
    imp.refresh_from_db()
    assert imp.status == CbsImport.Status.TOEGEPAST
    assert imp.samenvatting["waarden"] == 340 and imp.samenvatting["onbekend"] == 1
    with pytest.raises(ImportFout, match="al toegepast"):
        cbs_import.toepassen(imp, door=ministerie)


def test_annuleren_schrijft_niets(gemeenten, ministerie):
    imp, _ = _voorbereiden(SES_2022)
    cbs_import.annuleren(imp, door=ministerie)
    assert CbsImport.objects.get(pk=imp.pk).status == CbsImport.Status.GEANNULEERD
    assert SesWoaScore.objects.count() == 0
    with pytest.raises(ImportFout):
        cbs_import.toepassen(imp, door=ministerie)


def test_inwoners_in_oude_indeling_dan_gewogen_naar_inwonertal(gemeenten, ministerie):
    imp, vb = _voorbereiden(BEVOLKING_2022, soort=cbs_import.INWONERS, tabel="03759NED")
    assert vb.peildatum == dt.date(2022, 1, 1)
    assert (vb.gelezen, vb.overig) == (344, 1)  # NL01 skipped
    assert len(vb.waarden) == 342 and vb.zonder_waarde == []
    cbs_import.toepassen(imp, door=ministerie)
    voorne = Inwonertal.objects.get(gemeente__code="GM1992", peildatum=dt.date(2022, 1, 1))
    assert voorne.aantal == 17_482 + 40_818 + 14_954
    assert voorne.afleiding.startswith("Som van de voorgangers")
    assert voorne.tabel == "03759NED"
    assert Gemeentefusie.objects.get(voorganger_code="GM0530").inwoners == 40_818
    # now the SES import weights Voorne aan Zee by the predecessors' population
    imp, vb = _voorbereiden(SES_2022)
    voorne = next(w for w in vb.waarden if w.code == "GM1992")
    # (17482 × 0.120 + 40818 × 0.020 + 14954 × 0.210) / 73254 = 0.08265
    assert voorne.waarde == Decimal("0.083")
    assert "naar inwonertal op 01-01-2022" in voorne.afleiding


def test_misvormde_waarde_blokkeert_toepassen(gemeenten, ministerie, tmp_path):
    pad = tmp_path / "fout.csv"
    tekst = SES_2022.read_text(encoding="utf-8-sig").replace('"   0,218"', '"   hoog"', 1)
    pad.write_text(tekst, encoding="utf-8")
    imp, vb = _voorbereiden(pad)
    assert vb.fouten == ["Regel 2: SES-WOA-score 'hoog' van GM0014 is geen getal."]
    assert not vb.kan_toepassen
    with pytest.raises(ImportFout):
        cbs_import.toepassen(imp, door=ministerie)
    assert SesWoaScore.objects.count() == 0


def test_commando_gebruikt_dezelfde_code(gemeenten):
    uit = StringIO()
    call_command(
        "import_ses_woa", str(SES_2022), "--jaar", "2022", "--tabel", "85539NED",
        "--downloaddatum", "2026-12-01", stdout=uit,
    )  # fmt: skip
    tekst = uit.getvalue()
    assert "340 SES-WOA-scores (2022) gelezen: 340 nieuw" in tekst
    assert "GM0501 Brielle is per 01-01-2023 opgegaan in Voorne aan Zee" in tekst
    assert "onbekende gemeentecode GM9999 overgeslagen" in tekst
    assert "Almere (GM0034): ‘.’ in het bestand" in tekst
    assert SesWoaScore.objects.get(gemeente__code="GM0363", jaar=2022).tabel == "85539NED"


class TestPaginas:
    def test_upload_voorbeeld_toepassen(self, client, ministerie, gemeenten):
        client.force_login(ministerie)
        with SES_2022.open("rb") as f:
            r = client.post(
                reverse("raming:referentie"),
                {"soort": "ses_woa", "bestand": f, "tabel": "85539ned",
                 "downloaddatum": "2026-12-01"},
            )  # fmt: skip
        assert r.status_code == 302
        imp = CbsImport.objects.get()
        r = client.get(r["Location"])
        assert 'id="aantal-waarden">340<' in r.text
        assert 'id="aantal-onbekend">1<' in r.text
        assert "Brielle (GM0501) → Voorne aan Zee (GM1992)" in r.text
        assert "Almere (GM0034): ‘.’ in het bestand" in r.text
        r = client.post(reverse("raming:cbs_import_toepassen", kwargs={"pk": imp.pk}))
        assert r.status_code == 302
        assert SesWoaScore.objects.filter(jaar=2022, tabel="85539NED").count() == 340

    def test_alleen_ministerie(self, client, prt_gelderland):
        client.force_login(prt_gelderland)
        assert client.get(reverse("raming:referentie")).status_code == 403

    def test_geen_csv(self, client, ministerie, gemeenten, tmp_path):
        client.force_login(ministerie)
        pad = tmp_path / "x.csv"
        pad.write_bytes(b'"Perioden";"Regio"\n"2019";"GM0363"\n')
        with pad.open("rb") as f:
            r = client.post(
                reverse("raming:referentie"),
                {"soort": "ses_woa", "bestand": f, "downloaddatum": "2026-12-01"},
            )
        assert r.status_code == 400
        assert "kolommen ontbreken" in r.text
        assert CbsImport.objects.count() == 0


def test_commando_inwoners_gebruikt_dezelfde_code(gemeenten):
    uit = StringIO()
    call_command("import_inwoners", str(BEVOLKING_2022), "--alleen-voorbeeld", stdout=uit)
    assert "Alleen het voorbeeld: er is niets opgeslagen." in uit.getvalue()
    assert not Inwonertal.objects.filter(peildatum=dt.date(2022, 1, 1)).exists()
    uit = StringIO()
    call_command("import_inwoners", str(BEVOLKING_2022), "--tabel", "03759NED", stdout=uit)
    assert "342 inwonertallen op 01-01-2022: 342 nieuw" in uit.getvalue()
    assert Inwonertal.objects.filter(peildatum=dt.date(2022, 1, 1), tabel="03759NED").count() == 342


def test_commando_als_genoemde_gebruiker_of_als_systeem(gemeenten, ministerie, prt_gelderland):
    """The commands obey the role table: ``--door`` acts as that user (a PRT secretary is
    refused before anything is read), without it as the documented system actor."""
    with pytest.raises(CommandError, match="Geweigerd voor .*Uw rol mag niet CBS-gegevens"):
        call_command("import_inwoners", str(BEVOLKING_2022), "--door", prt_gelderland.username)
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("import_ses_woa", str(SES_2022), "--jaar", "2022", "--door", "niemand")
    assert CbsImport.objects.count() == 0

    call_command(
        "import_inwoners",
        str(BEVOLKING_2022),
        "--tabel",
        "03759NED",
        "--door",
        ministerie.username,
        stdout=StringIO(),
    )
    imp = CbsImport.objects.get()
    assert imp.aangemaakt_door == ministerie and imp.afgehandeld_door == ministerie

    call_command("import_ses_woa", str(SES_2022), "--jaar", "2022", stdout=StringIO())
    door_systeem = CbsImport.objects.get(soort=cbs_import.SES)
    assert door_systeem.aangemaakt_door is None  # recorded as nobody: the system actor


def test_systeemactor_mag_alleen_importeren():
    vereist(SYSTEEM, Handeling.REFERENTIE_IMPORTEREN)
    for handeling in Handeling:
        if handeling != Handeling.REFERENTIE_IMPORTEREN:
            with pytest.raises(GeenToegang, match="beheercommando zonder gebruiker"):
                vereist(SYSTEEM, handeling)
    with pytest.raises(GeenToegang):
        cbs_import.import_voorbereiden(soort=cbs_import.SES, inhoud="x", door=None)
