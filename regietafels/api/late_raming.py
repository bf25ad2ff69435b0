"""API: the cycle-wide extension of the verslag deadline after a late raming (ministry)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from raming.models import Wetscyclus

from ..verlengingen import verslagtermijn_verlengen_na_late_raming


class LateRamingVerlengingSerializer(serializers.Serializer):
    reden = serializers.CharField(required=False, help_text="Leeg: de voorgestelde reden.")
    referentie = serializers.CharField(required=False, default="", allow_blank=True)


class TermijnverlengingUitkomstSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    nieuwe_datum = serializers.DateField()
    reden = serializers.CharField()
    referentie = serializers.CharField()


class LateRamingVerlengingView(APIView):
    """Grant the proposed extension of the verslag deadline to all PRTs after the cycle's
    raming was published late (the date follows from the delay)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        tags=["termijnverlengingen"],
        operation_id="cycli_verslagtermijn_verlengen_create",
        request=LateRamingVerlengingSerializer,
        responses={201: TermijnverlengingUitkomstSerializer},
    )
    def post(self, request, jaar: int):
        if not request.user.is_ministerie:
            raise exceptions.PermissionDenied("Alleen het ministerie mag dit doen.")
        cyclus = get_object_or_404(Wetscyclus, jaar=jaar)
        invoer = LateRamingVerlengingSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        verlenging = verslagtermijn_verlengen_na_late_raming(
            cyclus=cyclus,
            door=request.user,
            reden=invoer.validated_data.get("reden"),
            referentie=invoer.validated_data.get("referentie", ""),
        )
        return Response(
            TermijnverlengingUitkomstSerializer(verlenging).data, status=status.HTTP_201_CREATED
        )
