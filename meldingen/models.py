"""In-app notices, the outgoing mail queue and each user's choice of mail per kind of notice.

``Melding`` is what a user sees in the list of notices; ``Mail`` is one outgoing message, written
in the same transaction as the state change that caused it and sent afterwards by the worker.
Both carry the ``sleutel`` of the event under a unique constraint, so announcing the same event
twice records it once. A mail is sent by whoever *claims* it first (``geclaimd_door``): a
conditional update, so two workers never send the same row.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Soort(models.TextChoices):
    VERSLAG_ONTVANGEN = "verslag_ontvangen", _("Ontvangstbevestiging van een ingediend verslag")
    VERSLAG_INGEDIEND = "verslag_ingediend", _("Verslag ingediend (ter beoordeling)")
    VERSLAG_BEOORDEELD = "verslag_beoordeeld", _("Verslag beoordeeld")
    VERSLAG_TERUGGESTUURD = "verslag_teruggestuurd", _("Verslag teruggestuurd")
    VERLENGING_GEVRAAGD = "verlenging_gevraagd", _("Verlenging gevraagd")
    VERLENGING_TOEGEKEND = "verlenging_toegekend", _("Termijn verlengd")
    VERLENGING_AFGEWEZEN = "verlenging_afgewezen", _("Verzoek om verlenging afgewezen")
    VERLENGING_INGETROKKEN = "verlenging_ingetrokken", _("Verlenging ingetrokken of gecorrigeerd")
    RAMING_UITGESTELD = "raming_uitgesteld", _("Publicatie van de capaciteitsraming uitgesteld")
    RAMING_VASTGESTELD = "raming_vastgesteld", _("Capaciteitsraming vastgesteld")
    RAMING_GEPUBLICEERD = "raming_gepubliceerd", _("Capaciteitsraming gepubliceerd")
    RAMING_GEWIJZIGD = "raming_gewijzigd", _("Capaciteitsraming gewijzigd")
    MIJLPAAL_VERPLAATST = "mijlpaal_verplaatst", _("Mijlpaal van de cyclus verplaatst")
    VERDEELBESLUIT = "verdeelbesluit", _("Verdeelbesluit vastgesteld")
    REALISATIE_GEMELD = "realisatie_gemeld", _("Gerealiseerde plekken gemeld")
    REALISATIE_GECORRIGEERD = (
        "realisatie_gecorrigeerd",
        _("Realisatiemelding gecorrigeerd of ingetrokken"),
    )
    UITRUIL_VOORGESTELD = "uitruil_voorgesteld", _("Uitruil voorgesteld")
    UITRUIL_GEACCEPTEERD = "uitruil_geaccepteerd", _("Uitruil geaccepteerd")
    UITRUIL_BEVESTIGD = "uitruil_bevestigd", _("Uitruil bevestigd door de regietafel")
    UITRUIL_GESTOPT = (
        "uitruil_gestopt",
        _("Uitruil afgewezen, ingetrokken, teruggestuurd of geannuleerd"),
    )
    BEZWAAR_INGEDIEND = "bezwaar_ingediend", _("Bezwaar ingediend")
    BEZWAAR_BESLIST = "bezwaar_beslist", _("Beslissing op bezwaar")
    BEZWAAR_INGETROKKEN = "bezwaar_ingetrokken", _("Bezwaar ingetrokken")
    LOCATIE_FASE_GEMELD = "locatie_fase_gemeld", _("Fase van een opvanglocatie gemeld")
    LOCATIE_BEVESTIGD = "locatie_bevestigd", _("Opvanglocatie bevestigd door COA")


# Always mailed, whatever the preference: the receipt is the submitter's proof of submission.
VERPLICHT = frozenset({Soort.VERSLAG_ONTVANGEN})

# Which kinds each role can receive (the preferences page shows only these).
SOORTEN_PER_ROL = {
    "ministerie": [
        Soort.VERSLAG_INGEDIEND,
        Soort.VERLENGING_GEVRAAGD,
        Soort.REALISATIE_GECORRIGEERD,
        Soort.BEZWAAR_INGEDIEND,
        Soort.BEZWAAR_INGETROKKEN,
    ],
    "prt-secretaris": [
        Soort.VERSLAG_ONTVANGEN,
        Soort.VERSLAG_BEOORDEELD,
        Soort.VERSLAG_TERUGGESTUURD,
        Soort.VERLENGING_TOEGEKEND,
        Soort.VERLENGING_AFGEWEZEN,
        Soort.VERLENGING_INGETROKKEN,
        Soort.MIJLPAAL_VERPLAATST,
        Soort.RAMING_UITGESTELD,
        Soort.RAMING_VASTGESTELD,
        Soort.RAMING_GEPUBLICEERD,
        Soort.RAMING_GEWIJZIGD,
        Soort.VERDEELBESLUIT,
        Soort.REALISATIE_GEMELD,
        Soort.REALISATIE_GECORRIGEERD,
        Soort.UITRUIL_VOORGESTELD,
        Soort.UITRUIL_GEACCEPTEERD,
        Soort.UITRUIL_BEVESTIGD,
        Soort.UITRUIL_GESTOPT,
        Soort.BEZWAAR_INGEDIEND,
        Soort.BEZWAAR_BESLIST,
        Soort.BEZWAAR_INGETROKKEN,
    ],
    "gemeente": [
        Soort.VERLENGING_TOEGEKEND,
        Soort.VERLENGING_AFGEWEZEN,
        Soort.VERLENGING_INGETROKKEN,
        Soort.MIJLPAAL_VERPLAATST,
        Soort.RAMING_UITGESTELD,
        Soort.RAMING_VASTGESTELD,
        Soort.RAMING_GEPUBLICEERD,
        Soort.RAMING_GEWIJZIGD,
        Soort.VERDEELBESLUIT,
        Soort.REALISATIE_GEMELD,
        Soort.REALISATIE_GECORRIGEERD,
        Soort.UITRUIL_VOORGESTELD,
        Soort.UITRUIL_GEACCEPTEERD,
        Soort.UITRUIL_BEVESTIGD,
        Soort.UITRUIL_GESTOPT,
        Soort.BEZWAAR_INGEDIEND,
        Soort.BEZWAAR_BESLIST,
        Soort.BEZWAAR_INGETROKKEN,
        Soort.LOCATIE_BEVESTIGD,
    ],
    "coa": [Soort.LOCATIE_FASE_GEMELD],
}


class MeldingQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """A notice is for its recipient only (the ministry sees its own, like everyone)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(ontvanger=user)

    def ongelezen(self):
        return self.filter(gelezen_op__isnull=True)


class Melding(models.Model):
    """One notice in one user's list."""

    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="meldingen",
        verbose_name=_("ontvanger"),
    )
    soort = models.CharField(_("soort"), max_length=40, choices=Soort.choices)
    sleutel = models.CharField(_("gebeurtenis"), max_length=120)
    titel = models.CharField(_("titel"), max_length=300)
    tekst = models.TextField(_("tekst"))
    link = models.CharField(_("link"), max_length=300, blank=True)
    # the moment of the act: a notice written by the worker carries its act's time
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, db_index=True)
    gelezen_op = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    objects = MeldingQuerySet.as_manager()

    class Meta:
        ordering = ["-aangemaakt_op", "-pk"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        constraints = [
            models.UniqueConstraint(
                fields=["sleutel", "ontvanger"], name="melding_eenmaal_per_ontvanger"
            )
        ]
        indexes = [
            models.Index(
                fields=["ontvanger"],
                name="melding_ongelezen",
                condition=Q(gelezen_op__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.titel} → {self.ontvanger_id}"


class Verzendstatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    VERZONDEN = "verzonden", _("Verzonden")
    MISLUKT = "mislukt", _("Mislukt")
    VERVALLEN = "vervallen", _("Vervallen (termijn niet meer open)")


TE_VERSTUREN = (Verzendstatus.GEPLAND, Verzendstatus.MISLUKT)


class VerzendingQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """Ministry: every row (the admin); everyone else: only the rows addressed to them."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_ministerie:
            return self
        return self.filter(ontvanger=user)

    def te_versturen(self):
        return self.filter(status__in=TE_VERSTUREN)


class Verzending(models.Model):
    """What every sendable record has: recipient, status, attempts, last error, claim."""

    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("ontvanger"),
    )
    e_mail = models.EmailField(_("e-mailadres"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Verzendstatus.choices,
        default=Verzendstatus.GEPLAND,
        db_index=True,
    )
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    laatste_fout = models.TextField(_("laatste fout"), blank=True)
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    geclaimd_door = models.CharField(_("geclaimd door"), max_length=64, blank=True, default="")
    geclaimd_op = models.DateTimeField(_("geclaimd op"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = VerzendingQuerySet.as_manager()

    class Meta:
        abstract = True


class Mail(Verzending):
    """One outgoing message, recorded with the event and sent by the worker.

    The request records ``bericht`` (the notice text) and ``link``; the worker renders the
    message around them (``tekst`` and ``html``: greeting, link, preferences) when it sends
    it, so a notice to hundreds of people does not render hundreds of mails in the request.
    ``ontvanger`` may be empty for an organisation mailbox (the regietafel's address gets the
    receipt too); ``volgende_poging`` keeps the sweep from overtaking a retry that is waiting.
    """

    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ontvanger"),
    )
    e_mail = models.EmailField(_("e-mailadres"))
    melding = models.ForeignKey(
        Melding,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mails",
        verbose_name=_("melding"),
    )
    soort = models.CharField(_("soort"), max_length=40, choices=Soort.choices)
    sleutel = models.CharField(_("gebeurtenis"), max_length=120)
    onderwerp = models.CharField(_("onderwerp"), max_length=300)
    bericht = models.TextField(_("bericht"), blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    tekst = models.TextField(_("tekst"), blank=True)
    html = models.TextField(_("HTML"), blank=True)
    volgende_poging = models.DateTimeField(_("volgende poging"), null=True, blank=True)

    class Meta:
        ordering = ["-aangemaakt_op", "-pk"]
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")
        constraints = [
            models.UniqueConstraint(fields=["sleutel", "e_mail"], name="mail_eenmaal_per_adres")
        ]
        indexes = [
            models.Index(
                fields=["volgende_poging"],
                name="mail_te_versturen",
                condition=Q(status__in=["gepland", "mislukt"]),
            )
        ]

    def __str__(self) -> str:
        return f"{self.onderwerp} → {self.e_mail}"


class Meldopdracht(models.Model):
    """The notices of one act that tells many people at once, waiting for the worker.

    The act writes this one row in its own transaction (``services.later_melden``); after
    commit the worker runs ``taak`` (a Celery task of the app that acted, by name) with
    ``argumenten``, which writes the notices and mails, and marks the row done in the same
    transaction. A rolled-back act leaves no row; a row the broker never got is handed over
    again by the sweep. ``sleutel`` names the act: announcing it twice records it once.
    """

    sleutel = models.CharField(_("gebeurtenis"), max_length=120, unique=True)
    taak = models.CharField(_("taak"), max_length=200)
    argumenten = models.JSONField(_("argumenten"), default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Verzendstatus.choices,
        default=Verzendstatus.GEPLAND,
    )
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    laatste_fout = models.TextField(_("laatste fout"), blank=True)
    volgende_poging = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    verwerkt_op = models.DateTimeField(_("verwerkt op"), null=True, blank=True)

    class Meta:
        ordering = ["-aangemaakt_op", "-pk"]
        verbose_name = _("meldopdracht")
        verbose_name_plural = _("meldopdrachten")
        indexes = [
            models.Index(
                fields=["aangemaakt_op"],
                name="meldopdracht_open",
                condition=Q(status__in=["gepland", "mislukt"]),
            )
        ]

    def __str__(self) -> str:
        return f"{self.sleutel} ({self.get_status_display()})"


class VoorkeurQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_ministerie:
            return self
        return self.filter(gebruiker=user)


class Mailvoorkeur(models.Model):
    """A user's choice to get one kind of notice by e-mail too (no row: yes)."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mailvoorkeuren"
    )
    soort = models.CharField(_("soort"), max_length=40, choices=Soort.choices)
    per_mail = models.BooleanField(_("ook per e-mail"), default=True)
    history = HistoricalRecords()

    objects = VoorkeurQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mailvoorkeur")
        verbose_name_plural = _("e-mailvoorkeuren")
        constraints = [
            models.UniqueConstraint(fields=["gebruiker", "soort"], name="mailvoorkeur_eenmaal")
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker}: {self.get_soort_display()} {'ja' if self.per_mail else 'nee'}"
