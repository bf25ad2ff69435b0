"""The verslag workbook in the API: download it, and upload it for a bulk change of rows, as a
dry run (the preview of the pages) or applied as one save with the pages' rules and lock."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from core.bewaard_bestand import gestempeld_bestand, gestempeld_bestand_sleutel

from .. import forms, selectors, services, werkboek


class WerkboekConflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Het verslag is intussen gewijzigd."
    default_code = "conflict"


class WerkboekUploadSerializer(serializers.Serializer):
    bestand = serializers.FileField(
        help_text="Het ingevulde werkboek (xlsx), zoals gedownload met GET op deze URL."
    )
    toepassen = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Nee (standaard): alleen het voorbeeld, niets wordt opgeslagen. Ja: de "
        "wijzigingen in één keer opslaan; geweigerd bij een fout in een cel (400).",
    )
    tussentijdse_wijzigingen_overschrijven = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Nodig om toe te passen als een gewijzigde cel intussen ook door iemand "
        "anders is gewijzigd (anders 409).",
    )


class CelwijzigingSerializer(serializers.Serializer):
    veld = serializers.CharField()
    cel = serializers.CharField(help_text="Bijvoorbeeld E12.")
    oud = serializers.CharField(source="oud_tekst", help_text="De waarde nu.")
    nieuw = serializers.CharField(source="nieuw_tekst", help_text="De waarde in het werkboek.")
    conflict = serializers.BooleanField(
        help_text="De cel is sinds de download ook door iemand anders gewijzigd."
    )


class RijwijzigingSerializer(serializers.Serializer):
    gemeentecode = serializers.CharField()
    gemeente = serializers.CharField()
    rij = serializers.IntegerField()
    cellen = CelwijzigingSerializer(many=True)


class CelfoutSerializer(serializers.Serializer):
    cel = serializers.CharField()
    rij = serializers.IntegerField()
    kolom = serializers.CharField()
    gemeente = serializers.CharField()
    melding = serializers.CharField()


class WerkboekVoorbeeldSerializer(serializers.Serializer):
    werkboek_versie = serializers.IntegerField(
        help_text="De bewerkingsversie waarvan het werkboek is gedownload."
    )
    huidige_versie = serializers.IntegerField()
    verouderd = serializers.BooleanField()
    tussentijds = serializers.ListField(
        child=serializers.CharField(), help_text="Wat sinds de download is gewijzigd."
    )
    wijzigingen = RijwijzigingSerializer(many=True)
    fouten = CelfoutSerializer(many=True)
    toegepast = serializers.BooleanField()


def _werkboek_download(verslag) -> HttpResponse:
    response = HttpResponse(
        werkboek.werkboek_maken(verslag, selectors.verslag_regels(verslag)),
        content_type=werkboek.XLSX_TYPE,
    )
    response["Content-Disposition"] = f'attachment; filename="{werkboek.bestandsnaam(verslag)}"'
    return response


class VerslagWerkboekActies:
    """``GET``/``POST /api/v1/verslagen/{id}/werkboek/`` for ``VerslagViewSet``."""

    def vooraf_te_lezen(self, request, user):
        """The kept workbook, read in the same round trip as the API token (see
        ``core.api.bewaard.BewaardAntwoord.vooraf_te_lezen``)."""
        if self.action != "werkboek" or request.method != "GET" or user.is_gemeente:
            return []
        sleutel = gestempeld_bestand_sleutel(request, "api-werkboek", user)
        return [] if sleutel is None else [(sleutel, werkboek.TABELLEN)]

    def _werkboek_verslag(self, pk):
        verslag = self.get_object()
        if self.request.user.is_gemeente:
            raise exceptions.PermissionDenied(
                "Het werkboek van het hele verslag is voor het ministerie, het COA en de "
                "PRT-secretaris."
            )
        return verslag

    @extend_schema(
        methods=["GET"],
        responses={
            (200, werkboek.XLSX_TYPE): OpenApiResponse(
                OpenApiTypes.BINARY, description="Het verslag als xlsx-werkboek."
            )
        },
    )
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": WerkboekUploadSerializer},
        responses={
            200: WerkboekVoorbeeldSerializer,
            400: OpenApiResponse(
                description="Geen werkboek van dit verslag (andere provincie of cyclus, "
                "gewijzigd kenmerk, geen xlsx), of bij toepassen een fout in een cel: de "
                "fouten per cel (bijvoorbeeld E12) in ``velden``."
            ),
            409: OpenApiResponse(
                description="Bij toepassen: het verslag is sinds de download gewijzigd in "
                "cellen die het werkboek ook wijzigt, of tijdens het toepassen opgeslagen."
            ),
        },
    )
    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=[MultiPartParser],
        pagination_class=None,
        filter_backends=[],
    )
    def werkboek(self, request, pk=None):
        """GET: the verslag as the xlsx workbook of the verslag page. POST: upload a filled-in
        workbook (multipart, field ``bestand``): every change per row (old → new) and every
        error with its cell; with ``toepassen`` the changes are saved as one save (400 with
        the errors per cell in ``velden``, 409 when the verslag changed in between in a cell
        the workbook changes too, unless ``tussentijdse_wijzigingen_overschrijven``). A
        workbook of another province or cycle is refused (400)."""
        if request.method == "GET":
            # the file kept whole for the next download, with the stamps of its tables
            # (core/bewaard_bestand.py); the access checks run when it is built
            return gestempeld_bestand(
                request,
                "api-werkboek",
                werkboek.TABELLEN,
                lambda: _werkboek_download(self._werkboek_verslag(pk)),
                bewaarbaar=not request.user.is_gemeente,
            )
        verslag = self._werkboek_verslag(pk)
        regels = selectors.verslag_regels(verslag)
        invoer = WerkboekUploadSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            inlezing = werkboek.werkboek_lezen(
                invoer.validated_data["bestand"], verslag=verslag, regels=regels
            )
        except werkboek.WerkboekGeweigerd as fout:
            raise serializers.ValidationError({"bestand": fout.messages}) from fout
        antwoord = {
            "werkboek_versie": inlezing.werkboek_versie,
            "huidige_versie": inlezing.huidige_versie,
            "verouderd": inlezing.verouderd,
            "tussentijds": (
                werkboek.wijzigingen_sinds(verslag, inlezing.werkboek_versie)
                if inlezing.verouderd
                else []
            ),
            "wijzigingen": inlezing.wijzigingen,
            "fouten": inlezing.fouten,
            "toegepast": False,
        }
        if invoer.validated_data["toepassen"]:
            self._toepassen(verslag, regels, inlezing, invoer.validated_data)
            antwoord["toegepast"] = True
        return Response(WerkboekVoorbeeldSerializer(antwoord).data, status=status.HTTP_200_OK)

    def _toepassen(self, verslag, regels, inlezing, opties) -> None:
        if inlezing.fouten:
            raise serializers.ValidationError(
                {f.cel: [f"{f.gemeente}: {f.melding}"] for f in inlezing.fouten}
            )
        if inlezing.conflicten and not opties["tussentijdse_wijzigingen_overschrijven"]:
            raise WerkboekConflict(
                "Het verslag is sinds de download gewijzigd in cellen die het werkboek ook "
                "wijzigt: "
                + "; ".join(f"{r.gemeente} {c.cel}" for r, c in inlezing.conflicten)
                + ". Stuur tussentijdse_wijzigingen_overschrijven mee om toch toe te passen."
            )
        data = {
            f"regel-{r.gemeente_id}-{veld}": forms.datum_tonen(getattr(r, veld))
            for r in regels
            for veld in services.REGEL_VELDEN
        }
        data.update(inlezing.formulierwaarden())
        rijen, fouten, _ = forms.verslag_invoer_lezen(data, regels)
        if fouten:
            raise serializers.ValidationError({k: [v] for k, v in fouten.items()})
        try:
            services.verslag_opslaan(
                verslag=verslag,
                versie=inlezing.huidige_versie,
                regels=rijen,
                door=self.request.user,
            )
        except services.VerslagGewijzigd as fout:
            raise WerkboekConflict(fout.messages[0]) from fout
        except ValidationError as fout:
            raise serializers.ValidationError(forms.foutmeldingen(fout)) from fout
