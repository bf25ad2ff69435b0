"""API for exchanges: list/detail with the access rule, proposal, actions and the ledger."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.bewaard import BewaardAntwoord
from raming.models import Wetscyclus
from raming.selectors import huidige_cyclus

from .. import services
from ..filters import UitruilFilter
from ..models import Uitruil
from ..selectors import (
    grootboek_gemeente,
    grootboek_gemeenten,
    grootboek_provincie,
    grootboek_provincies,
)
from . import gegevens
from .serializers import (
    GemeenteGrootboekSerializer,
    OptioneleRedenSerializer,
    ProvincieGrootboekSerializer,
    RedenSerializer,
    UitruilDetailSerializer,
    UitruilSerializer,
    VoorstelSerializer,
)

CYCLUS_PARAM = OpenApiParameter(
    "cyclus", OpenApiTypes.INT, description="Jaar van de cyclus (standaard de huidige)."
)


class UitruilViewSet(
    BewaardAntwoord,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Exchanges visible to the user (ministry/COA: all; PRT: own province; gemeente: where it
    is a party, plus the confirmed ones of its province)."""

    antwoord_tabellen = ("uitruil", "raming", "accounts.gebruiker")

    filterset_class = UitruilFilter
    serializer_class = UitruilSerializer

    def get_queryset(self):
        return Uitruil.objects.zichtbaar_voor(self.request.user)

    def get_serializer_class(self):
        if self.action == "retrieve":
            return UitruilDetailSerializer
        return super().get_serializer_class()

    # list and retrieve write the serializers' JSON from values() rows (api/gegevens.py): no
    # model instances, no serializer fields per value. The serializers document the schema.

    def _gefilterd(self):
        qs = self.get_queryset()
        if any(naam in self.request.query_params for naam in UitruilFilter.base_filters):
            qs = self.filter_queryset(qs)
        return qs

    def list(self, request, *args, **kwargs):
        pagina = self.paginate_queryset(self._gefilterd().values_list(*gegevens.UITRUIL_VELDEN))
        return self.get_paginated_response(gegevens.uitruilen(pagina))

    def retrieve(self, request, *args, **kwargs):
        return Response(self._detail(kwargs["pk"]))

    def _detail(self, pk) -> dict:
        try:
            pk = int(pk)
        except (TypeError, ValueError):
            raise Http404 from None
        data = gegevens.detail(self._gefilterd(), pk)
        if data is None:
            raise Http404
        return data

    @extend_schema(request=VoorstelSerializer, responses={201: UitruilDetailSerializer})
    def create(self, request, *args, **kwargs):
        """A gemeente user proposes an exchange (its own gemeente must be a party)."""
        invoer = VoorstelSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = invoer.validated_data
        uitruil = services.voorstellen(
            door=request.user,
            cyclus=data["cyclus"],
            partijen=[services.PartijInvoer(**p) for p in data["partijen"]],
            motivatie=data["motivatie"],
            periode_van=data.get("periode_van"),
            periode_tot=data.get("periode_tot"),
            verhouding_asielopvang=data["verhouding_asielopvang"],
            verhouding_tegenprestatie=data["verhouding_tegenprestatie"],
        )
        return Response(self._opnieuw(uitruil.pk), status=status.HTTP_201_CREATED)

    def _opnieuw(self, pk) -> dict:
        return gegevens.detail(Uitruil.objects.zichtbaar_voor(self.request.user), pk)

    def _actie(self, request, pk, uitvoeren, reden_verplicht: bool):
        uitruil = get_object_or_404(Uitruil.objects.zichtbaar_voor(request.user), pk=pk)
        invoer = (RedenSerializer if reden_verplicht else OptioneleRedenSerializer)(
            data=request.data
        )
        invoer.is_valid(raise_exception=True)
        uitvoeren(uitruil, invoer.validated_data.get("reden", ""))
        return Response(self._opnieuw(uitruil.pk))

    @extend_schema(request=None, responses=UitruilDetailSerializer)
    @action(detail=True, methods=["post"])
    def accepteren(self, request, pk=None):
        """Accept on behalf of your gemeente."""
        return self._actie(
            request,
            pk,
            lambda u, r: services.accepteren(uitruil=u, door=request.user),
            False,
        )

    @extend_schema(request=RedenSerializer, responses=UitruilDetailSerializer)
    @action(detail=True, methods=["post"])
    def afwijzen(self, request, pk=None):
        """Reject on behalf of your gemeente, with a reason."""
        return self._actie(
            request,
            pk,
            lambda u, r: services.afwijzen(uitruil=u, door=request.user, reden=r),
            True,
        )

    @extend_schema(request=OptioneleRedenSerializer, responses=UitruilDetailSerializer)
    @action(detail=True, methods=["post"])
    def intrekken(self, request, pk=None):
        """Withdraw (a party, before confirmation)."""
        return self._actie(
            request,
            pk,
            lambda u, r: services.intrekken(uitruil=u, door=request.user, reden=r),
            False,
        )

    @extend_schema(request=OptioneleRedenSerializer, responses=UitruilDetailSerializer)
    @action(detail=True, methods=["post"])
    def bevestigen(self, request, pk=None):
        """Confirm (PRT secretary of the province, after every party accepted)."""
        return self._actie(
            request,
            pk,
            lambda u, r: services.bevestigen(uitruil=u, door=request.user, toelichting=r),
            False,
        )

    @extend_schema(request=RedenSerializer, responses=UitruilDetailSerializer)
    @action(detail=True, methods=["post"])
    def terugsturen(self, request, pk=None):
        """Return to the parties (PRT secretary), with a reason."""
        return self._actie(
            request,
            pk,
            lambda u, r: services.terugsturen(uitruil=u, door=request.user, reden=r),
            True,
        )

    @extend_schema(request=RedenSerializer, responses=UitruilDetailSerializer)
    @action(detail=True, methods=["post"])
    def annuleren(self, request, pk=None):
        """Cancel a confirmed exchange (PRT secretary), with a reason."""
        return self._actie(
            request,
            pk,
            lambda u, r: services.annuleren(uitruil=u, door=request.user, reden=r),
            True,
        )


def _cyclus(request) -> Wetscyclus:
    jaar = request.query_params.get("cyclus", "")
    if jaar.isdigit():
        return get_object_or_404(Wetscyclus, jaar=int(jaar))
    cyclus = huidige_cyclus()
    if cyclus is None:
        raise Http404
    return cyclus


class ProvincieGrootboekView(BewaardAntwoord, APIView):
    """The ledger of a province: per gemeente and task start, confirmed exchanges, result;
    and whether the provincial asielopvang total is still met."""

    antwoord_tabellen = ("uitruil", "raming")
    bewaarde_acties = ("get",)

    @extend_schema(parameters=[CYCLUS_PARAM], responses=ProvincieGrootboekSerializer)
    def get(self, request, slug):
        provincie = get_object_or_404(grootboek_provincies(request.user), slug=slug)
        boek = grootboek_provincie(cyclus=_cyclus(request), provincie=provincie)
        return Response(ProvincieGrootboekSerializer(boek).data)


class GemeenteGrootboekView(BewaardAntwoord, APIView):
    """The ledger of one gemeente (by CBS code, e.g. GM0479)."""

    antwoord_tabellen = ("uitruil", "raming")
    bewaarde_acties = ("get",)

    @extend_schema(parameters=[CYCLUS_PARAM], responses=GemeenteGrootboekSerializer)
    def get(self, request, code):
        gemeente = get_object_or_404(grootboek_gemeenten(request.user), code=code)
        boek = grootboek_gemeente(cyclus=_cyclus(request), gemeente=gemeente)
        return Response(GemeenteGrootboekSerializer(boek).data)
