from rest_framework import serializers

from ..termijnen import VAN, Soort


class TermijnSerializer(serializers.Serializer):
    sleutel = serializers.CharField(help_text="Vaste sleutel van de termijn.")
    soort = serializers.ChoiceField(choices=sorted(Soort.LABELS))
    soort_label = serializers.CharField()
    titel = serializers.CharField()
    datum = serializers.DateField(allow_null=True, help_text="De termijn (leeg: geen vaste datum).")
    sinds = serializers.DateField(allow_null=True, help_text="Open sinds (termijnen zonder datum).")
    dagen_resterend = serializers.IntegerField(
        allow_null=True, help_text="Dagen tot de termijn; negatief: zoveel dagen te laat."
    )
    te_laat = serializers.BooleanField()
    link = serializers.CharField(help_text="Pad naar de pagina in Regietafel.")
    wettelijk = serializers.BooleanField(help_text="Herinneringen kunnen niet worden uitgezet.")
    van = serializers.ChoiceField(
        choices=list(VAN),
        help_text=(
            "Wiens termijn het is: `eigen` (de gebruiker moet handelen) of `anderen` (een "
            "termijn van een provincie of gemeente die het ministerie ziet voor het toezicht, "
            "op de pagina onder 'Termijnen van anderen')."
        ),
    )
