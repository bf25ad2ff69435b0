from __future__ import annotations

from rest_framework import serializers

from regietafels.models import VerdeelbesluitRegel

from ..models import Bezwaar, Uitstel
from ..selectors import termijnen_van
from ..services import TEKST_MAXIMUM


class UitstelSerializer(serializers.ModelSerializer):
    class Meta:
        model = Uitstel
        fields = [
            "soort",
            "nieuwe_datum",
            "reden",
            "instemming",
            "instemming_op",
            "geen_nadeel",
            "op",
        ]


class BezwaarSerializer(serializers.ModelSerializer):
    gemeente_naam = serializers.CharField(source="gemeente.naam", read_only=True)
    indiener_naam = serializers.CharField(read_only=True)
    cyclus = serializers.IntegerField(source="regel.verdeelbesluit.cyclus.jaar", read_only=True)
    verdeelbesluit_versie = serializers.IntegerField(
        source="regel.verdeelbesluit.versie", read_only=True
    )
    bezwaartermijn_einde = serializers.SerializerMethodField()
    beslistermijn_einde = serializers.SerializerMethodField()
    uitstellen = UitstelSerializer(many=True, read_only=True)
    # "in_behandeling", "beslist" or "ingetrokken" (a plain string: the schema's StatusEnum
    # is the exchange's)
    status = serializers.CharField(read_only=True)

    class Meta:
        model = Bezwaar
        fields = [
            "id",
            "kenmerk",
            "regel",
            "gemeente",
            "gemeente_naam",
            "cyclus",
            "verdeelbesluit_versie",
            "indiener",
            "indiener_naam",
            "wijze",
            "bekendgemaakt_op",
            "ontvangen_op",
            "verzonden_op",
            "gronden",
            "te_laat",
            "verschoonbaar",
            "verschoonbaar_reden",
            "adviescommissie",
            "bezwaartermijn_einde",
            "beslistermijn_einde",
            "uitstellen",
            "gehoord_op",
            "afzien_horen",
            "afzien_horen_toelichting",
            "status",
            "uitkomst",
            "motivering",
            "beslist_op",
            "nieuw_aantal",
            "nieuw_verdeelbesluit",
            "ingetrokken_op",
            "intrekking_reden",
        ]
        read_only_fields = fields

    def _termijnen(self, obj):
        if not hasattr(obj, "_termijnen"):
            obj._termijnen = termijnen_van(obj, gelijkgesteld=self.context.get("gelijkgesteld"))
        return obj._termijnen

    def get_bezwaartermijn_einde(self, obj) -> str:
        return self._termijnen(obj).bezwaartermijn.einde.isoformat()

    def get_beslistermijn_einde(self, obj) -> str:
        return self._termijnen(obj).einde.isoformat()


class BezwaarIndienenSerializer(serializers.Serializer):
    """Lodging (gemeente, PRT): the beschikking and the grounds. The ministry also gives the
    indiener and the date of receipt (a bezwaarschrift received by post or e-mail)."""

    regel = serializers.PrimaryKeyRelatedField(queryset=VerdeelbesluitRegel.objects.none())
    gronden = serializers.CharField(max_length=TEKST_MAXIMUM)
    indiener = serializers.ChoiceField(choices=Bezwaar.Indiener.choices, required=False)
    ontvangen_op = serializers.DateField(required=False)
    verzonden_op = serializers.DateField(required=False, allow_null=True)

    def __init__(self, *args, regels=None, **kwargs):
        super().__init__(*args, **kwargs)
        if regels is not None:
            self.fields["regel"].queryset = regels


class BezwaarIntrekkenSerializer(serializers.Serializer):
    """The reason; the ministry, recording a withdrawal received by post or e-mail, may give
    the day it was received (others withdraw today)."""

    reden = serializers.CharField(max_length=TEKST_MAXIMUM)
    ingetrokken_op = serializers.DateField(required=False)


def _uitlegtekst() -> serializers.CharField:
    """A text the service requires: an empty one reaches it, so the answer is the service's
    message saying what is missing and why (Awb 7:10), as on the page."""
    return serializers.CharField(max_length=TEKST_MAXIMUM, allow_blank=True, trim_whitespace=False)


class BezwaarVerdagenSerializer(serializers.Serializer):
    """The one postponement by six weeks (Awb 7:10 lid 3): its reason."""

    reden = _uitlegtekst()


class BezwaarUitstelSerializer(serializers.Serializer):
    """Further delay (Awb 7:10 lid 4): the new date, the indiener's recorded consent (how, and
    the day it was given) and why no other belanghebbende is harmed by it."""

    nieuwe_datum = serializers.DateField()
    instemming = _uitlegtekst()
    instemming_op = serializers.DateField()
    geen_nadeel = _uitlegtekst()
    reden = _uitlegtekst()


class BezwaarBeslissenSerializer(serializers.Serializer):
    uitkomst = serializers.ChoiceField(choices=Bezwaar.Uitkomst.choices)
    motivering = serializers.CharField(max_length=TEKST_MAXIMUM)
    beslist_op = serializers.DateField(required=False)
    nieuw_aantal = serializers.IntegerField(required=False, allow_null=True, min_value=0)
