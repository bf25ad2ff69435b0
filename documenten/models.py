"""The documents the cycle's legal acts produce: frozen PDF/A files with their hash.

A ``Document`` belongs to the object whose act it records (the ``onderwerp``: a gemeente's row
of a verdeelbesluit version, a raming version, a submitted verslag version, a bezwaar's
decision). The link is a generic relation (contenttypes) because the subjects live in apps on
both sides of this one: ``bezwaar`` sits above ``documenten`` and cannot be a foreign key here,
and a fixed set of nullable foreign keys would grow with every new kind of act. The scope
fields ``provincie`` and ``gemeente`` carry the access rule, so the rule needs no join through
the subject.

Once stored a document never changes: the queryset refuses ``update()`` and ``delete()``, the
admin is read-only, and a new version of the act gives a new document (``soort`` +
``onderwerp`` is unique).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def prive_opslag():
    """Documents live under PRIVATE_MEDIA_ROOT, outside the web root, with no public URL; they
    are served only by views that apply ``Document.objects.zichtbaar_voor``."""
    from django.core.files.storage import FileSystemStorage

    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


def document_pad(instance, filename: str) -> str:
    return f"documenten/{instance.soort}/{uuid.uuid4().hex}.pdf"


def bundel_pad(instance, filename: str) -> str:
    return f"documenten/bundels/{uuid.uuid4().hex}.zip"


class Soort(models.TextChoices):
    BESCHIKKING_VERDEELBESLUIT = "beschikking_verdeelbesluit", _("Beschikking verdeelbesluit")
    RAMING_PUBLICATIE = "raming_publicatie", _("Publicatie capaciteitsraming")
    VERSLAG_ONDERTEKENING = "verslag_ondertekening", _("Verslag ter ondertekening")
    ONTVANGSTBEVESTIGING = "ontvangstbevestiging", _("Ontvangstbevestiging verslag")
    BEZWAAR_ONTVANGSTBEVESTIGING = (
        "bezwaar_ontvangstbevestiging",
        _("Ontvangstbevestiging bezwaar"),
    )
    BEZWAAR_BESLISSING = "bezwaar_beslissing", _("Beslissing op bezwaar")


class DocumentQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """The one access rule for documents (pages, API, zip, admin).

        Ministry and COA see all. A document with a ``gemeente`` is seen by that gemeente's
        users and its province's PRT secretaries; one with only a ``provincie`` by that
        province's PRT secretaries (a gemeente sees its province's verslag only as its own row
        in the pages, not as the whole document); a national document (neither) by every
        logged-in user. An anonymous visitor sees only ``openbaar`` documents (a published
        raming).
        """
        if not getattr(user, "is_authenticated", False):
            return self.filter(openbaar=True)
        if user.is_ministerie or user.is_coa:
            return self
        landelijk = Q(gemeente__isnull=True, provincie__isnull=True)
        if user.is_gemeente:
            return self.filter(landelijk | Q(gemeente_id=user.gemeente_id) | Q(openbaar=True))
        if user.is_prt:
            return self.filter(
                landelijk
                | Q(gemeente__provincie_id=user.provincie_id)
                | Q(gemeente__isnull=True, provincie_id=user.provincie_id)
                | Q(openbaar=True)
            )
        return self.filter(openbaar=True)

    def van(self, onderwerp):
        """The documents of one subject (any model instance)."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(onderwerp), object_id=onderwerp.pk
        )

    def update(self, **kwargs):
        raise ValidationError("Een vastgelegd document verandert niet.")

    def delete(self):
        raise ValidationError("Een vastgelegd document wordt niet verwijderd.")


class Document(models.Model):
    """One frozen PDF/A document of one act version."""

    Soort = Soort

    soort = models.CharField(_("soort"), max_length=40, choices=Soort.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField(_("id van het onderwerp"))
    onderwerp = GenericForeignKey("content_type", "object_id")
    kenmerk = models.CharField(_("kenmerk"), max_length=100)
    versie = models.PositiveIntegerField(_("versie van de handeling"), default=1)
    titel = models.CharField(_("titel"), max_length=300)
    bestand = models.FileField(
        _("bestand"), upload_to=document_pad, storage=prive_opslag, max_length=300
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    bytes = models.PositiveBigIntegerField(_("grootte (bytes)"))
    pdf_variant = models.CharField(_("PDF-variant"), max_length=20)
    gemaakt_op = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    gemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    bevroren = models.BooleanField(_("bevroren"), default=True, editable=False)
    provincie = models.ForeignKey(
        "raming.Provincie", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    gemeente = models.ForeignKey(
        "raming.Gemeente", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    openbaar = models.BooleanField(_("openbaar"), default=False)
    history = HistoricalRecords()

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-gemaakt_op", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        constraints = [
            models.UniqueConstraint(
                fields=["soort", "content_type", "object_id"], name="een_document_per_handeling"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.titel} ({self.kenmerk})"

    def delete(self, *args, **kwargs):
        raise ValidationError("Een vastgelegd document wordt niet verwijderd.")

    @property
    def bestandsnaam(self) -> str:
        veilig = "".join(c if c.isalnum() or c in "-_." else "-" for c in self.kenmerk)
        return f"{self.soort}-{veilig}.pdf"


class BundelQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """Bundles hold every gemeente's beschikking: the ministry and COA only."""
        if getattr(user, "is_ministerie", False) or getattr(user, "is_coa", False):
            return self
        return self.none()


class Bundel(models.Model):
    """A zip of many documents, built in the worker; the progress record its status page polls."""

    class Status(models.TextChoices):
        WACHTEND = "wachtend", _("Wacht op de verwerking")
        BEZIG = "bezig", _("Bezig")
        INPAKKEN = "inpakken", _("Zip wordt gemaakt")
        KLAAR = "klaar", _("Klaar")
        MISLUKT = "mislukt", _("Mislukt")

    soort = models.CharField(_("soort"), max_length=40, choices=Soort.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField(_("id van het onderwerp"))
    onderwerp = GenericForeignKey("content_type", "object_id")
    titel = models.CharField(_("titel"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.WACHTEND
    )
    totaal = models.PositiveIntegerField(_("aantal documenten"), default=0)
    klaar = models.PositiveIntegerField(_("verwerkt"), default=0)
    bestand = models.FileField(
        _("bestand"), upload_to=bundel_pad, storage=prive_opslag, max_length=300, blank=True
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    bytes = models.PositiveBigIntegerField(_("grootte (bytes)"), null=True, blank=True)
    fout = models.TextField(_("foutmelding"), blank=True)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    gestart_op = models.DateTimeField(_("gestart op"), null=True, blank=True)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)

    objects = BundelQuerySet.as_manager()

    class Meta:
        ordering = ["-aangevraagd_op", "-pk"]
        verbose_name = _("bundel")
        verbose_name_plural = _("bundels")

    def __str__(self) -> str:
        return f"{self.titel} ({self.get_status_display()})"

    @property
    def procent(self) -> int:
        if not self.totaal:
            return 0
        return min(100, self.klaar * 100 // self.totaal)
