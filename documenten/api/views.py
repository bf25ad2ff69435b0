"""Documents through the API: list, detail and the PDF, under the same access rule as the
pages (``Document.objects.zichtbaar_voor``); a published raming's text is public."""

from __future__ import annotations

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny

from core.api.bewaard import BewaardAntwoord

from ..models import Document, Soort
from ..views import pdf_antwoord
from .serializers import DocumentSerializer


class DocumentFilter(django_filters.FilterSet):
    soort = django_filters.ChoiceFilter(choices=Soort.choices)
    gemeente = django_filters.CharFilter(
        field_name="gemeente__code", help_text="CBS-code van de gemeente, bijv. GM0202."
    )
    provincie = django_filters.CharFilter(
        field_name="provincie__code", help_text="CBS-code van de provincie, bijv. PV25."
    )
    kenmerk = django_filters.CharFilter(max_length=100)

    class Meta:
        model = Document
        fields = ["soort", "gemeente", "provincie", "kenmerk"]


class DocumentViewSet(BewaardAntwoord, viewsets.ReadOnlyModelViewSet):
    """The frozen documents (PDF/A) the user may see: beschikkingen, publication texts,
    verslagen for signature, receipts. Anonymous clients see the public ones."""

    antwoord_tabellen = ("documenten", "raming", "contenttypes")

    serializer_class = DocumentSerializer
    filterset_class = DocumentFilter
    permission_classes = [AllowAny]  # the queryset is the access rule

    def get_queryset(self):
        return (
            Document.objects.zichtbaar_voor(self.request.user)
            .select_related("content_type", "gemeente", "provincie")
            .order_by("-gemaakt_op", "-pk")
        )

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description="Het document (PDF/A), zoals vastgelegd."
            )
        }
    )
    @action(detail=True, methods=["get"], url_path="download", filter_backends=[])
    def download(self, request, pk=None):
        """The PDF as stored (its SHA-256 is in the detail)."""
        return pdf_antwoord(self.get_object())
