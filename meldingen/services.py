"""Telling people what happened: in-app notices and mail, recorded with the state change.

The flow:
1. A domain service calls :func:`melden` inside its own transaction. It writes one ``Melding``
   per recipient and one ``Mail`` per recipient who wants this kind by e-mail (the notice text
   and its link), each under a unique (event, recipient) constraint: announcing an event twice
   records it once, and a rolled-back action leaves neither notice nor mail.
2. After commit the mails of the event are handed to the worker (``tasks.verstuur_mail``).
   Under ``make run`` the task runs in-process right then. A broker that is down loses nothing:
   the rows stay and the sweep (beat, every few minutes) hands them over again.
3. :func:`mail_versturen` *claims* the row (conditional update under ``skip_locked``), renders
   the message around the notice text once (:func:`opmaken`, kept on the row), sends it with a
   Message-ID derived from the row, and marks it sent. An SMTP error releases the claim
   and plans the next attempt; the task retries with backoff, and after the last retry the
   sweep keeps trying. A row is sent once: two senders never hold the same claim.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone

from . import opdrachten
from .models import (
    SOORTEN_PER_ROL,
    TE_VERSTUREN,
    VERPLICHT,
    Mail,
    Mailvoorkeur,
    Melding,
    Soort,
    Verzendstatus,
)
from .opdrachten import later_melden, moment_van_de_handeling

__all__ = ["later_melden"]  # re-exported: the apps record deferred notices through services

logger = logging.getLogger(__name__)


# --- the site address -----------------------------------------------------------------------


def site_url(pad: str = "/") -> str:
    """An absolute address on this site, from the one configured ``SITE_URL`` (``make run``
    sets it from its HOST and PORT)."""
    if pad.startswith(("http://", "https://")):
        return pad
    basis = getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/")
    return basis + (pad if pad.startswith("/") else "/" + pad)


def site_domein() -> str:
    domein = getattr(settings, "SITE_URL", "regietafel").split("//")[-1].split("/")[0]
    return domein.split(":")[0] or "regietafel"


# --- recording ------------------------------------------------------------------------------


def wil_mail(gebruiker_ids: Iterable[int], soort: str) -> set[int]:
    """The users among ``gebruiker_ids`` who get ``soort`` by e-mail (default: yes)."""
    ids = set(gebruiker_ids)
    if soort in VERPLICHT:
        return ids
    nee = set(
        Mailvoorkeur.objects.filter(gebruiker_id__in=ids, soort=soort, per_mail=False).values_list(
            "gebruiker_id", flat=True
        )
    )
    return ids - nee


def _normaliseer(ontvangers) -> list:
    gezien: dict[int, object] = {}
    for o in ontvangers:
        if o is None or not getattr(o, "is_active", False):
            continue
        gezien.setdefault(o.pk, o)
    return sorted(gezien.values(), key=lambda o: o.pk)


def _naam(gebruiker) -> str:
    return gebruiker.get_full_name() or gebruiker.username


@dataclass(frozen=True)
class Gemeld:
    meldingen: int
    mails: int


@dataclass(frozen=True)
class Bericht:
    """One event for :func:`melden_allemaal`: who is told, what, and under which key."""

    ontvangers: Iterable
    onderwerp: str
    template: str
    sleutel: str
    context: dict | None = None
    link: str = ""
    adressen: Iterable[str] = ()


def melden(
    *,
    ontvangers: Iterable,
    soort: str,
    onderwerp: str,
    template: str,
    sleutel: str,
    context: dict | None = None,
    link: str = "",
    adressen: Iterable[str] = (),
) -> Gemeld:
    """Tell ``ontvangers`` (users) about one event: a notice in their list and, per their
    preference, a mail. ``template`` names a plain-text body (``<template>.txt``) rendered per
    recipient with ``context`` + ``ontvanger``; ``adressen`` are mailboxes without a user (the
    regietafel's own address) that get the mail only. ``sleutel`` names the event: announcing
    it again records nothing new. Mail leaves after commit, through the worker."""
    return melden_allemaal(
        soort=soort,
        berichten=[
            Bericht(
                ontvangers=ontvangers,
                onderwerp=onderwerp,
                template=template,
                sleutel=sleutel,
                context=context,
                link=link,
                adressen=adressen,
            )
        ],
    )


@transaction.atomic
def melden_allemaal(*, soort: str, berichten: Iterable[Bericht]) -> Gemeld:
    """Record many events of one kind at once (e.g. a verdeelbesluit: each gemeente its own
    number): the same rows as one :func:`melden` per event, written with one insert per table
    and handed to the worker in one task after commit."""
    if soort not in Soort.values:
        raise ValueError(f"Onbekende soort melding: {soort}")
    gebeurtenissen = []
    for b in berichten:
        gebeurtenissen.append(
            (
                b,
                b.sleutel[:120],
                b.onderwerp[:300],
                (b.link or "")[:300],
                dict(b.context or {}),
                _normaliseer(b.ontvangers),
            )
        )
    if not gebeurtenissen:
        return Gemeld(meldingen=0, mails=0)
    mailers = wil_mail((o.pk for *_r, ontv in gebeurtenissen for o in ontv), soort)
    moment = moment_van_de_handeling()
    teksten: dict[tuple[str, int], str] = {}
    meldingen: list[Melding] = []
    for b, sleutel, onderwerp, link, context, ontvangers in gebeurtenissen:
        # a text that does not name its reader is the same for everyone: rendered once (an
        # extension for all PRTs tells some 460 users the same thing)
        gedeeld = None
        if ontvangers and not _per_ontvanger(b.template):
            gedeeld = render_to_string(f"{b.template}.txt", {**context, "ontvanger": None})
            gedeeld = gedeeld.strip()
        for o in ontvangers:
            tekst = gedeeld
            if tekst is None:
                tekst = render_to_string(f"{b.template}.txt", {**context, "ontvanger": o}).strip()
            teksten[(sleutel, o.pk)] = tekst
            meldingen.append(
                Melding(
                    ontvanger=o,
                    soort=soort,
                    sleutel=sleutel,
                    titel=onderwerp,
                    tekst=tekst,
                    link=link,
                    aangemaakt_op=moment,
                )
            )
    Melding.objects.bulk_create(meldingen, ignore_conflicts=True)
    sleutels = sorted({g[1] for g in gebeurtenissen})
    melding_ids = {
        (sleutel, ontvanger_id): pk
        for sleutel, ontvanger_id, pk in Melding.objects.filter(
            sleutel__in=sleutels, ontvanger_id__in={pk for _s, pk in teksten}
        ).values_list("sleutel", "ontvanger_id", "pk")
    }
    mails: list[Mail] = []
    for b, sleutel, onderwerp, link, context, ontvangers in gebeurtenissen:
        gezien_adressen: set[str] = set()
        for o in ontvangers:
            if o.pk not in mailers or not o.email or o.email.lower() in gezien_adressen:
                continue
            gezien_adressen.add(o.email.lower())
            mails.append(
                _mail(
                    ontvanger=o,
                    e_mail=o.email,
                    soort=soort,
                    sleutel=sleutel,
                    onderwerp=onderwerp,
                    tekst=teksten[(sleutel, o.pk)],
                    link=link,
                    melding_id=melding_ids.get((sleutel, o.pk)),
                )
            )
        for adres in b.adressen:
            if not adres or adres.lower() in gezien_adressen:
                continue
            gezien_adressen.add(adres.lower())
            tekst = render_to_string(f"{b.template}.txt", {**context, "ontvanger": None}).strip()
            mails.append(
                _mail(
                    ontvanger=None,
                    e_mail=adres,
                    soort=soort,
                    sleutel=sleutel,
                    onderwerp=onderwerp,
                    tekst=tekst,
                    link=link,
                    melding_id=None,
                )
            )
    nieuw = 0
    if mails:
        voor = Mail.objects.filter(sleutel__in=sleutels).count()
        Mail.objects.bulk_create(mails, ignore_conflicts=True)
        nieuw = Mail.objects.filter(sleutel__in=sleutels).count() - voor
        transaction.on_commit(lambda: verzending_inplannen(sleutels=sleutels))
    return Gemeld(meldingen=len(teksten), mails=nieuw)


def _per_ontvanger(template: str) -> bool:
    """Whether a notice template names its reader (``ontvanger``): then it is rendered per
    recipient. Read from the template's source; a template that includes or extends another
    is taken to name its reader (the other one might)."""
    bron = get_template(f"{template}.txt").template.source
    return "ontvanger" in bron or "{% include" in bron or "{% extends" in bron


def _vaste_adressen() -> dict[str, str]:
    """The links every mail of a user carries."""
    return {
        "meldingen_url": site_url(reverse("meldingen:lijst")),
        "voorkeuren_url": site_url(reverse("meldingen:voorkeuren")),
    }


def _mail(*, ontvanger, e_mail, soort, sleutel, onderwerp, tekst, link, melding_id) -> Mail:
    """The outgoing row: the notice text and its link; the message around it is rendered when
    it is sent (:func:`opmaken`)."""
    return Mail(
        ontvanger=ontvanger,
        e_mail=e_mail,
        melding_id=melding_id,
        soort=soort,
        sleutel=sleutel,
        onderwerp=onderwerp,
        bericht=tekst,
        link=link,
    )


def opmaken(mail: Mail) -> Mail:
    """Render the message of a recorded mail (text and HTML) from its notice text, once: the
    sender does this right before sending and keeps the result on the row."""
    if mail.tekst:
        return mail
    ontvanger = mail.ontvanger
    context = {
        "naam": _naam(ontvanger) if ontvanger is not None else "",
        "onderwerp": mail.onderwerp,
        "tekst": mail.bericht,
        "url": site_url(mail.link) if mail.link else "",
        **_vaste_adressen(),
        "verplicht": mail.soort in VERPLICHT,
        "met_account": ontvanger is not None,
    }
    mail.tekst = render_to_string("meldingen/email/bericht.txt", context)
    mail.html = render_to_string("meldingen/email/bericht.html", context)
    Mail.objects.filter(pk=mail.pk).update(tekst=mail.tekst, html=mail.html)
    return mail


# --- reading and marking --------------------------------------------------------------------


@transaction.atomic
def gelezen_markeren(*, gebruiker, melding_id: int) -> bool:
    """Mark one of the user's own notices as read; another user's notice is not found."""
    return bool(
        Melding.objects.zichtbaar_voor(gebruiker)
        .filter(pk=melding_id, gelezen_op__isnull=True)
        .update(gelezen_op=timezone.now())
    )


@transaction.atomic
def alles_gelezen(*, gebruiker) -> int:
    return Melding.objects.zichtbaar_voor(gebruiker).ongelezen().update(gelezen_op=timezone.now())


def soorten_voor(gebruiker) -> list[str]:

    return [str(s) for s in SOORTEN_PER_ROL.get(getattr(gebruiker, "rol", ""), [])]


@transaction.atomic
def mailvoorkeuren_opslaan(*, gebruiker, per_mail: Iterable[str]) -> None:
    """Store the user's choice for every kind of notice their role can receive: a kind in
    ``per_mail`` is mailed, the others only appear in the list (except the required ones)."""
    gekozen = set(per_mail)
    for soort in soorten_voor(gebruiker):
        if soort in VERPLICHT:
            continue
        voorkeur, _ = Mailvoorkeur.objects.select_for_update().get_or_create(
            gebruiker=gebruiker, soort=soort
        )
        waarde = soort in gekozen
        if voorkeur.per_mail != waarde:
            voorkeur.per_mail = waarde
            voorkeur._history_user = gebruiker
            voorkeur.save(update_fields=["per_mail"])
    # Mail of a kind now switched off that has not left yet does not leave.
    uit = [s for s in soorten_voor(gebruiker) if s not in gekozen and s not in VERPLICHT]
    Mail.objects.te_versturen().filter(ontvanger=gebruiker, soort__in=uit).update(
        status=Verzendstatus.VERVALLEN, geclaimd_door=""
    )


def mailvoorkeuren_van(gebruiker) -> dict[str, bool]:
    nee = set(
        Mailvoorkeur.objects.filter(gebruiker=gebruiker, per_mail=False).values_list(
            "soort", flat=True
        )
    )
    return {s: (s in VERPLICHT or s not in nee) for s in soorten_voor(gebruiker)}


# --- sending --------------------------------------------------------------------------------


def claim_lease() -> dt.timedelta:
    """Longer than a task's hard time limit, so a live task never loses its claim."""
    hard = int(getattr(settings, "CELERY_TASK_TIME_LIMIT", 360) or 360)
    return dt.timedelta(seconds=2 * hard)


def retry_basis() -> int:
    return int(getattr(settings, "MELDINGEN_RETRY_BASIS_SECONDEN", 60))


def wachttijd(pogingen: int) -> int:
    """Exponential backoff: basis × 2^n seconds (60, 120, 240, … by default)."""
    return retry_basis() * (2**pogingen)


def _vrij(nu: dt.datetime, claim: str | None = None) -> Q:
    vrij = Q(geclaimd_door="") | Q(geclaimd_op__lt=nu - claim_lease())
    if claim:
        vrij |= Q(geclaimd_door=claim)
    return vrij


def te_versturen_ids(*, sleutel: str | None = None, sleutels: Iterable[str] = ()) -> list[int]:
    """Mails that may be handed to a sender now: unsent, unclaimed, and not waiting for a
    planned retry. With ``sleutel`` or ``sleutels``: those events' mails plus earlier failures
    that are due."""
    nu = timezone.now()
    rijen = (
        Mail.objects.te_versturen()
        .filter(_vrij(nu))
        .filter(Q(volgende_poging__isnull=True) | Q(volgende_poging__lte=nu))
    )
    sleutels = [*sleutels, *([sleutel] if sleutel is not None else [])]
    if sleutels:
        rijen = rijen.filter(Q(sleutel__in=sleutels) | Q(status=Verzendstatus.MISLUKT))
    return list(rijen.order_by("pk").values_list("pk", flat=True))


def verzending_inplannen(*, sleutel: str | None = None, sleutels: Iterable[str] = ()) -> int:
    """Hand the due mails to the worker, in one task that gives each mail its own sending task
    (with its own retries). Never raises: the user's action has committed, and a mail that is
    not handed over now is handed over by the next sweep."""
    from . import tasks  # tasks imports this module: the task module is loaded on first use

    ids = te_versturen_ids(sleutel=sleutel, sleutels=sleutels)
    if not ids:
        return 0
    try:
        if len(ids) == 1:
            tasks.verstuur_mail.apply_async(args=[ids[0]], retry=False)
        else:
            tasks.verstuur_mails.apply_async(args=[ids], retry=False)
    except Exception:
        logger.warning(
            "%s mail(s) niet aan de worker gegeven; de volgende ronde probeert het opnieuw.",
            len(ids),
            exc_info=True,
        )
        return 0
    return len(ids)


class Verzendfout(Exception):
    """Sending failed; the row is released and its next attempt planned."""


def _claimen(*, mail_id: int, claim: str) -> bool:
    nu = timezone.now()
    with transaction.atomic():
        ids = list(
            Mail.objects.select_for_update(skip_locked=True)
            .filter(pk=mail_id, status__in=TE_VERSTUREN)
            .filter(_vrij(nu, claim))
            .values_list("pk", flat=True)
        )
        if ids:
            Mail.objects.filter(pk__in=ids).update(
                geclaimd_door=claim, geclaimd_op=nu, pogingen=F("pogingen") + 1
            )
    return bool(ids)


def bericht(mail: Mail) -> EmailMultiAlternatives:
    reply_to = getattr(settings, "EMAIL_REPLY_TO", "")
    uitgaand = EmailMultiAlternatives(
        subject=mail.onderwerp,
        body=mail.tekst,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.e_mail],
        reply_to=[reply_to] if reply_to else None,
        # The same row always has the same Message-ID, so a mail server can drop the one
        # duplicate a worker dying between "sent" and "recorded" could cause.
        headers={
            "Message-ID": f"<melding-{mail.pk}@{site_domein()}>",
            "Auto-Submitted": "auto-generated",
        },
    )
    uitgaand.attach_alternative(mail.html, "text/html")
    return uitgaand


def mail_versturen(
    *,
    mail_id: int,
    claim: str | None = None,
    laatste_poging: bool = True,
    volgende_over: int | None = None,
    verbinding=None,
) -> bool:
    """Send one mail. False when there was nothing to send (sent already, or another sender
    holds it). Raises ``Verzendfout`` on an SMTP error after recording it; the next attempt is
    planned ``volgende_over`` seconds ahead (the worker's retry), or for the sweep."""
    claim = claim or uuid.uuid4().hex
    if not _claimen(mail_id=mail_id, claim=claim):
        return False
    mail = opmaken(Mail.objects.select_related("ontvanger").get(pk=mail_id))
    uitgaand = bericht(mail)
    if verbinding is not None:
        uitgaand.connection = verbinding
    try:
        uitgaand.send()
    except Exception as exc:
        wacht = volgende_over if volgende_over is not None else wachttijd(mail.pogingen)
        Mail.objects.filter(pk=mail_id, geclaimd_door=claim).update(
            laatste_fout=f"{type(exc).__name__}: {exc}"[:2000],
            geclaimd_door="",
            geclaimd_op=None,
            status=Verzendstatus.MISLUKT if laatste_poging else Verzendstatus.GEPLAND,
            volgende_poging=timezone.now() + dt.timedelta(seconds=wacht),
        )
        raise Verzendfout(str(exc)) from exc
    Mail.objects.filter(pk=mail_id, geclaimd_door=claim).update(
        status=Verzendstatus.VERZONDEN,
        verzonden_op=timezone.now(),
        laatste_fout="",
        geclaimd_door="",
    )
    return True


def alles_versturen() -> tuple[int, int]:
    """Write the notices still waiting for the worker (``opdrachten``), then send every due
    mail in this process (the management command, ``make run``): returns (sent, failed)."""
    opdrachten.alles_uitvoeren()
    verbinding = get_connection()
    verzonden = mislukt = 0
    for pk in te_versturen_ids():
        try:
            if mail_versturen(mail_id=pk, verbinding=verbinding):
                verzonden += 1
        except Verzendfout:
            mislukt += 1
    return verzonden, mislukt
