"""The list (rows from tabel.py, written by a template), its pagination, and the xlsx export:
same content as the CSV, text escaped, dates in the local calendar."""

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from openpyxl import load_workbook

from uitruil import tabel, views
from uitruil.models import Uitruil, UitruilPartij

from .helpers import uitruil_pks, zaanstad_purmerend

pytestmark = pytest.mark.django_db


def test_paginering_houdt_filters_vast(client, cyclus, zaanstad, ministerie, monkeypatch):
    monkeypatch.setattr(views, "PAGINAGROOTTE", 2)
    u1, u2, u3 = (zaanstad_purmerend(cyclus, zaanstad, aantal=n) for n in (1, 2, 3))
    client.force_login(ministerie)
    url = reverse("uitruil:lijst")
    eerste = client.get(url, {"status": "voorgesteld"})
    tekst = eerste.content.decode()
    assert uitruil_pks(eerste) == [u3.pk, u2.pk]
    assert "3 uitruilafspraken</caption>" in tekst
    assert "Pagina 1 van 2" in tekst
    assert 'href="?status=voorgesteld&amp;pagina=2">Volgende</a>' in tekst
    tweede = client.get(url, {"status": "voorgesteld", "pagina": "2"})
    assert uitruil_pks(tweede) == [u1.pk]
    assert 'href="?status=voorgesteld&amp;pagina=1">Vorige</a>' in tweede.content.decode()
    # the export links keep the filter, not the page
    assert 'href="/uitruil/export.csv?status=voorgesteld"' in tweede.content.decode()
    # a page past the end shows the last page
    assert uitruil_pks(client.get(url, {"pagina": "99"})) == [u1.pk]
    leeg = client.get(url, {"status": "bevestigd"}).content.decode()
    assert "Er zijn geen uitruilafspraken die aan de filters voldoen." in leeg
    assert "0 uitruilafspraken</caption>" in leeg


def test_lijstregels_zijn_ontsnapt_en_volledig(client, cyclus, zaanstad, ministerie):
    u = zaanstad_purmerend(cyclus, zaanstad, aantal=300)
    client.force_login(ministerie)
    tekst = client.get(reverse("uitruil:lijst")).content.decode()
    assert f'<a class="utrecht-link" href="/uitruil/{u.pk}/">Uitruil {u.pk}</a>' in tekst
    assert 'Zaanstad neemt op <span class="rt-getal">300</span> asielopvang' in tekst
    assert "Purmerend neemt op" in tekst and "opvang oekraïense ontheemden" in tekst
    assert "rt-uitruil-status--voorgesteld" in tekst

    regel = tabel.Regel(
        pk=7,
        provincie="<script>p</script>",
        voorgesteld_door='"Zaan" & co',
        verhouding_asielopvang=2,
        verhouding_tegenprestatie=3,
        cyclus=2026,
        status="voorgesteld",
        voorgesteld_op=dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC),
    )
    rij = {
        "regel": regel,
        "status_label": "Voorgesteld",
        "partijen": [
            {"gemeente": "<i>G</i>", "richting": "neemt op", "aantal": 12345, "taak": "amv"}
        ],
    }
    html = render_to_string("uitruil/_lijst_tabel.html", {"rijen": [rij], "pagina": None})
    assert "<script>" not in html and "&lt;script&gt;p&lt;/script&gt;" in html
    assert "&quot;Zaan&quot; &amp; co" in html and "&lt;i&gt;G&lt;/i&gt;" in html
    assert '<span class="rt-getal">12.345</span>' in html
    assert ">2 : 3<" in html and ">2026<" in html
    assert ">2 maart 2026<" in html  # the local date (00:30 on 2 March), as the |date filter


def _csv_rijen(client, **filters):
    tekst = client.get(reverse("uitruil:export_csv"), filters).content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(tekst), delimiter=";"))


def _xlsx_rijen(client, **filters):
    boek = load_workbook(io.BytesIO(client.get(reverse("uitruil:export_xlsx"), filters).content))
    blad = boek["Uitruil"]
    assert blad.freeze_panes == "A2"
    assert all(c.font.bold for c in blad[1])
    return [["" if c.value is None else str(c.value) for c in rij] for rij in blad.iter_rows()]


def test_xlsx_en_csv_hebben_dezelfde_inhoud(client, cyclus, zaanstad, purmerend, ministerie):
    eerste = zaanstad_purmerend(cyclus, zaanstad, aantal=10)
    tweede = zaanstad_purmerend(cyclus, zaanstad, aantal=20)
    # Text that needs care in XML and in a spreadsheet.
    UitruilPartij.objects.filter(uitruil=eerste, gemeente__naam="Purmerend").update(
        instemming="afgewezen", reden=" <geen> & \"ruimte\" '=1+1' "
    )
    UitruilPartij.objects.filter(uitruil=tweede, gemeente__naam="Purmerend").update(
        instemming="afgewezen", reden="=SOM(A1:A2)"
    )
    # Proposed late in the evening UTC: already the next day in the Netherlands.
    Uitruil.objects.filter(pk=eerste.pk).update(
        voorgesteld_op=dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC),
        periode_van=dt.date(2026, 4, 1),
        periode_tot=dt.date(2026, 12, 31),
    )
    client.force_login(ministerie)
    csv_rijen = _csv_rijen(client)
    xlsx_rijen = _xlsx_rijen(client)
    assert xlsx_rijen == csv_rijen
    assert len(csv_rijen) == 1 + 8
    kop = csv_rijen[0]
    rijen = [dict(zip(kop, r, strict=True)) for r in csv_rijen[1:]]
    eerste_rijen = [r for r in rijen if r["uitruil"] == str(eerste.pk)]
    assert {r["voorgesteld op"] for r in eerste_rijen} == {"2026-03-02"}
    assert {(r["periode van"], r["periode tot"]) for r in eerste_rijen} == {
        ("2026-04-01", "2026-12-31")
    }
    redenen = {r["reden"] for r in rijen if r["gemeente"] == "Purmerend"}
    assert redenen == {" <geen> & \"ruimte\" '=1+1' ", "'=SOM(A1:A2)"}
    assert {r["mutatie"] for r in eerste_rijen} == {"10", "-10"}
    # the numbers are numbers in the workbook
    blad = load_workbook(io.BytesIO(client.get(reverse("uitruil:export_xlsx")).content))["Uitruil"]
    assert isinstance(blad["A2"].value, int) and isinstance(blad["P2"].value, int)
    lokaal = dt.datetime.now(ZoneInfo("Europe/Amsterdam")).date().isoformat()
    assert {r["voorgesteld op"] for r in rijen if r["uitruil"] == str(tweede.pk)} == {lokaal}


def test_filterfout_is_gekoppeld_aan_het_veld(client, cyclus, zaanstad, ministerie):
    zaanstad_purmerend(cyclus, zaanstad, aantal=1)
    client.force_login(ministerie)
    for _ in range(2):  # computed, then from the data cache
        tekst = client.get(reverse("uitruil:lijst"), {"provincie": "bestaat-niet"}).content
        tekst = tekst.decode()
        assert 'aria-invalid="true" aria-describedby="id_provincie_error"' in tekst
        assert '<div id="id_provincie_error"><p class="utrecht-form-field-error-message">' in tekst
        assert '<option value="" selected>Alle cycli</option>' in tekst
        assert '<option value="noord-holland">Noord-Holland</option>' in tekst
