"""Reminders of deadlines, extension notices and each user's mail preferences.

``Herinnering`` and ``Verlengingsmelding`` are themselves the log of what was sent: one row per
(term, recipient, step) or (extension, recipient) under a unique constraint, so a reminder can
be planned many times but exists once. A row is sent by whoever *claims* it first
(``geclaimd_door``): a conditional update, so two workers never send the same row.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


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


class Herinnering(Verzending):
    """One reminder step of one open term for one recipient.

    ``stap`` names the step together with the deadline (or start date) it was computed from,
    e.g. ``2026-11-01/T-7``: when an extension moves the deadline, the steps of the new date
    are new reminders, and the unsent ones of the old date lapse.
    """

    sleutel = models.CharField(_("termijn"), max_length=100)
    soort = models.CharField(_("soort"), max_length=40)
    stap = models.CharField(_("stap"), max_length=40)
    termijn = models.DateField(_("termijndatum"), null=True, blank=True)
    sinds = models.DateField(_("open sinds"), null=True, blank=True)
    gepland_voor = models.DateField(_("gepland voor"))
    titel = models.CharField(_("omschrijving"), max_length=300)
    pad = models.CharField(_("link"), max_length=300, blank=True)

    class Meta:
        ordering = ["-gepland_voor", "ontvanger_id", "termijn"]
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        constraints = [
            models.UniqueConstraint(
                fields=["sleutel", "ontvanger", "stap"], name="herinnering_eenmaal_per_stap"
            )
        ]
        indexes = [
            models.Index(
                fields=["ontvanger", "status"],
                name="herinnering_te_versturen",
                condition=Q(status__in=["gepland", "mislukt"]),
            )
        ]

    def __str__(self) -> str:
        return f"{self.titel} ({self.stap}) → {self.e_mail or self.ontvanger_id}"


class Verlengingsmelding(Verzending):
    """The one mail that tells an affected person that a deadline was extended."""

    verlenging = models.ForeignKey(
        "regietafels.Termijnverlenging",
        on_delete=models.CASCADE,
        related_name="meldingen",
        verbose_name=_("termijnverlenging"),
    )

    class Meta:
        ordering = ["-aangemaakt_op"]
        verbose_name = _("verlengingsmelding")
        verbose_name_plural = _("verlengingsmeldingen")
        constraints = [
            models.UniqueConstraint(
                fields=["verlenging", "ontvanger"], name="verlengingsmelding_eenmaal"
            )
        ]

    def __str__(self) -> str:
        return f"Melding {self.verlenging} → {self.e_mail or self.ontvanger_id}"


def nieuw_token() -> str:
    return secrets.token_urlsafe(32)


class VoorkeurQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_ministerie:
            return self
        return self.filter(gebruiker=user)


class Voorkeur(models.Model):
    """A user's choice of reminder mail, and the secret of their calendar feed."""

    class EMail(models.TextChoices):
        DIGEST = "digest", _("Dagelijks overzicht per e-mail")
        GEEN = "geen", _("Geen e-mail")

    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="herinneringsvoorkeur"
    )
    e_mail = models.CharField(
        _("herinneringen per e-mail"), max_length=10, choices=EMail.choices, default=EMail.DIGEST
    )
    ical_token = models.CharField(
        _("agendasleutel"), max_length=64, unique=True, null=True, blank=True, default=None
    )
    history = HistoricalRecords(excluded_fields=["ical_token"])

    objects = VoorkeurQuerySet.as_manager()

    class Meta:
        verbose_name = _("herinneringsvoorkeur")
        verbose_name_plural = _("herinneringsvoorkeuren")

    def __str__(self) -> str:
        return f"{self.gebruiker}: {self.get_e_mail_display()}"
