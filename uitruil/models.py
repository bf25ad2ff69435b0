"""Uitruil: exchange agreements between gemeenten of one province, and their starting numbers.

An exchange (``Uitruil``) has two or more party rows (``UitruilPartij``): for each gemeente, the
task it takes on (``neemt_op``) or gives up (``geeft_af``) and how many. Every other party
consents; the PRT secretary confirms. Every step is an ``UitruilStap`` (the timeline).

Access: ``Uitruil.objects.zichtbaar_voor(user)`` is the one rule for pages, API, exports and admin.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Taak(models.TextChoices):
    ASIELOPVANG = "asielopvang", _("Asielopvang")
    AMV = "amv", _("Amv (alleenstaande minderjarige vreemdelingen)")
    STATUSHOUDERS = "statushouders", _("Huisvesting statushouders")
    OEKRAINE = "oekraine", _("Opvang Oekraïense ontheemden")


class Richting(models.TextChoices):
    NEEMT_OP = "neemt_op", _("neemt op")
    GEEFT_AF = "geeft_af", _("geeft af")


class UitruilQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """Ministry and COA: all. PRT secretary: its own province. Gemeente user: exchanges
        where its gemeente is a party, plus the confirmed ones of its province. Others: none."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_ministerie or user.is_coa:
            return self
        if user.is_prt:
            return self.filter(provincie_id=user.provincie_id)
        if user.is_gemeente and user.gemeente_id:
            partij = UitruilPartij.objects.filter(gemeente_id=user.gemeente_id).values("uitruil_id")
            return self.filter(
                Q(pk__in=partij)
                | Q(provincie_id=user.eigen_provincie_id, status=Uitruil.Status.BEVESTIGD)
            )
        return self.none()

    def bevestigd(self):
        return self.filter(status=Uitruil.Status.BEVESTIGD)


class Uitruil(models.Model):
    class Status(models.TextChoices):
        VOORGESTELD = "voorgesteld", _("Voorgesteld")
        GEACCEPTEERD = "geaccepteerd", _("Door alle partijen geaccepteerd")
        BEVESTIGD = "bevestigd", _("Bevestigd door de regietafel")
        TERUGGESTUURD = "teruggestuurd", _("Teruggestuurd door de regietafel")
        AFGEWEZEN = "afgewezen", _("Afgewezen door een partij")
        INGETROKKEN = "ingetrokken", _("Ingetrokken")
        GEANNULEERD = "geannuleerd", _("Geannuleerd na bevestiging")

    OPEN_STATUSSEN = (Status.VOORGESTELD, Status.GEACCEPTEERD)

    cyclus = models.ForeignKey(
        "raming.Wetscyclus", on_delete=models.PROTECT, related_name="uitruilen"
    )
    provincie = models.ForeignKey(
        "raming.Provincie", on_delete=models.PROTECT, related_name="uitruilen"
    )
    voorgesteld_door_gemeente = models.ForeignKey(
        "raming.Gemeente",
        on_delete=models.PROTECT,
        related_name="voorgestelde_uitruilen",
        verbose_name=_("voorgesteld door (gemeente)"),
    )
    voorgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("voorgesteld door"),
    )
    motivatie = models.TextField(_("motivatie"))
    periode_van = models.DateField(_("periode van"), null=True, blank=True)
    periode_tot = models.DateField(_("periode tot"), null=True, blank=True)
    verhouding_asielopvang = models.PositiveIntegerField(
        _("verhouding: asielopvang"),
        default=1,
        help_text=_("Linkerkant van de verhouding (standaard 1 : 1)."),
    )
    verhouding_tegenprestatie = models.PositiveIntegerField(
        _("verhouding: tegenprestatie"),
        default=1,
        help_text=_("Rechterkant van de verhouding (standaard 1 : 1)."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.VOORGESTELD
    )
    versie = models.PositiveIntegerField(
        _("versie"), default=1, help_text=_("Telt op bij elke stap; voorkomt dubbele stappen.")
    )
    voorgesteld_op = models.DateTimeField(_("voorgesteld op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    bevestigd_op = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    bevestigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    objects = UitruilQuerySet.as_manager()

    class Meta:
        ordering = ["-voorgesteld_op", "-pk"]
        verbose_name = _("uitruilafspraak")
        verbose_name_plural = _("uitruilafspraken")
        constraints = [
            models.CheckConstraint(
                condition=Q(verhouding_asielopvang__gt=0) & Q(verhouding_tegenprestatie__gt=0),
                name="uitruil_verhouding_positief",
            ),
            models.CheckConstraint(
                condition=Q(periode_van__isnull=True)
                | Q(periode_tot__isnull=True)
                | Q(periode_tot__gte=models.F("periode_van")),
                name="uitruil_periode_oplopend",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["bevestigd", "geannuleerd"])
                | Q(bevestigd_op__isnull=False),
                name="uitruil_bevestigd_heeft_datum",
            ),
        ]

    def __str__(self) -> str:
        return f"Uitruil {self.pk} ({self.provincie}, {self.get_status_display().lower()})"

    @property
    def verhouding(self) -> str:
        return f"{self.verhouding_asielopvang} : {self.verhouding_tegenprestatie}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSSEN


class UitruilPartij(models.Model):
    class Instemming(models.TextChoices):
        OPEN = "open", _("Wacht op reactie")
        GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd")
        AFGEWEZEN = "afgewezen", _("Afgewezen")

    uitruil = models.ForeignKey(Uitruil, on_delete=models.CASCADE, related_name="partijen")
    gemeente = models.ForeignKey(
        "raming.Gemeente", on_delete=models.PROTECT, related_name="uitruilpartijen"
    )
    taak = models.CharField(_("taak"), max_length=20, choices=Taak.choices)
    richting = models.CharField(_("richting"), max_length=10, choices=Richting.choices)
    aantal = models.PositiveIntegerField(_("aantal"))
    instemming = models.CharField(
        _("instemming"), max_length=15, choices=Instemming.choices, default=Instemming.OPEN
    )
    reden = models.TextField(_("reden"), blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    op = models.DateTimeField(_("gereageerd op"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["uitruil", "pk"]
        verbose_name = _("partij in een uitruil")
        verbose_name_plural = _("partijen in een uitruil")
        constraints = [
            models.CheckConstraint(condition=Q(aantal__gt=0), name="uitruilpartij_aantal_positief"),
            models.UniqueConstraint(
                fields=["uitruil", "gemeente", "taak"], name="uitruilpartij_taak_eenmaal"
            ),
            models.CheckConstraint(
                condition=~Q(instemming="afgewezen") | ~Q(reden=""),
                name="uitruilpartij_afwijzing_met_reden",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.gemeente} {self.get_richting_display()} {self.aantal} {self.get_taak_display()}"
        )

    @property
    def mutatie(self) -> int:
        """The signed change of this row for its gemeente: + takes on, − gives up."""
        return self.aantal if self.richting == Richting.NEEMT_OP else -self.aantal


class UitruilStap(models.Model):
    """One step in the life of an exchange (the timeline)."""

    class Soort(models.TextChoices):
        VOORGESTELD = "voorgesteld", _("Voorgesteld")
        GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd")
        AFGEWEZEN = "afgewezen", _("Afgewezen")
        INGETROKKEN = "ingetrokken", _("Ingetrokken")
        BEVESTIGD = "bevestigd", _("Bevestigd")
        TERUGGESTUURD = "teruggestuurd", _("Teruggestuurd")
        GEANNULEERD = "geannuleerd", _("Geannuleerd")

    uitruil = models.ForeignKey(Uitruil, on_delete=models.CASCADE, related_name="stappen")
    versie = models.PositiveIntegerField(_("versie na deze stap"))
    soort = models.CharField(_("stap"), max_length=20, choices=Soort.choices)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    gemeente = models.ForeignKey(
        "raming.Gemeente",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("De gemeente namens wie de stap is gezet (leeg: de regietafel)."),
    )
    op = models.DateTimeField(_("op"), auto_now_add=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["uitruil", "versie"]
        verbose_name = _("stap in een uitruil")
        verbose_name_plural = _("stappen in een uitruil")
        constraints = [
            # Two transitions racing from the same version cannot both be recorded.
            models.UniqueConstraint(fields=["uitruil", "versie"], name="uitruilstap_versie_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.op:%d-%m-%Y %H:%M})"


class Taakstelling(models.Model):
    """The starting number of a gemeente for a task outside the raming (statushouders, Oekraïne)."""

    class TaakstellingTaak(models.TextChoices):
        STATUSHOUDERS = Taak.STATUSHOUDERS.value, Taak.STATUSHOUDERS.label
        OEKRAINE = Taak.OEKRAINE.value, Taak.OEKRAINE.label

    gemeente = models.ForeignKey(
        "raming.Gemeente", on_delete=models.PROTECT, related_name="taakstellingen"
    )
    cyclus = models.ForeignKey(
        "raming.Wetscyclus", on_delete=models.PROTECT, related_name="taakstellingen"
    )
    taak = models.CharField(_("taak"), max_length=20, choices=TaakstellingTaak.choices)
    aantal = models.PositiveIntegerField(_("aantal"))
    bron = models.CharField(_("bron"), max_length=200, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["gemeente__naam", "taak"]
        verbose_name = _("taakstelling")
        verbose_name_plural = _("taakstellingen")
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "cyclus", "taak"], name="taakstelling_uniek"
            ),
            models.CheckConstraint(
                condition=Q(taak__in=["statushouders", "oekraine"]),
                name="taakstelling_taak_geldig",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.get_taak_display()} {self.cyclus.jaar}: {self.aantal}"
