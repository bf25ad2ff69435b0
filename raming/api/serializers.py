from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import (
    Gemeente,
    GemeenteVerdeling,
    Invoerbesluit,
    Mijlpaal,
    Provincie,
    ProvincieVerdeling,
    Raming,
    Wetscyclus,
)


class ProvincieSerializer(serializers.ModelSerializer):
    class Meta:
        model = Provincie
        fields = ["id", "code", "naam", "slug"]


class GemeenteSerializer(serializers.ModelSerializer):
    provincie = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Gemeente
        fields = ["id", "code", "naam", "slug", "provincie"]


class MijlpaalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Mijlpaal
        fields = ["id", "soort", "datum", "oorspronkelijke_datum", "grondslag", "wijzigingsreden"]


class InvoerbesluitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Invoerbesluit
        fields = [
            "id",
            "soort",
            "datum",
            "referentie",
            "landelijk_aantal",
            "amv_aantal",
            "toelichting",
        ]


class WetscyclusSerializer(serializers.ModelSerializer):
    mijlpalen = MijlpaalSerializer(many=True, read_only=True)
    invoerbesluiten = InvoerbesluitSerializer(many=True, read_only=True)

    class Meta:
        model = Wetscyclus
        fields = ["id", "jaar", "omschrijving", "mijlpalen", "invoerbesluiten"]
        read_only_fields = ["id"]
        extra_kwargs = {"jaar": {"validators": []}}


class ProvincieVerdelingSerializer(serializers.ModelSerializer):
    provincie = serializers.SlugRelatedField(slug_field="code", read_only=True)
    provincie_naam = serializers.CharField(source="provincie.naam", read_only=True)

    class Meta:
        model = ProvincieVerdeling
        fields = [
            "provincie",
            "provincie_naam",
            "opgave",
            "amv",
            "meerjarig_beschikbaar",
            "nog_te_realiseren",
            "herkomst",
            "bron",
            "bron_peildatum",
            "bron_url",
        ]


class GemeenteVerdelingSerializer(serializers.ModelSerializer):
    gemeente = serializers.SlugRelatedField(slug_field="code", read_only=True)
    gemeente_naam = serializers.CharField(source="gemeente.naam", read_only=True)
    provincie = serializers.CharField(source="gemeente.provincie.code", read_only=True)

    class Meta:
        model = GemeenteVerdeling
        fields = [
            "gemeente",
            "gemeente_naam",
            "provincie",
            "inwoners",
            "ses_woa",
            "gewicht",
            "exact",
            "aantal",
            "amv",
            "meerjarig_beschikbaar",
        ]


@extend_schema_field(
    {
        "type": "string",
        "description": "Status van de raming: " + " | ".join(Raming.Status.values),
        "example": Raming.Status.GEPUBLICEERD.value,
    }
)
class RamingStatusField(serializers.CharField):
    pass


class RamingSerializer(serializers.ModelSerializer):
    cyclus = serializers.IntegerField(source="cyclus.jaar", read_only=True)
    status = RamingStatusField(read_only=True)

    class Meta:
        model = Raming
        fields = [
            "id",
            "cyclus",
            "versie",
            "vorige_versie",
            "wijzigingsreden",
            "status",
            "landelijk_aantal",
            "amv_aantal",
            "peildatum_inwoners",
            "ses_jaar",
            "afrondingsmethode",
            "zonder_ses",
            "historisch",
            "invoerbesluit",
            "berekend_op",
            "vastgesteld_op",
            "gepubliceerd_op",
            "staatscourant_referentie",
            "uitgesteld_op",
            "uitstel_reden",
            "uitstel_kamerbrief",
        ]
        read_only_fields = fields


class OntbrekendeInvoerSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="CBS-code van de gemeente")
    naam = serializers.CharField()
    ontbreekt = serializers.CharField(help_text="Welke invoer ontbreekt")


class RamingDetailSerializer(RamingSerializer):
    provincies = ProvincieVerdelingSerializer(many=True, read_only=True)
    uitzondering_gemeenten = OntbrekendeInvoerSerializer(
        many=True,
        read_only=True,
        help_text="Gemeenten die bij de vaststelling invoer misten (vastgelegde uitzondering)",
    )

    class Meta(RamingSerializer.Meta):
        fields = [
            *RamingSerializer.Meta.fields,
            "uitzondering_reden",
            "uitzondering_gemeenten",
            "uitzondering_op",
            "provincies",
        ]
        read_only_fields = fields


class VerschilSerializer(serializers.Serializer):
    vorige_versie = serializers.IntegerField()
    landelijk_oud = serializers.IntegerField(allow_null=True)
    landelijk_nieuw = serializers.IntegerField(allow_null=True)
    gemeenten_gewijzigd = serializers.IntegerField()
    url = serializers.CharField()


class UitzonderingWeergaveSerializer(serializers.Serializer):
    reden = serializers.CharField()
    gemeenten = OntbrekendeInvoerSerializer(many=True)
    door = serializers.CharField()
    op = serializers.DateTimeField(allow_null=True)


class GevolgenSerializer(serializers.Serializer):
    """What vaststellen or publiceren would do (dry run: nothing is changed)."""

    actie = serializers.CharField()
    kan = serializers.BooleanField(help_text="Of de handeling nu zou slagen")
    belemmeringen = serializers.ListField(child=serializers.CharField())
    wat_gebeurt = serializers.ListField(child=serializers.CharField())
    wie_bericht = serializers.ListField(child=serializers.CharField())
    wordt_openbaar = serializers.ListField(child=serializers.CharField())
    ontbrekend = OntbrekendeInvoerSerializer(many=True)
    uitzondering = UitzonderingWeergaveSerializer(allow_null=True)
    verschil = VerschilSerializer(allow_null=True)


class RamingAanmakenSerializer(serializers.Serializer):
    cyclus = serializers.IntegerField(help_text="Jaar van de wetscyclus")
    invoerbesluit = serializers.PrimaryKeyRelatedField(
        queryset=Invoerbesluit.objects.all(), required=False, allow_null=True
    )
    peildatum_inwoners = serializers.DateField(required=False, allow_null=True)
    ses_jaar = serializers.IntegerField(required=False, allow_null=True)
    afrondingsmethode = serializers.ChoiceField(
        choices=Raming.Afronding.choices, default=Raming.Afronding.PER_GEMEENTE
    )
    zonder_ses = serializers.BooleanField(default=False)


class RamingUitzonderingSerializer(serializers.Serializer):
    reden = serializers.CharField(
        help_text="Waarom de raming wordt vastgesteld terwijl deze gemeenten invoer missen"
    )


class RamingPublicerenSerializer(serializers.Serializer):
    staatscourant_referentie = serializers.CharField(max_length=100)
    gepubliceerd_op = serializers.DateField()


class RamingUitstellenSerializer(serializers.Serializer):
    reden = serializers.CharField()
    kamerbrief = serializers.CharField(max_length=200)
    uitgesteld_op = serializers.DateField()


class RamingRedenSerializer(serializers.Serializer):
    reden = serializers.CharField()
