from django.urls import reverse
from rest_framework import serializers

from ..models import Document


class DocumentSerializer(serializers.ModelSerializer):
    onderwerp_type = serializers.SerializerMethodField(
        help_text="Soort object waar het document bij hoort (app.model)."
    )
    gemeente = serializers.SlugRelatedField(slug_field="code", read_only=True)
    provincie = serializers.SlugRelatedField(slug_field="code", read_only=True)
    download = serializers.SerializerMethodField(help_text="Adres van het PDF-bestand.")

    class Meta:
        model = Document
        fields = [
            "id",
            "soort",
            "titel",
            "kenmerk",
            "versie",
            "onderwerp_type",
            "object_id",
            "gemeente",
            "provincie",
            "openbaar",
            "sha256",
            "bytes",
            "pdf_variant",
            "gemaakt_op",
            "bevroren",
            "download",
        ]
        read_only_fields = fields

    def get_onderwerp_type(self, obj) -> str:
        return f"{obj.content_type.app_label}.{obj.content_type.model}"

    def get_download(self, obj) -> str:
        pad = reverse("document-download", kwargs={"pk": obj.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(pad) if request else pad
