"""The verslag of a regietafel: its rows, members, versions, attachments and assessment."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.rechten import zichtbaar_per_rol
from core import models as core_models
from raming.models import HerkomstVelden

from .regietafel import Regietafel, Termijnverlenging


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


class VerslagOnderdeelQuerySet(models.QuerySet):
    """Parts of a verslag (versions, attachments, assessments, extension requests, members):
    ministry and COA all; the PRT secretary its own province; gemeente users only what
    ``gemeente_ziet`` allows (their province's, or nothing)."""

    gemeente_ziet = True
    provincie_pad = "verslag__regietafel__provincie_id"

    def zichtbaar_voor(self, user):
        if getattr(user, "is_gemeente", False) and not self.gemeente_ziet:
            return self.none()
        return zichtbaar_per_rol(self, user, provincie=self.provincie_pad)


class LidQuerySet(VerslagOnderdeelQuerySet):
    provincie_pad = "regietafel__provincie_id"


class AlleenPrtQuerySet(VerslagOnderdeelQuerySet):
    gemeente_ziet = False


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


class VerslagRegel(HerkomstVelden):
    """One gemeente's row in a verslag; its provenance: what the PRT reported (recorded) or,
    in the demo, an illustrative split of a recorded total."""

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


class Lid(models.Model):
    """A member of a provinciale regietafel."""

    class Soort(models.TextChoices):
        GEMEENTE = "gemeente", _("Gemeente")
        PROVINCIE = "provincie", _("Provincie")
        COA = "coa", _("COA")
        MINISTERIE = "ministerie", _("Ministerie")

    regietafel = models.ForeignKey(Regietafel, on_delete=models.CASCADE, related_name="leden")
    naam = models.CharField(_("naam"), max_length=150)
    organisatie = models.CharField(_("organisatie"), max_length=150)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    gemeente = models.ForeignKey(
        "raming.Gemeente", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    functie = models.CharField(_("functie"), max_length=150, blank=True)
    history = HistoricalRecords()

    objects = LidQuerySet.as_manager()

    class Meta:
        ordering = ["regietafel", "soort", "naam"]
        verbose_name = _("lid")
        verbose_name_plural = _("leden")

    def __str__(self) -> str:
        return f"{self.naam} ({self.organisatie})"


class Verlengingsverzoek(models.Model):
    """A PRT's request for more time for its verslag, and the ministry's decision on it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        TOEGEKEND = "toegekend", _("Toegekend")
        AFGEWEZEN = "afgewezen", _("Afgewezen")

    verslag = models.ForeignKey(
        Verslag, on_delete=models.PROTECT, related_name="verlengingsverzoeken"
    )
    reden = models.TextField(_("reden"))
    gevraagde_datum = models.DateField(_("gevraagde datum"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    ingediend_op = models.DateTimeField(_("ingediend op"), auto_now_add=True)
    besluit_reden = models.TextField(_("reden van het besluit"), blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    besloten_op = models.DateTimeField(_("besloten op"), null=True, blank=True)
    verlenging = models.ForeignKey(
        Termijnverlenging,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verzoeken",
    )
    history = HistoricalRecords()

    objects = AlleenPrtQuerySet.as_manager()  # a gemeente's pages show no extension requests

    class Meta:
        ordering = ["-ingediend_op"]
        verbose_name = _("verlengingsverzoek")
        verbose_name_plural = _("verlengingsverzoeken")

    def __str__(self) -> str:
        return f"Verzoek {self.verslag.regietafel} tot {self.gevraagde_datum:%d-%m-%Y}"


class VerslagVersie(models.Model):
    """A frozen snapshot of a verslag as it was submitted. Never changed afterwards."""

    verslag = models.ForeignKey(Verslag, on_delete=models.PROTECT, related_name="versies")
    volgnummer = models.PositiveIntegerField(_("volgnummer"))
    ingediend_op = models.DateTimeField(_("ingediend op"))
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    te_laat = models.BooleanField(_("te laat ingediend"), default=False)
    termijn = models.DateField(_("geldende termijn"), null=True, blank=True)
    inhoud = models.JSONField(_("inhoud"), default=dict)
    history = HistoricalRecords()

    objects = AlleenPrtQuerySet.as_manager()

    class Meta:
        ordering = ["verslag", "volgnummer"]
        verbose_name = _("ingediende versie")
        verbose_name_plural = _("ingediende versies")
        constraints = [
            models.UniqueConstraint(fields=["verslag", "volgnummer"], name="verslagversie_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.verslag} versie {self.volgnummer}"


# kept for the migrations that name them; new code uses core.models
prive_opslag = core_models.prive_opslag


def bijlage_pad(instance, filename: str) -> str:
    return instance.opslagpad(filename)


class Bijlage(core_models.Bestandsbijlage):
    """A document attached to a verslag; stored privately and served only through a view."""

    verslag = models.ForeignKey(Verslag, on_delete=models.PROTECT, related_name="bijlagen")
    history = HistoricalRecords()

    objects = AlleenPrtQuerySet.as_manager()

    class Meta:
        ordering = ["verslag", "toegevoegd_op"]
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def opslagpad(self, filename: str) -> str:
        return f"verslagen/{self.verslag_id}/{uuid.uuid4().hex}"


class Beoordeling(models.Model):
    """The ministry's assessment of one submitted version of a verslag."""

    class Oordeel(models.TextChoices):
        VOLDOENDE = "voldoende", _("Voldoende")
        ONVOLDOENDE = "onvoldoende", _("Onvoldoende")
        TERUGGESTUURD = "teruggestuurd", _("Teruggestuurd")

    verslag = models.ForeignKey(Verslag, on_delete=models.PROTECT, related_name="beoordelingen")
    versie = models.ForeignKey(
        VerslagVersie, on_delete=models.PROTECT, related_name="beoordelingen"
    )
    oordeel = models.CharField(_("oordeel"), max_length=20, choices=Oordeel.choices)
    opmerkingen = models.TextField(_("opmerkingen"), blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    op = models.DateTimeField(_("op"), auto_now_add=True)
    history = HistoricalRecords()

    objects = VerslagOnderdeelQuerySet.as_manager()

    class Meta:
        ordering = ["verslag", "op"]
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")

    def __str__(self) -> str:
        return f"{self.verslag}: {self.get_oordeel_display()}"


class VerslagRegelLocatie(models.Model):
    """A location of the register behind a verslag row, as it was when the row was built from
    the register (``services.regels_uit_locaties``): which column it counts in and with how many
    places. The row's numbers above these are "zonder locatie"."""

    class Soort(models.TextChoices):
        BESTAAND = "bestaande_locaties", _("bestaande locatie")
        VASTGESTELD = "vastgestelde_plannen", _("vastgesteld plan")
        VOORNEMEN = "bestuurlijke_voornemens", _("bestuurlijk voornemen")

    regel = models.ForeignKey(VerslagRegel, on_delete=models.CASCADE, related_name="locaties")
    locatie = models.ForeignKey(
        "locaties.Opvanglocatie", on_delete=models.PROTECT, related_name="verslagregels"
    )
    naam = models.CharField(_("naam"), max_length=200)
    fase = models.CharField(_("fase"), max_length=20)
    soort = models.CharField(_("telt als"), max_length=30, choices=Soort.choices)
    plekken = models.PositiveIntegerField(_("plekken (regulier en amv)"))
    amv = models.PositiveIntegerField(_("waarvan amv"))
    beschikbaar_vanaf = models.DateField(_("beschikbaar vanaf"), null=True, blank=True)
    beschikbaar_tot = models.DateField(_("beschikbaar tot"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["regel", "soort", "naam", "pk"]
        verbose_name = _("locatie achter een verslagregel")
        verbose_name_plural = _("locaties achter verslagregels")
        constraints = [
            models.UniqueConstraint(fields=["regel", "locatie"], name="verslagregel_locatie_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.naam}: {self.plekken} ({self.get_soort_display()})"
