"""The security log: one row per security event, never changed or removed.

The user is stored as id and username (no foreign key): deleting a user must not change or
remove its log rows, and on PostgreSQL a trigger refuses every UPDATE and DELETE on this table.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Soort(models.TextChoices):
    INLOG = "inlog", _("ingelogd")
    INLOG_MISLUKT = "inlog-mislukt", _("inloggen mislukt")
    UITLOG = "uitlog", _("uitgelogd")
    GEBLOKKEERD = "geblokkeerd", _("geblokkeerd na te veel pogingen")
    SESSIE_VERLOPEN = "sessie-verlopen", _("sessie verlopen")
    TWEEDE_FACTOR_OK = "2fa-ok", _("tweede factor gecontroleerd")
    TWEEDE_FACTOR_MISLUKT = "2fa-mislukt", _("tweede factor onjuist")
    HERSTELCODE_GEBRUIKT = "2fa-herstelcode", _("herstelcode gebruikt")
    TWEEDE_FACTOR_INGESTELD = "2fa-ingesteld", _("tweede factor ingesteld")
    TWEEDE_FACTOR_UITGESCHAKELD = "2fa-uitgeschakeld", _("tweede factor uitgeschakeld")
    HERSTELCODES_VERNIEUWD = "2fa-herstelcodes", _("nieuwe herstelcodes")
    TOKEN_AANGEMAAKT = "token-aangemaakt", _("API-token aangemaakt")
    TOKEN_INGETROKKEN = "token-ingetrokken", _("API-token ingetrokken")
    TOEGANG_GEWEIGERD = "toegang-geweigerd", _("toegang geweigerd")
    EXPORT = "export", _("export")
    SSO_INLOG = "sso-inlog", _("ingelogd via SSO")
    SSO_GEWEIGERD = "sso-geweigerd", _("SSO-inlog geweigerd")


class BeveiligingsgebeurtenisQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        if getattr(user, "is_ministerie", False):
            return self
        return self.none()

    def update(self, **kwargs):
        raise TypeError("Het beveiligingslog kan niet worden gewijzigd.")

    def delete(self):
        raise TypeError("Het beveiligingslog kan niet worden verwijderd.")

    update.queryset_only = True
    delete.queryset_only = True


class Beveiligingsgebeurtenis(models.Model):
    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices, db_index=True)
    gebruiker_id = models.BigIntegerField(_("gebruiker-id"), null=True, blank=True, db_index=True)
    gebruikersnaam = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    ip_adres = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    pad = models.CharField(_("pad"), max_length=500, blank=True)
    methode = models.CharField(_("methode"), max_length=10, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = BeveiligingsgebeurtenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("beveiligingsgebeurtenis")
        verbose_name_plural = _("beveiligingslog")
        ordering = ["-tijdstip", "-id"]

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M:%S} {self.get_soort_display()} {self.gebruikersnaam}"

    def save(self, *args, **kwargs):
        # append-only: a row is written once
        if self.pk is not None and not self._state.adding:
            raise TypeError("Het beveiligingslog kan niet worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Het beveiligingslog kan niet worden verwijderd.")
