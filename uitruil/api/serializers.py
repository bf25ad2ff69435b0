from __future__ import annotations

from rest_framework import serializers

from core.grenzen import PLAUSIBEL_MAXIMUM, VERHOUDING_MAXIMUM
from raming.models import Gemeente, Wetscyclus

from ..models import Richting, Taak, Uitruil, UitruilPartij, UitruilStap


def _partijen(uitruil):
    """The party rows, from the view's prefetch (``partijen_geladen``) when there is one."""
    geladen = getattr(uitruil, "partijen_geladen", None)
    return uitruil.partijen.all() if geladen is None else geladen


class PartijSerializer(serializers.ModelSerializer):
    gemeente = serializers.SlugRelatedField(slug_field="code", read_only=True)
    gemeente_naam = serializers.CharField(source="gemeente.naam", read_only=True)
    mutatie = serializers.IntegerField(read_only=True)

    class Meta:
        model = UitruilPartij
        fields = [
            "gemeente",
            "gemeente_naam",
            "taak",
            "richting",
            "aantal",
            "mutatie",
            "instemming",
            "reden",
            "op",
        ]
        read_only_fields = fields

    def to_representation(self, p):
        # Same output as the declared fields, without DRF's per-field machinery (the list
        # serialises a few hundred party rows per page).
        op = self.fields["op"]
        return {
            "gemeente": p.gemeente.code,
            "gemeente_naam": p.gemeente.naam,
            "taak": p.taak,
            "richting": p.richting,
            "aantal": p.aantal,
            "mutatie": p.mutatie,
            "instemming": p.instemming,
            "reden": p.reden,
            "op": None if p.op is None else op.to_representation(p.op),
        }


class StapSerializer(serializers.ModelSerializer):
    door = serializers.CharField(source="door.username", read_only=True)
    # null for a step of the ministry or a PRT (no gemeente of its own)
    gemeente = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = UitruilStap
        fields = ["versie", "soort", "door", "gemeente", "op", "toelichting"]
        read_only_fields = fields


class UitruilSerializer(serializers.ModelSerializer):
    cyclus = serializers.IntegerField(source="cyclus.jaar", read_only=True)
    provincie = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    voorgesteld_door_gemeente = serializers.SlugRelatedField(slug_field="code", read_only=True)
    partijen = PartijSerializer(many=True, read_only=True)

    class Meta:
        model = Uitruil
        fields = [
            "id",
            "cyclus",
            "provincie",
            "voorgesteld_door_gemeente",
            "motivatie",
            "periode_van",
            "periode_tot",
            "verhouding_asielopvang",
            "verhouding_tegenprestatie",
            "status",
            "versie",
            "voorgesteld_op",
            "bevestigd_op",
            "partijen",
        ]
        read_only_fields = fields

    def to_representation(self, u):
        # Same output as the declared fields (tests compare both), written out: DRF's generic
        # field lookup was most of the list's time.
        moment = self.fields["voorgesteld_op"]
        partij = self.fields["partijen"].child
        data = {
            "id": u.pk,
            "cyclus": u.cyclus.jaar,
            "provincie": u.provincie.slug,
            "voorgesteld_door_gemeente": u.voorgesteld_door_gemeente.code,
            "motivatie": u.motivatie,
            "periode_van": u.periode_van.isoformat() if u.periode_van else None,
            "periode_tot": u.periode_tot.isoformat() if u.periode_tot else None,
            "verhouding_asielopvang": u.verhouding_asielopvang,
            "verhouding_tegenprestatie": u.verhouding_tegenprestatie,
            "status": u.status,
            "versie": u.versie,
            "voorgesteld_op": moment.to_representation(u.voorgesteld_op),
            "bevestigd_op": None
            if u.bevestigd_op is None
            else moment.to_representation(u.bevestigd_op),
            "partijen": [partij.to_representation(p) for p in _partijen(u)],
        }
        for naam in self.Meta.fields[len(data) :]:
            veld = self.fields[naam]
            waarde = veld.get_attribute(u)
            data[naam] = None if waarde is None else veld.to_representation(waarde)
        return data


class UitruilDetailSerializer(UitruilSerializer):
    stappen = StapSerializer(many=True, read_only=True)

    class Meta(UitruilSerializer.Meta):
        fields = [*UitruilSerializer.Meta.fields, "stappen"]
        read_only_fields = fields


class PartijInvoerSerializer(serializers.Serializer):
    gemeente = serializers.SlugRelatedField(slug_field="code", queryset=Gemeente.objects.all())
    taak = serializers.ChoiceField(choices=Taak.choices)
    richting = serializers.ChoiceField(choices=Richting.choices)
    aantal = serializers.IntegerField(min_value=1, max_value=PLAUSIBEL_MAXIMUM)


class VoorstelSerializer(serializers.Serializer):
    cyclus = serializers.SlugRelatedField(slug_field="jaar", queryset=Wetscyclus.objects.all())
    partijen = PartijInvoerSerializer(many=True, allow_empty=False)
    motivatie = serializers.CharField()
    periode_van = serializers.DateField(required=False, allow_null=True)
    periode_tot = serializers.DateField(required=False, allow_null=True)
    verhouding_asielopvang = serializers.IntegerField(
        min_value=1, max_value=VERHOUDING_MAXIMUM, default=1
    )
    verhouding_tegenprestatie = serializers.IntegerField(
        min_value=1, max_value=VERHOUDING_MAXIMUM, default=1
    )


class RedenSerializer(serializers.Serializer):
    reden = serializers.CharField()


class OptioneleRedenSerializer(serializers.Serializer):
    reden = serializers.CharField(required=False, allow_blank=True, default="")


# --- ledger ----------------------------------------------------------------------------------


class BoekingSerializer(serializers.Serializer):
    uitruil = serializers.IntegerField(source="uitruil.pk")
    mutatie = serializers.IntegerField()


class TaakRegelSerializer(serializers.Serializer):
    taak = serializers.CharField()
    start = serializers.IntegerField(allow_null=True)
    boekingen = BoekingSerializer(many=True)
    mutatie = serializers.IntegerField()
    resultaat = serializers.IntegerField(allow_null=True)


class GemeenteGrootboekSerializer(serializers.Serializer):
    gemeente = serializers.CharField(source="gemeente.code")
    gemeente_naam = serializers.CharField(source="gemeente.naam")
    taken = TaakRegelSerializer(many=True)


class TaakTotaalSerializer(serializers.Serializer):
    taak = serializers.CharField()
    start = serializers.IntegerField(allow_null=True)
    mutatie = serializers.IntegerField()
    resultaat = serializers.IntegerField(allow_null=True)


class ProvincieGrootboekSerializer(serializers.Serializer):
    provincie = serializers.CharField(source="provincie.slug")
    cyclus = serializers.IntegerField(source="cyclus.jaar")
    opgave = serializers.IntegerField(allow_null=True)
    asielopvang_resultaat = serializers.IntegerField()
    opgave_gehaald = serializers.BooleanField()
    tekort = serializers.IntegerField()
    totalen = serializers.SerializerMethodField()
    bevestigde_uitruil = serializers.SerializerMethodField()
    gemeenten = GemeenteGrootboekSerializer(many=True)

    def get_totalen(self, obj) -> list[dict]:
        return TaakTotaalSerializer(
            [{"taak": taak, **t} for taak, t in obj.totalen.items()], many=True
        ).data

    def get_bevestigde_uitruil(self, obj) -> list[int]:
        return [u.pk for u in obj.uitruilen]
