"""The user model: every user has one role, and a province or gemeente where the role needs one."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Rol(models.TextChoices):
    MINISTERIE = "ministerie", _("Ministerie")
    PRT_SECRETARIS = "prt-secretaris", _("PRT-secretaris")
    GEMEENTE = "gemeente", _("Gemeente")
    COA = "coa", _("COA")


class GebruikerQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        if getattr(user, "is_ministerie", False):
            return self
        if getattr(user, "is_authenticated", False):
            return self.filter(pk=user.pk)
        return self.none()


class GebruikerManager(UserManager.from_queryset(GebruikerQuerySet)):
    pass


class Gebruiker(AbstractUser):
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices, default=Rol.GEMEENTE)
    provincie = models.ForeignKey(
        "raming.Provincie",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="secretarissen",
        verbose_name=_("provincie (PRT)"),
    )
    gemeente = models.ForeignKey(
        "raming.Gemeente",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="gebruikers",
        verbose_name=_("gemeente"),
    )
    is_demo = models.BooleanField(_("demogebruiker"), default=False)

    objects = GebruikerManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.CheckConstraint(
                name="prt_secretaris_heeft_provincie",
                condition=~Q(rol="prt-secretaris") | Q(provincie__isnull=False),
            ),
            models.CheckConstraint(
                name="gemeentegebruiker_heeft_gemeente",
                condition=~Q(rol="gemeente") | Q(gemeente__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_ministerie(self) -> bool:
        return self.is_authenticated and self.rol == Rol.MINISTERIE

    @property
    def is_prt(self) -> bool:
        return self.is_authenticated and self.rol == Rol.PRT_SECRETARIS

    @property
    def is_gemeente(self) -> bool:
        return self.is_authenticated and self.rol == Rol.GEMEENTE

    @property
    def is_coa(self) -> bool:
        return self.is_authenticated and self.rol == Rol.COA

    @property
    def eigen_provincie_id(self) -> int | None:
        """The province this user belongs to: its own (PRT) or its gemeente's."""
        if self.rol == Rol.PRT_SECRETARIS:
            return self.provincie_id
        if self.rol == Rol.GEMEENTE and self.gemeente_id:
            return self.gemeente.provincie_id
        return None
