"""Raming API: read for every logged-in role (through ``zichtbaar_voor``), write for the
ministry; actions call ``raming.services``."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.bewaard import BewaardAntwoord

from .. import services, vaststelling
from ..models import Gemeente, GemeenteVerdeling, Provincie, Raming, Wetscyclus
from .serializers import (
    GemeenteSerializer,
    GemeenteVerdelingSerializer,
    GevolgenSerializer,
    ProvincieSerializer,
    RamingAanmakenSerializer,
    RamingDetailSerializer,
    RamingPublicerenSerializer,
    RamingRedenSerializer,
    RamingSerializer,
    RamingUitstellenSerializer,
    RamingUitzonderingSerializer,
    WetscyclusSerializer,
)


class MinisterieSchrijft(permissions.BasePermission):
    def has_permission(self, request, view):
        if not request.user.is_authenticated:
            return False
        return request.method in permissions.SAFE_METHODS or request.user.is_ministerie


@extend_schema(tags=["raming"])
class ProvincieViewSet(BewaardAntwoord, viewsets.ReadOnlyModelViewSet):
    """The 12 provinces (public reference data)."""

    antwoord_tabellen = ("raming",)

    serializer_class = ProvincieSerializer
    queryset = Provincie.objects.order_by("code")
    pagination_class = None


class GemeenteFilter(filters.FilterSet):
    provincie = filters.CharFilter(field_name="provincie__code", help_text="CBS-code, bijv. PV25")

    class Meta:
        model = Gemeente
        fields = ["provincie"]


@extend_schema(tags=["raming"])
class GemeenteViewSet(BewaardAntwoord, viewsets.ReadOnlyModelViewSet):
    """The gemeenten of the current indeling (public reference data)."""

    antwoord_tabellen = ("raming",)

    serializer_class = GemeenteSerializer
    queryset = Gemeente.objects.select_related("provincie").order_by("naam")
    filterset_class = GemeenteFilter


@extend_schema(tags=["raming"])
class WetscyclusViewSet(
    BewaardAntwoord,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Cycles with their milestones and inputs; the ministry creates them (milestones from the
    rules)."""

    antwoord_tabellen = ("raming",)

    serializer_class = WetscyclusSerializer
    permission_classes = [MinisterieSchrijft]
    lookup_field = "jaar"
    queryset = Wetscyclus.objects.prefetch_related("mijlpalen", "invoerbesluiten").order_by("-jaar")

    def perform_create(self, serializer):
        serializer.instance = services.cyclus_aanmaken(
            jaar=serializer.validated_data["jaar"],
            omschrijving=serializer.validated_data.get("omschrijving", ""),
            door=self.request.user,
        )


class RamingFilter(filters.FilterSet):
    cyclus = filters.NumberFilter(field_name="cyclus__jaar", help_text="Jaar van de cyclus")

    class Meta:
        model = Raming
        fields = ["cyclus", "status"]


@extend_schema(tags=["raming"])
class RamingViewSet(
    BewaardAntwoord,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Ramingen (every version). Ministry: all; other roles: published versions only."""

    antwoord_tabellen = ("raming",)
    bewaarde_acties = ("list", "retrieve", "verdeling")

    permission_classes = [MinisterieSchrijft]
    filterset_class = RamingFilter
    queryset = Raming.objects.none()

    def get_queryset(self):
        qs = Raming.objects.zichtbaar_voor(self.request.user).select_related("cyclus")
        if self.action == "retrieve":
            qs = qs.prefetch_related("provincies__provincie")
        return qs.order_by("-cyclus__jaar", "-versie")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return RamingDetailSerializer
        if self.action == "create":
            return RamingAanmakenSerializer
        return RamingSerializer

    @extend_schema(request=RamingAanmakenSerializer, responses={201: RamingDetailSerializer})
    def create(self, request, *args, **kwargs):
        invoer = RamingAanmakenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = dict(invoer.validated_data)
        cyclus = get_object_or_404(Wetscyclus, jaar=data.pop("cyclus"))
        raming = services.raming_aanmaken(cyclus=cyclus, door=request.user, **data)
        return Response(RamingDetailSerializer(raming).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=GemeenteVerdelingSerializer(many=True))
    @action(detail=True, methods=["get"])
    def verdeling(self, request, pk=None):
        """The indicative number per gemeente (paginated)."""
        raming = self.get_object()
        qs = (
            GemeenteVerdeling.objects.filter(raming=raming)
            .select_related("gemeente", "gemeente__provincie")
            .order_by("gemeente__naam")
        )
        pagina = self.paginate_queryset(qs)
        return self.get_paginated_response(GemeenteVerdelingSerializer(pagina, many=True).data)

    def _antwoord(self, raming):
        raming = self.get_queryset().prefetch_related("provincies__provincie").get(pk=raming.pk)
        return Response(RamingDetailSerializer(raming).data)

    @extend_schema(request=None, responses=RamingDetailSerializer)
    @action(detail=True, methods=["post"])
    def berekenen(self, request, pk=None):
        return self._antwoord(
            services.raming_berekenen(raming=self.get_object(), door=request.user)
        )

    @extend_schema(request=None, responses=RamingDetailSerializer)
    @action(detail=True, methods=["post"])
    def vaststellen(self, request, pk=None):
        return self._antwoord(
            services.raming_vaststellen(raming=self.get_object(), door=request.user)
        )

    @extend_schema(request=None, responses=GevolgenSerializer)
    @action(detail=True, methods=["post"], url_path="vaststellen/voorbeeld")
    def vaststellen_voorbeeld(self, request, pk=None):
        """Dry run of vaststellen: what it would do and what stands in its way; changes
        nothing."""
        return Response(
            GevolgenSerializer(vaststelling.vaststellen_gevolgen(self.get_object())).data
        )

    @extend_schema(request=RamingPublicerenSerializer, responses=GevolgenSerializer)
    @action(detail=True, methods=["post"], url_path="publiceren/voorbeeld")
    def publiceren_voorbeeld(self, request, pk=None):
        """Dry run of publiceren: who is notified and what becomes public; changes nothing."""
        invoer = RamingPublicerenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        gevolgen = vaststelling.publiceren_gevolgen(self.get_object(), **invoer.validated_data)
        return Response(GevolgenSerializer(gevolgen).data)

    @extend_schema(request=RamingUitzonderingSerializer, responses=RamingDetailSerializer)
    @action(detail=True, methods=["post"])
    def uitzondering(self, request, pk=None):
        """Record the reasoned exception for the gemeenten that now lack inputs."""
        invoer = RamingUitzonderingSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        return self._antwoord(
            vaststelling.uitzondering_vastleggen(
                raming=self.get_object(), reden=invoer.validated_data["reden"], door=request.user
            )
        )

    @extend_schema(request=RamingPublicerenSerializer, responses=RamingDetailSerializer)
    @action(detail=True, methods=["post"])
    def publiceren(self, request, pk=None):
        invoer = RamingPublicerenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        return self._antwoord(
            services.raming_publiceren(
                raming=self.get_object(), door=request.user, **invoer.validated_data
            )
        )

    @extend_schema(request=RamingUitstellenSerializer, responses=RamingDetailSerializer)
    @action(detail=True, methods=["post"])
    def uitstellen(self, request, pk=None):
        invoer = RamingUitstellenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        return self._antwoord(
            services.raming_uitstellen(
                raming=self.get_object(), door=request.user, **invoer.validated_data
            )
        )

    @extend_schema(request=RamingRedenSerializer, responses={201: RamingDetailSerializer})
    @action(detail=True, methods=["post"])
    def wijziging(self, request, pk=None):
        """Tussentijdse wijziging: a new concept version with a mandatory reason."""
        invoer = RamingRedenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        nieuw = services.tussentijdse_wijziging(
            raming=self.get_object(), reden=invoer.validated_data["reden"], door=request.user
        )
        response = self._antwoord(nieuw)
        response.status_code = status.HTTP_201_CREATED
        return response
