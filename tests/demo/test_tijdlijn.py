"""The demo tells one coherent story on whatever day it is loaded.

Loaded with the clock at six moments of the Spreidingswet cycle, the demo has nothing dated
after that moment, no submission after its term unless marked late, home pages whose terms
agree with the milestones, a 2024 verdeelbesluit that adds up to the 2024 opgave, and a second
load that changes no row in any table.

The first moment is a fresh load, as a first `make run` on that day; each later one is loaded
from the moment before it, as a later `make run` adds only what happened since (once per run,
tests/demodatabase.py).
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.apps import apps
from django.db import models
from django.utils import timezone

from core.demo import Klok, laad_alles
from raming.models import Herkomst, Mijlpaal, Raming, Wetscyclus
from raming.termijnen import realisatietermijn
from regietafels.models import (
    Beoordeling,
    Realisatiemelding,
    Termijnverlenging,
    Verdeelbesluit,
    VerdeelbesluitRegel,
    Verslag,
    VerslagRegel,
    VerslagVersie,
)
from regietafels.selectors import realisatie as realisatiestand
from regietafels.termijnen import verslagtermijn
from tests.demodatabase import MOMENTEN

pytestmark = pytest.mark.slow

# DateTimeFields that hold a moment in the future by design (none in the demo today)
TOEKOMST_VELDEN: set[tuple[str, str]] = set()


def _projectmodellen():
    for model in apps.get_models():
        if model._meta.app_label in {"django", "contenttypes", "sessions", "admin"}:
            continue
        if model.__module__.startswith(("django.", "axes.", "rest_framework.", "django_otp.")):
            continue
        yield model


def _laden(moment: dt.datetime) -> Klok:
    nu = timezone.make_aware(moment)
    with time_machine.travel(nu, tick=False):
        laad_alles(stdout=io.StringIO())
    return Klok(nu)


def _tellingen() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


@pytest.mark.parametrize("naam", list(MOMENTEN))
def test_demo_op_elk_moment(naam, demo, settings):
    """The demo at the moment, all checks on it, then a second load."""
    settings.DEMO_MODE = True  # the demo users log in as under `make run` (no second factor)
    klok = demo.laden(MOMENTEN[naam])
    geladen = (naam, klok)
    _geen_tijdstip_in_de_toekomst(geladen)
    _geen_indiening_na_de_termijn_tenzij_te_laat(geladen)
    _verloop_per_moment(geladen)
    _verdeelbesluit_2024_telt_op_tot_de_opgave(geladen)
    _termijnen_op_de_homepagina(geladen)
    _herkomst_van_elk_democijfer(geladen)
    _cycluspagina(geladen)
    eerst = _tellingen()
    _laden(MOMENTEN[naam])
    assert _tellingen() == eerst


def _geen_tijdstip_in_de_toekomst(geladen):
    _, klok = geladen
    for model in _projectmodellen():
        for veld in model._meta.concrete_fields:
            if (model._meta.label, veld.name) in TOEKOMST_VELDEN:
                continue
            if isinstance(veld, models.DateTimeField):
                grens = klok.nu
            elif isinstance(veld, models.DateField) and veld.name in {
                "gepubliceerd_op",
                "uitgesteld_op",
                "besluitdatum",
                "datum_melding",
                "history_date",
            }:
                grens = klok.vandaag
            else:
                continue
            te_laat = model._default_manager.filter(**{f"{veld.name}__gt": grens})
            assert not te_laat.exists(), (model._meta.label, veld.name, klok.nu)
    assert not Realisatiemelding.objects.filter(datum__gt=klok.vandaag).exists()


def _geen_indiening_na_de_termijn_tenzij_te_laat(geladen):
    for versie in VerslagVersie.objects.select_related("verslag__cyclus", "verslag__regietafel"):
        termijn = verslagtermijn(versie.verslag.cyclus, versie.verslag.regietafel).effectief
        na_termijn = timezone.localdate(versie.ingediend_op) > termijn
        assert versie.termijn == termijn
        assert versie.te_laat == na_termijn, versie


def _verloop_per_moment(geladen):
    naam, klok = geladen
    c2024 = Wetscyclus.objects.get(jaar=2024)
    c2026 = Wetscyclus.objects.get(jaar=2026)
    r2024 = Raming.objects.get(cyclus=c2024)
    assert timezone.localdate(r2024.vastgesteld_op) == dt.date(2024, 1, 31)
    # 2024 complete whatever the day: twelve verslagen of 31 October 2024, all assessed
    v2024 = Verslag.objects.filter(cyclus=c2024)
    assert v2024.count() == 12
    assert {timezone.localdate(v.ingediend_op) for v in v2024} == {dt.date(2024, 10, 31)}
    assert not v2024.exclude(status=Verslag.Status.BEOORDEELD).exists()
    besluit = Verdeelbesluit.objects.get(cyclus=c2024)
    assert besluit.besluitdatum == dt.date(2024, 12, 23)
    assert timezone.localdate(besluit.vastgesteld_op) == dt.date(2024, 12, 23)
    # realisation 2024: most by 30 June 2025, the gemeenten behind caught up in November 2025
    # (realised: the register's locations in gebruik plus the reports without one, ADR 0014;
    # a gemeente whose locations alone hold more than its number is above it)
    aantallen = dict(besluit.regels.values_list("gemeente_id", "aantal"))
    vastgesteld = sum(aantallen.values())

    def stand(datum):
        return realisatiestand.standen(c2024, gemeente_ids=set(aantallen), datum=datum)

    juli = stand(dt.date(2025, 6, 30))
    tot_juli = sum(min(juli[g].totaal, n) for g, n in aantallen.items() if g in juli)
    assert 0.9 * vastgesteld <= tot_juli < vastgesteld
    november = stand(dt.date(2025, 11, 28))
    for g, n in aantallen.items():
        if n:
            assert november[g].zonder_locatie == max(0, n - november[g].uit_locaties), g
            assert not november[g].mogelijk_dubbel
    # one realisation term: the 2024 besluiten of 23 December gave 30 June 2025, the milestone
    _realisatietermijn_is_de_mijlpaal(besluit, dt.date(2025, 6, 30))
    r2026 = Raming.objects.get(cyclus=c2026)
    v2026 = Verslag.objects.filter(cyclus=c2026)
    if naam == "februari-2026":
        assert r2026.status == Raming.Status.UITGESTELD
        assert r2026.uitgesteld_op == dt.date(2026, 2, 5) and r2026.gepubliceerd_op is None
        assert not Termijnverlenging.objects.filter(cyclus=c2026).exists()
        assert not v2026.exists()
        return
    assert (r2026.uitgesteld_op, r2026.gepubliceerd_op) == (
        dt.date(2026, 2, 5),
        dt.date(2026, 2, 26),
    )
    assert timezone.localdate(r2026.vastgesteld_op) == dt.date(2026, 2, 26)
    alle = Termijnverlenging.objects.get(cyclus=c2026, regietafel=None)
    assert alle.nieuwe_datum == dt.date(2026, 12, 1)
    if naam == "maart-2026":
        assert 0 < v2026.count() < 12
        assert set(v2026.values_list("status", flat=True)) == {Verslag.Status.CONCEPT}
        assert not Verdeelbesluit.objects.filter(cyclus=c2026).exists()
        assert not Wetscyclus.objects.filter(jaar=2028).exists()
    elif naam == "december-2026":
        assert v2026.count() == 12
        ingediend = v2026.exclude(status=Verslag.Status.CONCEPT)
        assert ingediend.count() == 11
        assert list(
            ingediend.filter(te_laat=True).values_list("regietafel__provincie__slug", flat=True)
        ) == ["zeeland"]
        overijssel = v2026.get(regietafel__provincie__slug="overijssel")
        assert overijssel.status == Verslag.Status.CONCEPT
        assert verslagtermijn(c2026, overijssel.regietafel).effectief == dt.date(2026, 12, 15)
        assert Beoordeling.objects.filter(verslag__cyclus=c2026).exists()
        assert v2026.filter(status=Verslag.Status.INGEDIEND).exists()
        assert not Verdeelbesluit.objects.filter(cyclus=c2026).exists()
    elif naam == "januari-2027":
        besluit_2026 = Verdeelbesluit.objects.get(cyclus=c2026)
        assert besluit_2026.status == Verdeelbesluit.Status.VASTGESTELD
        assert besluit_2026.besluitdatum == dt.date(2026, 12, 22)
        _realisatietermijn_is_de_mijlpaal(besluit_2026, dt.date(2027, 6, 30))
        assert not Realisatiemelding.objects.filter(cyclus=c2026).exists()
    elif naam == "juli-2027":
        besluit_2026 = Verdeelbesluit.objects.get(cyclus=c2026)
        assert besluit_2026.status == Verdeelbesluit.Status.VASTGESTELD
        assert Realisatiemelding.objects.filter(cyclus=c2026).exists()
        assert not Wetscyclus.objects.filter(jaar=2028).exists()
    else:
        c2028 = Wetscyclus.objects.get(jaar=2028)
        assert Raming.objects.get(cyclus=c2028).gepubliceerd_op == dt.date(2028, 1, 29)
        assert Verslag.objects.filter(cyclus=c2028).exists()


def _realisatietermijn_is_de_mijlpaal(besluit, datum):
    """Every row of ``besluit`` has the realisation term of the rule, which is the cycle's
    realisation milestone in force (the cycle page shows that date)."""
    mijlpaal = Mijlpaal.objects.get(cyclus=besluit.cyclus, soort=Mijlpaal.Soort.REALISATIE)
    assert mijlpaal.datum == datum == realisatietermijn(besluit.cyclus, besluit.besluitdatum)
    assert set(besluit.regels.values_list("realisatietermijn", flat=True)) == {datum}


def _verdeelbesluit_2024_telt_op_tot_de_opgave(geladen):
    besluit = Verdeelbesluit.objects.get(cyclus__jaar=2024)
    raming = Raming.objects.get(cyclus__jaar=2024)
    opgave = sum(raming.provincies.values_list("opgave", flat=True))
    assert opgave == 96_002
    assert sum(besluit.regels.values_list("aantal", flat=True)) == opgave
    for pv in raming.provincies.all():
        assert (
            sum(
                besluit.regels.filter(gemeente__provincie=pv.provincie).values_list(
                    "aantal", flat=True
                )
            )
            == pv.opgave
        ), pv.provincie
    rest = sum(besluit.regels.values_list("restopgave", flat=True))
    assert 5_000 < rest < 13_000, rest
    vrij = dict(
        besluit.regels.filter(vrijgesteld=True).values_list("gemeente__naam", "vrijstelling_reden")
    )
    assert set(vrij) == {"Cranendonck", "Gilze en Rijen"} and all(vrij.values())
    assert not besluit.regels.filter(vrijgesteld=True, restopgave__gt=0).exists()


def _termijnen_op_de_homepagina(geladen):
    """Every demo user's home answers, and each term it lists agrees with the milestones: a
    verslag term only while the verslag is not submitted, at the term in force (extensions
    included); an assessment only for a submitted verslag; a realisation term only under a
    fixed verdeelbesluit, at its date; no verslag listed twice."""
    from django.test import Client

    from accounts.models import Gebruiker

    naam, klok = geladen
    demo = Gebruiker.objects.filter(is_demo=True).order_by("username")
    assert demo.filter(username__in=["ministerie", "coa", "prt-gelderland"]).count() == 3
    with time_machine.travel(klok.nu, tick=False):
        for user in demo:
            client = Client()
            client.force_login(user)
            antwoord = client.get("/")
            assert antwoord.status_code == 200, (user.username, naam)
            # the panels as the page computed them (the page draws them as one cached
            # fragment; the context hands them over as a callable)
            home = antwoord.context["home"]
            panels = {p["template"]: p["context"] for p in home["panels"]()}
            regels = panels.get("herinneringen/home_panel.html", {}).get("regels", [])
            gezien = set()
            for regel in regels:
                _controleer_termijn(regel["termijn"], klok.vandaag, gezien, user.username)
            prt = panels.get("regietafels/panels/prt.html")
            if prt and prt.get("verslag") is not None:
                termijn = prt["termijn"]
                assert (
                    termijn.effectief == verslagtermijn(prt["cyclus"], prt["regietafel"]).effectief
                )
                assert termijn.effectief in (
                    termijn.oorspronkelijk,
                    *(v.nieuwe_datum for v in termijn.verlengingen),
                )
            if user.username == "ministerie" and naam == "december-2026":
                # Zeeland submitted on 3 December, after the term: the home says so
                assert "11 van 12 verslagen ingediend (waarvan 1 na de termijn)" in (
                    antwoord.content.decode()
                )
            gemeente = panels.get("regietafels/panels/gemeente.html")
            if gemeente and gemeente.get("besluitregel") is not None:
                # the realisation term with what is realised against it: the figure of the
                # realisation overview (locations in gebruik plus reports without one, ADR 0014)
                regel = gemeente["besluitregel"]
                stand = realisatiestand.standen(
                    gemeente["cyclus"], gemeente_ids={regel.gemeente_id}
                ).get(regel.gemeente_id, realisatiestand.Stand())
                assert gemeente["gerealiseerd"] == stand.totaal, (naam, user.username)
            raming = panels.get("raming/panels/ministerie.html")
            if raming and raming.get("cyclus") is not None and raming.get("mijlpalen"):
                tekst = antwoord.content.decode()
                for m in raming["mijlpalen"]:
                    if m.soort == "verslag":
                        effectief = max(
                            [
                                m.datum,
                                *Termijnverlenging.objects.filter(
                                    cyclus=raming["cyclus"], regietafel=None
                                ).values_list("nieuwe_datum", flat=True),
                            ]
                        )
                        regel = f"{m.get_soort_display()}: {_datum_nl(effectief)}"
                        assert regel in tekst, (naam, regel)
                    else:
                        # the other milestones at their date in force (a moved one: its new
                        # date; the realisation milestone: the besluit rows' term)
                        geldend = Mijlpaal.objects.get(pk=m.pk).datum
                        voor = "vóór " if m.soort == "raming" else ""
                        regel = f"{m.get_soort_display()}: {voor}{_datum_nl(geldend)}"
                        assert regel in tekst, (naam, regel)
                        if m.soort == "realisatie":
                            besluit = Verdeelbesluit.objects.filter(
                                cyclus=raming["cyclus"], status=Verdeelbesluit.Status.VASTGESTELD
                            ).first()
                            if besluit is not None:  # (a besluit on bezwaar may run longer)
                                assert geldend in set(
                                    besluit.regels.values_list("realisatietermijn", flat=True)
                                ), naam


MAANDEN = "januari februari maart april mei juni juli augustus september oktober november december"


def _datum_nl(datum: dt.date) -> str:
    return f"{datum.day} {MAANDEN.split()[datum.month - 1]} {datum.year}"


def _controleer_termijn(termijn, vandaag, gezien, wie):
    from regietafels.models import Regietafel, VerdeelbesluitRegel

    soort = str(termijn.soort)
    if soort in ("verslag", "verslag_te_laat"):
        sleutel = tuple(int(d) for d in termijn.sleutel.split(":")[1:])
    elif soort in ("beoordeling", "verslag_teruggestuurd"):
        verslag = Verslag.objects.get(pk=termijn.sleutel.split(":")[1])
        sleutel = (verslag.cyclus_id, verslag.regietafel_id)
    else:
        sleutel = None
    if sleutel is not None:
        assert sleutel not in gezien, (wie, termijn.sleutel, "twee keer")
        gezien.add(sleutel)
    if soort in ("verslag", "verslag_te_laat"):
        _, cyclus_id, regietafel_id = termijn.sleutel.split(":")
        tafel = Regietafel.objects.get(pk=regietafel_id)
        cyclus = Wetscyclus.objects.get(pk=cyclus_id)
        verslag = Verslag.objects.filter(cyclus=cyclus, regietafel=tafel).first()
        assert verslag is None or verslag.status == Verslag.Status.CONCEPT, (wie, termijn.sleutel)
        assert termijn.datum == verslagtermijn(cyclus, tafel).effectief, (wie, termijn.sleutel)
        if soort == "verslag_te_laat":
            assert termijn.datum < vandaag
    elif soort == "beoordeling":
        verslag = Verslag.objects.get(pk=termijn.sleutel.split(":")[1])
        assert verslag.status == Verslag.Status.INGEDIEND, (wie, termijn.sleutel)
    elif soort == "realisatie":
        assert termijn.datum in set(
            VerdeelbesluitRegel.objects.filter(
                verdeelbesluit__status=Verdeelbesluit.Status.VASTGESTELD
            ).values_list("realisatietermijn", flat=True)
        ), (wie, termijn.sleutel)


def _herkomst_van_elk_democijfer(geladen):
    """Every figure the demo writes says where it comes from, as fields: the 2024 raming as
    published (Staatscourant), the 2024 verslagen's per-gemeente splits illustrative with the
    recorded provincial total as their source, everything of 2026 and later, the verdeelbesluit
    rows computed from them and the realisation reports illustrative."""
    r2024 = Raming.objects.get(cyclus__jaar=2024)
    assert {(p.herkomst, p.bron_url != "") for p in r2024.provincies.all()} == {
        (Herkomst.VASTGELEGD, True)
    }
    totalen = {"fryslan": "4.305", "gelderland": "10.474", "limburg": "5.406"}
    for slug, totaal in totalen.items():
        rijen = VerslagRegel.objects.filter(
            verslag__cyclus__jaar=2024, verslag__regietafel__provincie__slug=slug
        )
        assert {(r.herkomst, r.bron_peildatum) for r in rijen} == {
            (Herkomst.ILLUSTRATIEF, dt.date(2024, 10, 31))
        }, slug
        assert all(f"totaal van {totaal}" in r.bron for r in rijen), slug
    groningen = VerslagRegel.objects.filter(
        verslag__cyclus__jaar=2024, verslag__regietafel__provincie__slug="groningen"
    )
    assert all("haar opgave haalde" in r.bron for r in groningen)
    # every row of a filled-in demo verslag (2024 and later), whatever its number
    gevuld = VerslagRegel.objects.exclude(verslag__versies__isnull=True).distinct()
    assert gevuld.exists()
    assert not gevuld.exclude(herkomst=Herkomst.ILLUSTRATIEF).exists()
    assert not gevuld.filter(bron="").exists()
    regels = VerdeelbesluitRegel.objects.all()
    assert regels.exists() and not regels.exclude(herkomst=Herkomst.ILLUSTRATIEF).exists()
    assert not Realisatiemelding.alle.exclude(herkomst=Herkomst.ILLUSTRATIEF).exists()
    assert not Realisatiemelding.alle.filter(bron="").exists()


def _cycluspagina(geladen):
    """The cycle page of every cycle there is: the milestone table reflows on a phone (it is
    stacked, each cell under its column name) and no raming is called a historical record:
    2024 is recorded as published, 2026 (and 2028) had its publication registered."""
    from django.test import Client

    from accounts.models import Gebruiker

    naam, klok = geladen
    client = Client()
    with time_machine.travel(klok.nu, tick=False):
        # logged in at the load moment (a session of today has expired by 2027)
        client.force_login(Gebruiker.objects.get(username="ministerie"))
        for cyclus in Wetscyclus.objects.all():
            antwoord = client.get(f"/raming/cycli/{cyclus.jaar}/")
            assert antwoord.status_code == 200, (naam, cyclus.jaar)
            tekst = antwoord.content.decode()
            assert 'class="utrecht-table rt-gestapeld"' in tekst
            assert 'data-kolom="Geldende datum"' in tekst
            assert "historische registratie" not in tekst.lower(), (naam, cyclus.jaar)
            raming = Raming.objects.filter(cyclus=cyclus, historisch=True).first()
            if raming is None:
                continue
            gepubliceerd = _datum_nl(raming.gepubliceerd_op)
            if cyclus.jaar == 2024:
                assert f"(vastgelegd zoals gepubliceerd op {gepubliceerd})" in tekst
            else:
                assert f"(publicatie van {gepubliceerd} geregistreerd)" in tekst, (naam, cyclus)
