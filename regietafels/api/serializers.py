"""Serializers of the regietafels API. They parse and present; services decide."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.grenzen import PLAUSIBEL_MAXIMUM
from locaties.models import Opvanglocatie
from raming.models import Gemeente, Wetscyclus

from ..models import (
    Beoordeling,
    Lid,
    Realisatiemelding,
    Regietafel,
    Termijnverlenging,
    Verdeelbesluit,
    VerdeelbesluitRegel,
    Verlengingsverzoek,
    Verslag,
    VerslagRegel,
    VerslagVersie,
)

#: where a figure comes from (recorded, computed, illustrative; source, date, link), read-only
HERKOMST = ["herkomst", "bron", "bron_peildatum", "bron_url"]


def _bron_url() -> serializers.URLField:
    """The source's link, empty when the figure has none: the schema says so (a URI or "")."""
    return serializers.URLField(read_only=True, allow_blank=True, label="Vindplaats (URL)")


class LidSerializer(serializers.ModelSerializer):
    class Meta:
        model = Lid
        fields = ["id", "naam", "organisatie", "soort", "gemeente", "functie"]


class RegietafelSerializer(serializers.ModelSerializer):
    provincie = serializers.CharField(source="provincie.naam", read_only=True)
    provincie_slug = serializers.CharField(source="provincie.slug", read_only=True)
    leden = LidSerializer(many=True, read_only=True)

    class Meta:
        model = Regietafel
        fields = ["id", "naam", "provincie", "provincie_slug", "voorzitter", "e_mail", "leden"]


class VerslagRegelSerializer(serializers.ModelSerializer):
    gemeente_naam = serializers.CharField(source="gemeente.naam", read_only=True)
    bron_url = _bron_url()
    aangeboden = serializers.IntegerField(read_only=True)
    verschil = serializers.IntegerField(read_only=True)

    class Meta:
        model = VerslagRegel
        fields = [
            "gemeente",
            "gemeente_naam",
            "indicatief_aantal",
            "bestaande_locaties",
            "vastgestelde_plannen",
            "bestuurlijke_voornemens",
            "amv",
            "beschikbaar_van",
            "beschikbaar_tot",
            "opmerking",
            "aangeboden",
            "verschil",
            *HERKOMST,
        ]
        read_only_fields = HERKOMST


class VerslagSerializer(serializers.ModelSerializer):
    status = serializers.CharField(
        read_only=True, help_text="concept, ingediend, teruggestuurd of beoordeeld"
    )
    provincie = serializers.CharField(source="regietafel.provincie.naam", read_only=True)
    cyclus = serializers.IntegerField(source="cyclus.jaar", read_only=True)
    open_besluiten = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text="Leeg (null) voor gemeentegebruikers: hun pagina's tonen dit niet.",
    )
    knelpunten = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text="Leeg (null) voor gemeentegebruikers: hun pagina's tonen dit niet.",
    )

    class Meta:
        model = Verslag
        fields = [
            "id",
            "regietafel",
            "provincie",
            "cyclus",
            "status",
            "versie",
            "te_laat",
            "ingediend_op",
            "open_besluiten",
            "knelpunten",
            "gewijzigd_op",
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and getattr(request.user, "is_gemeente", False):
            # the PRT's own notes; a gemeente's pages show only its own row of the verslag
            data["open_besluiten"] = None
            data["knelpunten"] = None
        return data


class VerslagDetailSerializer(VerslagSerializer):
    regels = VerslagRegelSerializer(many=True, read_only=True)

    class Meta(VerslagSerializer.Meta):
        fields = [*VerslagSerializer.Meta.fields, "regels"]


class VerslagAanmakenSerializer(serializers.Serializer):
    regietafel = serializers.PrimaryKeyRelatedField(queryset=Regietafel.objects.all())
    cyclus = serializers.SlugRelatedField(slug_field="jaar", queryset=Wetscyclus.objects.all())


class RegelInvoerSerializer(serializers.Serializer):
    gemeente = serializers.IntegerField()
    bestaande_locaties = serializers.IntegerField(default=0)
    vastgestelde_plannen = serializers.IntegerField(default=0)
    bestuurlijke_voornemens = serializers.IntegerField(default=0)
    amv = serializers.IntegerField(default=0)
    beschikbaar_van = serializers.DateField(required=False, allow_null=True, default=None)
    beschikbaar_tot = serializers.DateField(required=False, allow_null=True, default=None)
    opmerking = serializers.CharField(required=False, allow_blank=True, default="")


class VerslagOpslaanSerializer(serializers.Serializer):
    versie = serializers.IntegerField(
        help_text="De bewerkingsversie waarop de wijziging is gebaseerd."
    )
    regels = RegelInvoerSerializer(many=True, required=False, default=list)
    open_besluiten = serializers.CharField(required=False, allow_blank=True)
    knelpunten = serializers.CharField(required=False, allow_blank=True)
    bevestigd = serializers.BooleanField(
        required=False,
        default=False,
        help_text=(
            "Nodig als een regel meer dan drie keer het indicatieve aantal aanbiedt; zonder "
            "bevestiging antwoordt de API 400 met die regels in velden.bevestigd."
        ),
    )
    voorbeeld = serializers.BooleanField(
        required=False,
        default=False,
        help_text=(
            "Proefrun: controleert alles (rol, versie, fouten) en noemt de regels die om "
            "bevestiging vragen, zonder op te slaan."
        ),
    )


class OngewoneRegelSerializer(serializers.Serializer):
    gemeente = serializers.CharField()
    gemeente_id = serializers.IntegerField()
    aangeboden = serializers.IntegerField()
    indicatief = serializers.IntegerField()
    melding = serializers.CharField()


class VerslagOpslaanVoorbeeldSerializer(serializers.Serializer):
    voorbeeld = serializers.BooleanField()
    opgeslagen = serializers.BooleanField()
    bevestiging_nodig = OngewoneRegelSerializer(many=True)


class IndienenSerializer(serializers.Serializer):
    versie = serializers.IntegerField(required=False)
    voorbeeld = serializers.BooleanField(
        required=False,
        default=False,
        help_text=(
            "Proefrun: controleert alles wat indienen controleert en zegt wat er gebeurt en "
            "wie bericht krijgt, zonder in te dienen."
        ),
    )


class IndienenVoorbeeldSerializer(serializers.Serializer):
    voorbeeld = serializers.BooleanField()
    termijn = serializers.DateField(allow_null=True)
    te_laat = serializers.BooleanField()
    wie_bericht = serializers.ListField(child=serializers.CharField())
    wat_gebeurt = serializers.ListField(child=serializers.CharField())


class TerugsturenSerializer(serializers.Serializer):
    opmerkingen = serializers.CharField()


class BeoordelenSerializer(serializers.Serializer):
    oordeel = serializers.ChoiceField(
        choices=[Beoordeling.Oordeel.VOLDOENDE, Beoordeling.Oordeel.ONVOLDOENDE]
    )
    opmerkingen = serializers.CharField(required=False, allow_blank=True, default="")


class BeoordelingSerializer(serializers.ModelSerializer):
    versie = serializers.IntegerField(source="versie.volgnummer", read_only=True)

    class Meta:
        model = Beoordeling
        fields = ["id", "verslag", "versie", "oordeel", "opmerkingen", "door", "op"]


class VerslagVersieSerializer(serializers.ModelSerializer):
    class Meta:
        model = VerslagVersie
        fields = [
            "id",
            "verslag",
            "volgnummer",
            "ingediend_op",
            "ingediend_door",
            "te_laat",
            "termijn",
            "inhoud",
        ]


class VerslagtermijnSerializer(serializers.Serializer):
    regietafel = serializers.IntegerField()
    provincie = serializers.CharField()
    cyclus = serializers.IntegerField()
    oorspronkelijk = serializers.DateField(allow_null=True)
    effectief = serializers.DateField(allow_null=True)
    dagen_resterend = serializers.IntegerField(allow_null=True)
    verslag_status = serializers.CharField(allow_null=True)
    te_laat = serializers.BooleanField()


class TermijnverlengingSerializer(serializers.ModelSerializer):
    cyclus = serializers.SlugRelatedField(slug_field="jaar", queryset=Wetscyclus.objects.all())

    class Meta:
        model = Termijnverlenging
        fields = [
            "id",
            "cyclus",
            "regietafel",
            "nieuwe_datum",
            "reden",
            "referentie",
            "besloten_door",
            "besloten_op",
            "vervangt",
        ]
        read_only_fields = ["besloten_door", "besloten_op", "vervangt"]


class VerlengingsverzoekSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="open, toegekend of afgewezen")

    class Meta:
        model = Verlengingsverzoek
        fields = [
            "id",
            "verslag",
            "reden",
            "gevraagde_datum",
            "status",
            "ingediend_door",
            "ingediend_op",
            "besluit_reden",
            "besloten_door",
            "besloten_op",
            "verlenging",
        ]
        read_only_fields = [
            "status",
            "ingediend_door",
            "ingediend_op",
            "besluit_reden",
            "besloten_door",
            "besloten_op",
            "verlenging",
        ]


class VerzoekBesluitSerializer(serializers.Serializer):
    toekennen = serializers.BooleanField()
    besluit_reden = serializers.CharField()
    nieuwe_datum = serializers.DateField(required=False, allow_null=True, default=None)
    referentie = serializers.CharField(required=False, allow_blank=True, default="")


class VerdeelbesluitRegelSerializer(serializers.ModelSerializer):
    gemeente_naam = serializers.CharField(source="gemeente.naam", read_only=True)
    bron_url = _bron_url()

    class Meta:
        model = VerdeelbesluitRegel
        fields = [
            "id",
            "gemeente",
            "gemeente_naam",
            "indicatief_aantal",
            "aangeboden",
            "restopgave",
            "voorgesteld",
            "aantal",
            "vrijgesteld",
            "vrijstelling_reden",
            "aanpassingsreden",
            "realisatietermijn",
            *HERKOMST,
        ]
        read_only_fields = HERKOMST


class VerdeelbesluitSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="concept of vastgesteld")
    cyclus = serializers.IntegerField(source="cyclus.jaar", read_only=True)

    class Meta:
        model = Verdeelbesluit
        fields = [
            "id",
            "cyclus",
            "versie",
            "status",
            "besluitdatum",
            "reden",
            "vorige_versie",
            "vastgesteld_op",
            "afwijkingsreden",
            "open_bij_vaststelling",
        ]
        read_only_fields = ["afwijkingsreden", "open_bij_vaststelling"]


class VerdeelbesluitDetailSerializer(VerdeelbesluitSerializer):
    regels = VerdeelbesluitRegelSerializer(many=True, read_only=True)

    class Meta(VerdeelbesluitSerializer.Meta):
        fields = [*VerdeelbesluitSerializer.Meta.fields, "regels"]


class VerdeelbesluitVoorstellenSerializer(serializers.Serializer):
    cyclus = serializers.SlugRelatedField(slug_field="jaar", queryset=Wetscyclus.objects.all())


class VaststellenSerializer(serializers.Serializer):
    besluitdatum = serializers.DateField()
    afwijkingsreden = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Verplicht zolang een verslagtermijn loopt of een ingediend verslag niet is "
        "beoordeeld; komt in het besluit.",
    )


class VaststellenVoorbeeldSerializer(serializers.Serializer):
    verdeelbesluit = serializers.IntegerField()
    cyclus = serializers.IntegerField()
    versie = serializers.IntegerField()
    besluitdatum = serializers.DateField(allow_null=True)
    gereed = serializers.BooleanField()
    open = serializers.ListField(child=serializers.CharField())
    afwijkingsreden_nodig = serializers.BooleanField()
    totaal = serializers.IntegerField()
    aantal_gemeenten = serializers.IntegerField()
    gemeenten_met_opgave = serializers.IntegerField()
    realisatietermijn = serializers.DateField(allow_null=True)
    wie_wordt_geinformeerd = serializers.ListField(child=serializers.CharField())
    termijnen = serializers.ListField(child=serializers.CharField())
    wordt_zichtbaar = serializers.ListField(child=serializers.CharField())


class HerzienSerializer(serializers.Serializer):
    reden = serializers.CharField()
    gemeente = serializers.PrimaryKeyRelatedField(
        queryset=Gemeente.objects.all(),
        required=False,
        allow_null=True,
        help_text="Leeg: een nieuwe conceptversie voor alle gemeenten.",
    )
    aantal = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    besluitdatum = serializers.DateField(required=False, allow_null=True)


class VerlengingTermijnSerializer(serializers.Serializer):
    provincie = serializers.CharField()
    van = serializers.DateField(allow_null=True)
    naar = serializers.DateField(allow_null=True)
    verschuift = serializers.BooleanField()
    al_ingediend = serializers.BooleanField()


class VerlengingVoorbeeldSerializer(serializers.Serializer):
    cyclus = serializers.IntegerField()
    nieuwe_datum = serializers.DateField()
    voor = serializers.CharField()
    termijnen = VerlengingTermijnSerializer(many=True)
    wie_wordt_geinformeerd = serializers.ListField(child=serializers.CharField())
    wordt_zichtbaar = serializers.ListField(child=serializers.CharField())


class CorrectieSerializer(serializers.Serializer):
    reden = serializers.CharField()


class VerlengingCorrectieSerializer(CorrectieSerializer):
    nieuwe_datum = serializers.DateField()


@extend_schema_field(OpenApiTypes.INT)
class ZichtbareLocatie(serializers.PrimaryKeyRelatedField):
    """A location of the register the user may see (another's answers as unknown)."""

    def get_queryset(self):
        return Opvanglocatie.objects.zichtbaar_voor(self.context["request"].user)


_LOCATIE_HULP = (
    "De locatie uit het register waar de plekken zijn (id), of null. Een locatie in gebruik "
    "telt al vanaf de dag dat zij in gebruik ging; de melding telt dan niet nog eens en haar "
    "aantal is de capaciteit van de locatie (leeg laten mag)."
)


class RealisatieCorrectieSerializer(CorrectieSerializer):
    datum = serializers.DateField()
    aantal = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=PLAUSIBEL_MAXIMUM
    )
    locatie = ZichtbareLocatie(
        required=False,
        allow_null=True,
        help_text=_LOCATIE_HULP + " Weggelaten: de locatie van de melding blijft.",
    )
    bevestigd = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Nodig als het totaal boven het vastgestelde aantal uitkomt.",
    )


class VerdeelbesluitRedenSerializer(serializers.Serializer):
    reden = serializers.CharField()


class RealisatiemeldingSerializer(serializers.ModelSerializer):
    cyclus = serializers.SlugRelatedField(slug_field="jaar", queryset=Wetscyclus.objects.all())
    gemeente_naam = serializers.CharField(source="gemeente.naam", read_only=True)
    aantal = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=PLAUSIBEL_MAXIMUM
    )
    locatie = ZichtbareLocatie(required=False, allow_null=True, help_text=_LOCATIE_HULP)
    locatie_naam = serializers.CharField(source="locatie.naam", read_only=True, default=None)
    bron_url = _bron_url()

    class Meta:
        model = Realisatiemelding
        fields = [
            "id",
            "gemeente",
            "gemeente_naam",
            "cyclus",
            "datum",
            "aantal",
            "locatie",
            "locatie_naam",
            "opmerking",
            "gemeld_door",
            "gemeld_op",
            "vervangt",
            "correctiereden",
            *HERKOMST,
            "bevestigd",
        ]
        read_only_fields = ["gemeld_door", "gemeld_op", "vervangt", "correctiereden", *HERKOMST]

    bevestigd = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text="Nodig als het totaal van de gemeente boven het vastgestelde aantal uitkomt.",
    )
