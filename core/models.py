"""Core has no tables of its own (the security log lives in ``core.audit`` when present); it
holds the abstract attachment every app's uploaded files share.

An attachment (``Bestandsbijlage``) is a file on private storage (``PRIVATE_MEDIA_ROOT``,
outside the web root, no public URL: served only by a view that applies the access rule of
what it is attached to), with its original name, content type, size and who uploaded it when.
A concrete model adds what it belongs to (a foreign key) and where its files go
(``opslagpad``). Used by ``regietafels.Bijlage`` and ``bezwaar.BezwaarBijlage``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def prive_opslag():
    """Private storage: under PRIVATE_MEDIA_ROOT, with no public URL."""
    from django.core.files.storage import FileSystemStorage

    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


def bijlage_pad(instance, filename: str) -> str:
    return instance.opslagpad(filename)


class Bestandsbijlage(models.Model):
    bestand = models.FileField(
        _("bestand"), upload_to=bijlage_pad, storage=prive_opslag, max_length=300
    )
    oorspronkelijke_naam = models.CharField(_("bestandsnaam"), max_length=255)
    content_type = models.CharField(_("soort bestand"), max_length=100)
    grootte = models.PositiveBigIntegerField(_("grootte (bytes)"))
    toegevoegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    toegevoegd_op = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.oorspronkelijke_naam

    def opslagpad(self, filename: str) -> str:
        """The stored name of a new file (not the user's name: that is kept apart)."""
        raise NotImplementedError
