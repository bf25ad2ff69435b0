"""The register of reception locations (opvanglocaties): the places behind every number.

An ``Opvanglocatie`` belongs to one gemeente; its phase only changes through
``services.fase_wijzigen``, which records a ``Fasewijziging``. COA confirms capacity and phase
(``coa_bevestigd_op``); a later change of either by a gemeente or PRT clears that confirmation.

Access: ``Opvanglocatie.objects.zichtbaar_voor(user)`` is the one rule for pages, API, exports
and admin (ADR 0004); ``Fasewijziging.objects.zichtbaar_voor`` follows its location.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.rechten import zichtbaar_per_rol


class Soort(models.TextChoices):
    REGULIER_AZC = "regulier_azc", _("Regulier azc")
    NOODOPVANG = "noodopvang", _("Noodopvang")
    DOORSTROOM = "doorstroom", _("Doorstroomlocatie")
    AMV = "amv", _("Opvang amv")
    OVERIG = "overig", _("Overig")


class Fase(models.TextChoices):
    PLANVORMING = "planvorming", _("Planvorming")
    BESLUITVORMING = "besluitvorming", _("Besluitvorming")
    REALISATIE = "realisatie", _("Realisatie")
    IN_GEBRUIK = "in_gebruik", _("In gebruik")
    GESLOTEN = "gesloten", _("Gesloten")


#: The order of the phases; going back needs a reason (services.fase_wijzigen).
FASE_VOLGORDE: tuple[str, ...] = tuple(Fase.values)


def fase_index(fase: str) -> int:
    return FASE_VOLGORDE.index(fase)


class OpvanglocatieQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """Ministry and COA: all. PRT secretary: its own province. Gemeente user: its own
        gemeente. Others: none."""
        return zichtbaar_per_rol(
            self, user, provincie="gemeente__provincie_id", gemeente="gemeente_id"
        )

    def bevestigd(self):
        return self.filter(coa_bevestigd_op__isnull=False)

    def onbevestigd(self):
        return self.filter(coa_bevestigd_op__isnull=True)


class Opvanglocatie(models.Model):
    gemeente = models.ForeignKey(
        "raming.Gemeente",
        on_delete=models.PROTECT,
        related_name="opvanglocaties",
        verbose_name=_("gemeente"),
    )
    naam = models.CharField(_("naam"), max_length=200)
    straat_huisnummer = models.CharField(_("straat en huisnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    plaats = models.CharField(_("plaats"), max_length=100, blank=True)
    capaciteit_regulier = models.PositiveIntegerField(_("capaciteit regulier"))
    capaciteit_amv = models.PositiveIntegerField(_("capaciteit amv"), default=0)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    fase = models.CharField(
        _("fase"), max_length=20, choices=Fase.choices, default=Fase.PLANVORMING
    )
    fase_sinds = models.DateField(_("fase sinds"))
    overeenkomst_gesloten_op = models.DateField(
        _("bestuursovereenkomst gesloten op"),
        null=True,
        blank=True,
        help_text=_("Leeg: er is (nog) geen bestuursovereenkomst gesloten."),
    )
    beschikbaar_vanaf = models.DateField(_("beschikbaar vanaf"), null=True, blank=True)
    beschikbaar_tot = models.DateField(
        _("beschikbaar tot"), null=True, blank=True, help_text=_("Leeg: voor onbepaalde tijd.")
    )
    duurzaam = models.BooleanField(
        _("duurzaam"), default=False, help_text=_("Ten minste vijf jaar beschikbaar.")
    )
    coa_referentie = models.CharField(_("COA-referentie"), max_length=50, blank=True)
    coa_bevestigd_op = models.DateTimeField(_("door COA bevestigd op"), null=True, blank=True)
    coa_bevestigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("door COA bevestigd door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    history = HistoricalRecords()

    objects = OpvanglocatieQuerySet.as_manager()

    class Meta:
        ordering = ["gemeente__naam", "naam", "pk"]
        verbose_name = _("opvanglocatie")
        verbose_name_plural = _("opvanglocaties")
        indexes = [models.Index(fields=["fase"]), models.Index(fields=["soort"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(beschikbaar_vanaf__isnull=True)
                | Q(beschikbaar_tot__isnull=True)
                | Q(beschikbaar_tot__gte=F("beschikbaar_vanaf")),
                name="opvanglocatie_beschikbaarheid_oplopend",
            ),
            models.UniqueConstraint(
                fields=["coa_referentie"],
                condition=~Q(coa_referentie=""),
                name="opvanglocatie_coa_referentie_uniek",
            ),
            models.CheckConstraint(
                condition=Q(coa_bevestigd_op__isnull=True) | Q(coa_bevestigd_door__isnull=False),
                name="opvanglocatie_bevestiging_met_persoon",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.gemeente})"

    @property
    def capaciteit(self) -> int:
        return self.capaciteit_regulier + self.capaciteit_amv

    @property
    def is_bevestigd(self) -> bool:
        return self.coa_bevestigd_op is not None

    @property
    def adres(self) -> str:
        delen = [self.straat_huisnummer, " ".join(d for d in (self.postcode, self.plaats) if d)]
        return ", ".join(d for d in delen if d)


class FasewijzigingQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """Whoever sees the location sees its phase changes."""
        return self.filter(locatie__in=Opvanglocatie.objects.zichtbaar_voor(user).values("pk"))


class Fasewijziging(models.Model):
    """One phase change of a location (the timeline); written only by the services."""

    class Bron(models.TextChoices):
        HANDMATIG = "handmatig", _("Handmatig")
        COA = "coa", _("COA")
        IMPORT = "import", _("Import")

    locatie = models.ForeignKey(
        Opvanglocatie, on_delete=models.CASCADE, related_name="fasewijzigingen"
    )
    van_fase = models.CharField(
        _("van fase"),
        max_length=20,
        choices=Fase.choices,
        blank=True,
        help_text=_("Leeg bij de eerste fase van een nieuwe locatie."),
    )
    naar_fase = models.CharField(_("naar fase"), max_length=20, choices=Fase.choices)
    datum = models.DateField(_("datum"), help_text=_("De dag waarop de fase begon."))
    gemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gemeld door"),
    )
    gemeld_op = models.DateTimeField(_("gemeld op"), auto_now_add=True)
    bron = models.CharField(_("bron"), max_length=10, choices=Bron.choices, default=Bron.HANDMATIG)
    toelichting = models.TextField(_("toelichting"), blank=True)
    history = HistoricalRecords()

    objects = FasewijzigingQuerySet.as_manager()

    class Meta:
        ordering = ["locatie", "datum", "gemeld_op", "pk"]
        verbose_name = _("fasewijziging")
        verbose_name_plural = _("fasewijzigingen")

    def __str__(self) -> str:
        return f"{self.get_naar_fase_display()} vanaf {self.datum:%d-%m-%Y}"


# The stored computation of meerjarig beschikbaar (its own module; see locaties.berekening).
from .models_berekening import (  # noqa: E402
    BerekendeLocatie,
    BerekendeProvincie,
    Beschikbaarheidsberekening,
)

__all__ = [
    "BerekendeLocatie",
    "BerekendeProvincie",
    "Beschikbaarheidsberekening",
    "Fase",
    "Fasewijziging",
    "Opvanglocatie",
    "Soort",
]
