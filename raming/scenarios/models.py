"""What-if scenarios on a raming: changed inputs, computed by the same verdeelsleutel.

A scenario never changes the raming it starts from. Its results are stored twice over when it
is shared: the *actuele* set (recomputed whenever the inputs change) and the *gedeelde* set,
frozen at the moment the author shared it with PRT secretaries.

Access: ``Scenario.objects.zichtbaar_voor(user)`` (ministry: all; PRT secretary: only those
shared with them; everyone else: none).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from raming.models import Gemeente, Provincie, Raming

GEEN_BESLUIT = "scenario — geen besluit"


class ScenarioQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if getattr(user, "is_ministerie", False):
            return self
        if getattr(user, "is_prt", False):
            gedeeld_met = ScenarioDeling.objects.filter(gebruiker=user).values("scenario_id")
            return self.filter(gedeeld=True, pk__in=gedeeld_met)
        return self.none()


class Scenario(models.Model):
    """A what-if on a concept or published raming, with its own inputs and stored results."""

    basis = models.ForeignKey(
        Raming, on_delete=models.PROTECT, related_name="scenarios", verbose_name=_("basisraming")
    )
    naam = models.CharField(_("naam"), max_length=200)
    beschrijving = models.TextField(_("aanname"), help_text=_("Welke aanname dit scenario doet."))
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="scenarios",
        verbose_name=_("auteur"),
    )
    landelijk_aantal = models.PositiveIntegerField(
        _("landelijk aantal (absoluut)"),
        null=True,
        blank=True,
        help_text=_("Leeg: het landelijke aantal van de basisraming."),
    )
    amv_aandeel = models.DecimalField(
        _("amv-aandeel (%)"),
        max_digits=6,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("Leeg: het aandeel van de basisraming."),
    )
    peildatum_inwoners = models.DateField(_("peildatum inwonertal"))
    ses_jaar = models.PositiveSmallIntegerField(
        _("SES-WOA-jaar"), null=True, blank=True, help_text=_("Leeg: alleen op inwonertal.")
    )
    afrondingsmethode = models.CharField(
        _("afrondingsmethode"), max_length=30, choices=Raming.Afronding.choices
    )

    # results of the latest computation (the per-gemeente/province rows are ScenarioUitkomst)
    resultaat_landelijk = models.PositiveIntegerField(_("landelijk aantal (berekend)"), default=0)
    resultaat_amv = models.PositiveIntegerField(_("waarvan amv (berekend)"), default=0)
    berekend_op = models.DateTimeField(_("berekend op"), null=True, blank=True)

    gedeeld = models.BooleanField(_("gedeeld met PRT-secretarissen"), default=False)
    gedeeld_op = models.DateTimeField(_("gedeeld op"), null=True, blank=True)
    gedeelde_invoer = models.JSONField(
        _("invoer op het moment van delen"), default=dict, blank=True
    )

    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = ScenarioQuerySet.as_manager()

    class Meta:
        ordering = ["-aangemaakt_op", "-pk"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenario's")
        constraints = [
            models.UniqueConstraint(fields=["basis", "naam"], name="scenario_naam_uniek_per_basis")
        ]

    def __str__(self) -> str:
        return self.naam


class ScenarioAanpassing(models.Model):
    """A labelled change of the national number, e.g. "extra uitstroom statushouders −12.000"."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="aanpassingen")
    label = models.CharField(_("omschrijving"), max_length=200)
    delta = models.IntegerField(_("verandering"))
    volgorde = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["scenario", "volgorde", "pk"]
        verbose_name = _("aanpassing landelijk aantal")
        verbose_name_plural = _("aanpassingen landelijk aantal")

    def __str__(self) -> str:
        return f"{self.label} {self.delta:+d}"


class ScenarioBeschikbaarWijziging(models.Model):
    """A change of the meerjarig beschikbare plekken of one province or one gemeente: either a
    new number or a change (delta)."""

    scenario = models.ForeignKey(
        Scenario, on_delete=models.CASCADE, related_name="beschikbaar_wijzigingen"
    )
    provincie = models.ForeignKey(
        Provincie, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    gemeente = models.ForeignKey(
        Gemeente, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    nieuw_aantal = models.PositiveIntegerField(_("nieuw aantal"), null=True, blank=True)
    delta = models.IntegerField(_("verandering"), null=True, blank=True)
    toelichting = models.CharField(_("toelichting"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["scenario", "pk"]
        verbose_name = _("wijziging meerjarig beschikbaar")
        verbose_name_plural = _("wijzigingen meerjarig beschikbaar")
        constraints = [
            models.CheckConstraint(
                condition=(Q(gemeente__isnull=False) & Q(provincie__isnull=True))
                | (Q(gemeente__isnull=True) & Q(provincie__isnull=False)),
                name="scenario_beschikbaar_gemeente_of_provincie",
            ),
            models.CheckConstraint(
                condition=(Q(nieuw_aantal__isnull=False) & Q(delta__isnull=True))
                | (Q(nieuw_aantal__isnull=True) & Q(delta__isnull=False)),
                name="scenario_beschikbaar_nieuw_of_delta",
            ),
        ]

    def __str__(self) -> str:
        wat = self.gemeente or self.provincie
        if self.delta is not None:
            return f"{wat}: {self.delta:+d}"
        return f"{wat}: {self.nieuw_aantal}"


class ScenarioUitkomst(models.Model):
    """One computed figure of a scenario: per gemeente (``gemeente`` set) or per province.

    ``set`` tells the current computation from the one frozen when the scenario was shared.
    """

    class Set(models.TextChoices):
        ACTUEEL = "actueel", _("Actueel")
        GEDEELD = "gedeeld", _("Gedeeld (bevroren)")

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="uitkomsten")
    set = models.CharField(max_length=10, choices=Set.choices, default=Set.ACTUEEL)
    provincie = models.ForeignKey(Provincie, on_delete=models.PROTECT, related_name="+")
    gemeente = models.ForeignKey(
        Gemeente, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aantal = models.PositiveIntegerField(_("aantal / opgave"))
    amv = models.PositiveIntegerField(_("waarvan amv"), default=0)
    beschikbaar = models.PositiveIntegerField(_("meerjarig beschikbaar"), null=True, blank=True)
    nog_te_realiseren = models.PositiveIntegerField(_("nog te realiseren"), null=True, blank=True)

    class Meta:
        ordering = ["scenario", "set", "provincie__code"]
        verbose_name = _("uitkomst scenario")
        verbose_name_plural = _("uitkomsten scenario")
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "set", "gemeente"],
                condition=Q(gemeente__isnull=False),
                name="scenario_uitkomst_gemeente_uniek",
            ),
            models.UniqueConstraint(
                fields=["scenario", "set", "provincie"],
                condition=Q(gemeente__isnull=True),
                name="scenario_uitkomst_provincie_uniek",
            ),
        ]
        indexes = [models.Index(fields=["scenario", "set"], name="scenario_uitkomst_set_idx")]

    def __str__(self) -> str:
        return f"{self.gemeente or self.provincie}: {self.aantal}"


class ScenarioDeling(models.Model):
    """A scenario shared read-only with one PRT secretary."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="delingen")
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="gedeelde_scenarios",
        verbose_name=_("PRT-secretaris"),
    )
    gedeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    gedeeld_op = models.DateTimeField(_("gedeeld op"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["scenario", "gebruiker__username"]
        verbose_name = _("deling scenario")
        verbose_name_plural = _("delingen scenario")
        constraints = [
            models.UniqueConstraint(fields=["scenario", "gebruiker"], name="scenario_deling_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.scenario} → {self.gebruiker}"
