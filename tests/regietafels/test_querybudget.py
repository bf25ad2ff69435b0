"""Query budgets of the verslag page and the ministry overview: the same number of queries
for 1 and for 50 rows (verslag rows, exchanges, extension requests, extensions), measured with
an empty data cache (the worst case), and never above the budget of issue 9."""

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Rol
from raming.models import Gemeente, Provincie, ProvincieVerdeling
from regietafels.models import (
    Bijlage,
    Regietafel,
    Termijnverlenging,
    Verlengingsverzoek,
    Verslag,
)
from regietafels.services import verslag_aanmaken
from tests.factories import GebruikerFactory
from tests.rediscache import geen_cache
from uitruil.models import Richting, Taak, Uitruil, UitruilPartij

pytestmark = pytest.mark.django_db

NU = dt.datetime(2026, 10, 1, 10, tzinfo=dt.UTC)
MAX_QUERIES = 15


def _queries(client, url) -> tuple[str, int]:
    """The page's HTML and its number of queries, with nothing read from the caches (also not
    the header's count of unread notices, kept per user in the default cache)."""
    from django.core.cache import cache

    cache.clear()
    with geen_cache(), CaptureQueriesContext(connection) as ctx:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    return antwoord.content.decode(), len(ctx.captured_queries)


def _prt(code):
    return GebruikerFactory(
        username=f"t-prt-{code}",
        rol=Rol.PRT_SECRETARIS,
        provincie=Provincie.objects.get(code=code),
    )


def _verslag(cyclus, prt, *, regels: int | None = None) -> Verslag:
    verslag = verslag_aanmaken(
        regietafel=Regietafel.objects.get(provincie=prt.provincie), cyclus=cyclus, door=prt
    )
    if regels is not None:
        houden = list(verslag.regels.values_list("pk", flat=True)[:regels])
        verslag.regels.exclude(pk__in=houden).delete()
    return verslag


def _uitruilen(cyclus, provincie, door, aantal: int) -> None:
    """``aantal`` confirmed exchanges between two gemeenten of ``provincie``."""
    a, b = Gemeente.objects.filter(provincie=provincie).order_by("naam")[:2]
    for i in range(aantal):
        uitruil = Uitruil.objects.create(
            cyclus=cyclus,
            provincie=provincie,
            voorgesteld_door_gemeente=a,
            voorgesteld_door=door,
            motivatie="test",
            status=Uitruil.Status.BEVESTIGD,
            bevestigd_op=dt.datetime(2026, 6, 1, 10, i % 60, tzinfo=dt.UTC),
        )
        UitruilPartij.objects.bulk_create(
            [
                UitruilPartij(
                    uitruil=uitruil,
                    gemeente=a,
                    taak=Taak.ASIELOPVANG,
                    richting=Richting.NEEMT_OP,
                    aantal=10 + i,
                ),
                UitruilPartij(
                    uitruil=uitruil,
                    gemeente=b,
                    taak=Taak.ASIELOPVANG,
                    richting=Richting.GEEFT_AF,
                    aantal=10 + i,
                ),
            ]
        )


@time_machine.travel(NU)
@pytest.mark.parametrize("rol", ["prt", "ministerie"])
def test_verslag_zelfde_aantal_queries_voor_1_en_50_regels_en_uitruilen(
    client, cyclus, ministerie, rol
):
    # Utrecht: 1 row and 1 exchange; Noord-Brabant: all 56 rows and 50 exchanges.
    klein_prt, groot_prt = _prt("PV26"), _prt("PV30")
    klein = _verslag(cyclus, klein_prt, regels=1)
    groot = _verslag(cyclus, groot_prt)
    # 1 and 50 attachments
    for verslag, aantal in ((klein, 1), (groot, 50)):
        Bijlage.objects.bulk_create(
            Bijlage(
                verslag=verslag,
                bestand=f"bijlagen/test-{i}.pdf",
                oorspronkelijke_naam=f"bijlage-{i}.pdf",
                content_type="application/pdf",
                grootte=1000,
            )
            for i in range(aantal)
        )
    assert groot.regels.count() >= 50
    _uitruilen(cyclus, klein_prt.provincie, ministerie, 1)
    _uitruilen(cyclus, groot_prt.provincie, ministerie, 50)
    # both provinces also get a cycle-wide and an own extension
    for provincie in (klein_prt.provincie, groot_prt.provincie):
        Termijnverlenging.objects.create(
            cyclus=cyclus,
            regietafel=Regietafel.objects.get(provincie=provincie),
            nieuwe_datum=dt.date(2026, 11, 20),
            reden="test",
            besloten_door=ministerie,
        )

    client.force_login(klein_prt if rol == "prt" else ministerie)
    html, klein = _queries(client, reverse("regietafels:verslag", kwargs={"slug": "utrecht"}))
    assert html.count('class="utrecht-table__row rt-rt-regel"') == 1
    if rol == "prt":
        assert 'id="verslag-form"' in html
    client.force_login(groot_prt if rol == "prt" else ministerie)
    html, veel = _queries(client, reverse("regietafels:verslag", kwargs={"slug": "noord-brabant"}))
    assert html.count('class="utrecht-table__row rt-rt-regel"') == groot.regels.count()
    assert html.count("(bevestigd 1 juni 2026)") == 50
    assert html.count(">bijlage-") == 50
    assert "20 november 2026" in html
    assert veel == klein
    # (+1 with an emptied cache: the number of unread notices in the header; +2 for the
    # location register behind the rows: the gemeenten's locations and the locations recorded
    # behind the rows, each one query whatever their number)
    assert veel <= (11 if rol == "prt" else 13)
    # a repeated request reads query results from cachalot's cache: fewer queries
    client.get(reverse("regietafels:verslag", kwargs={"slug": "noord-brabant"}))
    with CaptureQueriesContext(connection) as ctx:
        antwoord = client.get(reverse("regietafels:verslag", kwargs={"slug": "noord-brabant"}))
    assert antwoord.content.decode().count("(bevestigd 1 juni 2026)") == 50
    assert len(ctx.captured_queries) < veel


@time_machine.travel(NU)
def test_verslag_toont_opgave_termijn_versies_en_fouten_zoals_voorheen(client, cyclus, ministerie):
    """What the page reads in its one verslag query: opgave, deadline with extension, the
    number of versions; and a refused save shows the field errors in the rows."""
    from regietafels.services import verslag_indienen

    prt = _prt("PV26")
    verslag = _verslag(cyclus, prt)
    Termijnverlenging.objects.create(
        cyclus=cyclus,
        regietafel=None,
        nieuwe_datum=dt.date(2026, 11, 15),
        reden="voor allen",
        besloten_door=ministerie,
    )
    verslag_indienen(verslag=verslag, door=prt)
    client.force_login(ministerie)
    html = client.get(reverse("regietafels:verslag", kwargs={"slug": "utrecht"})).content.decode()
    opgave = ProvincieVerdeling.objects.get(raming__cyclus=cyclus, provincie=prt.provincie).opgave
    assert f'data-opgave="{opgave}"' in html
    assert "15 november 2026" in html and "(oorspronkelijk 1 november 2026)" in html
    assert "Ingediende versies (1)" in html

    # back to the PRT: a concept again, then an invalid row
    Verslag.objects.filter(pk=verslag.pk).update(status=Verslag.Status.TERUGGESTUURD)
    verslag.refresh_from_db()
    regel = verslag.regels.select_related("gemeente").order_by("gemeente__naam").first()
    client.force_login(prt)
    data = {"versie": str(verslag.versie), "open_besluiten": "", "knelpunten": ""}
    for r in verslag.regels.all():
        for veld in ("bestaande_locaties", "vastgestelde_plannen", "bestuurlijke_voornemens"):
            data[f"regel-{r.gemeente_id}-{veld}"] = "0"
    data[f"regel-{regel.gemeente_id}-bestaande_locaties"] = '12<x>"'
    antwoord = client.post(reverse("regietafels:verslag", kwargs={"slug": "utrecht"}), data)
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    veld = f"regel-{regel.gemeente_id}-bestaande_locaties"
    cel = re.search(rf'<td class="[^"]*rt-rt-fout[^"]*"><label[^>]*for="{veld}".*?</td>', html)
    assert cel, "the cell of the refused field is marked"
    cel = cel.group(0)
    assert f'Bestaande locaties<span class="rt-visueel-verborgen"> {regel.gemeente.naam}' in cel
    assert 'value="12&lt;x&gt;&quot;"' in cel  # kept as typed, escaped
    assert 'aria-invalid="true"' in cel and f'aria-describedby="{veld}-fout"' in cel
    assert (
        f'<p class="utrecht-form-field-error-message" id="{veld}-fout">Vul een heel getal in.'
        in cel
    )
    # and the error summary at the top links to the field
    overzicht = html.split('id="foutsamenvatting"', 1)[1].split("</div>", 1)[0]
    assert f'href="#{veld}"' in overzicht
    assert f"{regel.gemeente.naam}, bestaande locaties: Vul een heel getal in." in overzicht


@time_machine.travel(NU)
def test_overzicht_zelfde_aantal_queries_voor_1_en_50_regels(client, cyclus, ministerie):
    prt = _prt("PV26")
    _verslag(cyclus, prt, regels=1)
    tafel = Regietafel.objects.get(provincie=prt.provincie)
    Verlengingsverzoek.objects.create(
        verslag=Verslag.objects.get(regietafel=tafel),
        reden="test",
        gevraagde_datum=dt.date(2026, 11, 20),
        ingediend_door=prt,
    )
    Termijnverlenging.objects.create(
        cyclus=cyclus,
        regietafel=tafel,
        nieuwe_datum=dt.date(2026, 11, 20),
        reden="test",
        besloten_door=ministerie,
    )
    client.force_login(ministerie)
    html, weinig = _queries(client, reverse("regietafels:overzicht"))
    assert "(1 open verzoek)" in html
    assert weinig <= MAX_QUERIES

    # every province a verslag with all its rows, 50 open requests and 50 extensions
    for code in Provincie.objects.exclude(pk=prt.provincie_id).values_list("code", flat=True):
        _verslag(cyclus, _prt(code))
    verslag = Verslag.objects.get(regietafel__provincie__code="PV30")
    assert verslag.regels.count() >= 50
    Verlengingsverzoek.objects.bulk_create(
        Verlengingsverzoek(verslag=verslag, reden="test", gevraagde_datum=dt.date(2026, 11, 20))
        for _ in range(49)
    )
    Termijnverlenging.objects.bulk_create(
        Termijnverlenging(
            cyclus=cyclus,
            regietafel=tafel,
            nieuwe_datum=dt.date(2026, 11, 1) + dt.timedelta(days=i),
            reden="test",
            besloten_door=ministerie,
        )
        for i in range(49)
    )
    html, veel = _queries(client, reverse("regietafels:overzicht"))
    assert "(50 open verzoeken)" in html
    assert html.count('class="rt-kaart__vlak"') == 12
    assert veel == weinig


@time_machine.travel(NU)
def test_verslag_uit_de_gegevenscache_volgt_verlenging_en_uitruil(client, cyclus, ministerie):
    """Deadline, exchanges and whether there are attachments are kept in the data cache; a
    new extension, confirmed exchange or attachment shows at once."""
    from regietafels.termijnen import termijn_verlengen

    prt = _prt("PV26")
    _verslag(cyclus, prt)
    client.force_login(prt)
    url = reverse("regietafels:verslag", kwargs={"slug": "utrecht"})
    for _ in range(3):  # computed, then kept
        html = client.get(url).content.decode()
        assert "1 november 2026" in html and "uitruilafspraken in deze provincie" in html
    termijn_verlengen(
        cyclus=cyclus,
        nieuwe_datum=dt.date(2026, 11, 28),
        reden="test",
        door=ministerie,
        regietafel=Regietafel.objects.get(provincie=prt.provincie),
    )
    html = client.get(url).content.decode()
    assert "28 november 2026" in html and "(oorspronkelijk 1 november 2026)" in html
    _uitruilen(cyclus, prt.provincie, ministerie, 1)
    html = client.get(url).content.decode()
    assert html.count("(bevestigd 1 juni 2026)") == 1
    assert "Geen bijlagen." in html
    Bijlage.objects.create(
        verslag=Verslag.objects.get(regietafel__provincie=prt.provincie),
        bestand="bijlagen/nieuw.pdf",
        oorspronkelijke_naam="nieuw.pdf",
        content_type="application/pdf",
        grootte=1000,
    )
    html = client.get(url).content.decode()
    assert ">nieuw.pdf</a>" in html and "Geen bijlagen." not in html
