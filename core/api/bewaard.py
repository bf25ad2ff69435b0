"""Whole API responses kept in the cache, with the stamps of the tables they read.

A viewset that mixes in ``BewaardAntwoord`` names the tables its responses read
(``antwoord_tabellen``: app labels or ``app_label.model``). Its list and detail responses in
JSON are kept as rendered bytes under a key made of the scope the access rules read of the user
(``core.cache.bereik``; with ``antwoord_per_gebruiker`` the user itself), the language, today's
date and the full address with the negotiated media type; the entry holds cachalot's
invalidation stamps of those tables and is served only while they are unchanged
(``core.gestempeld``: the entry and the stamps in one round trip). Authentication, permissions
and the throttle run on every request as before; only querying, serializing and rendering are
skipped on a hit.

The stamps are read before the response is built: a write committed while it is built makes
the next request build it again. Inside a transaction the entry and the stamps are the
transaction's own, so a response built there is never served after a rollback. See ADR 0016
and ADR 0017.
"""

from __future__ import annotations

import hashlib
import time
from functools import partial

from django.conf import settings
from django.http import HttpResponse
from rest_framework.response import Response

from core import gestempeld
from core.fragmenten import voor_wie


class BewaardAntwoord:
    """Mixin for a DRF viewset (first among its bases): the responses of the actions in
    ``bewaarde_acties`` are kept whole."""

    #: the tables a response reads (as in ``core.fragmenten``); required
    antwoord_tabellen: tuple[str, ...] = ()
    #: the response also shows what belongs to this user alone (not only its role's scope)
    antwoord_per_gebruiker = False
    #: the read actions whose responses are kept ("get" for an APIView)
    bewaarde_acties: tuple[str, ...] = ("list", "retrieve")

    def initial(self, request, *args, **kwargs):
        # after authentication, permissions, the throttle and content negotiation
        super().initial(request, *args, **kwargs)
        # a viewset's action, or "get" for a plain APIView
        actie = getattr(self, "action", None) or request.method.lower()
        if request.method == "GET" and actie in self.bewaarde_acties:
            maak = self.get  # the action the viewset bound to GET
            self.get = partial(self._bewaard, maak=maak)

    def _antwoord_sleutel(self, request, user) -> str | None:
        if request.method != "GET" or getattr(request.accepted_renderer, "format", "") != "json":
            return None  # the browsable API shows the user and a form: never kept
        wie = voor_wie(user, per_gebruiker=self.antwoord_per_gebruiker)
        gemaakt = request.__dict__.setdefault("_antwoord_sleutels", {})  # during authentication too
        if wie not in gemaakt:
            adres = f"{request.build_absolute_uri()}|{request.accepted_media_type}"
            inhoud = hashlib.sha256(f"{wie}|{adres}".encode()).hexdigest()
            gemaakt[wie] = f"api-antwoord:{type(self).__name__}:{inhoud}"
        return gemaakt[wie]

    def vooraf_te_lezen(self, request, user) -> list[tuple[str, tuple[str, ...]]]:
        """The entry a request by ``user`` would read, to read it in the same round trip as
        the API token (``accounts.api.auth``; called during authentication, after content
        negotiation). ``user`` is the token's user of an earlier request: when the request
        turns out to be someone else's, or their scope changed, ``_bewaard`` reads its own key."""
        actie = getattr(self, "action", None) or request.method.lower()
        if actie not in self.bewaarde_acties:
            anders = getattr(super(), "vooraf_te_lezen", None)  # e.g. a kept download
            return [] if anders is None else anders(request, user)
        if not getattr(settings, "CACHALOT_ENABLED", False):
            return []
        sleutel = self._antwoord_sleutel(request, user)
        return [] if sleutel is None else [(sleutel, self.antwoord_tabellen)]

    def _bewaard(self, request, *args, maak, **kwargs):
        if not getattr(settings, "CACHALOT_ENABLED", False):
            return maak(request, *args, **kwargs)
        sleutel = self._antwoord_sleutel(request, request.user)
        if sleutel is None:
            return maak(request, *args, **kwargs)
        vooraf = gestempeld.vooraf_gelezen(request, sleutel)
        if vooraf is not None:
            (bewaard, stempels), begin = vooraf
        else:
            begin = time.time()
            bewaard, stempels = gestempeld.lezen(sleutel, self.antwoord_tabellen)
        if bewaard is not None:
            soort, inhoud = bewaard
            return HttpResponse(inhoud, content_type=soort)
        response = maak(request, *args, **kwargs)
        if not isinstance(response, Response) or response.status_code != 200:
            return response
        response.accepted_renderer = request.accepted_renderer
        response.accepted_media_type = request.accepted_media_type
        response.renderer_context = self.get_renderer_context()
        response.render()
        gestempeld.bewaren(
            sleutel,
            (response["Content-Type"], response.content),
            stempels,
            self.antwoord_tabellen,
            begin,
        )
        return response
