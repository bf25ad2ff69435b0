from rest_framework import serializers

from accounts.models import Gebruiker


class MijSerializer(serializers.ModelSerializer):
    provincie = serializers.SlugRelatedField(slug_field="code", read_only=True)
    gemeente = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Gebruiker
        fields = ["username", "first_name", "last_name", "email", "rol", "provincie", "gemeente"]
        read_only_fields = fields
