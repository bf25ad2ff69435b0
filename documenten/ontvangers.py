"""Documents made as soon as an act is fixed: the lower apps send a signal inside the
transaction, and after the commit the worker renders the documents (so the API lists them
without anyone having opened a page). In-process (``make run``, tasks eager) the beschikkingen
and verslag documents are made on first request (rendering 342 beschikkingen would hold up the
request that fixed the besluit), with the same content and the same freezing; the publication
text of a raming is made in a thread beside the request (``achtergrond``)."""

from __future__ import annotations

from celery import current_app
from django.db import transaction

from . import achtergrond
from .tasks import beschikkingen_vooraf, publicatie_vooraf, verslagdocumenten_vooraf


def _na_commit(taak, *args) -> None:
    if current_app.conf.task_always_eager:
        return
    transaction.on_commit(lambda: taak.delay(*args))


def verdeelbesluit_vastgesteld(sender, *, verdeelbesluit, gemeente=None, **kwargs) -> None:
    _na_commit(beschikkingen_vooraf, verdeelbesluit.pk, getattr(gemeente, "pk", None))


def verslag_ingediend(sender, *, versie, **kwargs) -> None:
    _na_commit(verslagdocumenten_vooraf, versie.pk)


def raming_gepubliceerd(sender, *, raming, **kwargs) -> None:
    if current_app.conf.task_always_eager and achtergrond.in_draad():
        # no worker (make run): the publication text (a long table) is made beside the
        # request right after the commit, so its link answers at once later
        pk = raming.pk
        transaction.on_commit(
            lambda: achtergrond.starten(f"publicatie:{pk}", publicatie_vooraf, pk)
        )
        return
    _na_commit(publicatie_vooraf, raming.pk)
