"""The stored computation of meerjarig beschikbaar from the register (``locaties.berekening``).

A ``Beschikbaarheidsberekening`` records the cycle, peildatum, horizon and margin, who computed
it and when, the provinces it covers and, per province, the figure before and after (the
summary of its consequences). ``BerekendeLocatie`` keeps one line per location as it was judged:
a copy of the facts used (phase on the peildatum, capacity, agreement, availability), the places
counted and the reason, so every figure explains itself even after the register changes.
A recomputation is a new computation; none is ever changed or removed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.rechten import zichtbaar_per_rol

from .berekening import TEKST, Reden
from .models import Fase  # models.py imports this module after defining Fase


class BeschikbaarheidsberekeningQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """Every signed-in role sees that a computation was made (its lines are filtered per
        role, see ``BerekendeLocatie.objects.zichtbaar_voor``)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_ministerie or user.is_coa or user.is_prt or user.is_gemeente:
            return self
        return self.none()

    def update(self, **kwargs):
        raise TypeError("Een vastgelegde berekening wordt niet gewijzigd; bereken opnieuw.")

    def delete(self):
        raise TypeError("Een vastgelegde berekening wordt niet verwijderd; bereken opnieuw.")


class Beschikbaarheidsberekening(models.Model):
    cyclus = models.ForeignKey(
        "raming.Wetscyclus",
        on_delete=models.PROTECT,
        related_name="beschikbaarheidsberekeningen",
        verbose_name=_("wetscyclus"),
    )
    peildatum = models.DateField(_("peildatum"))
    horizon = models.DateField(
        _("horizondatum"),
        help_text=_("De datum waarop een locatie beschikbaar moet zijn om mee te tellen."),
    )
    marge = models.DecimalField(
        _("onzekerheidsmarge planfase (%)"),
        max_digits=5,
        decimal_places=2,
        help_text=_(
            "Het percentage dat van de capaciteit van locaties in planvorming of "
            "besluitvorming wordt afgetrokken (per locatie naar beneden afgerond)."
        ),
    )
    provincies = models.ManyToManyField(
        "raming.Provincie", related_name="+", verbose_name=_("provincies")
    )
    totaal = models.PositiveIntegerField(_("meerjarig beschikbaar (totaal)"))
    toelichting = models.TextField(_("toelichting"), blank=True)
    vervangt = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opvolgers",
        verbose_name=_("vervangt de berekening"),
    )
    berekend_op = models.DateTimeField(_("berekend op"))
    berekend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("berekend door"),
    )

    objects = BeschikbaarheidsberekeningQuerySet.as_manager()

    class Meta:
        ordering = ["-berekend_op", "-pk"]
        verbose_name = _("berekening meerjarig beschikbaar")
        verbose_name_plural = _("berekeningen meerjarig beschikbaar")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(horizon__gte=models.F("peildatum")),
                name="beschikbaarheidsberekening_horizon_na_peildatum",
            ),
            models.CheckConstraint(
                condition=models.Q(marge__gte=0) & models.Q(marge__lte=100),
                name="beschikbaarheidsberekening_marge_percentage",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"Berekening {self.pk} ({self.cyclus}): peildatum {self.peildatum:%d-%m-%Y}, "
            f"horizon {self.horizon:%d-%m-%Y}, marge {self.marge}%"
        )

    @property
    def bron(self) -> str:
        """The source text written on every MeerjarigBeschikbaar it sets (max. 200)."""
        return (
            f"Locatieregister, berekening {self.pk} van {self.berekend_op:%d-%m-%Y} "
            f"(horizon {self.horizon:%d-%m-%Y}, marge planfase {self.marge:g}%)"
        )


class BerekendeProvincie(models.Model):
    """Per covered province: the meerjarig beschikbaar before and after the computation."""

    berekening = models.ForeignKey(
        Beschikbaarheidsberekening, on_delete=models.PROTECT, related_name="per_provincie"
    )
    provincie = models.ForeignKey("raming.Provincie", on_delete=models.PROTECT, related_name="+")
    aantal = models.PositiveIntegerField(_("meerjarig beschikbaar"))
    vorig_aantal = models.PositiveIntegerField(
        _("vorig aantal"), null=True, blank=True, help_text=_("Leeg: was niet vastgelegd.")
    )
    vorige_bron = models.CharField(_("vorige bron"), max_length=400, blank=True)

    class Meta:
        ordering = ["berekening", "provincie__naam"]
        verbose_name = _("berekende provincie")
        verbose_name_plural = _("berekende provincies")
        constraints = [
            models.UniqueConstraint(
                fields=["berekening", "provincie"], name="berekende_provincie_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provincie}: {self.vorig_aantal} → {self.aantal}"

    @property
    def verschil(self) -> int | None:
        return None if self.vorig_aantal is None else self.aantal - self.vorig_aantal


class BerekendeLocatieQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """Ministry and COA: all lines; a PRT secretary: its province's; a gemeente user: its
        own gemeente's (as the register itself)."""
        return zichtbaar_per_rol(
            self, user, provincie="gemeente__provincie_id", gemeente="gemeente_id"
        )


class BerekendeLocatie(models.Model):
    """One location as the computation judged it (a copy of the facts it used)."""

    berekening = models.ForeignKey(
        Beschikbaarheidsberekening, on_delete=models.PROTECT, related_name="locaties"
    )
    locatie = models.ForeignKey(
        "locaties.Opvanglocatie", on_delete=models.PROTECT, related_name="berekeningen"
    )
    gemeente = models.ForeignKey("raming.Gemeente", on_delete=models.PROTECT, related_name="+")
    naam = models.CharField(_("naam"), max_length=200)
    fase = models.CharField(
        _("fase op de peildatum"),
        max_length=20,
        choices=Fase.choices,
        blank=True,
        help_text=_("Leeg: de locatie stond op de peildatum nog niet in het register."),
    )
    capaciteit_regulier = models.PositiveIntegerField(_("capaciteit regulier"))
    capaciteit_amv = models.PositiveIntegerField(_("capaciteit amv"))
    overeenkomst_gesloten_op = models.DateField(_("overeenkomst gesloten op"), null=True)
    beschikbaar_vanaf = models.DateField(_("beschikbaar vanaf"), null=True)
    beschikbaar_tot = models.DateField(_("beschikbaar tot"), null=True)
    coa_bevestigd = models.BooleanField(_("door COA bevestigd"))
    geteld = models.PositiveIntegerField(_("meegeteld"))
    telt = models.BooleanField(_("telt mee"))
    reden = models.CharField(
        _("reden"), max_length=30, choices=[(r.value, TEKST[r]) for r in Reden]
    )
    toelichting = models.CharField(_("toelichting"), max_length=500)

    objects = BerekendeLocatieQuerySet.as_manager()

    class Meta:
        ordering = ["berekening", "gemeente__naam", "-telt", "naam", "pk"]
        verbose_name = _("berekende locatie")
        verbose_name_plural = _("berekende locaties")
        constraints = [
            models.UniqueConstraint(
                fields=["berekening", "locatie"], name="berekende_locatie_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.naam}: {self.geteld} ({self.get_reden_display()})"

    @property
    def capaciteit(self) -> int:
        return self.capaciteit_regulier + self.capaciteit_amv
