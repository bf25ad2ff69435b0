"""Tying a gemeente's reports without a location to a location in gebruik that no report names,
in the API (``POST /api/v1/realisatiemeldingen/koppelen/voorbeeld/`` then
``POST …/koppelen/``), as on the page ``/regietafels/realisatie/koppelen/<locatie>/``: the same
service (``services.meldingen_aan_locatie_koppelen``), the same role rule (the gemeente itself,
its PRT secretary, the ministry) and a reason required."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.rechten import Handeling, vereist
from raming.models import Wetscyclus

from .. import services
from .serializers import RealisatiemeldingSerializer, ZichtbareLocatie


class KoppelingVragenSerializer(serializers.Serializer):
    cyclus = serializers.SlugRelatedField(
        slug_field="jaar", queryset=Wetscyclus.objects.all(), help_text="Jaar van de cyclus."
    )
    locatie = ZichtbareLocatie(
        help_text="De locatie uit het register (id): in gebruik en beschikbaar, en door geen "
        "melding van de cyclus genoemd. Haar gemeente is de gemeente van de meldingen."
    )


class KoppelenSerializer(KoppelingVragenSerializer):
    reden = serializers.CharField(
        max_length=2000,
        error_messages={
            "required": "Geef een reden voor het koppelen.",
            "blank": "Geef een reden voor het koppelen.",
        },
        help_text="Waarom de meldingen zonder locatie de plekken van deze locatie zijn; komt "
        "bij elke ingetrokken of gecorrigeerde melding te staan.",
    )


class GekoppeldeMeldingSerializer(serializers.Serializer):
    melding = serializers.IntegerField(help_text="De melding zonder locatie (id).")
    datum = serializers.DateField()
    aantal = serializers.IntegerField(help_text="Het aantal nu.")
    daarna = serializers.IntegerField(
        allow_null=True,
        help_text="Het aantal na het koppelen (een correctie); null: de melding wordt "
        "ingetrokken, haar plekken zijn geheel die van de locatie.",
    )


class KoppelingVoorbeeldSerializer(serializers.Serializer):
    cyclus = serializers.IntegerField()
    gemeente = serializers.IntegerField()
    gemeente_naam = serializers.CharField()
    locatie = serializers.IntegerField()
    locatie_naam = serializers.CharField()
    plekken = serializers.IntegerField(help_text="De plekken van de locatie (regulier + amv).")
    datum = serializers.DateField(
        help_text="De datum van de melding die de locatie gaat noemen (die van de oudste "
        "verlaagde melding)."
    )
    minder = serializers.IntegerField(
        help_text="Zoveel plekken minder gerealiseerd: ze telden twee keer."
    )
    meldingen = GekoppeldeMeldingSerializer(many=True)


def _voorbeeld_gegevens(koppeling, cyclus) -> dict:
    locatie = koppeling.locatie
    return {
        "cyclus": cyclus.jaar,
        "gemeente": locatie.gemeente_id,
        "gemeente_naam": locatie.gemeente.naam,
        "locatie": locatie.pk,
        "locatie_naam": locatie.naam,
        "plekken": koppeling.plekken,
        "datum": koppeling.datum,
        "minder": koppeling.minder,
        "meldingen": [
            {"melding": m.pk, "datum": m.datum, "aantal": m.aantal, "daarna": na}
            for m, na in koppeling.meldingen
        ],
    }


_FOUTEN = {
    400: OpenApiResponse(
        description="Niet te koppelen, met de reden in ``velden.locatie``: de locatie is niet "
        "in gebruik op de dag van een melding zonder locatie, een melding noemt haar al, of "
        "de gemeente heeft geen melding zonder locatie (of de reden ontbreekt)."
    ),
    403: OpenApiResponse(
        description="Alleen de gemeente zelf, haar PRT-secretaris en het ministerie koppelen."
    ),
}


class RealisatieKoppelenActies:
    """``POST /api/v1/realisatiemeldingen/koppelen/`` and ``…/koppelen/voorbeeld/`` for
    ``RealisatiemeldingViewSet``."""

    def _koppeling_invoer(self, serializer_class) -> dict:
        # the role first (COA sees every location but ties nothing), then the gemeente's scope
        vereist(self.request.user, Handeling.REALISATIE_MELDEN)
        invoer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        invoer.is_valid(raise_exception=True)
        data = invoer.validated_data
        vereist(self.request.user, Handeling.REALISATIE_MELDEN, gemeente=data["locatie"].gemeente)
        return data

    @extend_schema(
        request=KoppelingVragenSerializer,
        responses={200: KoppelingVoorbeeldSerializer, **_FOUTEN},
    )
    @action(detail=False, methods=["post"], url_path="koppelen/voorbeeld")
    def koppelen_voorbeeld(self, request):
        """Dry run of tying: which reports without a location are lowered or withdrawn and
        by how much the realised figure drops. Changes nothing."""
        data = self._koppeling_invoer(KoppelingVragenSerializer)
        locatie = data["locatie"]
        koppeling = services.koppeling_voorstel(
            gemeente=locatie.gemeente, cyclus=data["cyclus"], locatie=locatie
        )
        return Response(
            KoppelingVoorbeeldSerializer(_voorbeeld_gegevens(koppeling, data["cyclus"])).data
        )

    @extend_schema(
        request=KoppelenSerializer,
        responses={201: RealisatiemeldingSerializer, **_FOUTEN},
    )
    @action(detail=False, methods=["post"])
    def koppelen(self, request):
        """Tie the gemeente's reports without a location to the location, with a reason: they
        are lowered by its places, oldest first (a report wholly taken up is withdrawn, one
        partly taken up corrected), and a new report names the location; every report stays
        on record. Answers the report that names the location."""
        data = self._koppeling_invoer(KoppelenSerializer)
        locatie = data["locatie"]
        melding = services.meldingen_aan_locatie_koppelen(
            gemeente=locatie.gemeente,
            cyclus=data["cyclus"],
            locatie=locatie,
            reden=data["reden"],
            door=request.user,
        )
        return Response(
            RealisatiemeldingSerializer(melding, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )
