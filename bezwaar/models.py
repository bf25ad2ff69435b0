"""Bezwaar against a beschikking verdeelbesluit: the case, its attachments, its postponements.

A bezwaar is lodged against one gemeente's beschikking: its row (``VerdeelbesluitRegel``) in a
fixed version of the verdeelbesluit. The facts are recorded (when it was received, the grounds,
the hearing, the decision); the terms are derived from them in ``termijnen.py``. Nothing is
erased: a postponement, a consent to further delay, an excuse for lateness and the decision are
records with who and when, and the history of every change is kept.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.rechten import zichtbaar_per_rol
from core.grenzen import DATUM
from core.models import Bestandsbijlage


class BezwaarQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """The one access rule: ministry and COA see every bezwaar; a PRT secretary those about
        a gemeente of its province; a gemeente user those about its own beschikking."""
        return zichtbaar_per_rol(
            self, user, provincie="gemeente__provincie_id", gemeente="gemeente_id"
        )

    def open(self):
        return self.filter(status=Bezwaar.Status.IN_BEHANDELING)


class Bezwaar(models.Model):
    class Status(models.TextChoices):
        IN_BEHANDELING = "in_behandeling", _("In behandeling")
        BESLIST = "beslist", _("Beslist")
        INGETROKKEN = "ingetrokken", _("Ingetrokken")

    class Indiener(models.TextChoices):
        GEMEENTE = "gemeente", _("Gemeente")
        PROVINCIE = "provincie", _("Provincie")

    class Wijze(models.TextChoices):
        APP = "app", _("In Regietafel ingediend")
        POST = "post", _("Per post of e-mail ontvangen")

    class Uitkomst(models.TextChoices):
        NIET_ONTVANKELIJK = "niet_ontvankelijk", _("Niet-ontvankelijk")
        ONGEGROND = "ongegrond", _("Ongegrond")
        GEDEELTELIJK_GEGROND = "gedeeltelijk_gegrond", _("Gedeeltelijk gegrond")
        GEGROND = "gegrond", _("Gegrond")

    class AfzienHoren(models.TextChoices):
        # Awb 7:3 a-e
        KENNELIJK_NIET_ONTVANKELIJK = "a", _("Het bezwaar is kennelijk niet-ontvankelijk (7:3 a)")
        KENNELIJK_ONGEGROND = "b", _("Het bezwaar is kennelijk ongegrond (7:3 b)")
        AFGEZIEN = "c", _("De indiener heeft verklaard niet te willen worden gehoord (7:3 c)")
        GEEN_REACTIE = (
            "d",
            _(
                "De indiener heeft niet binnen de gestelde termijn laten weten te willen worden "
                "gehoord (7:3 d)"
            ),
        )
        VOLLEDIG_TEGEMOET = (
            "e",
            _("Aan het bezwaar wordt volledig tegemoetgekomen zonder nadeel voor anderen (7:3 e)"),
        )

    kenmerk = models.CharField(_("kenmerk"), max_length=30, unique=True)
    regel = models.ForeignKey(
        "regietafels.VerdeelbesluitRegel",
        on_delete=models.PROTECT,
        related_name="bezwaren",
        verbose_name=_("beschikking (regel van het verdeelbesluit)"),
    )
    gemeente = models.ForeignKey(
        "raming.Gemeente", on_delete=models.PROTECT, related_name="bezwaren"
    )
    indiener = models.CharField(_("indiener"), max_length=20, choices=Indiener.choices)
    indiener_provincie = models.ForeignKey(
        "raming.Provincie",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bezwaren",
        verbose_name=_("indienende provincie"),
    )
    wijze = models.CharField(_("ontvangen"), max_length=10, choices=Wijze.choices)
    bekendgemaakt_op = models.DateField(_("bekendgemaakt op"), validators=DATUM)
    ontvangen_op = models.DateField(_("ontvangen op"), validators=DATUM)
    verzonden_op = models.DateField(
        _("ter post bezorgd op"), null=True, blank=True, validators=DATUM
    )
    gronden = models.TextField(_("gronden"))
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    ingediend_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    te_laat = models.BooleanField(_("na de bezwaartermijn ontvangen"), default=False)
    verschoonbaar = models.BooleanField(_("termijnoverschrijding verschoonbaar"), default=False)
    verschoonbaar_reden = models.TextField(_("reden verschoonbaarheid"), blank=True)
    adviescommissie = models.BooleanField(_("adviescommissie (Awb 7:13)"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_BEHANDELING
    )
    # the hearing (Awb 7:2), or the ground to skip it (7:3)
    gehoord_op = models.DateField(_("hoorzitting op"), null=True, blank=True, validators=DATUM)
    afzien_horen = models.CharField(
        _("afgezien van horen"), max_length=1, choices=AfzienHoren.choices, blank=True
    )
    afzien_horen_toelichting = models.TextField(_("toelichting afzien van horen"), blank=True)
    # the decision
    uitkomst = models.CharField(
        _("beslissing"), max_length=25, choices=Uitkomst.choices, blank=True
    )
    motivering = models.TextField(_("motivering"), blank=True)
    beslist_op = models.DateField(_("beslist op"), null=True, blank=True, validators=DATUM)
    beslist_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    nieuw_aantal = models.PositiveIntegerField(_("nieuw aantal"), null=True, blank=True)
    nieuw_verdeelbesluit = models.ForeignKey(
        "regietafels.Verdeelbesluit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bezwaren_gegrond",
        verbose_name=_("nieuwe versie van het verdeelbesluit"),
    )
    # withdrawn by the indiener (Awb 6:21), or its withdrawal by post recorded by the ministry
    ingetrokken_op = models.DateField(_("ingetrokken op"), null=True, blank=True, validators=DATUM)
    intrekking_reden = models.TextField(_("reden van de intrekking"), blank=True)
    ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    objects = BezwaarQuerySet.as_manager()

    class Meta:
        ordering = ["-ontvangen_op", "-pk"]
        verbose_name = _("bezwaar")
        verbose_name_plural = _("bezwaren")
        constraints = [
            models.CheckConstraint(
                name="bezwaar_provincie_bij_provincie",
                condition=Q(indiener="gemeente", indiener_provincie__isnull=True)
                | Q(indiener="provincie", indiener_provincie__isnull=False),
            ),
            models.CheckConstraint(
                name="bezwaar_beslist_met_uitkomst",
                condition=Q(status="in_behandeling", uitkomst="")
                | Q(status="beslist", beslist_op__isnull=False) & ~Q(uitkomst="")
                | Q(status="ingetrokken", uitkomst="", ingetrokken_op__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kenmerk} ({self.gemeente})"

    @property
    def indiener_naam(self) -> str:
        if self.indiener == self.Indiener.PROVINCIE and self.indiener_provincie_id:
            return f"Provincie {self.indiener_provincie}"
        return f"Gemeente {self.gemeente}"

    @property
    def gehoord_of_afgezien(self) -> bool:
        return self.gehoord_op is not None or bool(self.afzien_horen)


def bijlage_pad(instance, filename: str) -> str:  # named by migration 0001
    return instance.opslagpad(filename)


class BijlageQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        return self.filter(bezwaar__in=Bezwaar.objects.zichtbaar_voor(user))


class BezwaarBijlage(Bestandsbijlage):
    """A document of the case (the bezwaarschrift, grounds, the minutes of the hearing);
    stored privately and served only through a view that applies the access rule."""

    class Soort(models.TextChoices):
        BEZWAARSCHRIFT = "bezwaarschrift", _("Bezwaarschrift of aanvulling")
        HOORVERSLAG = "hoorverslag", _("Verslag van de hoorzitting")

    bezwaar = models.ForeignKey(Bezwaar, on_delete=models.PROTECT, related_name="bijlagen")
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    history = HistoricalRecords()

    objects = BijlageQuerySet.as_manager()

    class Meta:
        ordering = ["bezwaar", "toegevoegd_op"]
        verbose_name = _("bijlage bij bezwaar")
        verbose_name_plural = _("bijlagen bij bezwaren")

    def opslagpad(self, filename: str) -> str:
        return f"bezwaren/{self.bezwaar_id}/{uuid.uuid4().hex}"


class UitstelQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        return self.filter(bezwaar__in=Bezwaar.objects.zichtbaar_voor(user))


class Uitstel(models.Model):
    """A postponement of the decision: the one verdaging of Awb 7:10 lid 3, or a further delay
    with the indiener's recorded consent (lid 4)."""

    class Soort(models.TextChoices):
        VERDAGING = "verdaging", _("Verdaging met zes weken (Awb 7:10 lid 3)")
        INSTEMMING = "instemming", _("Verder uitstel met instemming van de indiener (7:10 lid 4)")

    bezwaar = models.ForeignKey(Bezwaar, on_delete=models.PROTECT, related_name="uitstellen")
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    nieuwe_datum = models.DateField(_("beslissen uiterlijk op"), validators=DATUM)
    reden = models.TextField(_("reden"))
    instemming = models.TextField(_("instemming van de indiener"), blank=True)
    instemming_op = models.DateField(
        _("instemming gegeven op"), null=True, blank=True, validators=DATUM
    )
    # Awb 7:10 lid 4: further delay only when no other belanghebbende can be harmed by it
    geen_nadeel = models.TextField(
        _("waarom andere belanghebbenden niet worden geschaad"), blank=True
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    history = HistoricalRecords()

    objects = UitstelQuerySet.as_manager()

    class Meta:
        ordering = ["bezwaar", "op", "pk"]
        verbose_name = _("uitstel van de beslissing")
        verbose_name_plural = _("uitstel van beslissingen")
        constraints = [
            models.UniqueConstraint(
                fields=["bezwaar"],
                condition=Q(soort="verdaging"),
                name="bezwaar_een_verdaging",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} tot {self.nieuwe_datum:%d-%m-%Y}"


class GelijkgesteldeDag(models.Model):
    """A day equated with a generally recognised holiday by royal decree (Algemene
    termijnenwet art. 3 lid 3; the decree is published in the Staatscourant)."""

    datum = models.DateField(_("datum"), unique=True, validators=DATUM)
    besluit = models.CharField(_("besluit (Staatscourant)"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["datum"]
        verbose_name = _("gelijkgestelde dag (Atw)")
        verbose_name_plural = _("gelijkgestelde dagen (Atw)")

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y}"
