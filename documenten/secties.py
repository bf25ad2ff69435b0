"""The documents shown on the pages of the apps below (``core.registry.register_sectie``):
the verdeelbesluit, a gemeente's own page, a submitted verslag version and its receipt, and
the raming. Each lists what the user may fetch; the links make a document on first request."""

from __future__ import annotations

from raming.models import Raming
from regietafels.models import Verdeelbesluit, VerdeelbesluitRegel

from .bundels import mag_alle_beschikkingen
from .models import Bundel, Document


def verdeelbesluit(request, *, besluit) -> dict | None:
    if besluit.status != Verdeelbesluit.Status.VASTGESTELD:
        return None
    user = request.user
    context = {"besluit": besluit, "alle": mag_alle_beschikkingen(user)}
    if context["alle"]:
        context["bundel"] = (
            Bundel.objects.zichtbaar_voor(user)
            .filter(object_id=besluit.pk, soort=Document.Soort.BESCHIKKING_VERDEELBESLUIT)
            .order_by("-pk")
            .first()
        )
        context["aantal"] = besluit.regels.count()
    else:
        context["regels"] = list(
            VerdeelbesluitRegel.objects.zichtbaar_voor(user)
            .filter(verdeelbesluit=besluit)
            .select_related("gemeente")
            .order_by("gemeente__naam")
        )
    return context


def gemeente(request, **_) -> dict | None:
    """A gemeente's own beschikkingen, every fixed version (newest first)."""
    regels = list(
        VerdeelbesluitRegel.objects.zichtbaar_voor(request.user)
        .filter(
            verdeelbesluit__status=Verdeelbesluit.Status.VASTGESTELD,
            gemeente_id=getattr(request.user, "gemeente_id", None),
        )
        .select_related("verdeelbesluit__cyclus", "gemeente")
        .order_by("-verdeelbesluit__cyclus__jaar", "-verdeelbesluit__versie")
    )
    return {"regels": regels} if regels else None


def verslagversie(request, *, versie) -> dict | None:
    if versie is None:
        return None
    return {"versie": versie}


def raming(request, *, raming) -> dict | None:
    if raming is None or raming.status != Raming.Status.GEPUBLICEERD:
        return None
    return {"raming": raming}
