"""Planning and sending reminders: exactly once, never lost.

The flow:
1. ``herinneringen_plannen`` decides which reminder step of which open term is due for a date and
   writes one ``Herinnering`` per (term, recipient, step) with ``bulk_create(ignore_conflicts)``
   under the unique constraint: planning twice, or two sweeps at once, writes each row once.
2. After commit, ``verzending_inplannen`` enqueues one digest task per recipient with rows to
   send. When the broker is down, the rows stay ``gepland``
   and the next sweep enqueues them again.
3. ``digest_versturen`` *claims* the recipient's unsent rows with a conditional update
   (``select_for_update(skip_locked=True)`` + ``geclaimd_door``), sends one mail, and marks them
   sent. Two workers never claim the same row; a task that is redelivered after its worker died
   keeps its task id and so takes its own claim back; a claim older than the lease is free again.
   A failed send releases the claim and records the error; after the last retry the rows are
   ``mislukt`` and the next sweep tries them again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.models import Gebruiker

from .models import TE_VERSTUREN, Herinnering, Verzendstatus, Voorkeur, nieuw_token
from .termijnen import AFTELLEN, WEKELIJKS, Soort, Termijn, open_termijnen, tekst_dagen

logger = logging.getLogger(__name__)

WETTELIJKE_SOORTEN = frozenset({Soort.VERSLAG})


def claim_lease() -> dt.timedelta:
    """How long a claim holds: longer than the hard time limit of a task, so a live task never
    loses its claim, and short enough that a lost one is taken over by the next sweep."""
    hard = int(getattr(settings, "CELERY_TASK_TIME_LIMIT", 360) or 360)
    return dt.timedelta(seconds=getattr(settings, "HERINNERINGEN_CLAIM_SECONDEN", 2 * hard))


def _site_url(pad: str) -> str:
    if pad.startswith(("http://", "https://")):
        return pad
    return getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/") + pad


def _url(naam: str, standaard: str) -> str:
    try:
        return reverse(naam)
    except NoReverseMatch:
        return standaard


# --- planning -------------------------------------------------------------------------------


@dataclass
class Planning:
    datum: dt.date
    termijnen: int = 0
    kandidaten: int = 0
    nieuw: int = 0
    vervallen: int = 0
    per_ontvanger: dict[int, list[Herinnering]] = field(default_factory=dict)


def _voorkeuren() -> dict[int, str]:
    return dict(Voorkeur.objects.values_list("gebruiker_id", "e_mail"))


def _adressen() -> dict[int, str]:

    return {
        pk: email
        for pk, email in Gebruiker.objects.filter(is_active=True)
        .exclude(email="")
        .values_list("pk", "email")
    }


def mag_mailen(*, voorkeur: str | None, soort: str) -> bool:
    """Opt-out rule: "geen e-mail" stops every reminder except the statutory verslag reminder."""
    return voorkeur != Voorkeur.EMail.GEEN or soort in WETTELIJKE_SOORTEN


class Gepland(NamedTuple):
    """A reminder row to be written (a plain tuple: the sweep makes tens of thousands)."""

    ontvanger_id: int
    e_mail: str
    sleutel: str
    soort: str
    stap: str
    termijn: dt.date | None
    sinds: dt.date | None
    gepland_voor: dt.date
    titel: str
    pad: str


def herinneringen_bepalen(*, datum: dt.date, termijnen: Iterable[Termijn]) -> list[Gepland]:
    """The reminder rows due on ``datum``: two queries, whatever the number of terms."""
    adressen = _adressen()
    voorkeuren = _voorkeuren()
    geen = Voorkeur.EMail.GEEN.value
    rijen: list[Gepland] = []
    for termijn in termijnen:
        stap = termijn.stap(datum)
        if stap is None:
            continue
        titel, pad = termijn.titel[:300], termijn.pad[:300]
        for ontvanger_id in termijn.ontvangers:
            adres = adressen.get(ontvanger_id)
            if not adres:
                continue
            if voorkeuren.get(ontvanger_id) == geen and not termijn.wettelijk:
                continue
            rijen.append(
                Gepland(
                    ontvanger_id,
                    adres,
                    termijn.sleutel,
                    termijn.soort,
                    stap,
                    termijn.datum,
                    termijn.sinds,
                    datum,
                    titel,
                    pad,
                )
            )
    return rijen


_KOLOMMEN = [
    ("ontvanger_id", "bigint"),
    ("e_mail", "text"),
    ("sleutel", "text"),
    ("soort", "text"),
    ("stap", "text"),
    ("termijn", "date"),
    ("sinds", "date"),
    ("gepland_voor", "date"),
    ("titel", "text"),
    ("pad", "text"),
]
if tuple(naam for naam, _ in _KOLOMMEN) != Gepland._fields:  # pragma: no cover
    raise ImproperlyConfigured("_KOLOMMEN moet de volgorde van Gepland volgen.")


def herinneringen_invoegen(rijen: list[Gepland]) -> int:
    """Insert the rows, skipping those that exist (the unique constraint); returns the number
    inserted. On PostgreSQL one ``INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING`` for any
    number of rows; elsewhere ``bulk_create(ignore_conflicts=True)``."""
    if not rijen:
        return 0
    if connection.vendor != "postgresql":
        voor = Herinnering.objects.count()
        Herinnering.objects.bulk_create(
            [Herinnering(**r._asdict()) for r in rijen], ignore_conflicts=True, batch_size=500
        )
        return Herinnering.objects.count() - voor
    tabel = connection.ops.quote_name(Herinnering._meta.db_table)
    kolommen = ", ".join(naam for naam, _ in _KOLOMMEN)
    arrays = ", ".join(f"%s::{soort}[]" for _, soort in _KOLOMMEN)
    waarden = [list(kolom) for kolom in zip(*rijen, strict=True)]
    # Only fixed identifiers are formatted in; every value is a bound parameter.
    sql = "".join(
        [
            f"INSERT INTO {tabel} ({kolommen}, status, pogingen, laatste_fout, geclaimd_door, ",
            f"aangemaakt_op) SELECT *, %s, 0, '', '', %s FROM unnest({arrays}) ",  # noqa: S608
            "ON CONFLICT (sleutel, ontvanger_id, stap) DO NOTHING",
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [Verzendstatus.GEPLAND.value, timezone.now(), *waarden])
        return cursor.rowcount


def _vervallen_markeren(*, termijnen: list[Termijn]) -> int:
    """Unsent rows of terms that are no longer open, or whose deadline moved, lapse."""
    huidig: dict[str, tuple[str, frozenset[int]]] = {}
    for t in termijnen:
        anker = t.datum if t.schema == "aftellen" else t.sinds
        huidig[t.sleutel] = (f"{anker.isoformat() if anker else ''}/", frozenset(t.ontvangers))
    vervallen = []
    for pk, sleutel, stap, ontvanger_id in Herinnering.objects.te_versturen().values_list(
        "pk", "sleutel", "stap", "ontvanger_id"
    ):
        open_ = huidig.get(sleutel)
        if open_ is None or not stap.startswith(open_[0]) or ontvanger_id not in open_[1]:
            vervallen.append(pk)
    if vervallen:
        Herinnering.objects.filter(pk__in=vervallen, status__in=TE_VERSTUREN).update(
            status=Verzendstatus.VERVALLEN, geclaimd_door=""
        )
    return len(vervallen)


@transaction.atomic
def herinneringen_plannen(
    *, datum: dt.date | None = None, termijnen: list[Termijn] | None = None
) -> Planning:
    """Write the reminder rows due on ``datum`` (idempotent)."""
    datum = datum or timezone.localdate()
    if termijnen is None:
        termijnen = open_termijnen(vandaag=datum)
    rijen = herinneringen_bepalen(datum=datum, termijnen=termijnen)
    nieuw = herinneringen_invoegen(rijen)
    vervallen = _vervallen_markeren(termijnen=termijnen)
    return Planning(
        datum=datum,
        termijnen=len(termijnen),
        kandidaten=len(rijen),
        nieuw=max(nieuw, 0),
        vervallen=vervallen,
    )


def dagelijkse_sweep(*, datum: dt.date | None = None) -> Planning:
    """The daily sweep: plan, and after commit hand each recipient's digest to a worker."""
    with transaction.atomic():
        planning = herinneringen_plannen(datum=datum)
        transaction.on_commit(verzending_inplannen)
    return planning


def _vrij(nu: dt.datetime, claim: str | None = None) -> Q:
    vrij = Q(geclaimd_door="") | Q(geclaimd_op__lt=nu - claim_lease())
    if claim:
        vrij |= Q(geclaimd_door=claim)
    return vrij


def ontvangers_met_herinneringen() -> list[int]:
    nu = timezone.now()
    return list(
        Herinnering.objects.te_versturen()
        .filter(_vrij(nu))
        .order_by("ontvanger_id")
        .values_list("ontvanger_id", flat=True)
        .distinct()
    )


def verzending_inplannen() -> int:
    """Enqueue the sending tasks. A broker that is down loses nothing: the rows stay and the next
    sweep enqueues them again."""
    from . import tasks  # tasks imports this module: the task module is loaded on first use

    taken = [(tasks.verstuur_digest, uid) for uid in ontvangers_met_herinneringen()]
    ingepland = 0
    for taak, argument in taken:
        try:
            taak.apply_async(args=[argument], retry=False)
        except Exception:
            logger.warning(
                "Broker niet bereikbaar: %s van %s taken niet ingepland; de volgende sweep "
                "probeert het opnieuw.",
                len(taken) - ingepland,
                len(taken),
                exc_info=True,
            )
            break
        ingepland += 1
    return ingepland


# --- claiming and sending -------------------------------------------------------------------


def _claimen(model, *, claim: str, **filters) -> list[int]:
    """Take the unsent rows matching ``filters`` for ``claim``; rows another sender holds are
    skipped (never waited for, never sent twice)."""
    nu = timezone.now()
    with transaction.atomic():
        ids = list(
            model.objects.select_for_update(skip_locked=True)
            .filter(status__in=TE_VERSTUREN, **filters)
            .filter(_vrij(nu, claim))
            .values_list("pk", flat=True)
        )
        if ids:
            model.objects.filter(pk__in=ids).update(
                geclaimd_door=claim, geclaimd_op=nu, pogingen=F("pogingen") + 1
            )
    return ids


def _afronden(model, ids: list[int], *, claim: str) -> None:
    model.objects.filter(pk__in=ids, geclaimd_door=claim).update(
        status=Verzendstatus.VERZONDEN,
        verzonden_op=timezone.now(),
        laatste_fout="",
        geclaimd_door="",
    )


def _fout_vastleggen(model, ids: list[int], *, claim: str, fout: str, definitief: bool) -> None:
    velden = {"laatste_fout": fout[:2000], "geclaimd_door": "", "geclaimd_op": None}
    if definitief:
        velden["status"] = Verzendstatus.MISLUKT
    model.objects.filter(pk__in=ids, geclaimd_door=claim).update(**velden)


class Verzendfout(Exception):
    """Sending failed; the rows are released (and ``mislukt`` when it was the last attempt)."""


@dataclass(frozen=True)
class Verzonden:
    e_mail: str
    aantal: int


def _tekst_dagen(*, termijn: dt.date | None, sinds: dt.date | None, vandaag: dt.date) -> str:

    t = Termijn(
        sleutel="",
        soort="",
        titel="",
        schema=AFTELLEN if termijn else WEKELIJKS,
        datum=termijn,
        sinds=sinds,
    )
    return tekst_dagen(t, vandaag)


def digest_items(rijen: Iterable[Herinnering], *, vandaag: dt.date) -> list[dict]:
    """One item per term (a step left over from a failed day and today's step of the same term
    show once), soonest first."""
    per_term: dict[str, Herinnering] = {}
    for rij in rijen:
        eerder = per_term.get(rij.sleutel)
        if eerder is None or (rij.gepland_voor, rij.pk or 0) > (
            eerder.gepland_voor,
            eerder.pk or 0,
        ):
            per_term[rij.sleutel] = rij
    items = []
    for rij in per_term.values():
        dagen = None if rij.termijn is None else (rij.termijn - vandaag).days
        items.append(
            {
                "titel": rij.titel,
                "soort": Soort.LABELS.get(rij.soort, rij.soort),
                "termijn": rij.termijn,
                "sinds": rij.sinds,
                "dagen": dagen,
                "te_laat": dagen is not None and dagen < 0,
                "tekst": _tekst_dagen(termijn=rij.termijn, sinds=rij.sinds, vandaag=vandaag),
                "url": _site_url(rij.pad or "/termijnen/"),
            }
        )
    items.sort(key=lambda i: (i["termijn"] or i["sinds"] or vandaag, i["titel"]))
    return items


def digest_bericht(
    *, e_mail: str, naam: str, items: list[dict], sleutel: str
) -> EmailMultiAlternatives:
    aantal = len(items)
    onderwerp = (
        "Regietafel: 1 termijn vraagt uw aandacht"
        if aantal == 1
        else f"Regietafel: {aantal} termijnen vragen uw aandacht"
    )
    context = {
        "naam": naam,
        "items": items,
        "aantal": aantal,
        "mijn_url": _site_url(_url("herinneringen:mijn", "/termijnen/")),
        "voorkeuren_url": _site_url(_url("herinneringen:voorkeuren", "/termijnen/voorkeuren/")),
    }
    return _bericht(
        onderwerp=onderwerp,
        e_mail=e_mail,
        tekst=render_to_string("herinneringen/email/digest.txt", context),
        html=render_to_string("herinneringen/email/digest.html", context),
        sleutel=sleutel,
    )


def _bericht(*, onderwerp, e_mail, tekst, html, sleutel) -> EmailMultiAlternatives:
    reply_to = getattr(settings, "EMAIL_REPLY_TO", "")
    domein = getattr(settings, "SITE_URL", "regietafel").split("//")[-1].split("/")[0]
    domein = domein.split(":")[0] or "regietafel"
    bericht = EmailMultiAlternatives(
        subject=onderwerp,
        body=tekst,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[e_mail],
        reply_to=[reply_to] if reply_to else None,
        # The same rows give the same Message-ID, so a mail server can drop the one duplicate
        # that a worker dying between "sent" and "recorded" could cause.
        headers={"Message-ID": f"<{sleutel}@{domein}>", "Auto-Submitted": "auto-generated"},
    )
    bericht.attach_alternative(html, "text/html")
    return bericht


def _naam(gebruiker) -> str:
    return gebruiker.get_full_name() or gebruiker.username


def digest_versturen(
    *,
    ontvanger_id: int,
    claim: str | None = None,
    laatste_poging: bool = True,
    vandaag: dt.date | None = None,
    verbinding=None,
) -> Verzonden | None:
    """Send one recipient's unsent reminders as one digest. Returns None when there was nothing
    to send (already sent, or held by another sender). Raises ``Verzendfout`` on SMTP errors."""

    claim = claim or uuid.uuid4().hex
    vandaag = vandaag or timezone.localdate()
    ids = _claimen(Herinnering, claim=claim, ontvanger_id=ontvanger_id)
    if not ids:
        return None
    rijen = list(Herinnering.objects.filter(pk__in=ids))
    gebruiker = Gebruiker.objects.filter(pk=ontvanger_id).first()
    e_mail = (gebruiker.email if gebruiker else "") or rijen[0].e_mail
    sleutel = "herinnering-" + hashlib.sha256(",".join(map(str, sorted(ids))).encode()).hexdigest()
    items = digest_items(rijen, vandaag=vandaag)
    bericht = digest_bericht(
        e_mail=e_mail,
        naam=_naam(gebruiker) if gebruiker else e_mail,
        items=items,
        sleutel=sleutel[:40],
    )
    if verbinding is not None:
        bericht.connection = verbinding
    try:
        bericht.send()
    except Exception as exc:
        _fout_vastleggen(
            Herinnering,
            ids,
            claim=claim,
            fout=f"{type(exc).__name__}: {exc}",
            definitief=laatste_poging,
        )
        raise Verzendfout(str(exc)) from exc
    _afronden(Herinnering, ids, claim=claim)
    return Verzonden(e_mail=e_mail, aantal=len(items))


# --- synchronous run (management command, `make run`) ---------------------------------------


@dataclass
class Uitslag:
    planning: Planning | None
    verzonden: list[Verzonden] = field(default_factory=list)
    mislukt: list[tuple[str, str]] = field(default_factory=list)


def sweep_synchroon(*, datum: dt.date | None = None, uitvoer=None) -> Uitslag:
    """The sweep without a broker: plan, then send every pending mail in this process."""
    from django.core.mail import get_connection

    planning = herinneringen_plannen(datum=datum)
    uitslag = Uitslag(planning=planning)
    verbinding = get_connection()
    for ontvanger_id in ontvangers_met_herinneringen():
        _verstuur(
            uitslag, uitvoer, digest_versturen, ontvanger_id=ontvanger_id, verbinding=verbinding
        )
    return uitslag


def _verstuur(uitslag: Uitslag, uitvoer, functie, **kwargs) -> None:
    try:
        verzonden = functie(**kwargs)
    except Verzendfout as exc:
        uitslag.mislukt.append((str(kwargs), str(exc)))
        if uitvoer:
            uitvoer(f"MISLUKT {kwargs}: {exc}")
        return
    if verzonden:
        uitslag.verzonden.append(verzonden)
        if uitvoer:
            woord = "item" if verzonden.aantal == 1 else "items"
            uitvoer(f"{verzonden.e_mail}: {verzonden.aantal} {woord}")


def droog_overzicht(*, datum: dt.date | None = None) -> dict[str, int]:
    """Who would get how many new reminders on ``datum`` (nothing is written or sent)."""
    datum = datum or timezone.localdate()
    rijen = herinneringen_bepalen(datum=datum, termijnen=open_termijnen(vandaag=datum))
    bestaand = set(
        Herinnering.objects.filter(sleutel__in={r.sleutel for r in rijen})
        .exclude(status=Verzendstatus.VERVALLEN)
        .values_list("sleutel", "ontvanger_id", "stap")
    )
    nog_open = set(
        Herinnering.objects.te_versturen().values_list("sleutel", "ontvanger_id", "stap")
    )
    per_adres: dict[str, int] = defaultdict(int)
    for r in rijen:
        if (r.sleutel, r.ontvanger_id, r.stap) not in bestaand:
            per_adres[r.e_mail] += 1
    adressen = _adressen()
    for _sleutel, ontvanger_id, _stap in nog_open:
        if ontvanger_id in adressen:
            per_adres[adressen[ontvanger_id]] += 1
    return dict(sorted(per_adres.items()))


# --- preferences and the calendar token -----------------------------------------------------


def voorkeur_van(gebruiker) -> Voorkeur:
    voorkeur, _ = Voorkeur.objects.get_or_create(gebruiker=gebruiker)
    return voorkeur


@transaction.atomic
def voorkeur_wijzigen(*, gebruiker, e_mail: str) -> Voorkeur:
    if e_mail not in Voorkeur.EMail.values:
        raise ValueError("Kies een geldige voorkeur voor e-mail.")
    voorkeur = Voorkeur.objects.select_for_update().get(pk=voorkeur_van(gebruiker).pk)
    voorkeur.e_mail = e_mail
    voorkeur.save(update_fields=["e_mail"])
    if e_mail == Voorkeur.EMail.GEEN:
        # What was planned but not yet sent lapses too, except the statutory verslag reminder.
        Herinnering.objects.te_versturen().filter(ontvanger=gebruiker).exclude(
            soort__in=WETTELIJKE_SOORTEN
        ).update(status=Verzendstatus.VERVALLEN, geclaimd_door="")
    return voorkeur


@transaction.atomic
def ical_token_vernieuwen(*, gebruiker) -> str:
    """A new secret feed address; the old one stops working at once."""

    voorkeur = Voorkeur.objects.select_for_update().get(pk=voorkeur_van(gebruiker).pk)
    voorkeur.ical_token = nieuw_token()
    voorkeur.save(update_fields=["ical_token"])
    return voorkeur.ical_token


@transaction.atomic
def ical_token_intrekken(*, gebruiker) -> None:
    # one row at most; saved (not update()) so the history records the revocation
    for voorkeur in Voorkeur.objects.select_for_update().filter(gebruiker=gebruiker):
        voorkeur.ical_token = None
        voorkeur.save(update_fields=["ical_token"])


def gebruiker_voor_token(token: str):
    if not token or len(token) < 20:
        return None
    voorkeur = Voorkeur.objects.select_related("gebruiker").filter(ical_token=token).first()
    if voorkeur is None or not voorkeur.gebruiker.is_active:
        return None
    return voorkeur.gebruiker
