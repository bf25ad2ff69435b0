"""Serializers of the scenario API. PRT secretaries get the figures frozen at sharing time."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.grenzen import JAAR_LAATST, JAAR_VROEGST, KOLOM_MAXIMUM, PLAUSIBEL_MAXIMUM
from raming.models import Gemeente, Provincie, Raming

from ..models import GEEN_BESLUIT, Scenario, ScenarioUitkomst


class AanpassingSerializer(serializers.Serializer):
    label = serializers.CharField(max_length=200)
    delta = serializers.IntegerField(min_value=-PLAUSIBEL_MAXIMUM, max_value=PLAUSIBEL_MAXIMUM)


class BeschikbaarWijzigingSerializer(serializers.Serializer):
    provincie = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Provincie.objects.all(),
        required=False,
        allow_null=True,
        help_text="CBS-code van de provincie (PV25), of leeg bij een gemeente.",
    )
    gemeente = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Gemeente.objects.select_related("provincie"),
        required=False,
        allow_null=True,
        help_text="CBS-code van de gemeente (GM0202).",
    )
    nieuw_aantal = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=PLAUSIBEL_MAXIMUM
    )
    delta = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=-PLAUSIBEL_MAXIMUM,
        max_value=PLAUSIBEL_MAXIMUM,
    )
    toelichting = serializers.CharField(max_length=200, required=False, allow_blank=True)


class GedeeldeWijzigingSerializer(serializers.Serializer):
    wat = serializers.CharField()
    nieuw_aantal = serializers.IntegerField(allow_null=True)
    delta = serializers.IntegerField(allow_null=True)
    toelichting = serializers.CharField()


class ScenarioSerializer(serializers.ModelSerializer):
    """A scenario; for a PRT secretary the name, assumption and results as shared."""

    markering = serializers.SerializerMethodField()
    basis_omschrijving = serializers.CharField(source="basis.__str__", read_only=True)
    auteur = serializers.StringRelatedField()
    aanpassingen = AanpassingSerializer(many=True, read_only=True)

    class Meta:
        model = Scenario
        fields = [
            "id",
            "markering",
            "naam",
            "beschrijving",
            "basis",
            "basis_omschrijving",
            "auteur",
            "landelijk_aantal",
            "amv_aandeel",
            "peildatum_inwoners",
            "ses_jaar",
            "afrondingsmethode",
            "aanpassingen",
            "resultaat_landelijk",
            "resultaat_amv",
            "berekend_op",
            "gedeeld",
            "gedeeld_op",
        ]
        read_only_fields = fields

    def get_markering(self, obj) -> str:
        return GEEN_BESLUIT

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and not request.user.is_ministerie:
            invoer = instance.gedeelde_invoer or {}
            for veld in (
                "naam",
                "beschrijving",
                "landelijk_aantal",
                "amv_aandeel",
                "ses_jaar",
                "afrondingsmethode",
                "resultaat_landelijk",
                "resultaat_amv",
                "aanpassingen",
                "peildatum_inwoners",
                "berekend_op",
            ):
                data[veld] = invoer.get(veld)
        return data


class ProvincieUitkomstSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="provincie.code")
    naam = serializers.CharField(source="provincie.naam")

    class Meta:
        model = ScenarioUitkomst
        fields = ["code", "naam", "aantal", "amv", "beschikbaar", "nog_te_realiseren"]


class GemeenteUitkomstSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="gemeente.code")
    naam = serializers.CharField(source="gemeente.naam")
    provincie = serializers.CharField(source="provincie.code")

    class Meta:
        model = ScenarioUitkomst
        fields = ["code", "naam", "provincie", "aantal", "amv", "beschikbaar"]


class ScenarioDetailSerializer(ScenarioSerializer):
    beschikbaar_wijzigingen = serializers.SerializerMethodField()
    provincies = serializers.SerializerMethodField()
    gemeenten = serializers.SerializerMethodField()

    class Meta(ScenarioSerializer.Meta):
        fields = ScenarioSerializer.Meta.fields + [
            "beschikbaar_wijzigingen",
            "provincies",
            "gemeenten",
        ]
        read_only_fields = fields

    def _gedeeld(self) -> bool:
        request = self.context.get("request")
        return request is None or not request.user.is_ministerie

    def _uitkomsten(self, obj):
        gewenst = ScenarioUitkomst.Set.GEDEELD if self._gedeeld() else ScenarioUitkomst.Set.ACTUEEL
        return [u for u in obj.uitkomsten.all() if u.set == gewenst]

    @staticmethod
    def _wijziging(w) -> dict:
        return {
            "wat": str(w.gemeente or w.provincie),
            "nieuw_aantal": w.nieuw_aantal,
            "delta": w.delta,
            "toelichting": w.toelichting,
        }

    @extend_schema_field(GedeeldeWijzigingSerializer(many=True))
    def get_beschikbaar_wijzigingen(self, obj) -> list[dict]:
        if self._gedeeld():
            return GedeeldeWijzigingSerializer(
                (obj.gedeelde_invoer or {}).get("beschikbaar_wijzigingen", []), many=True
            ).data
        return GedeeldeWijzigingSerializer(
            [self._wijziging(w) for w in obj.beschikbaar_wijzigingen.all()], many=True
        ).data

    @extend_schema_field(ProvincieUitkomstSerializer(many=True))
    def get_provincies(self, obj) -> list[dict]:
        rijen = [u for u in self._uitkomsten(obj) if u.gemeente_id is None]
        return ProvincieUitkomstSerializer(rijen, many=True).data

    @extend_schema_field(GemeenteUitkomstSerializer(many=True))
    def get_gemeenten(self, obj) -> list[dict]:
        rijen = [u for u in self._uitkomsten(obj) if u.gemeente_id is not None]
        return GemeenteUitkomstSerializer(rijen, many=True).data


class ScenarioInvoerSerializer(serializers.Serializer):
    """Create or change a scenario (ministry). Inputs left empty come from the basis raming."""

    basis = serializers.PrimaryKeyRelatedField(queryset=Raming.objects.all())
    naam = serializers.CharField(max_length=200)
    beschrijving = serializers.CharField()
    landelijk_aantal = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=PLAUSIBEL_MAXIMUM
    )
    amv_aandeel = serializers.DecimalField(
        max_digits=6,
        decimal_places=3,
        required=False,
        allow_null=True,
        min_value=0,
        max_value=100,
    )
    peildatum_inwoners = serializers.DateField(required=False, allow_null=True)
    ses_jaar = serializers.IntegerField(
        required=False, allow_null=True, min_value=JAAR_VROEGST, max_value=JAAR_LAATST
    )
    afrondingsmethode = serializers.ChoiceField(
        choices=Raming.Afronding.choices, required=False, allow_null=True
    )
    aanpassingen = AanpassingSerializer(many=True, required=False)
    beschikbaar_wijzigingen = BeschikbaarWijzigingSerializer(many=True, required=False)


class DelenSerializer(serializers.Serializer):
    secretarissen = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=KOLOM_MAXIMUM),
        allow_empty=False,
        help_text="Gebruikers-id's van PRT-secretarissen.",
    )


class PromotieSerializer(serializers.Serializer):
    raming = serializers.IntegerField()
    versie = serializers.IntegerField()
    status = serializers.CharField()
    vorige_versie = serializers.IntegerField(allow_null=True)
    wijzigingsreden = serializers.CharField()


class VergelijkingCelSerializer(serializers.Serializer):
    waarde = serializers.IntegerField(allow_null=True)
    verschil = serializers.IntegerField(allow_null=True)
    procent = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)


class VergelijkingRijSerializer(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    groep = serializers.CharField()
    basis = serializers.IntegerField(allow_null=True)
    grote_verschuiving = serializers.BooleanField(source="beweger")
    scenarios = VergelijkingCelSerializer(source="cellen", many=True)


class VergelijkingKolomSerializer(serializers.Serializer):
    nummer = serializers.IntegerField()
    scenario = serializers.IntegerField(source="scenario.pk")
    naam = serializers.CharField()
    landelijk = VergelijkingCelSerializer()
    som = VergelijkingCelSerializer()
    nog_te_realiseren = VergelijkingCelSerializer()


class VergelijkingSerializer(serializers.Serializer):
    markering = serializers.CharField(default=GEEN_BESLUIT)
    basis = serializers.IntegerField(source="basis.pk")
    basis_landelijk = serializers.IntegerField(source="basis.landelijk_aantal", allow_null=True)
    basis_som = serializers.IntegerField(allow_null=True)
    basis_nog_te_realiseren = serializers.IntegerField(source="basis_ntr", allow_null=True)
    gedeelde_cijfers = serializers.BooleanField(source="gedeelde_set")
    scenarios = VergelijkingKolomSerializer(source="kolommen", many=True)
    provincies = VergelijkingRijSerializer(many=True)
    provincies_nog_te_realiseren = VergelijkingRijSerializer(source="provincies_ntr", many=True)
    gemeenten = VergelijkingRijSerializer(many=True)
