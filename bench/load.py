"""Load test of `make bench`: query counts, then wrk against gunicorn, then docs/performance.md.

Run by bench/run.sh after bench/seed.py, with the same environment (bench.settings on rt_bench).

1. Builds the endpoint list from the URL names that exist now (a missing one is listed, not an
   error) plus the API's GET operations from the OpenAPI schema (list, then detail with an id
   from the list), makes a session per role and an API token.
2. Counts SQL queries per request with django.test.Client + CaptureQueriesContext, with an
   emptied cache (``cache_legen``: as a write does, at worst; BENCH_COLD_REPS requests, default
   5, whose median time is the figure) and once with the cache filled (after a warm-up request,
   so per-process first use is not counted), and requires status 200.
3. Starts gunicorn (production settings + the baseline view) on a free loopback port (or
   BENCH_PORT), checks every endpoint answers 200 over HTTP, then runs wrk at 1, 10 and 50
   clients per endpoint while sampling the RSS of every gunicorn worker from /proc.
4. Writes the table to docs/performance.md (between the bench markers; the rest of the file is
   kept) and exits 1 when any request failed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from statistics import median

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from cachalot.api import invalidate  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from accounts.models import Gebruiker, Rol  # noqa: E402
from bench import server  # noqa: E402
from bench.meting import (  # noqa: E402
    KLANTEN,
    KOUD_HERHALINGEN,
    RAPPORT,
    RESULTATEN,
    TRAAG_50_MS,
    TRAAG_MS,
    Endpoint,
)
from bench.rapport import _fout, _hoofd_api, ms, rapport, schrijf_rapport  # noqa: E402
from bench.server import (  # noqa: E402
    Geheugen,
    baseline_tijd,
    http_controle,
    leeglopen,
    start_gunicorn,
    vrije_poort,
    wrk,
)
from raming.models import Raming  # noqa: E402

# --- sessions and tokens ----------------------------------------------------------------------


def _sessie_header(gebruiker) -> str:
    """A logged-in session (second factor verified for ministry staff) as a Cookie header."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(gebruiker)
    if gebruiker.rol == Rol.MINISTERIE or gebruiker.is_staff:
        apparaat, _ = TOTPDevice.objects.get_or_create(
            user=gebruiker, name="bench", defaults={"confirmed": True}
        )
        sessie = client.session
        sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
        sessie.save()
    waarde = client.cookies[settings.SESSION_COOKIE_NAME].value
    return f"Cookie: {settings.SESSION_COOKIE_NAME}={waarde}"


def _token_header(gebruiker) -> str:
    from knox.models import AuthToken

    _, sleutel = AuthToken.objects.create(user=gebruiker)
    return f"Authorization: Token {sleutel}"


def _gebruiker(rol: str, **filters):
    return Gebruiker.objects.filter(rol=rol, username__startswith="bench-", **filters).first()


# --- the endpoint list ------------------------------------------------------------------------


def _url(naam: str, *args) -> str | None:
    try:
        return reverse(naam, args=args)
    except NoReverseMatch:
        return None


def jaar_huidig() -> int | None:
    from raming.selectors import huidige_cyclus

    cyclus = huidige_cyclus()
    return cyclus.jaar if cyclus else None


def _laatste_verdeelbesluit() -> int | None:
    try:
        from regietafels.models import Verdeelbesluit
    except ImportError:
        return None
    return (
        Verdeelbesluit.objects.order_by("-cyclus__jaar", "-versie")
        .values_list("pk", flat=True)
        .first()
    )


def endpoints() -> tuple[list[Endpoint], list[str]]:
    ministerie = _gebruiker(Rol.MINISTERIE)
    coa = _gebruiker(Rol.COA)
    prt_nb = _gebruiker(Rol.PRT_SECRETARIS, provincie__code="PV30")
    gemeente_nb = _gebruiker(Rol.GEMEENTE, gemeente__provincie__code="PV30")
    sessies = {
        "ministerie": _sessie_header(ministerie),
        "coa": _sessie_header(coa),
        "prt-secretaris": _sessie_header(prt_nb),
        "gemeente": _sessie_header(gemeente_nb),
        "anoniem": "",
    }
    raming = Raming.objects.openbaar().order_by("-cyclus__jaar", "-versie").first()
    jaar = raming.cyclus.jaar if raming else 0

    gewenst = [
        ("baseline (geen database)", "anoniem", "bench-baseline", (), "basis"),
        ("inlogpagina", "anoniem", "login", (), "pagina"),
        ("start ministerie", "ministerie", "home", (), "pagina"),
        ("start COA", "coa", "home", (), "pagina"),
        ("start PRT Noord-Brabant", "prt-secretaris", "home", (), "pagina"),
        ("start gemeente", "gemeente", "home", (), "pagina"),
        ("overzicht regietafels (ministerie)", "ministerie", "regietafels:overzicht", (), "pagina"),
        ("inzicht (ministerie)", "ministerie", "inzicht:overzicht", (), "pagina"),
        (
            "verslag Noord-Brabant (56 regels)",
            "ministerie",
            "regietafels:verslag",
            ("noord-brabant",),
            "pagina",
        ),
        (
            "verslag Noord-Brabant (PRT)",
            "prt-secretaris",
            "regietafels:verslag",
            ("noord-brabant",),
            "pagina",
        ),
        ("openbare raming (342 gemeenten)", "anoniem", "raming:openbaar_raming", (jaar,), "pagina"),
        ("uitruillijst (ministerie)", "ministerie", "uitruil:lijst", (), "pagina"),
        ("uitruillijst (gemeente)", "gemeente", "uitruil:lijst", (), "pagina"),
        ("opvanglocaties (ministerie, 2.000)", "ministerie", "locaties:lijst", (), "pagina"),
        (
            "opvanglocaties gefilterd (ministerie)",
            "ministerie",
            "locaties:lijst",
            (),
            "pagina",
            "?fase=realisatie&bevestigd=nee&pagina=2",
        ),
        ("opvanglocaties (COA)", "coa", "locaties:lijst", (), "pagina"),
        ("opvanglocaties (PRT)", "prt-secretaris", "locaties:lijst", (), "pagina"),
        ("opvanglocaties (gemeente)", "gemeente", "locaties:lijst", (), "pagina"),
        ("export opvanglocaties xlsx (2.000)", "ministerie", "locaties:export_xlsx", (), "export"),
        (
            "export raming CSV (342 gemeenten)",
            "anoniem",
            "raming:openbaar_csv",
            (jaar, "gemeenten"),
            "export",
        ),
        ("export raming xlsx", "anoniem", "raming:openbaar_xlsx", (jaar,), "export"),
        ("export uitruil CSV", "ministerie", "uitruil:export_csv", (), "export"),
        ("export uitruil xlsx", "ministerie", "uitruil:export_xlsx", (), "export"),
        ("termijnen (ministerie)", "ministerie", "herinneringen:alle", (), "pagina"),
        ("scenario's (ministerie)", "ministerie", "scenarios:lijst", (), "pagina"),
        (
            "verdeelbesluiten (ministerie)",
            "ministerie",
            "regietafels:verdeelbesluiten",
            (),
            "pagina",
        ),
        ("realisatie (ministerie)", "ministerie", "regietafels:realisatie", (), "pagina"),
        ("eigen gemeente (gemeente)", "gemeente", "regietafels:gemeente", (), "pagina"),
    ]
    # The verslag as the PRT edits it: the concept verslag of the newest cycle (a form with
    # 56 rows of inputs; the verslag above, of the current cycle, is assessed and read-only).
    nieuwste = Raming.objects.order_by("-cyclus__jaar").values_list("cyclus__jaar", flat=True)
    nieuwste_jaar = nieuwste.first()
    if nieuwste_jaar and nieuwste_jaar != jaar_huidig():
        gewenst.insert(
            10,
            (
                f"verslag Noord-Brabant {nieuwste_jaar} (PRT, invoer)",
                "prt-secretaris",
                "regietafels:verslag",
                ("noord-brabant",),
                "pagina",
                f"?cyclus={nieuwste_jaar}",
            ),
        )
    besluit = _laatste_verdeelbesluit()
    if besluit is not None:
        gewenst.append(
            (
                "verdeelbesluit (ministerie)",
                "ministerie",
                "regietafels:verdeelbesluit",
                (besluit,),
                "pagina",
            )
        )
    lijst: list[Endpoint] = []
    ontbreekt: list[str] = []
    for naam, rol, url_naam, args, soort, *query in gewenst:
        pad = _url(url_naam, *args)
        if pad is None:
            ontbreekt.append(f"{naam} (`{url_naam}`)")
            continue
        lijst.append(Endpoint(naam, rol, pad + "".join(query), soort, sessies[rol]))
    api, api_ontbreekt = api_endpoints(_token_header(ministerie))
    return lijst + api, ontbreekt + api_ontbreekt


def api_endpoints(token: str) -> tuple[list[Endpoint], list[str]]:
    """GET operations of the API from the schema: each list, and a detail with a real id."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    client = Client(raise_request_exception=False)
    naam, waarde = token.split(": ", 1)
    kop = {naam: waarde}
    lijst, ontbreekt = [], []
    paden = sorted(p for p, ops in schema["paths"].items() if "get" in ops)
    for pad in paden:
        if pad.endswith(("/schema/", "/docs/")) or "{" in pad:
            continue
        lijst.append(Endpoint(f"API {pad}", "ministerie (token)", pad, "api", token))
    # The comparison needs the scenarios to compare: the seeded ones.
    vergelijken = next((ep for ep in lijst if ep.pad.endswith("/scenarios/vergelijken/")), None)
    if vergelijken is not None:
        from raming.scenarios.models import Scenario

        ids = list(Scenario.objects.order_by("pk").values_list("pk", flat=True)[:4])
        if ids:
            vergelijken.pad += "?" + "&".join(f"s={i}" for i in ids)
    for pad in paden:
        parameters = re.findall(r"\{(\w+)\}", pad)
        if len(parameters) != 1:
            continue
        ouder = pad[: pad.index("{")]
        if ouder not in schema["paths"]:
            # Paths keyed by a province slug or gemeente code have no list: Noord-Brabant.
            voorbeeld = _voorbeeld(parameters[0])
            if voorbeeld is None:
                ontbreekt.append(f"API {pad} (geen lijst om een id uit te halen)")
                continue
            concreet = pad.replace("{" + parameters[0] + "}", voorbeeld)
            lijst.append(Endpoint(f"API {pad}", "ministerie (token)", concreet, "api", token))
            continue
        antwoord = client.get(ouder, headers=kop)
        if antwoord.status_code != 200:
            continue  # the list itself is reported as an error
        data = antwoord.json()
        items = data.get("results", data) if isinstance(data, dict) else data
        if not items:
            ontbreekt.append(f"API {pad} (lijst leeg)")
            continue
        eerste = items[0]
        sleutel = parameters[0]
        waarde_id = eerste.get(sleutel, eerste.get("id", eerste.get("pk", eerste.get("code"))))
        if waarde_id is None:
            ontbreekt.append(f"API {pad} (geen {sleutel} in de lijst)")
            continue
        concreet = pad.replace("{" + sleutel + "}", str(waarde_id))
        lijst.append(Endpoint(f"API {pad}", "ministerie (token)", concreet, "api", token))
    return lijst, ontbreekt


def _voorbeeld(parameter: str) -> str | None:
    from raming.models import Gemeente

    if parameter == "slug":
        return "noord-brabant"
    if parameter == "code":
        return (
            Gemeente.objects.filter(provincie__code="PV30")
            .order_by("code")
            .values_list("code", flat=True)
            .first()
        )
    return None


# --- query counts -----------------------------------------------------------------------------


def cache_legen() -> None:
    """Empty the cache as a write would, at worst: ``cache.clear()`` (query results, page
    fragments, kept files and API responses, sessions) and cachalot's invalidation of every
    table, which gives each table a new stamp as a write does (the page fragments, kept files
    and stamped values are keyed on those stamps, so none built before matches)."""
    cache.clear()
    invalidate()


def tel_queries(lijst: list[Endpoint]) -> None:
    for ep in lijst:
        client = Client(raise_request_exception=False)
        kop = {}
        if ep.header:
            naam, waarde = ep.header.split(": ", 1)
            if naam == "Cookie":
                sleutel, _, sessie = waarde.partition("=")
                client.cookies[sleutel] = sessie
            else:
                kop[naam] = waarde
        client.get(ep.pad, headers=kop)  # warm-up: first-use imports, per-process caches
        # With an emptied cache (the first request after a write): what the request itself
        # needs, the session too. The median of KOUD_HERHALINGEN such requests.
        koud, cpu, queries = [], [], []
        for _ in range(KOUD_HERHALINGEN):
            cache_legen()
            begin, begin_cpu = time.monotonic(), time.process_time()
            with CaptureQueriesContext(connection) as vastgelegd:
                client.get(ep.pad, headers=kop)
            koud.append((time.monotonic() - begin) * 1000)
            cpu.append((time.process_time() - begin_cpu) * 1000)
            queries.append(len(vastgelegd.captured_queries))
        ep.koud_ms, ep.koud_min_ms, ep.koud_max_ms = median(koud), min(koud), max(koud)
        ep.queries = max(queries)
        client.get(ep.pad, headers=kop)  # the data cache keeps a value from its second use
        begin = time.monotonic()
        with CaptureQueriesContext(connection) as vastgelegd:
            antwoord = client.get(ep.pad, headers=kop)
        ep.enkel_ms = (time.monotonic() - begin) * 1000
        ep.status = antwoord.status_code
        ep.queries_warm = len(vastgelegd.captured_queries)
        if ep.soort == "api" and antwoord.status_code == 400:
            ep.fout = "400: verplichte queryparameters"
            ep.soort = "api-parameters"
            continue
        if antwoord.status_code != 200:
            ep.fout = f"status {antwoord.status_code}" + (
                f" → {antwoord['Location']}" if antwoord.has_header("Location") else ""
            )
        print(
            f"[queries] {ep.naam}: {ep.pad} status {ep.status}, {ep.queries} queries "
            f"({ep.queries_warm} with a filled cache), {ep.enkel_ms:.0f} ms; emptied cache "
            f"{ep.koud_ms:.0f} ms ({ep.koud_min_ms:.0f}-{ep.koud_max_ms:.0f}, CPU "
            f"{median(cpu):.0f} ms, queries {'/'.join(map(str, queries))})",
            flush=True,
        )


def main() -> int:
    begin = time.monotonic()
    setup_test_environment()  # the test client may use "testserver"
    seed = os.environ.get("BENCH_SEED_SUMMARY", "see bench/seed.py")
    lijst, ontbreekt = endpoints()
    tel_queries(lijst)
    poort = vrije_poort()
    gunicorn = start_gunicorn(poort)
    geheugen = Geheugen(gunicorn.pid)
    geheugen.start()
    server.RUST_S = baseline_tijd(poort)
    basis_rps: dict[int, float] = {}
    try:
        for ep in lijst:
            http_controle(poort, ep)
        for ep in lijst:
            if ep.soort == "api-parameters":
                continue
            if ep.fout:
                print(f"[wrk] {ep.naam}: overgeslagen ({ep.fout})", flush=True)
                continue
            if ep.enkel_ms > TRAAG_MS:
                print(
                    f"[wrk] {ep.naam}: te traag voor belasting ({ep.enkel_ms:.0f} ms)", flush=True
                )
                continue
            for k in KLANTEN:
                if ep.soort == "api" and k != 10 and not _hoofd_api(ep):
                    continue
                if k > 10 and ep.enkel_ms > TRAAG_50_MS:
                    continue
                geheugen.reset()
                m = wrk(poort, ep, k)
                m["rss"] = geheugen.piek
                leeglopen(poort)
                ep.metingen[k] = m
                if ep.soort == "basis":
                    basis_rps[k] = m["rps"]
                print(
                    f"[wrk] {ep.naam} c={k}: {m['rps']:.1f} req/s, p95 {ms(m['p95_us'])} ms, "
                    f"{m['fouten']} fouten, RSS {m['rss']:.0f} MB",
                    flush=True,
                )
    finally:
        geheugen.stop.set()
        gunicorn.terminate()
        try:
            gunicorn.wait(timeout=60)
        except subprocess.TimeoutExpired:
            gunicorn.kill()
            gunicorn.wait()
    blok = rapport(lijst, ontbreekt, basis_rps, geheugen.totaal_piek, seed, begin)
    schrijf_rapport(blok)
    (RESULTATEN / "laatste.json").write_text(
        json.dumps([ep.__dict__ for ep in lijst], indent=1, default=str), encoding="utf-8"
    )
    print(f"Rapport geschreven: {RAPPORT.relative_to(BASE)}", flush=True)
    fouten = [ep for ep in lijst if ep.soort != "api-parameters" and _fout(ep)]
    for ep in fouten:
        print(f"FOUT: {ep.naam} {ep.pad}: {ep.fout or 'fouten onder belasting'}", file=sys.stderr)
    return 1 if fouten else 0


if __name__ == "__main__":
    sys.exit(main())
