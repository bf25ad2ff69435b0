"""/api/v1/bezwaren/: the bezwaren the user may see (the pages' access rule), lodging or
registering one, postponing and further delaying the decision, withdrawing it, and the decision
(the same services and preconditions as the pages)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.rechten import Handeling, vereist
from core.api.bewaard import BewaardAntwoord

from .. import selectors, services
from ..models import Bezwaar
from . import serializers as s


class BezwaarViewSet(
    BewaardAntwoord,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Bezwaren against the beschikking verdeelbesluit, with their terms (Awb)."""

    antwoord_tabellen = ("bezwaar", "regietafels", "raming")

    serializer_class = s.BezwaarSerializer
    filterset_fields = ["gemeente"]

    def get_queryset(self):
        return (
            Bezwaar.objects.zichtbaar_voor(self.request.user)
            .select_related("gemeente", "indiener_provincie", "regel__verdeelbesluit__cyclus")
            .prefetch_related("uitstellen")
            .order_by("-ontvangen_op", "-pk")
        )

    def get_serializer_context(self):
        return {
            **super().get_serializer_context(),
            "gelijkgesteld": selectors.gelijkgestelde_dagen(),
        }

    @extend_schema(request=s.BezwaarIndienenSerializer, responses={201: s.BezwaarSerializer})
    def create(self, request, *args, **kwargs):
        """A gemeente or PRT secretary lodges bezwaar (received today); the ministry registers
        one received by post or e-mail (``indiener`` and ``ontvangen_op`` required then)."""
        user = request.user
        registreren = getattr(user, "is_ministerie", False)
        vereist(user, Handeling.BEZWAAR_REGISTREREN if registreren else Handeling.BEZWAAR_INDIENEN)
        invoer = s.BezwaarIndienenSerializer(
            data=request.data, regels=selectors.bezwaarbare_regels(user)
        )
        invoer.is_valid(raise_exception=True)
        data = invoer.validated_data
        if registreren:
            bezwaar = services.bezwaar_registreren(
                regel=data["regel"],
                indiener=data.get("indiener", ""),
                ontvangen_op=data.get("ontvangen_op"),
                verzonden_op=data.get("verzonden_op"),
                gronden=data["gronden"],
                door=user,
            )
        else:
            bezwaar = services.bezwaar_indienen(
                regel=data["regel"], gronden=data["gronden"], door=user
            )
        return Response(self.get_serializer(bezwaar).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.BezwaarIntrekkenSerializer, responses={200: s.BezwaarSerializer})
    @action(detail=True, methods=["post"])
    def intrekken(self, request, pk=None):
        """Withdraw the bezwaar: its indiener, or the ministry recording a withdrawal it
        received (the same service and checks as the page); its terms stop."""
        vereist(request.user, Handeling.BEZWAAR_INTREKKEN)
        bezwaar = self.get_object()
        invoer = s.BezwaarIntrekkenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        bezwaar = services.bezwaar_intrekken(
            bezwaar=bezwaar, door=request.user, **invoer.validated_data
        )
        return Response(self.get_serializer(bezwaar).data)

    @extend_schema(request=s.BezwaarVerdagenSerializer, responses={200: s.BezwaarSerializer})
    @action(detail=True, methods=["post"])
    def verdagen(self, request, pk=None):
        """Postpone the decision once by six weeks (ministry; Awb 7:10 lid 3), before the term
        ends (the same service and checks as the page)."""
        vereist(request.user, Handeling.BEZWAAR_BEHANDELEN)
        bezwaar = self.get_object()
        invoer = s.BezwaarVerdagenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        services.verdagen(bezwaar=bezwaar, door=request.user, **invoer.validated_data)
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(request=s.BezwaarUitstelSerializer, responses={200: s.BezwaarSerializer})
    @action(detail=True, methods=["post"])
    def uitstel(self, request, pk=None):
        """Record a further delay of the decision (ministry; Awb 7:10 lid 4): only with the
        indiener's consent and the reason no other belanghebbende is harmed (the same service
        and checks as the page)."""
        vereist(request.user, Handeling.BEZWAAR_BEHANDELEN)
        bezwaar = self.get_object()
        invoer = s.BezwaarUitstelSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        services.uitstel_vastleggen(bezwaar=bezwaar, door=request.user, **invoer.validated_data)
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(request=s.BezwaarBeslissenSerializer, responses={200: s.BezwaarSerializer})
    @action(detail=True, methods=["post"])
    def beslissen(self, request, pk=None):
        """The decision on the bezwaar (ministry), with the same preconditions as the page."""
        vereist(request.user, Handeling.BEZWAAR_BESLISSEN)
        bezwaar = self.get_object()
        invoer = s.BezwaarBeslissenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        bezwaar = services.beslissen(bezwaar=bezwaar, door=request.user, **invoer.validated_data)
        return Response(self.get_serializer(bezwaar).data)
