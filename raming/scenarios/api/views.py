"""Scenario API: list/detail/compare for whoever may see the scenario; writes for the ministry."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from core.api.bewaard import BewaardAntwoord

from .. import services
from ..models import Scenario, ScenarioUitkomst
from ..selectors import VergelijkingFout, vergelijking
from .serializers import (
    DelenSerializer,
    PromotieSerializer,
    ScenarioDetailSerializer,
    ScenarioInvoerSerializer,
    ScenarioSerializer,
    VergelijkingSerializer,
)


class MinisterieSchrijft(permissions.BasePermission):
    """Reading for every logged-in user (the queryset limits what they see); writing for the
    ministry only."""

    def has_permission(self, request, view):
        if not request.user.is_authenticated:
            return False
        return request.method in permissions.SAFE_METHODS or request.user.is_ministerie


class ScenarioFilter(filters.FilterSet):
    class Meta:
        model = Scenario
        fields = ["basis", "gedeeld"]


def _fout(fout: services.ScenarioFout) -> ValidationError:
    return ValidationError({fout.veld or "non_field_errors": [fout.tekst]})


def _invoer(data: dict) -> dict:
    return {
        "aanpassingen": [
            services.Aanpassing(a["label"], a["delta"]) for a in data.get("aanpassingen", [])
        ],
        "beschikbaar_wijzigingen": [
            services.BeschikbaarWijziging(
                provincie=w.get("provincie"),
                gemeente=w.get("gemeente"),
                nieuw_aantal=w.get("nieuw_aantal"),
                delta=w.get("delta"),
                toelichting=w.get("toelichting", ""),
            )
            for w in data.get("beschikbaar_wijzigingen", [])
        ],
    }


@extend_schema(tags=["scenario's"])
class ScenarioViewSet(
    BewaardAntwoord,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """What-if scenarios on a raming ("scenario — geen besluit"). The ministry sees all and
    writes; a PRT secretary reads only scenarios shared with them, with the figures frozen at
    sharing time; others see none."""

    # shared with single PRT secretaries (ScenarioDeling): kept per user
    antwoord_tabellen = ("scenarios", "raming", "accounts.gebruiker")
    antwoord_per_gebruiker = True
    bewaarde_acties = ("list", "retrieve", "vergelijken")

    permission_classes = [MinisterieSchrijft]
    filterset_class = ScenarioFilter
    queryset = Scenario.objects.none()

    def get_queryset(self):
        qs = (
            Scenario.objects.zichtbaar_voor(self.request.user)
            .select_related("basis__cyclus", "auteur")
            .prefetch_related("aanpassingen")
            .order_by("-aangemaakt_op", "-pk")
        )
        if self.action == "retrieve":
            gewenst = (
                ScenarioUitkomst.Set.ACTUEEL
                if self.request.user.is_ministerie
                else ScenarioUitkomst.Set.GEDEELD
            )
            qs = qs.prefetch_related(
                "beschikbaar_wijzigingen__provincie",
                "beschikbaar_wijzigingen__gemeente",
                Prefetch(
                    "uitkomsten",
                    queryset=ScenarioUitkomst.objects.filter(set=gewenst)
                    .select_related("provincie", "gemeente")
                    .order_by("provincie__code", "gemeente__naam"),
                ),
            )
        return qs

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ScenarioDetailSerializer
        if self.action in ("create", "update", "partial_update"):
            return ScenarioInvoerSerializer
        return ScenarioSerializer

    @extend_schema(request=ScenarioInvoerSerializer, responses={201: ScenarioSerializer})
    def create(self, request, *args, **kwargs):
        invoer = ScenarioInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        d = invoer.validated_data
        extra = {}
        if "ses_jaar" in d:
            extra["ses_jaar"] = d["ses_jaar"]
        try:
            scenario = services.scenario_aanmaken(
                basis=d["basis"],
                naam=d["naam"],
                beschrijving=d["beschrijving"],
                auteur=request.user,
                landelijk_aantal=d.get("landelijk_aantal"),
                amv_aandeel=d.get("amv_aandeel"),
                peildatum_inwoners=d.get("peildatum_inwoners"),
                afrondingsmethode=d.get("afrondingsmethode"),
                **extra,
                **_invoer(d),
            )
        except services.ScenarioFout as fout:
            raise _fout(fout) from fout
        return Response(
            ScenarioSerializer(scenario, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=ScenarioInvoerSerializer, responses={200: ScenarioSerializer})
    def update(self, request, *args, **kwargs):
        scenario = self.get_object()
        huidig = {
            "basis": scenario.basis_id,
            "naam": scenario.naam,
            "beschrijving": scenario.beschrijving,
            "landelijk_aantal": scenario.landelijk_aantal,
            "amv_aandeel": scenario.amv_aandeel,
            "peildatum_inwoners": scenario.peildatum_inwoners,
            "ses_jaar": scenario.ses_jaar,
            "afrondingsmethode": scenario.afrondingsmethode,
            "aanpassingen": [
                {"label": a.label, "delta": a.delta} for a in scenario.aanpassingen.all()
            ],
            "beschikbaar_wijzigingen": [
                {
                    "provincie": w.provincie.code if w.provincie else None,
                    "gemeente": w.gemeente.code if w.gemeente else None,
                    "nieuw_aantal": w.nieuw_aantal,
                    "delta": w.delta,
                    "toelichting": w.toelichting,
                }
                for w in scenario.beschikbaar_wijzigingen.select_related("provincie", "gemeente")
            ],
        }
        data = {**huidig, **request.data} if kwargs.get("partial") else request.data
        invoer = ScenarioInvoerSerializer(data=data)
        invoer.is_valid(raise_exception=True)
        d = invoer.validated_data
        if d["basis"].pk != scenario.basis_id:
            raise ValidationError({"basis": ["De basisraming van een scenario ligt vast."]})
        try:
            scenario = services.scenario_wijzigen(
                scenario=scenario,
                door=request.user,
                naam=d["naam"],
                beschrijving=d["beschrijving"],
                landelijk_aantal=d.get("landelijk_aantal"),
                amv_aandeel=d.get("amv_aandeel"),
                peildatum_inwoners=d.get("peildatum_inwoners") or scenario.peildatum_inwoners,
                ses_jaar=d.get("ses_jaar"),
                afrondingsmethode=d.get("afrondingsmethode") or scenario.afrondingsmethode,
                **_invoer(d),
            )
        except services.ScenarioFout as fout:
            raise _fout(fout) from fout
        return Response(ScenarioSerializer(scenario, context=self.get_serializer_context()).data)

    @extend_schema(request=ScenarioInvoerSerializer, responses={200: ScenarioSerializer})
    def partial_update(self, request, *args, **kwargs):
        kwargs["partial"] = True
        return self.update(request, *args, **kwargs)

    @extend_schema(request=DelenSerializer, responses={200: ScenarioSerializer})
    @action(detail=True, methods=["post"])
    def delen(self, request, pk=None):
        """Share read-only with these PRT secretaries; freezes the current figures for them."""
        scenario = self.get_object()
        invoer = DelenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        ids = invoer.validated_data["secretarissen"]
        gebruikers = list(get_user_model().objects.filter(pk__in=ids))
        if len(gebruikers) != len(set(ids)):
            raise ValidationError({"secretarissen": ["Onbekende gebruiker."]})
        try:
            scenario = services.scenario_delen(
                scenario=scenario, secretarissen=gebruikers, door=request.user
            )
        except services.ScenarioFout as fout:
            raise _fout(fout) from fout
        return Response(ScenarioSerializer(scenario, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses={201: PromotieSerializer})
    @action(detail=True, methods=["post"])
    def promoveren(self, request, pk=None):
        """A new concept raming, or a proposal for a tussentijdse wijziging of a published
        raming, with the scenario's assumptions as the reason."""
        scenario = self.get_object()
        try:
            raming = services.scenario_promoveren(scenario=scenario, door=request.user)
        except services.ScenarioFout as fout:
            raise _fout(fout) from fout
        return Response(
            PromotieSerializer(
                {
                    "raming": raming.pk,
                    "versie": raming.versie,
                    "status": raming.status,
                    "vorige_versie": raming.vorige_versie_id,
                    "wijzigingsreden": raming.wijzigingsreden,
                }
            ).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "s",
                OpenApiTypes.INT,
                many=True,
                required=True,
                description="Eén tot vier scenario-id's op dezelfde basisraming.",
            ),
            OpenApiParameter("sorteer", OpenApiTypes.STR, description="Sortering gemeenten."),
        ],
        responses={200: VergelijkingSerializer},
    )
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def vergelijken(self, request):
        """Compare up to four scenarios with their basis raming."""
        try:
            ids = [int(i) for i in request.query_params.getlist("s")]
        except ValueError as exc:
            raise ValidationError({"s": ["Geef scenario-id's als getallen."]}) from exc
        try:
            v = vergelijking(
                gebruiker=request.user,
                scenario_ids=ids,
                sorteer=request.query_params.get("sorteer", "naam"),
            )
        except Scenario.DoesNotExist as exc:
            raise NotFound() from exc
        except VergelijkingFout as fout:
            raise ValidationError({"s": [str(fout)]}) from fout
        return Response(VergelijkingSerializer(v).data)
