"""Reference data (provinces, gemeenten, dated facts) and the capaciteitsraming.

Access: reference data and published ramingen are public; concept ramingen are visible to
ministry staff only (``Raming.objects.zichtbaar_voor``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .verdeelsleutel import METHODE_GROOTSTE_OVERSCHOT, METHODE_PER_GEMEENTE


class Provincie(models.Model):
    code = models.CharField(_("CBS-code"), max_length=4, unique=True)
    naam = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=50, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("provincie")
        verbose_name_plural = _("provincies")

    def __str__(self) -> str:
        return self.naam


class GemeenteQuerySet(models.QuerySet):
    def bestaand_op(self, datum):
        """The gemeenten of the indeling on ``datum``: not retired on or before that day."""
        return self.filter(
            Q(opgeheven_per__isnull=True) | Q(opgeheven_per__gt=datum),
            Q(ontstaan_per__isnull=True) | Q(ontstaan_per__lte=datum),
        )

    def bestaand(self):
        """The gemeenten of the current indeling (none retired)."""
        return self.filter(opgeheven_per__isnull=True)


class Gemeente(models.Model):
    """A gemeente of the CBS indeling. A gemeente that merges is never deleted: it is retired
    ``opgeheven_per`` (the first day it no longer exists) with its ``opvolger``, so cycles
    already decided keep it and its figures. A gemeente formed by a merger is ``ontstaan_per``
    that date."""

    code = models.CharField(_("CBS-code"), max_length=6, unique=True, help_text="Bijv. GM0363")
    naam = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    provincie = models.ForeignKey(
        Provincie, on_delete=models.PROTECT, related_name="gemeenten", verbose_name=_("provincie")
    )
    ontstaan_per = models.DateField(
        _("ontstaan per"),
        null=True,
        blank=True,
        help_text=_("Voor een gemeente die door een herindeling is ontstaan: die datum."),
    )
    opgeheven_per = models.DateField(
        _("opgeheven per"),
        null=True,
        blank=True,
        help_text=_("De datum van de herindeling: vanaf die dag bestaat de gemeente niet meer."),
    )
    opvolger = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="voorgangers",
        verbose_name=_("opgegaan in"),
    )
    history = HistoricalRecords()

    objects = GemeenteQuerySet.as_manager()

    class Meta:
        ordering = ["naam"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^GM[0-9]{4}$"), name="gemeente_code_formaat"
            ),
            models.CheckConstraint(
                condition=Q(opgeheven_per__isnull=True, opvolger__isnull=True)
                | Q(opgeheven_per__isnull=False, opvolger__isnull=False),
                name="gemeente_opgeheven_met_opvolger",
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class Inwonertal(models.Model):
    """Population of a gemeente on a reference date (CBS, 1 January)."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="inwonertallen")
    peildatum = models.DateField(_("peildatum"))
    aantal = models.PositiveIntegerField(_("inwoners"))
    bron = models.CharField(_("bron"), max_length=200, default="CBS")
    tabel = models.CharField(_("CBS-tabel"), max_length=20, blank=True, help_text="Bijv. 85539NED")
    periode = models.CharField(_("periode"), max_length=20, blank=True, help_text="Bijv. 2022*")
    voorlopig = models.BooleanField(_("voorlopig cijfer"), default=False)
    downloaddatum = models.DateField(_("gedownload op"), null=True, blank=True)
    afleiding = models.TextField(
        _("afleiding"), blank=True, help_text=_("Bijv. gewogen gemiddelde van de voorgangers.")
    )
    cbs_import = models.ForeignKey(
        "CbsImport", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["gemeente__naam", "-peildatum"]
        verbose_name = _("inwonertal")
        verbose_name_plural = _("inwonertallen")
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "peildatum"], name="inwonertal_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.peildatum:%d-%m-%Y}: {self.aantal}"


class SesWoaScore(models.Model):
    """CBS SES-WOA total score of a gemeente for a year."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="ses_scores")
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    score = models.DecimalField(_("SES-WOA-score"), max_digits=6, decimal_places=3)
    bron = models.CharField(_("bron"), max_length=200, default="CBS StatLine")
    tabel = models.CharField(_("CBS-tabel"), max_length=20, blank=True, help_text="Bijv. 85539NED")
    periode = models.CharField(_("periode"), max_length=20, blank=True, help_text="Bijv. 2022*")
    voorlopig = models.BooleanField(_("voorlopig cijfer"), default=False)
    downloaddatum = models.DateField(_("gedownload op"), null=True, blank=True)
    afleiding = models.TextField(
        _("afleiding"), blank=True, help_text=_("Bijv. gewogen gemiddelde van de voorgangers.")
    )
    cbs_import = models.ForeignKey(
        "CbsImport", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["gemeente__naam", "-jaar"]
        verbose_name = _("SES-WOA-score")
        verbose_name_plural = _("SES-WOA-scores")
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "jaar"], name="ses_score_uniek"),
            models.CheckConstraint(condition=Q(score__gt=-1), name="ses_score_groter_dan_min_een"),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.jaar}: {self.score}"


class Wetscyclus(models.Model):
    """One two-year cycle of the Spreidingswet, named by its year (2024, 2026, …)."""

    jaar = models.PositiveSmallIntegerField(_("jaar"), unique=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=200, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-jaar"]
        verbose_name = _("wetscyclus")
        verbose_name_plural = _("wetscycli")

    def __str__(self) -> str:
        return f"Wetscyclus {self.jaar}"


class RamingQuerySet(models.QuerySet):
    def openbaar(self):
        return self.filter(status=Raming.Status.GEPUBLICEERD)

    def zichtbaar_voor(self, user):
        if getattr(user, "is_authenticated", False) and getattr(user, "is_ministerie", False):
            return self
        return self.openbaar()


class Raming(models.Model):
    """A version of the capaciteitsraming of a cycle. Frozen from *vastgesteld* on."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        UITGESTELD = "uitgesteld", _("Publicatie uitgesteld")
        VASTGESTELD = "vastgesteld", _("Vastgesteld")
        GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")

    class Afronding(models.TextChoices):
        PER_GEMEENTE = METHODE_PER_GEMEENTE, _("Per gemeente afgerond (praktijk 2024)")
        GROOTSTE_OVERSCHOT = METHODE_GROOTSTE_OVERSCHOT, _("Grootste overschot (telt op tot R)")

    cyclus = models.ForeignKey(Wetscyclus, on_delete=models.PROTECT, related_name="ramingen")
    versie = models.PositiveSmallIntegerField(_("versie"), default=1)
    vorige_versie = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="volgende_versies"
    )
    wijzigingsreden = models.TextField(_("reden van de wijziging"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    landelijk_aantal = models.PositiveIntegerField(_("landelijk aantal (R)"), null=True, blank=True)
    amv_aantal = models.PositiveIntegerField(_("waarvan amv"), null=True, blank=True)
    peildatum_inwoners = models.DateField(_("peildatum inwonertal"), null=True, blank=True)
    ses_jaar = models.PositiveSmallIntegerField(_("SES-WOA-jaar"), null=True, blank=True)
    afrondingsmethode = models.CharField(
        _("afrondingsmethode"),
        max_length=30,
        choices=Afronding.choices,
        default=Afronding.PER_GEMEENTE,
    )
    zonder_ses = models.BooleanField(
        _("berekend zonder SES-WOA"),
        default=False,
        help_text=_("De verdeling is alleen op inwonertal berekend (SES-WOA ontbrak)."),
    )
    historisch = models.BooleanField(
        _("historische registratie"),
        default=False,
        help_text=_("Vastgelegd zoals gepubliceerd; niet door Regietafel berekend."),
    )
    berekend_op = models.DateTimeField(_("berekend op"), null=True, blank=True)
    vastgesteld_op = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    gepubliceerd_op = models.DateField(_("publicatiedatum"), null=True, blank=True)
    staatscourant_referentie = models.CharField(
        _("Staatscourant-referentie"), max_length=100, blank=True
    )
    uitgesteld_op = models.DateField(_("uitgesteld op"), null=True, blank=True)
    uitstel_reden = models.TextField(_("reden van uitstel"), blank=True)
    uitstel_kamerbrief = models.CharField(_("Kamerbrief"), max_length=200, blank=True)
    # The recorded, reasoned exception for gemeenten without inputs (issue 14): vaststellen is
    # allowed only when exactly these gemeenten lack inputs; shown wherever the figures are.
    uitzondering_reden = models.TextField(_("reden van de uitzondering"), blank=True)
    uitzondering_gemeenten = models.JSONField(
        _("gemeenten zonder invoer (uitzondering)"), default=list, blank=True
    )
    uitzondering_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uitzondering_op = models.DateTimeField(_("uitzondering vastgelegd op"), null=True, blank=True)
    invoerbesluit = models.ForeignKey(
        "Invoerbesluit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ramingen",
        verbose_name=_("invoerbesluit (MPP/capaciteitsbesluit)"),
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = RamingQuerySet.as_manager()

    class Meta:
        ordering = ["-cyclus__jaar", "-versie"]
        verbose_name = _("capaciteitsraming")
        verbose_name_plural = _("capaciteitsramingen")
        constraints = [
            models.UniqueConstraint(fields=["cyclus", "versie"], name="raming_versie_uniek")
        ]

    def __str__(self) -> str:
        return f"Capaciteitsraming {self.cyclus.jaar} v{self.versie}"

    @property
    def is_bevroren(self) -> bool:
        return self.status in (self.Status.VASTGESTELD, self.Status.GEPUBLICEERD)


class GemeenteVerdeling(models.Model):
    """The indicative number of one gemeente in one raming, with the inputs it came from."""

    raming = models.ForeignKey(Raming, on_delete=models.CASCADE, related_name="gemeenten")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="verdelingen")
    inwoners = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    ses_woa = models.DecimalField(
        _("SES-WOA"), max_digits=6, decimal_places=3, null=True, blank=True
    )
    gewicht = models.DecimalField(_("gewicht"), max_digits=20, decimal_places=6, null=True)
    exact = models.DecimalField(_("exact aandeel"), max_digits=16, decimal_places=6, null=True)
    aantal = models.PositiveIntegerField(_("indicatief aantal"))
    amv = models.PositiveIntegerField(_("waarvan amv"), default=0)
    meerjarig_beschikbaar = models.PositiveIntegerField(
        _("meerjarig beschikbaar"), null=True, blank=True
    )

    class Meta:
        ordering = ["gemeente__naam"]
        verbose_name = _("indicatieve verdeling gemeente")
        verbose_name_plural = _("indicatieve verdeling gemeenten")
        constraints = [
            models.UniqueConstraint(fields=["raming", "gemeente"], name="verdeling_gemeente_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.gemeente}: {self.aantal}"


class Herkomst(models.TextChoices):
    """Where a figure comes from (issue 18): a recorded fact with its source, a figure
    Regietafel computed from recorded inputs, or an illustrative figure (the demo's)."""

    VASTGELEGD = "vastgelegd", _("Vastgelegd feit")
    BEREKEND = "berekend", _("Berekend door Regietafel")
    ILLUSTRATIEF = "illustratief", _("Illustratief")


class HerkomstVelden(models.Model):
    """The provenance of a figure as fields: what kind, the source, its reference date and a
    link to it. Shown wherever the figure is."""

    herkomst = models.CharField(
        _("herkomst"), max_length=20, choices=Herkomst.choices, default=Herkomst.VASTGELEGD
    )
    bron = models.CharField(_("bron"), max_length=300, blank=True)
    bron_peildatum = models.DateField(_("peildatum van de bron"), null=True, blank=True)
    bron_url = models.URLField(_("vindplaats (URL)"), max_length=300, blank=True)

    class Meta:
        abstract = True


class ProvincieVerdeling(HerkomstVelden):
    """The provinciale opgave of one province in one raming, with where it comes from."""

    raming = models.ForeignKey(Raming, on_delete=models.CASCADE, related_name="provincies")
    provincie = models.ForeignKey(Provincie, on_delete=models.PROTECT, related_name="opgaven")
    opgave = models.PositiveIntegerField(_("provinciale opgave"))
    # None = not recorded ("onbekend"), never 0: the 2024 raming was published without the
    # provincial amv and meerjarig beschikbaar; nog te realiseren is then unknown too.
    amv = models.PositiveIntegerField(_("waarvan amv"), null=True, blank=True)
    meerjarig_beschikbaar = models.PositiveIntegerField(
        _("meerjarig beschikbaar"), null=True, blank=True
    )
    nog_te_realiseren = models.PositiveIntegerField(_("nog te realiseren"), null=True, blank=True)

    class Meta:
        ordering = ["provincie__code"]
        verbose_name = _("provinciale opgave")
        verbose_name_plural = _("provinciale opgaven")
        constraints = [
            models.UniqueConstraint(
                fields=["raming", "provincie"], name="verdeling_provincie_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provincie}: {self.opgave}"


class Mijlpaal(models.Model):
    """A statutory milestone of a cycle (raming, verslag, verdeelbesluit, realisatie).

    ``oorspronkelijke_datum`` is the date the rules gave; ``datum`` the one in force after an
    edit with a reason. Extensions of the verslag deadline are ``regietafels.Termijnverlenging``.
    """

    class Soort(models.TextChoices):
        RAMING = "raming", _("Capaciteitsraming gepubliceerd")
        VERSLAG = "verslag", _("Verslag provinciale regietafel")
        VERDEELBESLUIT = "verdeelbesluit", _("Verdeelbesluit")
        REALISATIE = "realisatie", _("Realisatie (aanbod aan COA)")

    cyclus = models.ForeignKey(Wetscyclus, on_delete=models.CASCADE, related_name="mijlpalen")
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    oorspronkelijke_datum = models.DateField(_("oorspronkelijke datum"))
    datum = models.DateField(_("datum"))
    grondslag = models.TextField(_("wettelijke grondslag"), blank=True)
    wijzigingsreden = models.TextField(_("reden van wijziging"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["cyclus", "datum"]
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("mijlpalen")
        constraints = [
            models.UniqueConstraint(fields=["cyclus", "soort"], name="mijlpaal_uniek_per_cyclus")
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.cyclus.jaar}: {self.datum:%d-%m-%Y}"


class Invoerbesluit(models.Model):
    """An input of the raming: the COA's MPP or capaciteitsbesluit (national and amv number)."""

    class Soort(models.TextChoices):
        MPP = "mpp", _("Meerjaren Productie Prognose (MPP)")
        CAPACITEITSBESLUIT = "capaciteitsbesluit", _("Capaciteitsbesluit COA")
        MPP_EN_CAPACITEITSBESLUIT = "mpp_capaciteitsbesluit", _("MPP en capaciteitsbesluit COA")

    cyclus = models.ForeignKey(Wetscyclus, on_delete=models.CASCADE, related_name="invoerbesluiten")
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)
    datum = models.DateField(_("datum"))
    referentie = models.CharField(_("referentie"), max_length=200, blank=True)
    landelijk_aantal = models.PositiveIntegerField(_("landelijk aantal"))
    amv_aantal = models.PositiveIntegerField(_("waarvan amv"), default=0)
    toelichting = models.TextField(
        _("toelichting"), blank=True, help_text=_("Bijv. welke aanname voor het amv-aandeel.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["cyclus", "-datum", "-pk"]
        verbose_name = _("invoerbesluit (MPP/capaciteitsbesluit)")
        verbose_name_plural = _("invoerbesluiten (MPP/capaciteitsbesluit)")
        constraints = [
            models.CheckConstraint(
                condition=Q(amv_aantal__lte=models.F("landelijk_aantal")),
                name="invoerbesluit_amv_niet_groter_dan_totaal",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.datum:%d-%m-%Y}: {self.landelijk_aantal}"


class MeerjarigBeschikbaar(HerkomstVelden):
    """Places available for several years on a reference date, per gemeente or (when only
    that is known) per province. Exactly one of ``gemeente`` / ``provincie`` is set."""

    cyclus = models.ForeignKey(
        Wetscyclus, on_delete=models.CASCADE, related_name="meerjarig_beschikbaar"
    )
    gemeente = models.ForeignKey(
        Gemeente, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    provincie = models.ForeignKey(
        Provincie, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aantal = models.PositiveIntegerField(_("meerjarig beschikbare plekken"))
    peildatum = models.DateField(_("peildatum"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["cyclus", "provincie__code", "gemeente__naam"]
        verbose_name = _("meerjarig beschikbaar")
        verbose_name_plural = _("meerjarig beschikbaar")
        constraints = [
            models.CheckConstraint(
                condition=(Q(gemeente__isnull=False) & Q(provincie__isnull=True))
                | (Q(gemeente__isnull=True) & Q(provincie__isnull=False)),
                name="beschikbaar_gemeente_of_provincie",
            ),
            models.UniqueConstraint(
                fields=["cyclus", "gemeente"],
                condition=Q(gemeente__isnull=False),
                name="beschikbaar_uniek_per_gemeente",
            ),
            models.UniqueConstraint(
                fields=["cyclus", "provincie"],
                condition=Q(provincie__isnull=False),
                name="beschikbaar_uniek_per_provincie",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente or self.provincie}: {self.aantal}"


class Gemeentefusie(models.Model):
    """One predecessor of a municipal merger (herindeling): its CBS code maps to the successor
    from ``datum`` on. Facts published by CBS ("Bron: CBS"). A successor without a value of its
    own gets one derived from its predecessors on import (``raming.cbs_import``)."""

    voorganger_code = models.CharField(_("code voorganger"), max_length=6, unique=True)
    voorganger_naam = models.CharField(_("naam voorganger"), max_length=100)
    opvolger_code = models.CharField(_("code opvolger"), max_length=6)
    opvolger_naam = models.CharField(_("naam opvolger"), max_length=100)
    datum = models.DateField(_("datum van de herindeling"))
    inwoners = models.PositiveIntegerField(
        _("inwoners van de voorganger"),
        null=True,
        blank=True,
        help_text=_("Het gewicht voor het gemiddelde van de SES-WOA-score van de opvolger."),
    )
    inwoners_peildatum = models.DateField(_("peildatum inwoners"), null=True, blank=True)
    bron = models.CharField(_("bron"), max_length=200, default="Bron: CBS")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-datum", "opvolger_naam", "voorganger_naam"]
        verbose_name = _("gemeentelijke herindeling")
        verbose_name_plural = _("gemeentelijke herindelingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(voorganger_code__regex=r"^GM[0-9]{4}$")
                & Q(opvolger_code__regex=r"^GM[0-9]{4}$"),
                name="fusie_codes_formaat",
            ),
            models.CheckConstraint(
                condition=~Q(voorganger_code=models.F("opvolger_code")),
                name="fusie_voorganger_is_niet_opvolger",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voorganger_naam} → {self.opvolger_naam} ({self.datum:%d-%m-%Y})"


class CbsImport(models.Model):
    """An uploaded CBS StatLine file: previewed, then applied (atomically) or cancelled."""

    class Soort(models.TextChoices):
        SES_WOA = "ses_woa", _("SES-WOA-scores")
        INWONERS = "inwoners", _("Inwonertallen (en gemeentelijke indeling)")

    class Status(models.TextChoices):
        VOORBEELD = "voorbeeld", _("Voorbeeld")
        TOEGEPAST = "toegepast", _("Toegepast")
        GEANNULEERD = "geannuleerd", _("Geannuleerd")

    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.VOORBEELD
    )
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    inhoud = models.TextField(_("inhoud van het bestand"))
    tabel = models.CharField(_("CBS-tabel"), max_length=20, blank=True)
    periode = models.CharField(_("periode"), max_length=20, blank=True)
    jaar = models.PositiveSmallIntegerField(_("jaar"), null=True, blank=True)
    peildatum = models.DateField(_("peildatum"), null=True, blank=True)
    downloaddatum = models.DateField(_("gedownload op"), null=True, blank=True)
    samenvatting = models.JSONField(_("samenvatting"), default=dict, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    afgehandeld_op = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["inhoud"])

    class Meta:
        ordering = ["-aangemaakt_op"]
        verbose_name = _("CBS-import")
        verbose_name_plural = _("CBS-imports")

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.tabel or self.bestandsnaam} ({self.status})"
