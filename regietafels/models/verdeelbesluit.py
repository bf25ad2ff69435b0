"""The verdeelbesluit with its rows per gemeente, and the realisation reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.rechten import zichtbaar_per_rol
from raming.models import Herkomst, HerkomstVelden

from .regietafel import GeldendManager


class VerdeelbesluitQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """Ministry and COA see every version; PRT and gemeente users only fixed ones."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_ministerie or user.is_coa:
            return self
        if user.eigen_provincie_id is None:
            return self.none()
        return self.filter(status=Verdeelbesluit.Status.VASTGESTELD)


class Verdeelbesluit(models.Model):
    """The minister's allocation decision for a cycle. Fixed once; superseded only by a new
    version with a reason."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        VASTGESTELD = "vastgesteld", _("Vastgesteld")

    cyclus = models.ForeignKey(
        "raming.Wetscyclus", on_delete=models.PROTECT, related_name="verdeelbesluiten"
    )
    versie = models.PositiveSmallIntegerField(_("versie"), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    besluitdatum = models.DateField(_("besluitdatum"), null=True, blank=True)
    reden = models.TextField(_("reden van de nieuwe versie"), blank=True)
    vorige_versie = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="volgende_versies"
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    vastgesteld_op = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    afwijkingsreden = models.TextField(
        _("reden om vast te stellen terwijl de cyclus nog niet gereed was"), blank=True
    )
    open_bij_vaststelling = models.JSONField(
        _("wat nog open was bij de vaststelling"), default=list, blank=True
    )
    history = HistoricalRecords()

    objects = VerdeelbesluitQuerySet.as_manager()

    class Meta:
        ordering = ["-cyclus__jaar", "-versie"]
        verbose_name = _("verdeelbesluit")
        verbose_name_plural = _("verdeelbesluiten")
        constraints = [
            models.UniqueConstraint(fields=["cyclus", "versie"], name="verdeelbesluit_versie_uniek")
        ]

    def __str__(self) -> str:
        return f"Verdeelbesluit {self.cyclus.jaar} v{self.versie}"


class VerdeelbesluitRegelQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        besluiten = Verdeelbesluit.objects.zichtbaar_voor(user)
        qs = self.filter(verdeelbesluit__in=besluiten)
        return zichtbaar_per_rol(
            qs, user, provincie="gemeente__provincie_id", gemeente="gemeente_id"
        )


class VerdeelbesluitRegel(HerkomstVelden):
    """The number fixed for one gemeente in a verdeelbesluit; computed by Regietafel from the
    verslag (illustrative where the verslag's row is)."""

    verdeelbesluit = models.ForeignKey(
        Verdeelbesluit, on_delete=models.CASCADE, related_name="regels"
    )
    gemeente = models.ForeignKey("raming.Gemeente", on_delete=models.PROTECT, related_name="+")
    indicatief_aantal = models.PositiveIntegerField(_("indicatief aantal"), default=0)
    aangeboden = models.PositiveIntegerField(_("aangeboden in het verslag"), default=0)
    restopgave = models.PositiveIntegerField(_("restopgave"), default=0)
    voorgesteld = models.PositiveIntegerField(_("voorgesteld aantal"), default=0)
    aantal = models.PositiveIntegerField(_("vastgesteld aantal"), default=0)
    vrijgesteld = models.BooleanField(_("vrijgesteld van restopgave"), default=False)
    vrijstelling_reden = models.TextField(_("reden vrijstelling"), blank=True)
    aanpassingsreden = models.TextField(_("reden aanpassing"), blank=True)
    realisatietermijn = models.DateField(_("realisatietermijn"), null=True, blank=True)
    herkomst = models.CharField(
        _("herkomst"), max_length=20, choices=Herkomst.choices, default=Herkomst.BEREKEND
    )
    history = HistoricalRecords()

    objects = VerdeelbesluitRegelQuerySet.as_manager()

    class Meta:
        ordering = ["gemeente__naam"]
        verbose_name = _("regel verdeelbesluit")
        verbose_name_plural = _("regels verdeelbesluit")
        constraints = [
            models.UniqueConstraint(
                fields=["verdeelbesluit", "gemeente"], name="verdeelbesluitregel_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.gemeente}: {self.aantal}"


class RealisatiemeldingQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        return zichtbaar_per_rol(
            self, user, provincie="gemeente__provincie_id", gemeente="gemeente_id"
        )


class Realisatiemelding(HerkomstVelden):
    """Places a gemeente reports as realised on a date (recorded; illustrative in the demo)."""

    gemeente = models.ForeignKey(
        "raming.Gemeente", on_delete=models.PROTECT, related_name="realisatiemeldingen"
    )
    cyclus = models.ForeignKey(
        "raming.Wetscyclus", on_delete=models.PROTECT, related_name="realisatiemeldingen"
    )
    datum = models.DateField(_("datum"))
    aantal = models.PositiveIntegerField(_("gerealiseerde plekken"))
    # The location of the register the report is about (ADR 0014): then the location counts
    # (from its in-gebruik date, while available) and the report's number does not add to it.
    locatie = models.ForeignKey(
        "locaties.Opvanglocatie",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="realisatiemeldingen",
        verbose_name=_("locatie"),
    )
    gemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    gemeld_op = models.DateTimeField(_("gemeld op"), auto_now_add=True)
    opmerking = models.TextField(_("opmerking"), blank=True)
    vervangt = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="correcties",
        verbose_name=_("corrigeert"),
    )
    correctiereden = models.TextField(_("reden van de correctie"), blank=True)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    intrekkingsreden = models.TextField(_("reden van intrekking of correctie"), blank=True)
    history = HistoricalRecords()

    # In force: not withdrawn and not corrected; ``alle`` for the history.
    objects = GeldendManager.from_queryset(RealisatiemeldingQuerySet)()
    alle = RealisatiemeldingQuerySet.as_manager()

    class Meta:
        ordering = ["cyclus", "gemeente__naam", "datum"]
        verbose_name = _("realisatiemelding")
        verbose_name_plural = _("realisatiemeldingen")

    def __str__(self) -> str:
        return f"{self.gemeente} {self.datum:%d-%m-%Y}: {self.aantal}"
