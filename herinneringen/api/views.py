"""GET /api/v1/termijnen/: the open terms of the logged-in user ("Mijn termijnen")."""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets

from core.api.bewaard import BewaardAntwoord

from ..models import Herinnering
from ..termijnen import Soort, eerste_termijnen, termijnen_voor
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
            "Medewerkers van het ministerie zien alle openstaande termijnen, verstreken eerst."
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
        ],
    )
    def list(self, request):
        vandaag = timezone.localdate()
        soort = request.query_params.get("soort")
        te_laat = request.query_params.get("te_laat") in ("true", "1")
        if request.user.is_ministerie and not te_laat:
            # Every open term of the system: read only up to the end of the requested page.
            termijnen = _Voorraad(
                self._tot_pagina(request),
                lambda tot: eerste_termijnen(
                    tot=tot,
                    vandaag=vandaag,
                    soorten=frozenset({soort}) if soort else None,
                ),
            )
        else:
            termijnen = termijnen_voor(request.user, vandaag=vandaag)
            if soort:
                termijnen = [t for t in termijnen if t.soort == soort]
            if te_laat:
                termijnen = [t for t in termijnen if t.te_laat(vandaag)]
        pagina = self.paginate_queryset(termijnen)
        rijen = [_rij(t, vandaag) for t in pagina]
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
    the end of the slice asked for (``eerste(n)``: the first ``n`` terms with the counts)."""

    def __init__(self, tot: int, eerste):
        self._eerste = eerste
        self._overzicht = eerste(tot) if tot else None

    def _tot(self, n: int):
        o = self._overzicht
        if o is None or len(o.eerste) < min(n, o.aantal):
            self._overzicht = o = self._eerste(n)
        return o

    def __len__(self) -> int:
        return self._tot(1).aantal

    def __getitem__(self, stuk):
        stop = stuk.stop if isinstance(stuk, slice) else stuk + 1
        return self._tot(stop if stop is not None else 10**9).eerste[stuk]


def _rij(t, vandaag) -> dict:
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
    }


__all__ = ["MijnTermijnenViewSet"]
