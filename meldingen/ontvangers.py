"""Who holds which role where: the recipients the domain apps address their notices to."""

from __future__ import annotations

from collections.abc import Iterable

from accounts.models import Gebruiker, Rol


def _actief():
    return Gebruiker.objects.filter(is_active=True)


def ministerie() -> list[Gebruiker]:
    return list(_actief().filter(rol=Rol.MINISTERIE).order_by("pk"))


def coa() -> list[Gebruiker]:
    return list(_actief().filter(rol=Rol.COA).order_by("pk"))


def secretarissen(provincie_ids: Iterable[int] | None = None) -> list[Gebruiker]:
    """The PRT secretaries of the provinces (all provinces when None)."""
    rijen = _actief().filter(rol=Rol.PRT_SECRETARIS)
    if provincie_ids is not None:
        rijen = rijen.filter(provincie_id__in=list(provincie_ids))
    return list(rijen.order_by("pk"))


def gemeentegebruikers(
    *, gemeente_ids: Iterable[int] | None = None, provincie_ids: Iterable[int] | None = None
) -> list[Gebruiker]:
    """The users of the gemeenten named, or of every gemeente in the provinces named (all when
    both are None)."""
    rijen = _actief().filter(rol=Rol.GEMEENTE).select_related("gemeente")
    if gemeente_ids is not None:
        rijen = rijen.filter(gemeente_id__in=list(gemeente_ids))
    if provincie_ids is not None:
        rijen = rijen.filter(gemeente__provincie_id__in=list(provincie_ids))
    return list(rijen.order_by("pk"))


def behalve(gebruikers: Iterable[Gebruiker], *uitgezonderd) -> list[Gebruiker]:
    """``gebruikers`` without the ones who acted (nobody is told what they did themselves)."""
    weg = {getattr(u, "pk", None) for u in uitgezonderd}
    return [g for g in gebruikers if g.pk not in weg]
