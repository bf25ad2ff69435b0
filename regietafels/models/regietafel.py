"""The regietafels, the access rule by province, and the extensions of their deadlines."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.rechten import zichtbaar_per_rol


class RegietafelQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        return zichtbaar_per_rol(self, user, provincie="provincie_id")


class Regietafel(models.Model):
    provincie = models.OneToOneField(
        "raming.Provincie", on_delete=models.PROTECT, related_name="regietafel"
    )
    naam = models.CharField(_("naam"), max_length=150)
    voorzitter = models.CharField(_("voorzitter"), max_length=150, blank=True)
    e_mail = models.EmailField(_("e-mail secretariaat"), blank=True)
    history = HistoricalRecords()

    objects = RegietafelQuerySet.as_manager()

    class Meta:
        ordering = ["provincie__code"]
        verbose_name = _("provinciale regietafel")
        verbose_name_plural = _("provinciale regietafels")

    def __str__(self) -> str:
        return self.naam


class GeldendManager(models.Manager):
    """Only the records in force: a withdrawn (or corrected) record stays, but out of sight of
    every computation; the model's ``alle`` manager shows it in the history."""

    def get_queryset(self):
        return super().get_queryset().filter(ingetrokken_op__isnull=True)


class TermijnverlengingQuerySet(models.QuerySet):
    def voor_regietafel(self, regietafel):
        """Extensions that apply to one PRT: its own and the cycle-wide ones."""
        return self.filter(Q(regietafel=regietafel) | Q(regietafel__isnull=True))

    def zichtbaar_voor(self, user):
        """Ministry and COA see all; others the cycle-wide ones and their own province's."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_ministerie or user.is_coa:
            return self
        provincie_id = user.eigen_provincie_id
        if provincie_id is None:
            return self.none()
        return self.filter(Q(regietafel__isnull=True) | Q(regietafel__provincie_id=provincie_id))


class Termijnverlenging(models.Model):
    """A granted extension of the verslag deadline, for one PRT or (regietafel empty) for all."""

    cyclus = models.ForeignKey(
        "raming.Wetscyclus", on_delete=models.PROTECT, related_name="termijnverlengingen"
    )
    regietafel = models.ForeignKey(
        Regietafel,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="termijnverlengingen",
        help_text=_("Leeg: geldt voor alle regietafels."),
    )
    nieuwe_datum = models.DateField(_("nieuwe termijn"))
    reden = models.TextField(_("reden"))
    referentie = models.CharField(_("referentie"), max_length=200, blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    besloten_op = models.DateTimeField(_("besloten op"), auto_now_add=True)
    vervangt = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="correcties",
        verbose_name=_("corrigeert"),
    )
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    intrekkingsreden = models.TextField(_("reden van intrekking of correctie"), blank=True)
    history = HistoricalRecords()

    # In force: not withdrawn (a corrected extension is withdrawn and replaced by its
    # correction). ``alle`` keeps the withdrawn ones for the history.
    objects = GeldendManager.from_queryset(TermijnverlengingQuerySet)()
    alle = TermijnverlengingQuerySet.as_manager()

    class Meta:
        ordering = ["cyclus", "besloten_op"]
        verbose_name = _("termijnverlenging")
        verbose_name_plural = _("termijnverlengingen")

    def __str__(self) -> str:
        wie = self.regietafel or _("alle regietafels")
        return f"Verlenging {wie} tot {self.nieuwe_datum:%d-%m-%Y}"
