"""API of meerjarig beschikbaar computed from the register: the computations, their lines, the
dry run (``POST …/voorbeeld/``) and the act (``POST …/``), with the same access rule as the
pages (``raming_opstellen`` to compute; lines through ``BerekendeLocatie.objects.zichtbaar_voor``).
"""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.rechten import Handeling, vereist
from core.api.bewaard import BewaardAntwoord
from core.api.routers import SimpleRouter
from raming.models import Provincie, Wetscyclus

from . import beschikbaarheid
from .models import BerekendeLocatie, BerekendeProvincie, Beschikbaarheidsberekening


class BerekenenSerializer(serializers.Serializer):
    cyclus = serializers.SlugRelatedField(slug_field="jaar", queryset=Wetscyclus.objects.all())
    peildatum = serializers.DateField()
    horizon = serializers.DateField()
    marge = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        help_text="Onzekerheidsmarge voor de planfase, in procenten (0 tot en met 100).",
    )
    provincies = serializers.SlugRelatedField(
        slug_field="code", queryset=Provincie.objects.all(), many=True, allow_empty=False
    )
    toelichting = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    vingerafdruk = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=64,
        help_text=(
            "De vingerafdruk uit de proefberekening: het vastleggen wordt geweigerd (409) als "
            "het register of het vastgelegde meerjarig beschikbaar sindsdien is gewijzigd."
        ),
    )


class ProvincieGevolgSerializer(serializers.Serializer):
    provincie = serializers.CharField(source="provincie.code")
    naam = serializers.CharField(source="provincie.naam")
    oud = serializers.IntegerField(allow_null=True)
    nieuw = serializers.IntegerField()
    verschil = serializers.IntegerField(allow_null=True)
    locaties_tellen = serializers.IntegerField()
    locaties_tellen_niet = serializers.IntegerField()


class OordeelSerializer(serializers.Serializer):
    locatie = serializers.IntegerField(source="locatie_id")
    gemeente = serializers.IntegerField(source="gemeente_id")
    capaciteit = serializers.IntegerField()
    geteld = serializers.IntegerField()
    telt = serializers.BooleanField()
    reden = serializers.CharField()
    toelichting = serializers.CharField()


class VoorbeeldSerializer(serializers.Serializer):
    peildatum = serializers.DateField()
    horizon = serializers.DateField()
    marge = serializers.DecimalField(max_digits=5, decimal_places=2)
    totaal = serializers.IntegerField()
    provincies = ProvincieGevolgSerializer(many=True)
    locaties = OordeelSerializer(many=True, source="uitkomst.oordelen")
    concept_raming_neemt_over = serializers.SerializerMethodField()
    onbevestigd_geteld = serializers.IntegerField(
        help_text="Meegetelde plekken op locaties die COA nog niet heeft bevestigd."
    )
    vingerafdruk = serializers.CharField()

    def get_concept_raming_neemt_over(self, obj) -> int | None:
        """The version of the concept raming that takes the figures over, if any."""
        return obj.concept.versie if obj.concept else None


class BerekendeProvincieSerializer(serializers.ModelSerializer):
    provincie = serializers.CharField(source="provincie.code")

    class Meta:
        model = BerekendeProvincie
        fields = ["provincie", "aantal", "vorig_aantal", "vorige_bron"]


class BeschikbaarheidsberekeningSerializer(serializers.ModelSerializer):
    cyclus = serializers.IntegerField(source="cyclus.jaar")
    per_provincie = BerekendeProvincieSerializer(many=True)
    berekend_door = serializers.StringRelatedField()

    class Meta:
        model = Beschikbaarheidsberekening
        fields = [
            "id",
            "cyclus",
            "peildatum",
            "horizon",
            "marge",
            "totaal",
            "toelichting",
            "vervangt",
            "berekend_op",
            "berekend_door",
            "per_provincie",
        ]


class BerekendeLocatieSerializer(serializers.ModelSerializer):
    gemeente = serializers.CharField(source="gemeente.code")

    class Meta:
        model = BerekendeLocatie
        fields = [
            "id",
            "locatie",
            "gemeente",
            "naam",
            "fase",
            "capaciteit_regulier",
            "capaciteit_amv",
            "overeenkomst_gesloten_op",
            "beschikbaar_vanaf",
            "beschikbaar_tot",
            "coa_bevestigd",
            "geteld",
            "telt",
            "reden",
            "toelichting",
        ]


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Het register is gewijzigd sinds de proefberekening."


def _invoer(data, door) -> dict:
    return {
        "door": door,
        "cyclus": data["cyclus"],
        "peildatum": data["peildatum"],
        "horizon": data["horizon"],
        "marge": data["marge"],
        "provincie_ids": {p.pk for p in data["provincies"]},
    }


class BeschikbaarheidsberekeningViewSet(
    BewaardAntwoord, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Computations of meerjarig beschikbaar from the location register (never changed; a
    recomputation is a new one). A PRT or gemeente sees only its own province's figures."""

    antwoord_tabellen = ("locaties", "raming", "accounts.gebruiker")

    serializer_class = BeschikbaarheidsberekeningSerializer

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False):
            return Beschikbaarheidsberekening.objects.none()
        per_provincie = BerekendeProvincie.objects.select_related("provincie")
        if user.is_prt:
            per_provincie = per_provincie.filter(provincie_id=user.provincie_id)
        elif user.is_gemeente:
            per_provincie = per_provincie.filter(provincie_id=user.eigen_provincie_id)
        return (
            Beschikbaarheidsberekening.objects.zichtbaar_voor(user)
            .select_related("cyclus", "berekend_door")
            .prefetch_related(Prefetch("per_provincie", queryset=per_provincie))
        )

    @extend_schema(request=BerekenenSerializer, responses=VoorbeeldSerializer)
    @action(detail=False, methods=["post"])
    def voorbeeld(self, request):
        """Dry run: the outcome per province (old → new) and per location. Changes nothing."""
        vereist(request.user, Handeling.RAMING_OPSTELLEN)
        invoer = BerekenenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        uitkomst = beschikbaarheid.beschikbaar_voorbeeld(
            **_invoer(invoer.validated_data, request.user)
        )
        return Response(VoorbeeldSerializer(uitkomst).data)

    @extend_schema(
        request=BerekenenSerializer, responses={201: BeschikbaarheidsberekeningSerializer}
    )
    def create(self, request, *args, **kwargs):
        """Compute and record: the computation with its lines, and the raming's input per
        gemeente of the chosen provinces."""
        vereist(request.user, Handeling.RAMING_OPSTELLEN)
        invoer = BerekenenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = invoer.validated_data
        try:
            berekening = beschikbaarheid.beschikbaar_vastleggen(
                vingerafdruk=data.get("vingerafdruk") or None,
                toelichting=data.get("toelichting", ""),
                **_invoer(data, request.user),
            )
        except beschikbaarheid.VingerafdrukFout as fout:
            raise Conflict(" ".join(fout.messages)) from fout
        berekening = self.get_queryset().get(pk=berekening.pk)
        return Response(self.get_serializer(berekening).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=BerekendeLocatieSerializer(many=True))
    @action(detail=True, methods=["get"])
    def locaties(self, request, pk=None):
        """The lines of a computation that the user may see: every location with the places
        it counted and why."""
        berekening = self.get_object()
        regels = (
            BerekendeLocatie.objects.zichtbaar_voor(request.user)
            .filter(berekening=berekening)
            .select_related("gemeente")
        )
        pagina = self.paginate_queryset(regels)
        return self.get_paginated_response(BerekendeLocatieSerializer(pagina, many=True).data)


router = SimpleRouter()
router.register(
    "meerjarig-beschikbaar",
    BeschikbaarheidsberekeningViewSet,
    basename="beschikbaarheidsberekening",
)
urlpatterns = router.urls
