from rest_framework import serializers

from accounts.models import Gebruiker


class MijSerializer(serializers.ModelSerializer):
    # empty for roles without a province or gemeente (ministerie, COA)
    provincie = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    gemeente = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Gebruiker
        fields = ["username", "first_name", "last_name", "email", "rol", "provincie", "gemeente"]
        read_only_fields = fields
