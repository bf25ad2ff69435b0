"""API of the location register: list/detail with the one access rule, create, change,
phase change and COA's confirmation through the services."""

from __future__ import annotations

from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.bewaard import BewaardAntwoord

from .. import selectors, services
from ..models import Opvanglocatie
from .serializers import (
    AanmakenSerializer,
    BevestigenSerializer,
    FaseSerializer,
    GegevensSerializer,
    OpvanglocatieDetailSerializer,
    OpvanglocatieSerializer,
    WijzigenSerializer,
)

CONFLICT = "De locatie is gewijzigd sinds `gewijzigd_op`: lees haar opnieuw."


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = CONFLICT
    default_code = "conflict"


@contextmanager
def _conflict_als_409():
    """The service's refusal of a location changed since ``gewijzigd_op`` is a 409."""
    try:
        yield
    except DjangoValidationError as fout:
        if getattr(fout, "code", None) == "conflict":
            raise Conflict(fout.messages[0]) from fout
        raise


FILTERS = [
    OpenApiParameter("provincie", OpenApiTypes.INT, description="Id van de provincie."),
    OpenApiParameter("gemeente", OpenApiTypes.INT, description="Id van de gemeente."),
    OpenApiParameter("fase", OpenApiTypes.STR, description="planvorming, besluitvorming, …"),
    OpenApiParameter("soort", OpenApiTypes.STR, description="regulier_azc, noodopvang, …"),
    OpenApiParameter("bevestigd", OpenApiTypes.STR, description="ja of nee"),
]


@extend_schema_view(list=extend_schema(parameters=FILTERS))
class OpvanglocatieViewSet(
    BewaardAntwoord, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Reception locations visible to the user (ministry and COA: all; PRT: its province;
    gemeente: its own)."""

    antwoord_tabellen = ("locaties", "raming", "accounts.gebruiker")

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

    def _wijzigen(self, locatie, data: dict):
        gewijzigd_op = data.pop("gewijzigd_op", None)
        with _conflict_als_409():
            return services.locatie_wijzigen(
                door=self.request.user, locatie=locatie, gegevens=data, gewijzigd_op=gewijzigd_op
            )

    @extend_schema(
        request=WijzigenSerializer,
        responses={200: OpvanglocatieDetailSerializer, 409: OpenApiResponse(description=CONFLICT)},
    )
    def update(self, request, pk=None):
        """Change a location's data: every field (omitted optional fields become empty; the
        phase has its own action). Send ``gewijzigd_op`` as read: a location changed since
        answers 409. A change of capacity clears COA's confirmation."""
        locatie = self._locatie(pk)
        invoer = WijzigenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        return self._antwoord(self._wijzigen(locatie, dict(invoer.validated_data)))

    @extend_schema(
        request=WijzigenSerializer,  # the schema's Patched… form: every field optional
        responses={200: OpvanglocatieDetailSerializer, 409: OpenApiResponse(description=CONFLICT)},
    )
    def partial_update(self, request, pk=None):
        """Change some of a location's data: the fields sent, the others as they are (same
        checks as a full change). Send ``gewijzigd_op`` as read: a location changed since
        answers 409."""
        locatie = self._locatie(pk)
        invoer = WijzigenSerializer(data=request.data, partial=True)
        invoer.is_valid(raise_exception=True)
        data = {veld: getattr(locatie, veld) for veld in GegevensSerializer().fields}
        data.update(invoer.validated_data)
        # the fields not sent are those read here: refused if the location changes before
        # the service locks it
        if data.get("gewijzigd_op") is None:
            data["gewijzigd_op"] = locatie.gewijzigd_op
        return self._antwoord(self._wijzigen(locatie, data))

    @extend_schema(
        request=FaseSerializer,
        responses={200: OpvanglocatieDetailSerializer, 409: OpenApiResponse(description=CONFLICT)},
    )
    @action(detail=True, methods=["post"])
    def fase(self, request, pk=None):
        """Report a phase change (going back needs a `toelichting`)."""
        locatie = self._locatie(pk)
        invoer = FaseSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        with _conflict_als_409():
            services.fase_wijzigen(door=request.user, locatie=locatie, **invoer.validated_data)
        return self._antwoord(locatie)

    @extend_schema(
        request=BevestigenSerializer,
        responses={200: OpvanglocatieDetailSerializer, 409: OpenApiResponse(description=CONFLICT)},
    )
    @action(detail=True, methods=["post"])
    def bevestigen(self, request, pk=None):
        """COA confirms capacity and phase as they stand."""
        locatie = self._locatie(pk)
        invoer = BevestigenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        with _conflict_als_409():
            services.locatie_bevestigen(door=request.user, locatie=locatie, **invoer.validated_data)
        return self._antwoord(locatie)
