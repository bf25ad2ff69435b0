"""Reminders of deadlines and each user's choice of reminder mail.

``Herinnering`` is itself the log of what was sent: one row per (term, recipient, step) under a
unique constraint, so a reminder can be planned many times but exists once. A row is sent by
whoever *claims* it first (``geclaimd_door``): a conditional update, so two workers never send the
same row. (An extension is announced at once through ``meldingen``, like every other state
change.)
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# The outbox pattern (status, attempts, claim) is shared with the notices' mail queue.
from meldingen.models import TE_VERSTUREN, Verzending, Verzendstatus  # noqa: F401


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
