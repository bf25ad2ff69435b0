"""Serializers of the location register's API. Input is read here (types, bounds); the
services decide what is allowed and return every error at once."""

from __future__ import annotations

from rest_framework import serializers

from raming.models import Gemeente

from ..models import Fase, Fasewijziging, Opvanglocatie, Soort
from ..services import (
    ADRES_MAXIMUM,
    CAPACITEIT_MAXIMUM,
    NAAM_MAXIMUM,
    PLAATS_MAXIMUM,
    REFERENTIE_MAXIMUM,
    TOELICHTING_MAXIMUM,
)


class FasewijzigingSerializer(serializers.ModelSerializer):
    gemeld_door = serializers.CharField(source="gemeld_door.username", default=None)

    class Meta:
        model = Fasewijziging
        fields = [
            "van_fase",
            "naar_fase",
            "datum",
            "gemeld_door",
            "gemeld_op",
            "bron",
            "toelichting",
        ]


class OpvanglocatieSerializer(serializers.ModelSerializer):
    gemeente = serializers.CharField(source="gemeente.code", read_only=True)
    gemeente_naam = serializers.CharField(source="gemeente.naam", read_only=True)
    provincie = serializers.CharField(source="gemeente.provincie.code", read_only=True)
    is_bevestigd = serializers.BooleanField(read_only=True)

    class Meta:
        model = Opvanglocatie
        fields = [
            "id",
            "gemeente",
            "gemeente_naam",
            "provincie",
            "naam",
            "straat_huisnummer",
            "postcode",
            "plaats",
            "capaciteit_regulier",
            "capaciteit_amv",
            "soort",
            "fase",
            "fase_sinds",
            "overeenkomst_gesloten_op",
            "beschikbaar_vanaf",
            "beschikbaar_tot",
            "duurzaam",
            "coa_referentie",
            "is_bevestigd",
            "coa_bevestigd_op",
            "gewijzigd_op",
        ]
        read_only_fields = fields


class OpvanglocatieDetailSerializer(OpvanglocatieSerializer):
    fasewijzigingen = FasewijzigingSerializer(many=True, read_only=True)

    class Meta(OpvanglocatieSerializer.Meta):
        fields = OpvanglocatieSerializer.Meta.fields + ["fasewijzigingen"]
        read_only_fields = fields


class GegevensSerializer(serializers.Serializer):
    naam = serializers.CharField(max_length=NAAM_MAXIMUM)
    straat_huisnummer = serializers.CharField(
        max_length=ADRES_MAXIMUM, required=False, allow_blank=True, default=""
    )
    postcode = serializers.CharField(max_length=7, required=False, allow_blank=True, default="")
    plaats = serializers.CharField(
        max_length=PLAATS_MAXIMUM, required=False, allow_blank=True, default=""
    )
    capaciteit_regulier = serializers.IntegerField(min_value=0, max_value=CAPACITEIT_MAXIMUM)
    capaciteit_amv = serializers.IntegerField(
        min_value=0, max_value=CAPACITEIT_MAXIMUM, required=False, default=0
    )
    soort = serializers.ChoiceField(choices=Soort.choices)
    overeenkomst_gesloten_op = serializers.DateField(required=False, allow_null=True, default=None)
    beschikbaar_vanaf = serializers.DateField(required=False, allow_null=True, default=None)
    beschikbaar_tot = serializers.DateField(required=False, allow_null=True, default=None)
    duurzaam = serializers.BooleanField(required=False, default=False)
    coa_referentie = serializers.CharField(
        max_length=REFERENTIE_MAXIMUM, required=False, allow_blank=True, default=""
    )


class AanmakenSerializer(GegevensSerializer):
    gemeente = serializers.SlugRelatedField(
        slug_field="code", queryset=Gemeente.objects.all(), help_text="CBS-code, bv. GM0202."
    )
    fase = serializers.ChoiceField(choices=Fase.choices, default=Fase.PLANVORMING)
    fase_sinds = serializers.DateField()


class WijzigenSerializer(GegevensSerializer):
    gewijzigd_op = serializers.DateTimeField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Zoals gelezen; een locatie die intussen is gewijzigd geeft 400 (conflict).",
    )


class FaseSerializer(serializers.Serializer):
    naar_fase = serializers.ChoiceField(choices=Fase.choices)
    datum = serializers.DateField()
    toelichting = serializers.CharField(
        max_length=TOELICHTING_MAXIMUM, required=False, allow_blank=True, default=""
    )
    gewijzigd_op = serializers.DateTimeField(required=False, allow_null=True, default=None)


class BevestigenSerializer(serializers.Serializer):
    gewijzigd_op = serializers.DateTimeField(required=False, allow_null=True, default=None)
