"""The verslag as an Excel workbook, as a PRT secretary uses it: download, change rows in the
workbook (here with openpyxl, as Excel or LibreOffice would save it), upload, see the preview,
apply; other provinces' and cycles' workbooks refused; an upload against an older version
shows what changed in between; the file opens in LibreOffice."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Rol
from raming.models import Wetscyclus
from regietafels import werkboek
from regietafels.models import Regietafel, Verslag
from regietafels.services import verslag_aanmaken, verslag_opslaan
from tests.factories import GebruikerFactory

from .conftest import _maak_raming, regels_invoer

pytestmark = pytest.mark.django_db

KOLOM = werkboek.KOLOM


def _download(client, slug="gelderland") -> bytes:
    antwoord = client.get(reverse("regietafels:verslag_werkboek", kwargs={"slug": slug}))
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == werkboek.XLSX_TYPE
    return antwoord.content


def _openen(inhoud: bytes):
    return load_workbook(io.BytesIO(inhoud))


def _opslaan(wb) -> io.BytesIO:
    uit = io.BytesIO()
    wb.save(uit)
    uit.seek(0)
    uit.name = "verslag.xlsx"
    return uit


def _rijen(blad) -> dict[str, int]:
    """gemeente name → row number in the sheet."""
    return {
        blad.cell(row=n, column=2).value: n
        for n in range(werkboek.EERSTE_RIJ, blad.max_row + 1)
        if blad.cell(row=n, column=2).value
    }


def _uploaden(client, bestand, slug="gelderland"):
    return client.post(
        reverse("regietafels:verslag_werkboek_uploaden", kwargs={"slug": slug}),
        {"bestand": bestand},
    )


def _regels(verslag):
    return {r.gemeente.naam: r for r in verslag.regels.select_related("gemeente")}


def test_werkboek_vergrendeld_met_validatie_toelichting_en_kenmerk(
    client, verslag_gelderland, prt_gelderland
):
    client.force_login(prt_gelderland)
    wb = _openen(_download(client))
    assert wb.sheetnames == [werkboek.BLAD, werkboek.TOELICHTING, werkboek.KENMERKBLAD]
    blad = wb[werkboek.BLAD]
    assert blad.max_row == 1 + verslag_gelderland.regels.count() == 52  # 51 gemeenten
    assert blad.protection.sheet is True
    # identifying columns and the indicative number locked, the inputs open
    assert blad["A2"].protection.locked and blad["B2"].protection.locked
    assert blad[f"{KOLOM['indicatief_aantal']}2"].protection.locked
    for veld in ("bestaande_locaties", "amv", "beschikbaar_van", "opmerking"):
        assert blad[f"{KOLOM[veld]}2"].protection.locked is False
    validaties = {
        bereik: (v.type, v.operator, v.formula1)
        for v in blad.data_validations.dataValidation
        for bereik in str(v.sqref).split()
    }
    assert validaties[f"{KOLOM['bestaande_locaties']}2:{KOLOM['bestaande_locaties']}52"] == (
        "whole",
        "between",
        "0",
    )
    assert validaties[f"{KOLOM['beschikbaar_van']}2:{KOLOM['beschikbaar_van']}52"][0] == "date"
    assert "dd-mm-jjjj" in " ".join(str(c.value) for c in wb[werkboek.TOELICHTING]["A"] if c.value)
    merk = wb[werkboek.KENMERKBLAD]
    assert merk.sheet_state == "hidden"
    kenmerk = werkboek._kenmerk(wb)
    assert kenmerk["verslag"] == verslag_gelderland.pk
    assert kenmerk["provincie"] == "PV25" and kenmerk["cyclus"] == 2026
    assert kenmerk["versie"] == verslag_gelderland.versie


def test_rondgang_tien_rijen_een_fout_voorbeeld_toepassen(
    client, verslag_gelderland, prt_gelderland
):
    client.force_login(prt_gelderland)
    wb = _openen(_download(client))
    blad = wb[werkboek.BLAD]
    rijen = _rijen(blad)
    namen = sorted(rijen)[:10]
    verwacht = {}
    for i, naam in enumerate(namen):
        n = rijen[naam]
        waarden = {
            "bestaande_locaties": 10 + i,
            "vastgestelde_plannen": 5,
            "bestuurlijke_voornemens": i + 1,
            "amv": 2,
            "beschikbaar_van": dt.date(2026, 7, 1),
            "beschikbaar_tot": dt.date(2031, 7, 1),
            "opmerking": f"Locatie {i}",
        }
        for veld, waarde in waarden.items():
            blad[f"{KOLOM[veld]}{n}"] = (
                dt.datetime.combine(waarde, dt.time()) if isinstance(waarde, dt.date) else waarde
            )
        verwacht[naam] = waarden
    fout_naam = sorted(rijen)[20]
    foutcel = f"{KOLOM['vastgestelde_plannen']}{rijen[fout_naam]}"
    blad[foutcel] = "veel"

    antwoord = _uploaden(client, _opslaan(wb))
    assert antwoord.status_code == 200
    inlezing = antwoord.context["inlezing"]
    # exactly the ten rows, with every changed cell old → new
    assert [r.gemeente for r in inlezing.wijzigingen] == namen
    for rij in inlezing.wijzigingen:
        assert {c.veld: c.nieuw for c in rij.cellen} == verwacht[rij.gemeente]
        assert all(c.cel == f"{KOLOM[c.veld]}{rij.rij}" for c in rij.cellen)
        assert not any(c.conflict for c in rij.cellen)
    # and the one error with its cell
    assert [(f.cel, f.gemeente, f.melding) for f in inlezing.fouten] == [
        (foutcel, fout_naam, "Vul een heel getal in.")
    ]
    html = antwoord.content.decode()
    assert foutcel in html and "1 fout in het werkboek" in html
    assert 'id="toepassen-form"' not in html  # nothing can be applied while there are errors
    eerste = inlezing.wijzigingen[0].cellen[0]
    assert f"{eerste.oud_tekst}</td>" in html and f"<strong>{eerste.nieuw_tekst}</strong>" in html
    # nothing saved by the preview
    assert all(r.bestaande_locaties != 10 for r in _regels(verslag_gelderland).values())

    # fixed in the workbook, uploaded again, applied
    blad[foutcel] = 7
    antwoord = _uploaden(client, _opslaan(wb))
    inlezing = antwoord.context["inlezing"]
    assert inlezing.fouten == []
    assert len(inlezing.wijzigingen) == 11
    html = antwoord.content.decode()
    assert 'id="toepassen-form"' in html
    data = dict(antwoord.context["waarden"])
    data["versie"] = str(inlezing.huidige_versie)
    antwoord = client.post(
        reverse("regietafels:verslag_werkboek_toepassen", kwargs={"slug": "gelderland"}), data
    )
    assert antwoord.status_code == 302
    assert antwoord.url == reverse("regietafels:verslag", kwargs={"slug": "gelderland"})

    # the verslag now equals the workbook, row by row, cell by cell
    verslag = Verslag.objects.get(pk=verslag_gelderland.pk)
    assert verslag.versie == verslag_gelderland.versie + 1
    regels = _regels(verslag)
    for naam, n in rijen.items():
        for veld in (
            "bestaande_locaties",
            "vastgestelde_plannen",
            "bestuurlijke_voornemens",
            "amv",
        ):
            assert getattr(regels[naam], veld) == (blad[f"{KOLOM[veld]}{n}"].value or 0), (
                naam,
                veld,
            )
        for veld in ("beschikbaar_van", "beschikbaar_tot"):
            waarde = blad[f"{KOLOM[veld]}{n}"].value
            waarde = waarde.date() if isinstance(waarde, dt.datetime) else waarde
            assert getattr(regels[naam], veld) == waarde, (naam, veld)
        assert regels[naam].opmerking == (blad[f"{KOLOM['opmerking']}{n}"].value or "")
    assert regels[fout_naam].vastgestelde_plannen == 7


def test_werkboek_van_andere_provincie_of_cyclus_geweigerd(
    client, verslag_gelderland, prt_gelderland, gemeenten
):
    client.force_login(prt_gelderland)
    wb = _openen(_download(client))
    blad = wb[werkboek.BLAD]
    blad["D2"] = 99

    # the same workbook against the verslag of another cycle of the same province
    _maak_raming(2028)
    ander = verslag_aanmaken(
        regietafel=Regietafel.objects.get(provincie__code="PV25"),
        cyclus=Wetscyclus.objects.get(jaar=2028),
        door=prt_gelderland,
    )
    antwoord = client.post(
        reverse("regietafels:verslag_werkboek_uploaden", kwargs={"slug": "gelderland"})
        + "?cyclus=2028",
        {"bestand": _opslaan(wb)},
    )
    assert antwoord.status_code == 400
    assert "hoort bij de cyclus 2026, niet bij 2028" in antwoord.content.decode()
    assert ander.regels.filter(bestaande_locaties=99).count() == 0

    # a workbook of another province: its marker is checked, whatever the sheet says
    with pytest.raises(werkboek.WerkboekGeweigerd, match="andere provincie"):
        werkboek.kenmerk_controleren(
            {**werkboek._kenmerk(wb), "provincie": "PV27"}, verslag_gelderland
        )
    tafel_utrecht = Regietafel.objects.get(provincie__code="PV26")
    utrecht = verslag_aanmaken(
        regietafel=tafel_utrecht,
        cyclus=verslag_gelderland.cyclus,
        door=GebruikerFactory(
            username="t-prt-utrecht", rol=Rol.PRT_SECRETARIS, provincie=tafel_utrecht.provincie
        ),
    )
    with pytest.raises(werkboek.WerkboekGeweigerd, match="andere provincie"):
        werkboek.werkboek_lezen(
            _opslaan(wb), verslag=utrecht, regels=list(utrecht.regels.select_related("gemeente"))
        )
    # a tampered marker is refused too
    wb[werkboek.KENMERKBLAD]["A2"] = wb[werkboek.KENMERKBLAD]["A2"].value[:-3] + "xyz"
    antwoord = _uploaden(client, _opslaan(wb))
    assert antwoord.status_code == 400
    assert "kenmerk van dit werkboek is gewijzigd" in antwoord.content.decode()
    # and something that is not a workbook at all
    nep = io.BytesIO(b"gemeente;aantal\nArnhem;12\n")
    nep.name = "verslag.xlsx"
    antwoord = _uploaden(client, nep)
    assert antwoord.status_code == 400
    assert "geen leesbaar Excel-werkboek" in antwoord.content.decode()


def test_upload_tegen_oude_versie_toont_tussentijdse_wijzigingen_en_conflict(
    client, verslag_gelderland, prt_gelderland
):
    client.force_login(prt_gelderland)
    wb = _openen(_download(client))
    blad = wb[werkboek.BLAD]
    rijen = _rijen(blad)
    # someone else saves Arnhem and Apeldoorn after the download
    verslag_opslaan(
        verslag=verslag_gelderland,
        versie=verslag_gelderland.versie,
        regels=regels_invoer(
            verslag_gelderland,
            Arnhem={"bestaande_locaties": 300},
            Apeldoorn={"amv": 0, "bestaande_locaties": 50},
        ),
        door=prt_gelderland,
        bevestigd=True,  # far above Arnhem's small indicative number in these fixtures
    )
    # the workbook changes Arnhem too (a conflict) and Ede (no conflict)
    blad[f"{KOLOM['bestaande_locaties']}{rijen['Arnhem']}"] = 250
    blad[f"{KOLOM['bestaande_locaties']}{rijen['Ede']}"] = 40
    antwoord = _uploaden(client, _opslaan(wb))
    assert antwoord.status_code == 200
    inlezing = antwoord.context["inlezing"]
    assert inlezing.verouderd
    html = antwoord.content.decode()
    assert "Het verslag is gewijzigd sinds dit werkboek werd gedownload" in html
    tussentijds = antwoord.context["tussentijds"]
    assert any(t.startswith("Arnhem: bestaande locaties 0 → 300") for t in tussentijds)
    assert any(t.startswith("Apeldoorn: bestaande locaties 0 → 50") for t in tussentijds)
    assert [(r.gemeente, c.cel, c.conflict) for r, c in inlezing.conflicten] == [
        ("Arnhem", f"{KOLOM['bestaande_locaties']}{rijen['Arnhem']}", True)
    ]
    # Apeldoorn, unchanged in the workbook, is not undone
    assert [r.gemeente for r in inlezing.wijzigingen] == ["Arnhem", "Ede"]

    data = dict(antwoord.context["waarden"])
    data.update(versie=str(inlezing.huidige_versie), conflicten="1")
    # 250 is unusually high for Arnhem here: confirmed as the preview asks
    # (the preview's confirmation step itself: tests/regietafels/test_ongewoon_hoog.py)
    arnhem_id = _regels(verslag_gelderland)["Arnhem"].gemeente_id
    data.update({"ongewoon_bevestigd": "1", f"bevestigd-{arnhem_id}": "250"})
    url = reverse("regietafels:verslag_werkboek_toepassen", kwargs={"slug": "gelderland"})
    client.post(url, data)  # without confirming: refused
    assert _regels(verslag_gelderland)["Arnhem"].bestaande_locaties == 300
    client.post(url, {**data, "bevestigd": "1"})
    regels = _regels(verslag_gelderland)
    assert regels["Arnhem"].bestaande_locaties == 250
    assert regels["Ede"].bestaande_locaties == 40
    assert regels["Apeldoorn"].bestaande_locaties == 50

    # a preview that is stale by the time it is applied: the optimistic lock refuses it
    antwoord = client.post(url, {**data, "bevestigd": "1"})
    assert antwoord.status_code == 302 and "uploaden" in antwoord.url
    assert _regels(verslag_gelderland)["Arnhem"].bestaande_locaties == 250


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) ontbreekt")
def test_libreoffice_opent_het_werkboek(client, verslag_gelderland, prt_gelderland, tmp_path):
    client.force_login(prt_gelderland)
    (tmp_path / "verslag.xlsx").write_bytes(_download(client))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profiel",
            "--headless",
            "--convert-to",
            "csv",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "verslag.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    with open(tmp_path / "verslag.csv", encoding="utf-8") as bestand:
        rijen = list(csv.reader(bestand))
    assert rijen[0][:3] == ["Gemeentecode", "Gemeente", "Indicatief aantal"]
    assert len(rijen) == 52
    arnhem = next(r for r in rijen if r[1] == "Arnhem")
    regel = verslag_gelderland.regels.get(gemeente__naam="Arnhem")
    assert arnhem[0] == regel.gemeente.code
    assert int(arnhem[2]) == regel.indicatief_aantal
    # the spreadsheet computed the offered total itself
    assert int(arnhem[6]) == regel.aangeboden


def test_api_werkboek_voorbeeld_en_toepassen(client, verslag_gelderland, prt_gelderland):
    client.force_login(prt_gelderland)
    url = f"/api/v1/verslagen/{verslag_gelderland.pk}/werkboek/"
    antwoord = client.get(url)
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == werkboek.XLSX_TYPE
    wb = _openen(antwoord.content)
    blad = wb[werkboek.BLAD]
    rijen = _rijen(blad)
    blad[f"{KOLOM['bestaande_locaties']}{rijen['Arnhem']}"] = 123
    blad[f"{KOLOM['amv']}{rijen['Ede']}"] = -1

    antwoord = client.post(url, {"bestand": _opslaan(wb)})
    assert antwoord.status_code == 200
    body = antwoord.json()
    assert body["toegepast"] is False
    assert [r["gemeente"] for r in body["wijzigingen"]] == ["Arnhem"]
    assert body["wijzigingen"][0]["cellen"][0]["nieuw"] == "123"
    assert [(f["cel"], f["melding"]) for f in body["fouten"]] == [
        (f"{KOLOM['amv']}{rijen['Ede']}", "Het aantal kan niet negatief zijn.")
    ]
    antwoord = client.post(url, {"bestand": _opslaan(wb), "toepassen": "true"})
    assert antwoord.status_code == 400
    assert f"{KOLOM['amv']}{rijen['Ede']}" in antwoord.json()["velden"]
    assert _regels(verslag_gelderland)["Arnhem"].bestaande_locaties != 123

    blad[f"{KOLOM['amv']}{rijen['Ede']}"] = None
    antwoord = client.post(url, {"bestand": _opslaan(wb), "toepassen": "true"})
    assert antwoord.status_code == 200, antwoord.content
    assert antwoord.json()["toegepast"] is True
    assert _regels(verslag_gelderland)["Arnhem"].bestaande_locaties == 123
