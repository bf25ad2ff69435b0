import csv
import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from raming import services
from raming.models import Mijlpaal, Raming, Wetscyclus
from regietafels.models import Termijnverlenging
from tests.factories import ministerie_actor

S = Raming.Status


class TestOpenbaar:
    def test_zonder_inloggen(self, client, gepubliceerd):
        r = client.get(reverse("raming:openbaar"))
        assert r.status_code == 200
        assert "Capaciteitsraming 2026" in r.text
        r = client.get(reverse("raming:openbaar_raming", kwargs={"jaar": 2026}))
        assert r.status_code == 200
        assert "88.000" in r.text
        assert r.text.count('scope="row"') >= 12 + 342
        assert "Zaanstad" in r.text and "Heerlen" in r.text

    def test_openbare_pagina_toont_provinciekaart(self, client, gepubliceerd):
        r = client.get(reverse("raming:openbaar_raming", kwargs={"jaar": 2026}))
        start = r.text.index("<svg")
        svg = r.text[start : r.text.index("</svg>", start)]
        assert svg.count('class="rt-kaart__vlak" data-code=') == 12
        assert "Bron: CBS, PDOK" in r.text

    def test_zoeken_zonder_js(self, client, gepubliceerd):
        r = client.get(reverse("raming:openbaar_raming", kwargs={"jaar": 2026}), {"q": "zaan"})
        assert "Zaanstad" in r.text
        assert "Heerlen" not in r.text
        r = client.get(reverse("raming:openbaar_raming", kwargs={"jaar": 2026}), {"q": "Limburg"})
        assert "Heerlen" in r.text and "Zaanstad" not in r.text

    def test_concept_niet_openbaar(self, client, concept):
        assert (
            client.get(reverse("raming:openbaar_raming", kwargs={"jaar": 2026})).status_code == 404
        )
        r = client.get(reverse("raming:raming", kwargs={"pk": concept.pk}))
        assert r.status_code == 302  # login required for the internal page

    def test_gemeente_stap_voor_stap(self, client, gepubliceerd):
        r = client.get(
            reverse("raming:openbaar_gemeente", kwargs={"jaar": 2026, "slug": "amsterdam"})
        )
        assert r.status_code == 200
        assert "Zo is het aantal berekend" in r.text
        assert "918.117" in r.text

    def test_pagina_in_vast_aantal_queries(
        self, client, gepubliceerd, django_assert_max_num_queries
    ):
        url = reverse("raming:openbaar_raming", kwargs={"jaar": 2026})
        # the published ramingen once, the figures, and the inputs' sources in one query
        with django_assert_max_num_queries(6):
            assert client.get(url).status_code == 200
        with django_assert_max_num_queries(3):  # cached after the first request
            assert client.get(url, {"q": "a"}).status_code == 200

    def test_csv_terug_te_lezen(self, client, gepubliceerd, django_assert_max_num_queries):
        url = reverse("raming:openbaar_csv", kwargs={"jaar": 2026, "niveau": "gemeenten"})
        with django_assert_max_num_queries(6):
            r = client.get(url)
        assert r.status_code == 200
        assert r["Content-Type"].startswith("text/csv")
        rijen = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
        assert len(rijen) == 342
        in_db = dict(gepubliceerd.gemeenten.values_list("gemeente__code", "aantal"))
        assert {rij["gemeentecode"]: int(rij["indicatief_aantal"]) for rij in rijen} == in_db
        url = reverse("raming:openbaar_csv", kwargs={"jaar": 2026, "niveau": "provincies"})
        rijen = list(csv.DictReader(io.StringIO(client.get(url).content.decode("utf-8-sig"))))
        assert len(rijen) == 12
        assert sum(int(r["provinciale_opgave"]) for r in rijen) == sum(in_db.values())

    def test_xlsx_terug_te_lezen(self, client, gepubliceerd, django_assert_max_num_queries):
        url = reverse("raming:openbaar_xlsx", kwargs={"jaar": 2026})
        with django_assert_max_num_queries(6):
            r = client.get(url)
        assert r.status_code == 200
        boek = load_workbook(io.BytesIO(r.content))
        gemeenten = list(boek["Gemeenten"].iter_rows(values_only=True))
        assert gemeenten[0][:2] == ("gemeentecode", "gemeente")
        kop = gemeenten[0]
        i_code, i_aantal, i_inw = (
            kop.index("gemeentecode"),
            kop.index("indicatief_aantal"),
            kop.index("inwoners"),
        )
        assert len(gemeenten) == 343
        assert all(isinstance(rij[i_aantal], int) for rij in gemeenten[1:])
        assert all(isinstance(rij[i_inw], int) for rij in gemeenten[1:])
        in_db = dict(gepubliceerd.gemeenten.values_list("gemeente__code", "aantal"))
        assert {rij[i_code]: rij[i_aantal] for rij in gemeenten[1:]} == in_db
        provincies = list(boek["Provincies"].iter_rows(values_only=True))
        assert len(provincies) == 13
        assert isinstance(provincies[1][2], int)

    def test_onbekend_niveau(self, client, gepubliceerd):
        url = reverse("raming:openbaar_csv", kwargs={"jaar": 2026, "niveau": "wijken"})
        assert client.get(url).status_code == 404

    def test_nieuwe_versie_legt_cache_opnieuw(
        self, client, gepubliceerd, ministerie, django_capture_on_commit_callbacks
    ):
        url = reverse("raming:openbaar")
        assert "versie 2" not in client.get(url).text
        nieuw = services.tussentijdse_wijziging(
            raming=gepubliceerd, reden="test", door=ministerie_actor()
        )
        services.raming_vaststellen(raming=nieuw, door=ministerie)
        with django_capture_on_commit_callbacks(execute=True):
            services.raming_publiceren(
                raming=nieuw,
                staatscourant_referentie="Stcrt. 2026, 9",
                gepubliceerd_op=dt.date.today(),
                door=ministerie_actor(),
            )
        assert "versie 2" in client.get(url).text

    def _nieuwe_versie(self, gepubliceerd, ministerie, capture):
        nieuw = services.tussentijdse_wijziging(
            raming=gepubliceerd, reden="test", door=ministerie_actor()
        )
        services.raming_vaststellen(raming=nieuw, door=ministerie)
        with capture(execute=True):
            services.raming_publiceren(
                raming=nieuw,
                staatscourant_referentie="Stcrt. 2026, 9",
                gepubliceerd_op=dt.date.today(),
                door=ministerie_actor(),
            )
        return nieuw

    def test_openbare_pagina_uit_cache_en_vernieuwd_bij_nieuwe_versie(
        self,
        client,
        gepubliceerd,
        ministerie,
        django_assert_max_num_queries,
        django_capture_on_commit_callbacks,
    ):
        url = reverse("raming:openbaar_raming", kwargs={"jaar": 2026})
        eerste = client.get(url).text
        assert "Capaciteitsraming 2026</h1>" in eerste
        with django_assert_max_num_queries(0):  # the rendered table comes from the cache
            assert client.get(url).text == eerste
        # A search is not served from the cached table.
        gezocht = client.get(url, {"q": "zaan"}).text
        assert "Zaanstad" in gezocht and "Heerlen" not in gezocht

        self._nieuwe_versie(gepubliceerd, ministerie, django_capture_on_commit_callbacks)

        nu = client.get(url).text
        assert "Capaciteitsraming 2026, versie 2</h1>" in nu
        assert "<strong>versie 2</strong>" in nu and 'href="?versie=1"' in nu
        oud = client.get(url, {"versie": 1}).text
        assert "Capaciteitsraming 2026</h1>" in oud
        # version 1 was cached without version links; now it links to version 2
        assert 'href="?versie=2"' in oud

    def test_xlsx_uit_cache_en_vernieuwd_bij_nieuwe_versie(
        self,
        client,
        gepubliceerd,
        ministerie,
        django_assert_max_num_queries,
        django_capture_on_commit_callbacks,
    ):
        url = reverse("raming:openbaar_xlsx", kwargs={"jaar": 2026})
        eerste = client.get(url).content
        with django_assert_max_num_queries(0):
            assert client.get(url).content == eerste

        def toelichting(inhoud):
            return dict(
                load_workbook(io.BytesIO(inhoud))["Toelichting"].iter_rows(values_only=True)
            )

        assert toelichting(eerste)["capaciteitsraming"] == "2026, versie 1"
        self._nieuwe_versie(gepubliceerd, ministerie, django_capture_on_commit_callbacks)
        r = client.get(url)
        assert "-v2.xlsx" in r["Content-Disposition"]
        assert toelichting(r.content)["capaciteitsraming"] == "2026, versie 2"
        assert toelichting(client.get(url, {"versie": 1}).content)["capaciteitsraming"] == (
            "2026, versie 1"
        )


class TestToegang:
    def test_prt_mag_geen_cycli_beheren(self, client, prt_gelderland, cyclus):
        client.force_login(prt_gelderland)
        assert client.get(reverse("raming:cycli")).status_code == 403
        assert client.get(reverse("raming:cyclus", kwargs={"jaar": 2026})).status_code == 403
        assert client.post(reverse("raming:cycli"), {"jaar": 2030}).status_code == 403
        assert not Wetscyclus.objects.filter(jaar=2030).exists()

    def test_prt_ziet_concept_niet(self, client, prt_gelderland, concept):
        client.force_login(prt_gelderland)
        assert client.get(reverse("raming:raming", kwargs={"pk": concept.pk})).status_code == 404

    def test_prt_ziet_gepubliceerde_raming(self, client, prt_gelderland, gepubliceerd):
        client.force_login(prt_gelderland)
        r = client.get(reverse("raming:raming", kwargs={"pk": gepubliceerd.pk}))
        assert r.status_code == 200
        assert "Vaststellen" not in r.text
        r = client.post(reverse("raming:raming_wijziging", kwargs={"pk": gepubliceerd.pk}))
        assert r.status_code == 403

    def test_gemeente_mag_niet_publiceren(self, client, gemeente_zaanstad, vastgesteld):
        client.force_login(gemeente_zaanstad)
        r = client.post(
            reverse("raming:raming_publiceren", kwargs={"pk": vastgesteld.pk}),
            {"pub-staatscourant_referentie": "x", "pub-gepubliceerd_op": "2026-01-30"},
        )
        assert r.status_code == 403
        vastgesteld.refresh_from_db()
        assert vastgesteld.status == S.VASTGESTELD


class TestMinisterie:
    def test_cyclus_aanmaken(self, client, ministerie):
        client.force_login(ministerie)
        r = client.post(reverse("raming:cycli"), {"jaar": 2028})
        assert r.status_code == 302
        assert Mijlpaal.objects.filter(cyclus__jaar=2028).count() == 4
        r = client.post(reverse("raming:cycli"), {"jaar": 2028})
        assert r.status_code == 400
        assert "bestaat al" in r.text

    def test_mijlpaal_zonder_reden(self, client, ministerie, cyclus):
        client.force_login(ministerie)
        m = cyclus.mijlpalen.get(soort="verslag")
        url = reverse("raming:mijlpaal_wijzigen", kwargs={"jaar": 2026, "pk": m.pk})
        r = client.post(url, {f"m{m.pk}-datum": "2026-12-01", f"m{m.pk}-reden": ""})
        assert r.status_code == 400
        assert "Dit veld is vereist" in r.text
        r = client.post(url, {f"m{m.pk}-datum": "2026-12-01", f"m{m.pk}-reden": "Besluit minister"})
        assert r.status_code == 302
        m.refresh_from_db()
        assert m.datum == dt.date(2026, 12, 1)

    # the publication date the flow enters (26-2-2026) is today, after the adoption
    @time_machine.travel(dt.datetime(2026, 2, 26, 9, tzinfo=dt.UTC))
    def test_hele_flow(self, client, ministerie, cyclus, met_ses):
        client.force_login(ministerie)
        r = client.post(
            reverse("raming:invoerbesluit_toevoegen", kwargs={"jaar": 2026}),
            {
                "ib-soort": "mpp_capaciteitsbesluit",
                "ib-datum": "2025-09-26",
                "ib-landelijk_aantal": "88000",
                "ib-amv_aantal": "7480",
            },
        )
        assert r.status_code == 302, r.text
        ib = cyclus.invoerbesluiten.get()
        r = client.post(
            reverse("raming:raming_aanmaken", kwargs={"jaar": 2026}),
            {
                "invoerbesluit": ib.pk,
                "peildatum_inwoners": "2023-01-01",
                "ses_jaar": "2022",
                "afrondingsmethode": "grootste_overschot",
            },
        )
        assert r.status_code == 302
        raming = Raming.objects.get(cyclus=cyclus)
        url = reverse("raming:raming", kwargs={"pk": raming.pk})
        # adopting before computing is refused with the reason
        r = client.post(
            reverse("raming:raming_vaststellen", kwargs={"pk": raming.pk}), {"bevestigd": "on"}
        )
        assert r.status_code == 400
        assert "nog niet (opnieuw) berekend" in r.text
        assert (
            client.post(reverse("raming:raming_berekenen", kwargs={"pk": raming.pk})).status_code
            == 302
        )
        assert client.get(url).status_code == 200
        # the confirmation page says what happens; without the tick nothing happens
        r = client.get(reverse("raming:raming_vaststellen", kwargs={"pk": raming.pk}))
        assert "de aantallen per gemeente en per provincie worden bevroren" in r.text
        r = client.post(reverse("raming:raming_vaststellen", kwargs={"pk": raming.pk}))
        assert r.status_code == 400
        assert "Vink aan dat u hebt gelezen wat er gebeurt" in r.text
        assert (
            client.post(
                reverse("raming:raming_vaststellen", kwargs={"pk": raming.pk}), {"bevestigd": "on"}
            ).status_code
            == 302
        )
        r = client.post(
            reverse("raming:raming_publiceren", kwargs={"pk": raming.pk}),
            {
                "pub-staatscourant_referentie": "",
                "pub-gepubliceerd_op": "2026-02-26",
                "bevestigd": "on",
            },
        )
        assert r.status_code == 400
        r = client.post(
            reverse("raming:raming_publiceren", kwargs={"pk": raming.pk}),
            {
                "pub-staatscourant_referentie": "Stcrt. 2026, 7000",
                "pub-gepubliceerd_op": "2026-02-26",
                "bevestigd": "on",
            },
        )
        assert r.status_code == 302
        raming.refresh_from_db()
        assert raming.status == S.GEPUBLICEERD
        # late: the cycle offers the extension with the reason prefilled
        r = client.get(reverse("raming:cyclus", kwargs={"jaar": 2026}))
        assert "26 dagen te laat" in r.text
        assert "1 maand extra" in r.text
        # the extension is regietafels' section on this page, posting to its own URL
        verlengen = reverse("regietafels:verlengen_na_late_raming", kwargs={"jaar": 2026})
        assert f'action="{verlengen}"' in r.text
        r = client.post(
            verlengen,
            {"reden": "Raming een maand te laat", "referentie": ""},
        )
        assert r.status_code == 302
        assert Termijnverlenging.objects.get().nieuwe_datum == dt.date(2026, 12, 1)
        r = client.get(reverse("raming:cyclus", kwargs={"jaar": 2026}))
        assert "al verlengd" in r.text and f'action="{verlengen}"' not in r.text
        # a tussentijdse wijziging and the differences page
        r = client.post(
            reverse("raming:raming_wijziging", kwargs={"pk": raming.pk}), {"wij-reden": ""}
        )
        assert r.status_code == 400
        r = client.post(
            reverse("raming:raming_wijziging", kwargs={"pk": raming.pk}),
            {"wij-reden": "Nieuwe MPP"},
        )
        assert r.status_code == 302
        nieuw = Raming.objects.get(cyclus=cyclus, versie=2)
        r = client.get(reverse("raming:raming_verschil", kwargs={"pk": nieuw.pk}), {"alles": "1"})
        assert r.status_code == 200
        assert "Zaanstad" in r.text

    def test_raming_pagina_queries(
        self, client, ministerie, concept, django_assert_max_num_queries
    ):
        client.force_login(ministerie)
        with django_assert_max_num_queries(25):
            r = client.get(reverse("raming:raming", kwargs={"pk": concept.pk}))
        assert r.status_code == 200

    def test_gemeente_pagina(self, client, ministerie, concept):
        client.force_login(ministerie)
        r = client.get(reverse("raming:gemeente", kwargs={"pk": concept.pk, "slug": "heerlen"}))
        assert r.status_code == 200
        assert "Gewicht" in r.text


class TestHome:
    def test_panelen(self, client, ministerie, prt_gelderland, gemeente_arnhem, gepubliceerd, coa):
        client.force_login(ministerie)
        assert "Wetscyclus 2026" in client.get("/").text
        client.force_login(prt_gelderland)
        r = client.get("/")
        assert "Opgave Gelderland" in r.text and "Arnhem" in r.text
        client.force_login(gemeente_arnhem)
        r = client.get("/")
        assert "Arnhem in de capaciteitsraming 2026" in r.text
        assert "Zo is het aantal berekend" in r.text
        client.force_login(coa)
        assert "Landelijk 88.000" in client.get("/").text


class TestAdmin:
    def test_bevroren_alleen_lezen(self, client, ministerie, gepubliceerd, concept_2028):
        client.force_login(ministerie)
        r = client.get(f"/beheer/raming/raming/{gepubliceerd.pk}/change/")
        assert r.status_code == 200
        assert 'name="landelijk_aantal"' not in r.text
        r = client.post(f"/beheer/raming/raming/{gepubliceerd.pk}/delete/", {"post": "yes"})
        assert r.status_code == 403
        r = client.get(f"/beheer/raming/raming/{concept_2028.pk}/change/")
        assert 'name="landelijk_aantal"' in r.text
        gv = gepubliceerd.gemeenten.first()
        r = client.get(f"/beheer/raming/gemeenteverdeling/{gv.pk}/change/")
        assert r.status_code == 200 and 'name="aantal"' not in r.text
        assert client.get("/beheer/raming/provincieverdeling/").status_code == 200
        assert client.get("/beheer/raming/mijlpaal/").status_code == 200
        assert client.get("/beheer/raming/invoerbesluit/").status_code == 200
        assert client.get("/beheer/raming/meerjarigbeschikbaar/").status_code == 200


@pytest.fixture
def concept_2028(db):
    return Raming.objects.create(
        cyclus=services.cyclus_aanmaken(jaar=2028, door=ministerie_actor()), versie=1
    )
