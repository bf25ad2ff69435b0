"""API of the location register: list/detail with the one access rule, create, change,
phase change and COA's confirmation through the services."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .. import selectors, services
from ..models import Opvanglocatie
from .serializers import (
    AanmakenSerializer,
    BevestigenSerializer,
    FaseSerializer,
    OpvanglocatieDetailSerializer,
    OpvanglocatieSerializer,
    WijzigenSerializer,
)

FILTERS = [
    OpenApiParameter("provincie", OpenApiTypes.INT, description="Id van de provincie."),
    OpenApiParameter("gemeente", OpenApiTypes.INT, description="Id van de gemeente."),
    OpenApiParameter("fase", OpenApiTypes.STR, description="planvorming, besluitvorming, …"),
    OpenApiParameter("soort", OpenApiTypes.STR, description="regulier_azc, noodopvang, …"),
    OpenApiParameter("bevestigd", OpenApiTypes.STR, description="ja of nee"),
]


@extend_schema_view(list=extend_schema(parameters=FILTERS))
class OpvanglocatieViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Reception locations visible to the user (ministry and COA: all; PRT: its province;
    gemeente: its own)."""

    serializer_class = OpvanglocatieSerializer

    def get_queryset(self):
        if self.action == "list":
            return selectors.register(
                self.request.user, selectors.Filter.uit(self.request.query_params)
            )
        qs = Opvanglocatie.objects.zichtbaar_voor(self.request.user).select_related(
            "gemeente__provincie"
        )
        if self.action == "retrieve":
            qs = qs.prefetch_related("fasewijzigingen__gemeld_door")
        return qs

    def get_serializer_class(self):
        if self.action == "retrieve":
            return OpvanglocatieDetailSerializer
        return super().get_serializer_class()

    def _antwoord(self, locatie, code=status.HTTP_200_OK):
        locatie = (
            Opvanglocatie.objects.select_related("gemeente__provincie")
            .prefetch_related("fasewijzigingen__gemeld_door")
            .get(pk=locatie.pk)
        )
        return Response(OpvanglocatieDetailSerializer(locatie).data, status=code)

    def _locatie(self, pk):
        return get_object_or_404(Opvanglocatie.objects.zichtbaar_voor(self.request.user), pk=pk)

    @extend_schema(request=AanmakenSerializer, responses={201: OpvanglocatieDetailSerializer})
    def create(self, request, *args, **kwargs):
        """Register a location (gemeente: its own; PRT: a gemeente of its province)."""
        invoer = AanmakenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = dict(invoer.validated_data)
        gemeente, fase, fase_sinds = data.pop("gemeente"), data.pop("fase"), data.pop("fase_sinds")
        locatie = services.locatie_aanmaken(
            door=request.user, gemeente=gemeente, gegevens=data, fase=fase, fase_sinds=fase_sinds
        )
        return self._antwoord(locatie, status.HTTP_201_CREATED)

    @extend_schema(request=WijzigenSerializer, responses=OpvanglocatieDetailSerializer)
    def update(self, request, pk=None):
        """Change a location's data (all fields; the phase has its own action)."""
        locatie = self._locatie(pk)
        invoer = WijzigenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = dict(invoer.validated_data)
        gewijzigd_op = data.pop("gewijzigd_op")
        locatie = services.locatie_wijzigen(
            door=request.user, locatie=locatie, gegevens=data, gewijzigd_op=gewijzigd_op
        )
        return self._antwoord(locatie)

    @extend_schema(request=FaseSerializer, responses=OpvanglocatieDetailSerializer)
    @action(detail=True, methods=["post"])
    def fase(self, request, pk=None):
        """Report a phase change (going back needs a `toelichting`)."""
        locatie = self._locatie(pk)
        invoer = FaseSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        services.fase_wijzigen(door=request.user, locatie=locatie, **invoer.validated_data)
        return self._antwoord(locatie)

    @extend_schema(request=BevestigenSerializer, responses=OpvanglocatieDetailSerializer)
    @action(detail=True, methods=["post"])
    def bevestigen(self, request, pk=None):
        """COA confirms capacity and phase as they stand."""
        locatie = self._locatie(pk)
        invoer = BevestigenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        services.locatie_bevestigen(door=request.user, locatie=locatie, **invoer.validated_data)
        return self._antwoord(locatie)
