"""Seed the benchmark database (rt_bench) with realistic volumes, using bulk_create.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=postgres://…/rt_bench python bench/seed.py

What it makes: the real 342 gemeenten and 12 provinces (CBS file), SES-WOA scores, three cycles
(2024, 2026, 2028) each with a published raming of all 342 gemeenten and 12 verslagen with every
row filled, 2,000 exchanges, 500 users across the roles, fixed verdeelbesluiten for 2024 and
2026 with realisation reports, extensions and open extension requests, three scenarios, 20,000
reminders and 100,000 history records. A section whose models do not exist (yet) is skipped
and reported. Deterministic: the random generator has a fixed seed. Writes a JSON summary to
stdout's last line.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Gebruiker, Rol  # noqa: E402
from accounts.rechten import SYSTEEM  # noqa: E402
from raming.importeren import import_gemeenten  # noqa: E402
from raming.models import (  # noqa: E402
    Gemeente,
    GemeenteVerdeling,
    Provincie,
    ProvincieVerdeling,
    Raming,
    SesWoaScore,
    Wetscyclus,
)
from regietafels.models import Regietafel, Verslag, VerslagRegel  # noqa: E402

RNG = random.Random(20260226)
BENCH_WACHTWOORD = "bench-wachtwoord-2026"
CYCLI = {2024: 96_000, 2026: 88_000, 2028: 90_000}
SES_JAAR = 2022
AANTAL_GEBRUIKERS = 500
AANTAL_UITRUIL = 2_000
AANTAL_LOCATIES = 2_000
AANTAL_HERINNERINGEN = 20_000
AANTAL_GESCHIEDENIS = 100_000
BATCH = 5_000

samenvatting: dict[str, object] = {}
overgeslagen: dict[str, str] = {}


def log(tekst: str) -> None:
    print(f"[seed] {tekst}", flush=True)


def sectie(naam: str):
    """Run a seeding step; a step whose models are missing or changed is reported, not fatal."""

    def decorator(functie):
        def uitvoeren(*args, **kwargs):
            begin = time.monotonic()
            try:
                with transaction.atomic():
                    resultaat = functie(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - reported in the summary and the docs
                overgeslagen[naam] = f"{type(exc).__name__}: {exc}"[:300]
                log(f"{naam}: OVERGESLAGEN ({overgeslagen[naam]})")
                return None
            log(f"{naam}: {resultaat} ({time.monotonic() - begin:.1f} s)")
            samenvatting[naam] = resultaat
            return resultaat

        return uitvoeren

    return decorator


@sectie("gemeenten")
def gemeenten() -> int:
    bron = Path(settings.REFERENCE_DATA_DIR) / "cbs_gemeenten_2025_inwoners_2023.csv"
    import_gemeenten(bron, door=SYSTEEM)
    SesWoaScore.objects.bulk_create(
        SesWoaScore(
            gemeente=g, jaar=SES_JAAR, score=Decimal(RNG.randint(-400, 500)) / 1000, bron="bench"
        )
        for g in Gemeente.objects.all()
    )
    return Gemeente.objects.count()


@sectie("gebruikers")
def gebruikers() -> int:
    wachtwoord = make_password(BENCH_WACHTWOORD)
    provincies = list(Provincie.objects.order_by("code"))
    alle_gemeenten = list(Gemeente.objects.order_by("code"))
    rijen = []

    def nieuw(username, rol, **extra):
        rijen.append(
            Gebruiker(
                username=username,
                password=wachtwoord,
                rol=rol,
                first_name="Bench",
                last_name=username,
                email=f"{username}@bench.regietafel.example",
                **extra,
            )
        )

    for n in range(20):
        nieuw(f"bench-ministerie-{n}", Rol.MINISTERIE)
    for n in range(20):
        nieuw(f"bench-coa-{n}", Rol.COA)
    for provincie in provincies:
        for n in range(10):
            nieuw(f"bench-prt-{provincie.slug}-{n}", Rol.PRT_SECRETARIS, provincie=provincie)
    for gemeente in alle_gemeenten:
        if len(rijen) >= AANTAL_GEBRUIKERS:
            break
        nieuw(f"bench-gemeente-{gemeente.slug}", Rol.GEMEENTE, gemeente=gemeente)
    Gebruiker.objects.bulk_create(rijen, batch_size=BATCH)
    return Gebruiker.objects.count()


def _verdeling(landelijk: int, inwoners: dict[int, int], ses: dict[int, Decimal]):
    gewichten = {g: inwoners[g] * (1 + float(ses.get(g, 0))) for g in inwoners}
    totaal = sum(gewichten.values())
    return {g: (w, landelijk * w / totaal) for g, w in gewichten.items()}


@sectie("cycli en ramingen")
def cycli_en_ramingen() -> str:
    gemeente_prov = dict(Gemeente.objects.values_list("pk", "provincie_id"))
    inwoners = dict(
        Gemeente.objects.filter(inwonertallen__peildatum=dt.date(2023, 1, 1)).values_list(
            "pk", "inwonertallen__aantal"
        )
    )
    ses = dict(SesWoaScore.objects.filter(jaar=SES_JAAR).values_list("gemeente_id", "score"))
    for jaar, landelijk in CYCLI.items():
        cyclus, _ = Wetscyclus.objects.get_or_create(jaar=jaar)
        raming = Raming.objects.create(
            cyclus=cyclus,
            versie=1,
            status=Raming.Status.GEPUBLICEERD,
            landelijk_aantal=landelijk,
            amv_aantal=round(landelijk * 0.085),
            peildatum_inwoners=dt.date(2023, 1, 1),
            ses_jaar=SES_JAAR,
            berekend_op=timezone.now(),
            vastgesteld_op=timezone.now(),
            gepubliceerd_op=dt.date(jaar, 1, 31),
            staatscourant_referentie=f"Stcrt. {jaar}, bench",
        )
        regels = []
        per_provincie: dict[int, int] = {}
        for gemeente_id, (gewicht, exact) in _verdeling(landelijk, inwoners, ses).items():
            aantal = round(exact)
            per_provincie[gemeente_prov[gemeente_id]] = (
                per_provincie.get(gemeente_prov[gemeente_id], 0) + aantal
            )
            regels.append(
                GemeenteVerdeling(
                    raming=raming,
                    gemeente_id=gemeente_id,
                    inwoners=inwoners[gemeente_id],
                    ses_woa=ses.get(gemeente_id),
                    gewicht=Decimal(f"{gewicht:.6f}"),
                    exact=Decimal(f"{exact:.6f}"),
                    aantal=aantal,
                    amv=round(aantal * 0.085),
                    meerjarig_beschikbaar=round(aantal * RNG.uniform(0.3, 0.8)),
                )
            )
        GemeenteVerdeling.objects.bulk_create(regels)
        ProvincieVerdeling.objects.bulk_create(
            ProvincieVerdeling(
                raming=raming,
                provincie_id=provincie_id,
                opgave=opgave,
                amv=round(opgave * 0.085),
                meerjarig_beschikbaar=round(opgave * 0.55),
                nog_te_realiseren=opgave - round(opgave * 0.55),
            )
            for provincie_id, opgave in per_provincie.items()
        )
    return f"{Wetscyclus.objects.count()} cycli, {Raming.objects.count()} ramingen"


@sectie("verslagen")
def verslagen() -> str:
    secretaris = {
        u.provincie_id: u for u in Gebruiker.objects.filter(rol=Rol.PRT_SECRETARIS).order_by("pk")
    }
    nu = timezone.now()
    regels = []
    for cyclus in Wetscyclus.objects.order_by("jaar"):
        raming = Raming.objects.filter(cyclus=cyclus).order_by("-versie").first()
        indicatief = dict(raming.gemeenten.values_list("gemeente_id", "aantal")) if raming else {}
        huidig = cyclus.jaar == max(CYCLI)
        for regietafel in Regietafel.objects.all():
            verslag = Verslag.objects.create(
                regietafel=regietafel,
                cyclus=cyclus,
                status=Verslag.Status.CONCEPT if huidig else Verslag.Status.BEOORDEELD,
                open_besluiten="Besluitvorming over twee locaties loopt nog.",
                knelpunten="Woningmarkt en personeel bij COA.",
                ingediend_op=None if huidig else nu,
                ingediend_door=None if huidig else secretaris.get(regietafel.provincie_id),
            )
            for gemeente in Gemeente.objects.filter(provincie_id=regietafel.provincie_id):
                aantal = indicatief.get(gemeente.pk, 50)
                van = dt.date(cyclus.jaar, 7, 1)
                regels.append(
                    VerslagRegel(
                        verslag=verslag,
                        gemeente=gemeente,
                        indicatief_aantal=aantal,
                        bestaande_locaties=round(aantal * RNG.uniform(0.2, 0.6)),
                        vastgestelde_plannen=round(aantal * RNG.uniform(0.1, 0.3)),
                        bestuurlijke_voornemens=round(aantal * RNG.uniform(0.0, 0.3)),
                        amv=round(aantal * 0.085),
                        beschikbaar_van=van,
                        beschikbaar_tot=van + dt.timedelta(days=RNG.choice([730, 1825, 3650])),
                        opmerking=f"Locatie {gemeente.naam}-{RNG.randint(1, 9)}.",
                    )
                )
    VerslagRegel.objects.bulk_create(regels, batch_size=BATCH)
    return f"{Verslag.objects.count()} verslagen, {VerslagRegel.objects.count()} regels"


@sectie("uitruil")
def uitruil() -> str:
    Uitruil = apps.get_model("uitruil", "Uitruil")
    Partij = apps.get_model("uitruil", "UitruilPartij")
    Stap = apps.get_model("uitruil", "UitruilStap")
    per_provincie: dict[int, list[int]] = {}
    for gemeente_id, provincie_id in Gemeente.objects.values_list("pk", "provincie_id"):
        per_provincie.setdefault(provincie_id, []).append(gemeente_id)
    gebruiker_van = dict(
        Gebruiker.objects.filter(rol=Rol.GEMEENTE).values_list("gemeente_id", "pk")
    )
    prt_van = dict(
        Gebruiker.objects.filter(rol=Rol.PRT_SECRETARIS).values_list("provincie_id", "pk")
    )
    iemand = Gebruiker.objects.filter(rol=Rol.MINISTERIE).values_list("pk", flat=True).first()
    cycli = list(Wetscyclus.objects.values_list("pk", flat=True))
    statussen = [s for s, _ in Uitruil.Status.choices]
    nu = timezone.now()
    uitruilen = []
    for n in range(AANTAL_UITRUIL):
        provincie_id = RNG.choice(list(per_provincie))
        voorsteller = RNG.choice(per_provincie[provincie_id])
        status = RNG.choice(statussen)
        bevestigd = status in ("bevestigd", "geannuleerd")
        uitruilen.append(
            Uitruil(
                cyclus_id=RNG.choice(cycli),
                provincie_id=provincie_id,
                voorgesteld_door_gemeente_id=voorsteller,
                voorgesteld_door_id=gebruiker_van.get(voorsteller, iemand),
                motivatie=f"Afspraak {n}: meer asielopvang tegen minder statushouders.",
                status=status,
                bevestigd_op=nu if bevestigd else None,
                bevestigd_door_id=prt_van.get(provincie_id) if bevestigd else None,
            )
        )
    Uitruil.objects.bulk_create(uitruilen, batch_size=BATCH)
    partijen, stappen = [], []
    for u in Uitruil.objects.all():
        andere = RNG.choice(
            [g for g in per_provincie[u.provincie_id] if g != u.voorgesteld_door_gemeente_id]
        )
        aantal = RNG.randint(10, 500)
        partijen.append(
            Partij(
                uitruil=u,
                gemeente_id=u.voorgesteld_door_gemeente_id,
                taak="asielopvang",
                richting="neemt_op",
                aantal=aantal,
                instemming="geaccepteerd",
            )
        )
        partijen.append(
            Partij(
                uitruil=u,
                gemeente_id=andere,
                taak="statushouders",
                richting="neemt_op",
                aantal=aantal,
                instemming="open",
            )
        )
        stappen.append(
            Stap(
                uitruil=u,
                versie=1,
                soort="voorgesteld",
                door_id=u.voorgesteld_door_id,
                gemeente_id=u.voorgesteld_door_gemeente_id,
            )
        )
    Partij.objects.bulk_create(partijen, batch_size=BATCH)
    Stap.objects.bulk_create(stappen, batch_size=BATCH)
    return f"{Uitruil.objects.count()} uitruilafspraken, {Partij.objects.count()} partijen"


@sectie("opvanglocaties")
def opvanglocaties() -> str:
    Locatie = apps.get_model("locaties", "Opvanglocatie")
    Fasewijziging = apps.get_model("locaties", "Fasewijziging")
    gemeente_ids = list(Gemeente.objects.values_list("pk", flat=True))
    coa = Gebruiker.objects.filter(rol=Rol.COA).values_list("pk", flat=True).first()
    fasen = ["planvorming", "besluitvorming", "realisatie", "in_gebruik", "gesloten"]
    soorten = ["regulier_azc", "noodopvang", "doorstroom", "amv", "overig"]
    nu = timezone.now()
    vandaag = dt.date.today()
    locaties = []
    for n in range(AANTAL_LOCATIES):
        vanaf = vandaag - dt.timedelta(days=RNG.randint(0, 1500))
        bevestigd = coa is not None and RNG.random() < 0.5
        locaties.append(
            Locatie(
                gemeente_id=RNG.choice(gemeente_ids),
                naam=f"Opvanglocatie {n:05d}",
                straat_huisnummer=f"Laan {n}",
                plaats="Bench",
                capaciteit_regulier=RNG.randint(20, 900),
                capaciteit_amv=RNG.choice([0, 0, 15, 40]),
                soort=RNG.choice(soorten),
                fase=RNG.choice(fasen),
                fase_sinds=vanaf,
                overeenkomst_gesloten_op=vanaf if RNG.random() < 0.7 else None,
                beschikbaar_vanaf=vanaf,
                beschikbaar_tot=vanaf + dt.timedelta(days=RNG.choice([365, 1826, 3650])),
                duurzaam=RNG.random() < 0.4,
                coa_referentie=f"COA-{n:05d}",
                coa_bevestigd_op=nu if bevestigd else None,
                coa_bevestigd_door_id=coa if bevestigd else None,
            )
        )
    Locatie.objects.bulk_create(locaties, batch_size=BATCH)
    Fasewijziging.objects.bulk_create(
        (
            Fasewijziging(locatie=loc, naar_fase=loc.fase, datum=loc.fase_sinds, bron="import")
            for loc in Locatie.objects.only("pk", "fase", "fase_sinds")
        ),
        batch_size=BATCH,
    )
    return f"{Locatie.objects.count()} opvanglocaties"


@sectie("herinneringen")
def herinneringen() -> int:
    Herinnering = apps.get_model("herinneringen", "Herinnering")
    ontvangers = list(Gebruiker.objects.values_list("pk", "email"))
    vandaag = dt.date.today()
    rijen = []
    for n in range(AANTAL_HERINNERINGEN):
        pk, email = ontvangers[n % len(ontvangers)]
        termijn = vandaag + dt.timedelta(days=RNG.randint(-400, 200))
        stap = f"T-{RNG.choice([30, 14, 7, 1])}"
        rijen.append(
            Herinnering(
                ontvanger_id=pk,
                e_mail=email,
                status=RNG.choice(["gepland", "verzonden", "verzonden", "vervallen"]),
                sleutel=f"bench/{n}",
                soort="verslag",
                stap=f"{termijn.isoformat()}/{stap}",
                termijn=termijn,
                gepland_voor=termijn - dt.timedelta(days=7),
                titel=f"Termijn verslag {termijn:%d-%m-%Y}",
                pad="/regietafels/",
            )
        )
    Herinnering.objects.bulk_create(rijen, batch_size=BATCH)
    return Herinnering.objects.count()


@sectie("geschiedenis")
def geschiedenis() -> int:
    """100,000 history rows of verslag rows (edits over 2.5 years), in one INSERT … SELECT."""
    from django.db import connection

    Historisch = VerslagRegel.history.model
    kolommen = [f.column for f in VerslagRegel._meta.concrete_fields]
    aantal_regels = VerslagRegel.objects.count()
    herhalingen = -(-AANTAL_GESCHIEDENIS // aantal_regels)
    gebruikers = list(Gebruiker.objects.filter(rol=Rol.PRT_SECRETARIS).values_list("pk", flat=True))
    lijst = ", ".join(f"r.{k}" for k in kolommen if k != "bestaande_locaties")
    doel = ", ".join(k for k in kolommen if k != "bestaande_locaties")
    # identifiers come from the models' own metadata; values are parameters
    sql = f"""
        INSERT INTO {Historisch._meta.db_table}
            ({doel}, bestaande_locaties, history_date, history_type, history_user_id,
             history_change_reason)
        SELECT {lijst}, greatest(r.bestaande_locaties - (g %% 5), 0),
               now() - ((g * %s + r.id) * interval '11 minutes'),
               CASE WHEN g = 1 THEN '+' ELSE '~' END,
               (%s::bigint[])[1 + (r.id + g) %% %s],
               'bench'
        FROM {VerslagRegel._meta.db_table} r CROSS JOIN generate_series(1, %s) g
        ORDER BY g, r.id
        LIMIT %s
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [aantal_regels, gebruikers, len(gebruikers), herhalingen, AANTAL_GESCHIEDENIS],
        )
    return Historisch.objects.count()


@sectie("besluiten, verlengingen en scenario's")
def besluiten_en_verlengingen() -> str:
    """Through the services, as the ministry would: the 2024 and 2026 cycles get a fixed
    verdeelbesluit (2026's realisation deadlines lie ahead: open realisation terms) with
    realisation reports; 2026 gets the extension for all PRTs of the late raming and two of
    its own; 2028's concept verslagen get four open extension requests; the 2028 raming gets
    three scenarios."""
    from raming.scenarios.services import scenario_aanmaken
    from regietafels import services
    from regietafels.selectors import realisatie_stand
    from regietafels.termijnen import termijn_verlengen

    ministerie = Gebruiker.objects.filter(rol=Rol.MINISTERIE).order_by("pk").first()
    secretaris = {
        u.provincie_id: u for u in Gebruiker.objects.filter(rol=Rol.PRT_SECRETARIS).order_by("pk")
    }
    cycli = {c.jaar: c for c in Wetscyclus.objects.all()}
    regietafels = list(Regietafel.objects.select_related("provincie").order_by("provincie__code"))

    termijn_verlengen(
        cyclus=cycli[2026],
        nieuwe_datum=dt.date(2026, 12, 1),
        reden="De capaciteitsraming is een maand later gepubliceerd.",
        door=ministerie,
    )
    for regietafel in regietafels[:2]:
        termijn_verlengen(
            cyclus=cycli[2026],
            nieuwe_datum=dt.date(2026, 12, 15),
            reden="Besluitvorming in de gemeenteraden loopt uit.",
            door=ministerie,
            regietafel=regietafel,
        )

    meldingen = 0
    for jaar, besluitdatum in ((2024, dt.date(2024, 10, 1)), (2026, dt.date(2026, 10, 1))):
        besluit = services.verdeelbesluit_voorstellen(cyclus=cycli[jaar], door=ministerie)
        services.verdeelbesluit_vaststellen(
            verdeelbesluit=besluit, besluitdatum=besluitdatum, door=ministerie
        )
        # realistic figures: a part of what each gemeente still has to realise after its
        # locations in gebruik (they count as realised, ADR 0014), so no report needs the
        # confirmation of an unusually high total; a gemeente whose locations already cover
        # its number reports nothing
        for gemeente in Gemeente.objects.order_by("code")[:: 2 if jaar == 2026 else 1]:
            nummer, gerealiseerd = realisatie_stand(gemeente=gemeente, cyclus=cycli[jaar])
            if nummer - gerealiseerd < 1:
                continue
            services.realisatie_melden(
                gemeente=gemeente,
                cyclus=cycli[jaar],
                datum=besluitdatum + dt.timedelta(days=RNG.randint(10, 40)),
                aantal=max(1, round((nummer - gerealiseerd) * RNG.uniform(0.1, 0.9))),
                door=ministerie,
            )
            meldingen += 1

    verzoeken = 0
    for regietafel in regietafels[2:6]:
        verslag = Verslag.objects.get(regietafel=regietafel, cyclus=cycli[2028])
        services.verlenging_aanvragen(
            verslag=verslag,
            reden="Twee gemeenteraden besluiten pas na de termijn.",
            gevraagde_datum=dt.date(2028, 12, 31),
            door=secretaris[regietafel.provincie_id],
        )
        verzoeken += 1

    basis = Raming.objects.filter(cyclus=cycli[2028]).order_by("-versie").first()
    for naam, landelijk in (
        ("Hogere instroom", 96_000),
        ("Lagere instroom", 82_000),
        ("Ongewijzigd", None),
    ):
        scenario_aanmaken(
            basis=basis,
            naam=naam,
            beschrijving="Scenario voor de belastingtest.",
            auteur=ministerie,
            landelijk_aantal=landelijk,
        )
    return (
        f"2 verdeelbesluiten, {meldingen} realisatiemeldingen, 3 termijnverlengingen, "
        f"{verzoeken} verlengingsverzoeken, 3 scenario's"
    )


def main() -> int:
    begin = time.monotonic()
    gemeenten()
    gebruikers()
    cycli_en_ramingen()
    verslagen()
    uitruil()
    opvanglocaties()
    besluiten_en_verlengingen()
    herinneringen()
    geschiedenis()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log(f"klaar in {time.monotonic() - begin:.0f} s")
    print(json.dumps({"gemaakt": samenvatting, "overgeslagen": overgeslagen}, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
