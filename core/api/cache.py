"""Read responses of the API from the data cache (core/gegevenscache.py).

``GecachteLeesacties`` goes first in a viewset's bases. A ``GET`` of ``list``, ``retrieve`` or
another read action answered in JSON is kept as rendered bytes under the full URL, the user's
scope (id, role, province, gemeente, staff flags), the language and the date, until a table
the response was computed from is written. Authentication, permissions and throttling still
run on every request (they come before the action); only the action and the rendering are skipped.
Anything but a 200 is never kept.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone, translation
from rest_framework.renderers import JSONRenderer

from core import gegevenscache

KOPPEN = ("Content-Type", "Link")


def _scope(user) -> tuple:
    """Per user: a response may show the user's own data."""
    if not getattr(user, "is_authenticated", False):
        return ("anoniem",)
    return (user.pk, *gegevenscache.bereik(user), user.is_staff, user.is_superuser)


class GecachteLeesacties:
    """Mixin for a viewset or APIView: the ``GET`` actions named in ``gecachte_acties`` (for an
    APIView: ``"get"``) are answered from the cache. Hooked in after ``initial()``, so that
    authentication, permissions and throttling have run."""

    gecachte_acties: tuple[str, ...] = ("list", "retrieve", "get")

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # A viewset names its action (None for a method the route does not offer); an APIView
        # has only its ``get``.
        actie = self.action if hasattr(self, "action_map") else "get"
        handler = getattr(self, "get", None)
        if request.method == "GET" and actie in self.gecachte_acties and handler is not None:

            def gecacht(request, *args, **kwargs):
                return self._uit_cache(handler, request, *args, **kwargs)

            self.get = gecacht

    def _uit_cache(self, actie, request, *args, **kwargs):
        if request.method != "GET" or not isinstance(
            getattr(request, "accepted_renderer", None), JSONRenderer
        ):
            return actie(request, *args, **kwargs)
        sleutel = (
            "api",
            type(self).__module__,
            type(self).__qualname__,
            getattr(self, "action", None),
            request.build_absolute_uri(),
            request.accepted_media_type,
            _scope(request.user),
            translation.get_language(),
            timezone.localdate().isoformat(),
        )

        def bereken():
            antwoord = actie(request, *args, **kwargs)
            if antwoord.status_code != 200:
                return gegevenscache.NietBewaren(antwoord)
            antwoord.accepted_renderer = request.accepted_renderer
            antwoord.accepted_media_type = request.accepted_media_type
            antwoord.renderer_context = self.get_renderer_context()
            antwoord.render()
            koppen = {k: antwoord[k] for k in KOPPEN if antwoord.has_header(k)}
            return (antwoord.content, koppen)

        waarde = gegevenscache.onthouden(sleutel, bereken)
        if not isinstance(waarde, tuple):
            return waarde  # not kept: the response itself
        inhoud, koppen = waarde
        antwoord = HttpResponse(inhoud, content_type=koppen.pop("Content-Type", None))
        for naam, inhoud_kop in koppen.items():
            antwoord[naam] = inhoud_kop
        return antwoord
