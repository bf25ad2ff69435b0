"""Provinciale regietafels, their verslagen and the deadlines that apply to them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Regietafel(models.Model):
    provincie = models.OneToOneField(
        "raming.Provincie", on_delete=models.PROTECT, related_name="regietafel"
    )
    naam = models.CharField(_("naam"), max_length=150)
    voorzitter = models.CharField(_("voorzitter"), max_length=150, blank=True)
    e_mail = models.EmailField(_("e-mail secretariaat"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["provincie__code"]
        verbose_name = _("provinciale regietafel")
        verbose_name_plural = _("provinciale regietafels")

    def __str__(self) -> str:
        return self.naam


class TermijnverlengingQuerySet(models.QuerySet):
    def voor_regietafel(self, regietafel):
        """Extensions that apply to one PRT: its own and the cycle-wide ones."""
        return self.filter(Q(regietafel=regietafel) | Q(regietafel__isnull=True))


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
    history = HistoricalRecords()

    objects = TermijnverlengingQuerySet.as_manager()

    class Meta:
        ordering = ["cyclus", "besloten_op"]
        verbose_name = _("termijnverlenging")
        verbose_name_plural = _("termijnverlengingen")

    def __str__(self) -> str:
        wie = self.regietafel or _("alle regietafels")
        return f"Verlenging {wie} tot {self.nieuwe_datum:%d-%m-%Y}"


class VerslagQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """The one access rule for verslagen (pages, API, exports, admin).

        Ministry and COA see all; a PRT secretary its own province; a gemeente user the verslag
        of its province (views then show only its own row).
        """
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_ministerie or user.is_coa:
            return self
        provincie_id = user.eigen_provincie_id
        if provincie_id is None:
            return self.none()
        return self.filter(regietafel__provincie_id=provincie_id)


class Verslag(models.Model):
    """The verslag of one PRT for one cycle. ``versie`` is the optimistic-lock counter."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        INGEDIEND = "ingediend", _("Ingediend")
        TERUGGESTUURD = "teruggestuurd", _("Teruggestuurd")
        BEOORDEELD = "beoordeeld", _("Beoordeeld")

    regietafel = models.ForeignKey(Regietafel, on_delete=models.PROTECT, related_name="verslagen")
    cyclus = models.ForeignKey(
        "raming.Wetscyclus", on_delete=models.PROTECT, related_name="verslagen"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    versie = models.PositiveIntegerField(_("bewerkingsversie"), default=1)
    open_besluiten = models.TextField(_("openstaande besluiten"), blank=True)
    knelpunten = models.TextField(_("knelpunten"), blank=True)
    ingediend_op = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    te_laat = models.BooleanField(_("te laat ingediend"), default=False)
    gewijzigd_op = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = VerslagQuerySet.as_manager()

    class Meta:
        ordering = ["cyclus", "regietafel"]
        verbose_name = _("verslag")
        verbose_name_plural = _("verslagen")
        constraints = [
            models.UniqueConstraint(
                fields=["regietafel", "cyclus"], name="een_verslag_per_regietafel_per_cyclus"
            )
        ]

    def __str__(self) -> str:
        return f"Verslag {self.regietafel.provincie} {self.cyclus.jaar}"


class VerslagRegel(models.Model):
    """One gemeente's row in a verslag."""

    verslag = models.ForeignKey(Verslag, on_delete=models.CASCADE, related_name="regels")
    gemeente = models.ForeignKey("raming.Gemeente", on_delete=models.PROTECT, related_name="+")
    indicatief_aantal = models.PositiveIntegerField(_("indicatief aantal"), default=0)
    bestaande_locaties = models.PositiveIntegerField(_("bestaande locaties"), default=0)
    vastgestelde_plannen = models.PositiveIntegerField(_("vastgestelde plannen"), default=0)
    bestuurlijke_voornemens = models.PositiveIntegerField(_("bestuurlijke voornemens"), default=0)
    amv = models.PositiveIntegerField(_("amv-plekken"), default=0)
    beschikbaar_van = models.DateField(_("beschikbaar vanaf"), null=True, blank=True)
    beschikbaar_tot = models.DateField(_("beschikbaar tot"), null=True, blank=True)
    opmerking = models.TextField(_("opmerking"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["gemeente__naam"]
        verbose_name = _("verslagregel")
        verbose_name_plural = _("verslagregels")
        constraints = [
            models.UniqueConstraint(fields=["verslag", "gemeente"], name="verslagregel_uniek"),
            models.CheckConstraint(
                name="verslagregel_periode_geldig",
                condition=Q(beschikbaar_van__isnull=True)
                | Q(beschikbaar_tot__isnull=True)
                | Q(beschikbaar_tot__gte=models.F("beschikbaar_van")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente}: {self.aangeboden}"

    @property
    def aangeboden(self) -> int:
        return self.bestaande_locaties + self.vastgestelde_plannen + self.bestuurlijke_voornemens

    @property
    def verschil(self) -> int:
        return self.aangeboden - self.indicatief_aantal
