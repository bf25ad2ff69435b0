"""GET /api/v1/termijnen/: the open terms of the logged-in user ("Mijn termijnen")."""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets

from ..models import Herinnering
from ..termijnen import Soort, termijnen_voor
from .serializers import TermijnSerializer


class MijnTermijnenViewSet(viewsets.GenericViewSet):
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
        termijnen = termijnen_voor(request.user, vandaag=vandaag)
        soort = request.query_params.get("soort")
        if soort:
            termijnen = [t for t in termijnen if t.soort == soort]
        if request.query_params.get("te_laat") in ("true", "1"):
            termijnen = [t for t in termijnen if t.te_laat(vandaag)]
        rijen = [
            {
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
            for t in termijnen
        ]
        pagina = self.paginate_queryset(rijen)
        return self.get_paginated_response(self.get_serializer(pagina, many=True).data)


__all__ = ["MijnTermijnenViewSet"]
