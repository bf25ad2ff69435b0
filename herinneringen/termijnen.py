"""The open terms of the system: who has to do what, by when.

``open_termijnen(vandaag=…)`` collects every open term with its recipients in a fixed number of
queries (one or two per kind of term, never one per term). ``termijnen_voor(user, vandaag=…)``
is the same list as one user sees it ("Mijn termijnen"); ministry staff see every open term.

The collector reads the models of other apps defensively: a kind of term whose models or fields
do not exist (yet) is simply left out.

Reminder steps (``stap_voor``):
- ``AFTELLEN``: 30, 14, 7, 3, 1 and 0 days before the deadline, then every 7 days overdue.
- ``WEKELIJKS``: on the day the term opened (``sinds``), then every 7 days while it is open.
A missed day is caught up: the step due is the latest step on or before today, so a sweep that
did not run on the T-7 day still sends T-7 the next day (each step at most once).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.db.models import FilteredRelation, Q, Sum
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

logger = logging.getLogger(__name__)

AFTELLEN = "aftellen"
WEKELIJKS = "wekelijks"
AFTELDAGEN = (30, 14, 7, 3, 1, 0)

# Terms that ended longer ago than this are history, not a to-do.
HORIZON_DAGEN = 365


class Soort:
    VERSLAG = "verslag"
    VERSLAG_TERUGGESTUURD = "verslag-teruggestuurd"
    UITRUIL_ANTWOORD = "uitruil-antwoord"
    UITRUIL_BEVESTIGING = "uitruil-bevestiging"
    REALISATIE = "realisatie"
    VERLENGINGSVERZOEK = "verlengingsverzoek"
    BEOORDELING = "beoordeling"
    RAMING = "raming"
    VERSLAG_TE_LAAT = "verslag-te-laat"

    LABELS = {
        VERSLAG: "Verslag indienen",
        VERSLAG_TERUGGESTUURD: "Teruggestuurd verslag",
        UITRUIL_ANTWOORD: "Uitruilvoorstel beantwoorden",
        UITRUIL_BEVESTIGING: "Uitruil bevestigen",
        REALISATIE: "Realisatietermijn",
        VERLENGINGSVERZOEK: "Verlengingsverzoek beslissen",
        BEOORDELING: "Verslag beoordelen",
        RAMING: "Capaciteitsraming publiceren",
        VERSLAG_TE_LAAT: "Verslag te laat",
    }


@dataclass(frozen=True)
class Termijn:
    """One open term. ``datum`` is the deadline (None when the term has none); ``sinds`` the
    day it opened. ``ontvangers`` are user ids; ``wettelijk`` reminders cannot be switched off."""

    sleutel: str
    soort: str
    titel: str
    schema: str
    datum: dt.date | None = None
    sinds: dt.date | None = None
    pad: str = ""
    ontvangers: tuple[int, ...] = ()
    wettelijk: bool = False
    provincie_id: int | None = None
    gemeente_id: int | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def soort_label(self) -> str:
        return Soort.LABELS.get(self.soort, self.soort)

    @property
    def peildatum(self) -> dt.date | None:
        return self.datum or self.sinds

    def dagen(self, vandaag: dt.date) -> int | None:
        """Days left until the deadline (negative: overdue); None without a deadline."""
        return None if self.datum is None else (self.datum - vandaag).days

    def te_laat(self, vandaag: dt.date) -> bool:
        return self.datum is not None and self.datum < vandaag

    def dagen_open(self, vandaag: dt.date) -> int | None:
        return None if self.sinds is None else (vandaag - self.sinds).days

    def stap(self, vandaag: dt.date) -> str | None:
        return stap_voor(self, vandaag)


def stap_voor(termijn: Termijn, vandaag: dt.date) -> str | None:
    """The reminder step due on ``vandaag`` (the latest one on or before it), or None."""
    if termijn.schema == AFTELLEN:
        if termijn.datum is None:
            return None
        verschil = (vandaag - termijn.datum).days  # negative: before the deadline
        if verschil < -AFTELDAGEN[0]:
            return None
        if verschil >= 7:
            return f"{termijn.datum.isoformat()}/T+{7 * (verschil // 7)}"
        voor = max(-d for d in AFTELDAGEN if -d <= verschil)
        return f"{termijn.datum.isoformat()}/T-{-voor}"
    anker = termijn.sinds
    if anker is None:
        return None
    verschil = (vandaag - anker).days
    if verschil < 0:
        return None
    return f"{anker.isoformat()}/W+{7 * (verschil // 7)}"


def tekst_dagen(termijn: Termijn, vandaag: dt.date) -> str:
    """Dutch text of the days left or overdue, e.g. "nog 7 dagen", "3 dagen te laat"."""
    dagen = termijn.dagen(vandaag)
    if dagen is None:
        open_ = termijn.dagen_open(vandaag) or 0
        return "vandaag open gekomen" if open_ == 0 else f"{open_} {_dag(open_)} open"
    if dagen == 0:
        return "vandaag"
    if dagen > 0:
        return f"nog {dagen} {_dag(dagen)}"
    return f"{-dagen} {_dag(-dagen)} te laat"


def _dag(n: int) -> str:
    return "dag" if n == 1 else "dagen"


# --- helpers -------------------------------------------------------------------------------


def _model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _heeft_velden(model, *namen: str) -> bool:
    if model is None:
        return False
    for naam in namen:
        try:
            model._meta.get_field(naam)
        except FieldDoesNotExist:
            return False
    return True


_MERKTEKEN = "999999991"
_SJABLONEN: dict[str, str | None] = {}


def _pad(naam: str, waarde=None, standaard: str = "") -> str:
    """``reverse(naam, args=[waarde])`` through a cached template: one reverse per URL name, not
    one per term (the sweep makes thousands of links)."""
    if naam not in _SJABLONEN:
        try:
            if waarde is None:
                _SJABLONEN[naam] = reverse(naam)
            else:
                voorbeeld = _MERKTEKEN if isinstance(waarde, int) else "merkteken-x"
                _SJABLONEN[naam] = reverse(naam, args=[voorbeeld])
        except NoReverseMatch:
            _SJABLONEN[naam] = None
    sjabloon = _SJABLONEN[naam]
    if sjabloon is None:
        return standaard or _standaard_pad()
    if waarde is None:
        return sjabloon
    merk = _MERKTEKEN if isinstance(waarde, int) else "merkteken-x"
    return sjabloon.replace(merk, str(waarde), 1)


def _standaard_pad() -> str:
    try:
        return reverse("herinneringen:mijn")
    except NoReverseMatch:
        return "/termijnen/"


def _datum(waarde, tz=None) -> dt.date | None:
    """The local date of a date or datetime. ``tz``: the current time zone, looked up once by
    a caller converting many values (``timezone.localtime`` looks it up on every call)."""
    if waarde is None:
        return None
    if isinstance(waarde, dt.datetime):
        if not timezone.is_aware(waarde):
            return waarde.date()
        return waarde.astimezone(tz or timezone.get_current_timezone()).date()
    return waarde


@dataclass(frozen=True)
class Bereik:
    """Which terms to collect: kinds (None: all) and an optional province or gemeente. Lets
    "Mijn termijnen" of one PRT or gemeente read only its own rows."""

    soorten: frozenset[str] | None = None
    provincie_id: int | None = None
    gemeente_id: int | None = None

    def wil(self, *soorten: str) -> bool:
        return self.soorten is None or any(s in self.soorten for s in soorten)


ALLES = Bereik()


@dataclass
class _Ontvangers:
    """Active users with an e-mail address, by what they are responsible for (one query)."""

    ministerie: list[int]
    per_provincie: dict[int, list[int]]
    per_gemeente: dict[int, list[int]]
    bereik: Bereik = ALLES
    # The cycles, read once per collection by ``_cycli`` and shared by the collectors.
    cycli: list | None = None
    # ``limiet``: of the exchange terms (never overdue, see ``_uitruiltermijnen``) collect only
    # the first ``limiet`` of each kind in the order of ``sorteer``; ``weggelaten`` counts the
    # ones left out. None: collect every term (the sweep, the calendar feed).
    limiet: int | None = None
    weggelaten: int = 0

    @classmethod
    def laden(cls) -> _Ontvangers:
        from accounts.models import Gebruiker, Rol

        ministerie: list[int] = []
        per_provincie: dict[int, list[int]] = defaultdict(list)
        per_gemeente: dict[int, list[int]] = defaultdict(list)
        rijen = Gebruiker.objects.filter(is_active=True).values_list(
            "pk", "rol", "provincie_id", "gemeente_id"
        )
        for pk, rol, provincie_id, gemeente_id in rijen:
            if rol == Rol.MINISTERIE:
                ministerie.append(pk)
            elif rol == Rol.PRT_SECRETARIS and provincie_id:
                per_provincie[provincie_id].append(pk)
            elif rol == Rol.GEMEENTE and gemeente_id:
                per_gemeente[gemeente_id].append(pk)
        return cls(ministerie, dict(per_provincie), dict(per_gemeente))

    @classmethod
    def alleen(cls, user) -> _Ontvangers:
        """Only ``user`` as a recipient (no query): enough to find the terms addressed to one
        user, where ``laden()`` would read every user of the system. Matches ``laden()`` for
        that user: an inactive user receives nothing."""
        if not user.is_active:
            return cls([], {}, {})
        ministerie = [user.pk] if user.is_ministerie else []
        per_provincie = {}
        per_gemeente = {}
        if user.is_prt and user.provincie_id:
            per_provincie[user.provincie_id] = [user.pk]
        elif user.is_gemeente and user.gemeente_id:
            per_gemeente[user.gemeente_id] = [user.pk]
        return cls(ministerie, per_provincie, per_gemeente)


# --- the collectors, one per kind of term ----------------------------------------------------


@dataclass(frozen=True)
class _Cyclus:
    pk: int
    jaar: int
    verslag_datum: dt.date | None
    raming_datum: dt.date | None
    raming_gepubliceerd: bool
    algemeen_verlengd: dt.date | None = None
    geldende_versie: int | None = None


def _cycli(ontvangers: _Ontvangers) -> list[_Cyclus]:
    """Every cycle (by year) with what the collectors need of it, in one query that is read
    once per collection: ``verslag_datum`` and ``raming_datum`` (the milestones, None without
    one; one per cycle and kind), ``raming_gepubliceerd``, ``algemeen_verlengd`` (the latest
    verslag deadline granted to all regietafels) and ``geldende_versie`` (the newest fixed
    verdeelbesluit version, None when there is none). Plain SQL: it runs for every term
    list, and building it through the ORM took several times longer than running it."""
    if ontvangers.cycli is None:
        from raming.models import Mijlpaal, Raming

        params: list = [
            Mijlpaal.Soort.VERSLAG.value,
            Mijlpaal.Soort.RAMING.value,
            Raming.Status.GEPUBLICEERD.value,
        ]
        mijlpaal = _tabel("raming.Mijlpaal")
        kolommen = [
            f"(SELECT m.datum FROM {mijlpaal} m WHERE m.cyclus_id = c.id AND m.soort = %s"  # noqa: S608
            " LIMIT 1)",
            f"(SELECT m.datum FROM {mijlpaal} m WHERE m.cyclus_id = c.id AND m.soort = %s"  # noqa: S608
            " LIMIT 1)",
            f"EXISTS (SELECT 1 FROM {_tabel('raming.Raming')} r"  # noqa: S608
            " WHERE r.cyclus_id = c.id AND r.status = %s)",
        ]
        Termijnverlenging = _model("regietafels.Termijnverlenging")
        if _heeft_velden(Termijnverlenging, "cyclus", "regietafel", "nieuwe_datum"):
            # The latest extension granted to all regietafels.
            kolommen.append(
                f"(SELECT MAX(v.nieuwe_datum) FROM {_tabel('regietafels.Termijnverlenging')} v"  # noqa: S608
                " WHERE v.cyclus_id = c.id AND v.regietafel_id IS NULL)"
            )
        else:
            kolommen.append("NULL")
        Verdeelbesluit = _model("regietafels.Verdeelbesluit")
        if _heeft_velden(Verdeelbesluit, "cyclus", "status", "versie"):
            kolommen.append(
                f"(SELECT MAX(b.versie) FROM {_tabel('regietafels.Verdeelbesluit')} b"  # noqa: S608
                " WHERE b.cyclus_id = c.id AND b.status = %s)"
            )
            params.append("vastgesteld")
        else:
            kolommen.append("NULL")
        # Table names from the models; every value is a parameter.
        sql = (
            f"SELECT c.id, c.jaar, {', '.join(kolommen)}"  # noqa: S608
            f" FROM {_tabel('raming.Wetscyclus')} c ORDER BY c.jaar"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            ontvangers.cycli = [
                _Cyclus(
                    pk,
                    jaar,
                    _als_datum(verslag),
                    _als_datum(raming),
                    bool(gepubliceerd),
                    _als_datum(verlengd),
                    versie,
                )
                for pk, jaar, verslag, raming, gepubliceerd, verlengd, versie in cursor.fetchall()
            ]
    return ontvangers.cycli


def _als_datum(waarde) -> dt.date | None:
    """A date column read with plain SQL: PostgreSQL gives a date, SQLite (``make run``) the
    ISO text."""
    if isinstance(waarde, str):
        return dt.date.fromisoformat(waarde[:10])
    return waarde


def _lopende_cycli(ontvangers: _Ontvangers) -> list:
    """Cycles whose verslag phase still runs: no fixed verdeelbesluit yet."""
    return [c for c in _cycli(ontvangers) if getattr(c, "geldende_versie", None) is None]


@dataclass(frozen=True)
class _Provincie:
    pk: int
    slug: str
    naam: str


@dataclass(frozen=True)
class _Tafel:
    pk: int
    provincie: _Provincie


@dataclass(frozen=True)
class _Verslagstand:
    pk: int
    status: str
    ingediend_op: dt.datetime | None
    gewijzigd_op: dt.datetime | None


def _verslagtermijnen(vandaag: dt.date, ontvangers: _Ontvangers) -> list[Termijn]:
    """Verslag deadlines (PRT), verslagen sent back (PRT), submitted verslagen waiting for
    assessment (ministry) and overdue verslagen of any province (ministry)."""
    from regietafels.models import Regietafel

    termijnen: list[Termijn] = []
    bereik = ontvangers.bereik
    if not bereik.wil(
        Soort.VERSLAG, Soort.VERSLAG_TE_LAAT, Soort.VERSLAG_TERUGGESTUURD, Soort.BEOORDELING
    ):
        return termijnen
    cycli = _lopende_cycli(ontvangers)
    if not cycli:
        return termijnen
    # One verslag milestone per cycle (unique per cycle and kind).
    basis = {c.pk: c.verslag_datum for c in cycli if c.verslag_datum is not None}
    cyclus_ids = [c.pk for c in cycli]
    # One query: the regietafels (in the scope) joined with their verslagen of these cycles
    # and the extensions granted to them alone (those for all regietafels come with the cycle).
    tafels = Regietafel.objects.annotate(
        lopend=FilteredRelation("verslagen", condition=Q(verslagen__cyclus_id__in=cyclus_ids)),
        verlengd=FilteredRelation(
            "termijnverlengingen", condition=Q(termijnverlengingen__cyclus_id__in=cyclus_ids)
        ),
    )
    if bereik.provincie_id:
        tafels = tafels.filter(provincie_id=bereik.provincie_id)
    regietafels: dict[int, _Tafel] = {}
    verslagen: dict[tuple[int, int], _Verslagstand] = {}
    eigen_verlengingen: dict[tuple[int, int], set[dt.date]] = defaultdict(set)
    rijen = tafels.order_by("provincie__code", "pk").values_list(
        "pk",
        "provincie_id",
        "provincie__slug",
        "provincie__naam",
        "lopend__cyclus_id",
        "lopend__pk",
        "lopend__status",
        "lopend__ingediend_op",
        "lopend__gewijzigd_op",
        "verlengd__cyclus_id",
        "verlengd__nieuwe_datum",
    )
    for pk, provincie_id, slug, naam, cyclus_id, *stand, verlengd_cyclus, verlengd_tot in rijen:
        regietafels.setdefault(pk, _Tafel(pk, _Provincie(provincie_id, slug, naam)))
        if cyclus_id is not None:
            verslagen[(cyclus_id, pk)] = _Verslagstand(*stand)
        if verlengd_cyclus is not None:
            eigen_verlengingen[(verlengd_cyclus, pk)].add(verlengd_tot)
    for cyclus in cycli:
        for regietafel in regietafels.values():
            datums = [
                basis.get(cyclus.pk),
                getattr(cyclus, "algemeen_verlengd", None),
                *eigen_verlengingen.get((cyclus.pk, regietafel.pk), ()),
            ]
            datums = [d for d in datums if d is not None]
            effectief = max(datums) if datums else None
            verslag = verslagen.get((cyclus.pk, regietafel.pk))
            status = verslag.status if verslag else "concept"
            provincie = regietafel.provincie
            prt = tuple(ontvangers.per_provincie.get(provincie.pk, ()))
            pad = _pad("regietafels:verslag", provincie.slug)
            naam = f"{provincie.naam} {cyclus.jaar}"
            if status == "concept" and effectief is not None:
                if (vandaag - effectief).days > HORIZON_DAGEN:
                    continue
                termijnen.append(
                    Termijn(
                        sleutel=f"verslag:{cyclus.pk}:{regietafel.pk}",
                        soort=Soort.VERSLAG,
                        titel=f"Verslag regietafel {naam} indienen",
                        schema=AFTELLEN,
                        datum=effectief,
                        pad=pad,
                        ontvangers=prt,
                        wettelijk=True,
                        provincie_id=provincie.pk,
                        extra={"oorspronkelijk": basis.get(cyclus.pk)},
                    )
                )
                if effectief < vandaag:
                    termijnen.append(
                        Termijn(
                            sleutel=f"verslag-te-laat:{cyclus.pk}:{regietafel.pk}",
                            soort=Soort.VERSLAG_TE_LAAT,
                            titel=f"Verslag regietafel {naam} is niet ingediend",
                            schema=WEKELIJKS,
                            datum=effectief,
                            sinds=effectief + dt.timedelta(days=1),
                            pad=pad,
                            ontvangers=tuple(ontvangers.ministerie),
                            provincie_id=provincie.pk,
                        )
                    )
            elif status == "teruggestuurd" and verslag is not None:
                termijnen.append(
                    Termijn(
                        sleutel=f"verslag-teruggestuurd:{verslag.pk}",
                        soort=Soort.VERSLAG_TERUGGESTUURD,
                        titel=f"Verslag regietafel {naam} is teruggestuurd: opnieuw indienen",
                        schema=WEKELIJKS,
                        sinds=_datum(verslag.gewijzigd_op),
                        pad=pad,
                        ontvangers=prt,
                        provincie_id=provincie.pk,
                    )
                )
            elif status == "ingediend" and verslag is not None:
                termijnen.append(
                    Termijn(
                        sleutel=f"beoordeling:{verslag.pk}",
                        soort=Soort.BEOORDELING,
                        titel=f"Ingediend verslag {naam} beoordelen",
                        schema=WEKELIJKS,
                        sinds=_datum(verslag.ingediend_op or verslag.gewijzigd_op),
                        pad=_pad("regietafels:beoordelen", provincie.slug, pad),
                        ontvangers=tuple(ontvangers.ministerie),
                        provincie_id=provincie.pk,
                    )
                )
    return termijnen


def _verlengingsverzoeken(vandaag: dt.date, ontvangers: _Ontvangers) -> list[Termijn]:
    Verzoek = _model("regietafels.Verlengingsverzoek")
    if not ontvangers.bereik.wil(Soort.VERLENGINGSVERZOEK):
        return []
    if not _heeft_velden(Verzoek, "status", "verslag", "ingediend_op", "gevraagde_datum"):
        return []
    termijnen = []
    rijen = Verzoek.objects.filter(status="open").values_list(
        "pk",
        "ingediend_op",
        "gevraagde_datum",
        "verslag_id",
        "verslag__regietafel__provincie_id",
        "verslag__regietafel__provincie__naam",
        "verslag__cyclus__jaar",
    )
    for pk, ingediend_op, gevraagd, _verslag, provincie_id, provincie, jaar in rijen:
        termijnen.append(
            Termijn(
                sleutel=f"verlengingsverzoek:{pk}",
                soort=Soort.VERLENGINGSVERZOEK,
                titel=(
                    f"Verlengingsverzoek {provincie} {jaar} (tot {gevraagd:%d-%m-%Y}) beslissen"
                ),
                schema=WEKELIJKS,
                sinds=_datum(ingediend_op) or vandaag,
                pad=_pad("regietafels:verzoek_besluiten", pk, _pad("regietafels:verlengingen")),
                ontvangers=tuple(ontvangers.ministerie),
                provincie_id=provincie_id,
            )
        )
    return termijnen


def _uitruiltermijnen(vandaag: dt.date, ontvangers: _Ontvangers) -> list[Termijn]:
    Uitruil = _model("uitruil.Uitruil")
    Partij = _model("uitruil.UitruilPartij")
    termijnen: list[Termijn] = []
    bereik = ontvangers.bereik
    tz = timezone.get_current_timezone()
    antwoorden = (
        bereik.wil(Soort.UITRUIL_ANTWOORD)
        and _heeft_velden(Partij, "uitruil", "gemeente", "instemming")
        and _heeft_velden(Uitruil, "status", "provincie", "voorgesteld_op")
    )
    bevestigingen = bereik.wil(Soort.UITRUIL_BEVESTIGING) and _heeft_velden(
        Uitruil, "status", "provincie", "gewijzigd_op"
    )
    eerste = (
        _eerste_uitruilrijen(ontvangers, antwoorden=antwoorden, bevestigingen=bevestigingen)
        if ontvangers.limiet is not None
        else None
    )
    if antwoorden:
        if eerste is not None:
            partijen = eerste[Soort.UITRUIL_ANTWOORD]
        else:
            partijen = Partij.objects.filter(instemming="open", uitruil__status="voorgesteld")
            if bereik.gemeente_id:
                partijen = partijen.filter(gemeente_id=bereik.gemeente_id)
        rijen = partijen.values_list(
            "pk",
            "uitruil_id",
            "gemeente_id",
            "gemeente__naam",
            "gemeente__provincie_id",
            "uitruil__voorgesteld_op",
            "uitruil__voorgesteld_door_gemeente__naam",
        )
        gezien = set()
        for _pk, uitruil_id, gemeente_id, gemeente, provincie_id, voorgesteld_op, door in rijen:
            # A gemeente with several rows in one exchange answers once.
            if (uitruil_id, gemeente_id) in gezien:
                continue
            gezien.add((uitruil_id, gemeente_id))
            termijnen.append(
                Termijn(
                    sleutel=f"uitruil-antwoord:{uitruil_id}:{gemeente_id}",
                    soort=Soort.UITRUIL_ANTWOORD,
                    titel=f"Uitruilvoorstel van {door} beantwoorden ({gemeente})",
                    schema=WEKELIJKS,
                    sinds=_datum(voorgesteld_op, tz) or vandaag,
                    pad=_uitruil_pad(uitruil_id),
                    ontvangers=tuple(ontvangers.per_gemeente.get(gemeente_id, ())),
                    provincie_id=provincie_id,
                    gemeente_id=gemeente_id,
                )
            )
    if bevestigingen:
        if eerste is not None:
            uitruilen = eerste[Soort.UITRUIL_BEVESTIGING]
        else:
            uitruilen = Uitruil.objects.filter(status="geaccepteerd")
            if bereik.provincie_id:
                uitruilen = uitruilen.filter(provincie_id=bereik.provincie_id)
        rijen = uitruilen.values_list("pk", "provincie_id", "provincie__naam", "gewijzigd_op")
        for pk, provincie_id, provincie, gewijzigd_op in rijen:
            termijnen.append(
                Termijn(
                    sleutel=f"uitruil-bevestiging:{pk}",
                    soort=Soort.UITRUIL_BEVESTIGING,
                    titel=f"Uitruil {pk} ({provincie}) wacht op bevestiging door de regietafel",
                    schema=WEKELIJKS,
                    sinds=_datum(gewijzigd_op, tz) or vandaag,
                    pad=_uitruil_pad(pk),
                    ontvangers=tuple(ontvangers.per_provincie.get(provincie_id, ())),
                    provincie_id=provincie_id,
                )
            )
    return termijnen


# --- only the first exchange terms (``_Ontvangers.limiet``) --------------------------------
#
# Both kinds of exchange term have no deadline, so they are never overdue and ``sorteer``
# orders them by (the local day they opened, title) after every overdue term. Sorting them
# that way in SQL (titles compared by code point, as Python compares strings: the "C"
# collation) and reading only the first ``limiet`` of each kind gives the same first
# ``limiet`` terms of the whole sorted list; the rest are only counted (window function in the
# same query). Ties keep the order in which the full collection reads them (the models'
# default ordering: newest proposal first).


class _Rijen(list):
    """Rows already read, answering the ``values_list`` call of the collector."""

    def values_list(self, *velden):
        return [tuple(rij[v] for v in velden) for rij in self]


def _tabel(label: str) -> str:
    return connection.ops.quote_name(apps.get_model(label)._meta.db_table)


# Each part selects: its kind, seven values, its place in the order and the number of rows
# without the limit. Table names come from the models; every value is a parameter.
_ANTWOORD_VELDEN = (
    "uitruil_id",
    "gemeente_id",
    "gemeente__naam",
    "gemeente__provincie_id",
    "uitruil__voorgesteld_op",
    "uitruil__voorgesteld_door_gemeente__naam",
    "pk",
)
_BEVESTIGING_VELDEN = ("pk", "-", "provincie__naam", "provincie_id", "gewijzigd_op", "-", "-")


def _antwoorden_sql(ontvangers: _Ontvangers) -> tuple[str, list]:
    """The open consents in proposed exchanges, one row per exchange and gemeente (its first
    row), as the full collection reads them (``Partij.objects.filter(instemming="open",
    uitruil__status="voorgesteld")``, optionally of one gemeente)."""
    tz = timezone.get_current_timezone_name()
    orde = (
        "(u.voorgesteld_op AT TIME ZONE %s)::date,"
        " ('Uitruilvoorstel van ' || d.naam || ' beantwoorden (' || g.naam || ')') COLLATE \"C\","
        " u.voorgesteld_op DESC, p.uitruil_id DESC, MIN(p.id)"
    )
    params: list = [Soort.UITRUIL_ANTWOORD, tz, "open", "voorgesteld"]
    gemeente = ""
    if ontvangers.bereik.gemeente_id:
        gemeente = " AND p.gemeente_id = %s"
        params.append(ontvangers.bereik.gemeente_id)
    sql = (
        "SELECT %s AS soort, p.uitruil_id, p.gemeente_id, g.naam, g.provincie_id,"  # noqa: S608
        f" u.voorgesteld_op, d.naam, MIN(p.id), ROW_NUMBER() OVER (ORDER BY {orde}) AS volg,"
        " COUNT(*) OVER ()"
        f" FROM {_tabel('uitruil.UitruilPartij')} p"
        f" JOIN {_tabel('uitruil.Uitruil')} u ON u.id = p.uitruil_id"
        f" JOIN {_tabel('raming.Gemeente')} g ON g.id = p.gemeente_id"
        f" JOIN {_tabel('raming.Gemeente')} d ON d.id = u.voorgesteld_door_gemeente_id"
        f" WHERE p.instemming = %s AND u.status = %s{gemeente}"
        " GROUP BY p.uitruil_id, p.gemeente_id, g.naam, g.provincie_id, u.voorgesteld_op, d.naam"
        f" ORDER BY {orde} LIMIT %s"
    )
    return sql, [*params, tz, ontvangers.limiet]


def _bevestigingen_sql(ontvangers: _Ontvangers) -> tuple[str, list]:
    """The accepted exchanges waiting for confirmation (optionally of one province)."""
    tz = timezone.get_current_timezone_name()
    orde = (
        "(u.gewijzigd_op AT TIME ZONE %s)::date,"
        " ('Uitruil ' || u.id::text || ' (' || pr.naam"
        " || ') wacht op bevestiging door de regietafel') COLLATE \"C\", u.id"
    )
    params: list = [Soort.UITRUIL_BEVESTIGING, tz, "geaccepteerd"]
    provincie = ""
    if ontvangers.bereik.provincie_id:
        provincie = " AND u.provincie_id = %s"
        params.append(ontvangers.bereik.provincie_id)
    sql = (
        "SELECT %s AS soort, u.id, NULL::bigint, pr.naam, u.provincie_id, u.gewijzigd_op,"  # noqa: S608
        f" NULL::varchar, NULL::bigint, ROW_NUMBER() OVER (ORDER BY {orde}) AS volg,"
        " COUNT(*) OVER ()"
        f" FROM {_tabel('uitruil.Uitruil')} u"
        f" JOIN {_tabel('raming.Provincie')} pr ON pr.id = u.provincie_id"
        f" WHERE u.status = %s{provincie}"
        f" ORDER BY {orde} LIMIT %s"
    )
    return sql, [*params, tz, ontvangers.limiet]


def _eerste_uitruilrijen(
    ontvangers: _Ontvangers, *, antwoorden: bool, bevestigingen: bool
) -> dict[str, _Rijen]:
    """The first ``limiet`` rows of each kind of exchange term asked for, in one query (both
    parts joined by UNION ALL); adds the number of rows left out to ``ontvangers.weggelaten``.
    Plain SQL: it runs on every home page of the ministry, and building it through the ORM took
    longer than running it."""
    delen = []
    if antwoorden:
        delen.append(_antwoorden_sql(ontvangers))
    if bevestigingen:
        delen.append(_bevestigingen_sql(ontvangers))
    uit: dict[str, _Rijen] = {Soort.UITRUIL_ANTWOORD: _Rijen(), Soort.UITRUIL_BEVESTIGING: _Rijen()}
    if not delen:
        return uit
    sql = " UNION ALL ".join(f"({deel})" for deel, _ in delen)
    params = [p for _, deel_params in delen for p in deel_params]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM ({sql}) t ORDER BY t.soort, t.volg", params)  # noqa: S608
        rijen = cursor.fetchall()
    totaal: dict[str, int] = {}
    for soort, *waarden, _volg, aantal in rijen:
        velden = _ANTWOORD_VELDEN if soort == Soort.UITRUIL_ANTWOORD else _BEVESTIGING_VELDEN
        uit[soort].append(dict(zip(velden, waarden, strict=True)))
        totaal[soort] = aantal
    for soort, aantal in totaal.items():
        ontvangers.weggelaten += aantal - len(uit[soort])
    return uit


def _uitruil_pad(pk: int) -> str:
    return _pad("uitruil:detail", pk, _pad("uitruil:lijst"))


def _realisatietermijnen(vandaag: dt.date, ontvangers: _Ontvangers) -> list[Termijn]:
    Regel = _model("regietafels.VerdeelbesluitRegel")
    Besluit = _model("regietafels.Verdeelbesluit")
    if not ontvangers.bereik.wil(Soort.REALISATIE):
        return []
    if not _heeft_velden(Regel, "verdeelbesluit", "gemeente", "realisatietermijn", "aantal"):
        return []
    if not _heeft_velden(Besluit, "cyclus", "status", "versie"):
        return []
    # The newest fixed version per cycle is the one in force.
    geldend = {
        c.pk: c.geldende_versie
        for c in _cycli(ontvangers)
        if getattr(c, "geldende_versie", None) is not None
    }
    if not geldend:
        return []
    ondergrens = vandaag - dt.timedelta(days=HORIZON_DAGEN)
    regels = Regel.objects.all()
    if ontvangers.bereik.gemeente_id:
        regels = regels.filter(gemeente_id=ontvangers.bereik.gemeente_id)
    rijen = list(
        regels.filter(
            verdeelbesluit__status="vastgesteld",
            verdeelbesluit__cyclus_id__in=list(geldend),
            realisatietermijn__isnull=False,
            realisatietermijn__gte=ondergrens,
            aantal__gt=0,
        ).values_list(
            "pk",
            "gemeente_id",
            "gemeente__naam",
            "gemeente__provincie_id",
            "aantal",
            "realisatietermijn",
            "verdeelbesluit__cyclus_id",
            "verdeelbesluit__cyclus__jaar",
            "verdeelbesluit__versie",
        )
    )
    gerealiseerd: dict[tuple[int, int], int] = {}
    Melding = _model("regietafels.Realisatiemelding")
    if _heeft_velden(Melding, "gemeente", "cyclus", "aantal"):
        gerealiseerd = {
            (g, c): s
            for g, c, s in Melding.objects.filter(cyclus_id__in=list(geldend))
            .values("gemeente_id", "cyclus_id")
            .annotate(som=Sum("aantal"))
            .values_list("gemeente_id", "cyclus_id", "som")
        }
    termijnen = []
    for pk, gemeente_id, gemeente, provincie_id, aantal, datum, cyclus_id, jaar, versie in rijen:
        if geldend.get(cyclus_id) != versie:
            continue
        if gerealiseerd.get((gemeente_id, cyclus_id), 0) >= aantal:
            continue
        termijnen.append(
            Termijn(
                sleutel=f"realisatie:{cyclus_id}:{gemeente_id}",
                soort=Soort.REALISATIE,
                titel=f"{gemeente}: {aantal} plekken aanbieden aan het COA (cyclus {jaar})",
                schema=AFTELLEN,
                datum=datum,
                pad=_pad("regietafels:gemeente", None, _pad("regietafels:realisatie")),
                ontvangers=tuple(ontvangers.per_gemeente.get(gemeente_id, ())),
                provincie_id=provincie_id,
                gemeente_id=gemeente_id,
                extra={"regel": pk},
            )
        )
    return termijnen


def _ramingtermijnen(vandaag: dt.date, ontvangers: _Ontvangers) -> list[Termijn]:
    if not ontvangers.bereik.wil(Soort.RAMING):
        return []
    ondergrens = vandaag - dt.timedelta(days=HORIZON_DAGEN)
    rijen = [
        (c.pk, c.jaar, c.raming_datum)
        for c in _cycli(ontvangers)
        if c.raming_datum is not None and c.raming_datum >= ondergrens and not c.raming_gepubliceerd
    ]
    return [
        Termijn(
            sleutel=f"raming:{cyclus_id}",
            soort=Soort.RAMING,
            titel=f"Capaciteitsraming {jaar} vaststellen en publiceren",
            schema=AFTELLEN,
            datum=datum,
            pad=_pad("raming:cyclus", jaar, _pad("raming:cycli")),
            ontvangers=tuple(ontvangers.ministerie),
            wettelijk=False,
        )
        for cyclus_id, jaar, datum in rijen
    ]


VERZAMELAARS = [
    _verslagtermijnen,
    _verlengingsverzoeken,
    _uitruiltermijnen,
    _realisatietermijnen,
    _ramingtermijnen,
]


def sorteer(termijnen: Iterable[Termijn], vandaag: dt.date, *, te_laat_eerst=False):
    """Soonest first (terms without a deadline by the day they opened); optionally the overdue
    ones on top."""

    def sleutel(t: Termijn):
        peil = t.peildatum or vandaag
        return (0 if (te_laat_eerst and t.te_laat(vandaag)) else 1, peil, t.titel)

    return sorted(termijnen, key=sleutel)


def open_termijnen(
    *, vandaag: dt.date | None = None, bereik: Bereik = ALLES, ontvangers: _Ontvangers | None = None
) -> list[Termijn]:
    """Every open term in the system (or in ``bereik``) with its recipients; a constant number
    of queries. ``ontvangers``: the recipients to fill in (default: every active user)."""
    vandaag = vandaag or timezone.localdate()
    ontvangers = ontvangers or _Ontvangers.laden()
    ontvangers.bereik = bereik
    ontvangers.cycli = None
    ontvangers.weggelaten = 0
    termijnen: list[Termijn] = []
    for verzamelaar in VERZAMELAARS:
        termijnen.extend(verzamelaar(vandaag, ontvangers))
    return sorteer(termijnen, vandaag)


def termijnen_voor(user, *, vandaag: dt.date | None = None) -> list[Termijn]:
    """ "Mijn termijnen": the terms addressed to ``user``; ministry staff see every open term,
    the overdue ones first. COA users have no terms of their own."""
    vandaag = vandaag or timezone.localdate()
    if not getattr(user, "is_authenticated", False):
        return []
    if user.is_ministerie:
        # Every open term with its recipients (the calendar feed of ministry staff).
        return sorteer(
            voor_ministerie(open_termijnen(vandaag=vandaag)), vandaag, te_laat_eerst=True
        )
    if user.is_prt:
        bereik = Bereik(soorten=PRT_SOORTEN, provincie_id=user.provincie_id)
    elif user.is_gemeente:
        bereik = Bereik(soorten=GEMEENTE_SOORTEN, gemeente_id=user.gemeente_id)
    else:
        return []

    def bereken() -> list[Termijn]:
        # Only the user's own province or gemeente is read, and only the user is looked up as
        # a recipient (not every user of the system): the same terms, each with this user as
        # its only listed recipient.
        ontvangers = _Ontvangers.alleen(user)
        eigen = open_termijnen(vandaag=vandaag, bereik=bereik, ontvangers=ontvangers)
        return sorteer([t for t in eigen if user.pk in t.ontvangers], vandaag)

    return bereken()


def voor_ministerie(termijnen: list[Termijn]) -> list[Termijn]:
    """Every open term as the ministry sees it: an overdue verslag once, as "not submitted"
    (its own notice), not also as the PRT's term to submit it."""
    te_laat = {
        t.sleutel.removeprefix("verslag-te-laat:")
        for t in termijnen
        if t.soort == Soort.VERSLAG_TE_LAAT
    }
    return [
        t
        for t in termijnen
        if not (t.soort == Soort.VERSLAG and t.sleutel.removeprefix("verslag:") in te_laat)
    ]


PRT_SOORTEN = frozenset({Soort.VERSLAG, Soort.VERSLAG_TERUGGESTUURD, Soort.UITRUIL_BEVESTIGING})
GEMEENTE_SOORTEN = frozenset({Soort.UITRUIL_ANTWOORD, Soort.REALISATIE})


@dataclass(frozen=True)
class Overzicht:
    """The start of "Mijn termijnen" for the home panel: the first ``eerste`` terms in the
    same order, with the number of terms and of overdue terms in the whole list."""

    eerste: list[Termijn]
    aantal: int
    aantal_te_laat: int


def eerste_termijnen(
    *, tot: int, vandaag: dt.date | None = None, soorten: frozenset[str] | None = None
) -> Overzicht:
    """The first ``tot`` terms of every open term (of ``soorten``; None: all) as the ministry
    sees them (overdue first), with the number of terms and of overdue terms in the whole
    list: the same as cutting ``sorteer(open_termijnen(…), te_laat_eerst=True)``, but only the
    first ``tot`` exchange terms of each kind are read (``_Ontvangers.limiet``) and the
    recipients are not looked up."""
    vandaag = vandaag or timezone.localdate()

    def bereken() -> Overzicht:
        # Reading only the first exchange terms takes PostgreSQL's SQL (time zones, the "C"
        # collation, window functions); elsewhere (SQLite under ``make run``) all are read.
        limiet = max(tot, 1) if connection.vendor == "postgresql" else None
        ontvangers = _Ontvangers([], {}, {}, limiet=limiet)
        gelezen = open_termijnen(
            vandaag=vandaag, bereik=Bereik(soorten=soorten), ontvangers=ontvangers
        )
        if soorten is not None:
            # A collector reads several kinds at once; keep only the kinds asked for.
            gelezen = [t for t in gelezen if t.soort in soorten]
        termijnen = sorteer(voor_ministerie(gelezen), vandaag, te_laat_eerst=True)
        # The exchange terms left out are never overdue.
        return Overzicht(
            eerste=termijnen[:tot],
            aantal=len(termijnen) + ontvangers.weggelaten,
            aantal_te_laat=sum(1 for t in termijnen if t.te_laat(vandaag)),
        )

    return bereken()


def overzicht_voor(user, *, vandaag: dt.date | None = None, limiet: int = 5) -> Overzicht:
    """``termijnen_voor(user)`` cut to its first ``limiet`` terms, with the counts. Ministry
    staff see every open term (``eerste_termijnen``); the recipients of the terms are not
    shown here, so they are not looked up (saves reading every user of the system)."""
    vandaag = vandaag or timezone.localdate()
    if getattr(user, "is_authenticated", False) and user.is_ministerie:
        return eerste_termijnen(tot=limiet, vandaag=vandaag)
    termijnen = termijnen_voor(user, vandaag=vandaag)
    return Overzicht(
        eerste=termijnen[:limiet],
        aantal=len(termijnen),
        aantal_te_laat=sum(1 for t in termijnen if t.te_laat(vandaag)),
    )
