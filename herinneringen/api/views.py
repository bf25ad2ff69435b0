"""GET /api/v1/termijnen/: the open terms of the logged-in user ("Mijn termijnen")."""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets

from core.api.bewaard import BewaardAntwoord
from core.fragmenten import zonder_querycache

from ..models import Herinnering
from ..termijnen import VAN, Soort, eerste_termijnen, soorten_van, termijnen_voor, van_wie
from .serializers import TermijnSerializer


class MijnTermijnenViewSet(BewaardAntwoord, viewsets.GenericViewSet):
    antwoord_tabellen = ("herinneringen", "regietafels", "raming", "uitruil", "bezwaar", "locaties")
    antwoord_per_gebruiker = True
    serializer_class = TermijnSerializer
    # Terms are computed, not stored; the empty queryset only tells the schema generator
    # that this view has no object lookups of its own.
    queryset = Herinnering.objects.none()

    @extend_schema(
        summary="Mijn termijnen",
        description=(
            "De openstaande termijnen van de ingelogde gebruiker, de eerstvolgende eerst. "
            "Medewerkers van het ministerie zien alle openstaande termijnen, verstreken eerst: "
            "die waarin het ministerie zelf moet handelen (`van`: `eigen`) en die van de "
            "provincies en gemeenten, voor het toezicht (`van`: `anderen`), zoals de pagina "
            "Mijn termijnen ze scheidt. Een provincie of gemeente ziet alleen haar eigen "
            "termijnen."
        ),
        parameters=[
            OpenApiParameter(
                "soort",
                OpenApiTypes.STR,
                enum=sorted(Soort.LABELS),
                description="Alleen deze soort.",
            ),
            OpenApiParameter(
                "te_laat", OpenApiTypes.BOOL, description="Alleen verstreken termijnen."
            ),
            OpenApiParameter(
                "van",
                OpenApiTypes.STR,
                enum=list(VAN),
                description=(
                    "Alleen de eigen termijnen (`eigen`) of alleen die van anderen, voor het "
                    "toezicht (`anderen`; alleen het ministerie heeft die). Zonder: allebei."
                ),
            ),
        ],
    )
    def list(self, request):
        vandaag = timezone.localdate()
        user = request.user
        soort = request.query_params.get("soort")
        te_laat = request.query_params.get("te_laat") in ("true", "1")
        van = request.query_params.get("van")
        van = van if van in VAN else None
        if user.is_ministerie:
            # Every open term of the system (of the kinds asked for), overdue first: read only
            # up to the end of the requested page.
            soorten = soorten_van(user, van) if van else None
            if soort:
                soorten = frozenset({soort}) & (soorten or frozenset(Soort.LABELS))
            termijnen = _Voorraad(
                self._tot_pagina(request),
                # kept whole (``BewaardAntwoord``): its queries need not be kept by cachalot too
                lambda tot: zonder_querycache(
                    lambda: eerste_termijnen(tot=tot, vandaag=vandaag, soorten=soorten)
                ),
                alleen_te_laat=te_laat,
            )
        else:
            termijnen = termijnen_voor(user, vandaag=vandaag, van=van)
            if soort:
                termijnen = [t for t in termijnen if t.soort == soort]
            if te_laat:
                termijnen = [t for t in termijnen if t.te_laat(vandaag)]
        pagina = self.paginate_queryset(termijnen)
        rijen = [_rij(t, vandaag, user) for t in pagina]
        return self.get_paginated_response(self.get_serializer(rijen, many=True).data)

    def _tot_pagina(self, request) -> int:
        """How many terms the requested page needs from the start of the list; 0 for a page
        number that is not a number in range (such as "last"): then read as the paginator
        asks."""
        grootte = self.paginator.get_page_size(request) or 1
        nummer = request.query_params.get(self.paginator.page_query_param, "1")
        if not nummer.isdigit() or not 1 <= int(nummer) <= 100_000:
            return 0
        return int(nummer) * grootte


class _Voorraad:
    """The sorted list for the paginator: its length, and its terms read from the start up to
    the end of the slice asked for (``eerste(n)``: the first ``n`` terms with the counts).
    ``alleen_te_laat``: only the overdue terms, which come first in the list."""

    def __init__(self, tot: int, eerste, *, alleen_te_laat: bool = False):
        self._eerste = eerste
        self._alleen_te_laat = alleen_te_laat
        self._overzicht = eerste(tot) if tot else None

    def _aantal(self, o) -> int:
        return o.aantal_te_laat if self._alleen_te_laat else o.aantal

    def _tot(self, n: int):
        o = self._overzicht
        if o is None or len(o.eerste) < min(n, self._aantal(o)):
            self._overzicht = o = self._eerste(n)
        return o

    def __len__(self) -> int:
        return self._aantal(self._tot(1))

    def __getitem__(self, stuk):
        stop = stuk.stop if isinstance(stuk, slice) else stuk + 1
        o = self._tot(stop if stop is not None else 10**9)
        return o.eerste[: self._aantal(o)][stuk]


def _rij(t, vandaag, user) -> dict:
    return {
        "sleutel": t.sleutel,
        "soort": t.soort,
        "soort_label": t.soort_label,
        "titel": t.titel,
        "datum": t.datum,
        "sinds": t.sinds,
        "dagen_resterend": t.dagen(vandaag),
        "te_laat": t.te_laat(vandaag),
        "link": t.pad,
        "wettelijk": t.wettelijk,
        "van": van_wie(user, t),
    }


__all__ = ["MijnTermijnenViewSet"]
