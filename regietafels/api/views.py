"""API for regietafels, verslagen (with rows and actions), deadlines, extensions, the
verdeelbesluit and realisation. Every queryset goes through ``zichtbaar_voor``."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.rechten import Handeling, vereist
from core.api.bewaard import BewaardAntwoord
from raming.models import Gemeente

from .. import selectors, services
from ..models import (
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
from . import serializers as s
from .koppelen import RealisatieKoppelenActies
from .werkboek import VerslagWerkboekActies

CYCLUS_PARAM = OpenApiParameter(
    "cyclus", OpenApiTypes.INT, description="Jaar van de cyclus (standaard de huidige)."
)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Het object is intussen gewijzigd."
    default_code = "conflict"


def _cyclus(request):
    jaar = request.query_params.get("cyclus")
    cyclus = selectors.cyclus_of_huidige(int(jaar) if jaar and jaar.isdigit() else None)
    if cyclus is None:
        raise exceptions.NotFound("Er is geen wetscyclus.")
    return cyclus


class RegietafelViewSet(BewaardAntwoord, viewsets.ReadOnlyModelViewSet):
    """The provinciale regietafels visible to the user, with their members."""

    antwoord_tabellen = ("regietafels", "raming")

    serializer_class = s.RegietafelSerializer

    def get_queryset(self):
        return (
            Regietafel.objects.zichtbaar_voor(self.request.user)
            .select_related("provincie")
            .prefetch_related(Prefetch("leden", queryset=Lid.objects.order_by("soort", "naam")))
        )


class VerslagViewSet(
    BewaardAntwoord,
    VerslagWerkboekActies,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Verslagen with their rows. Saving, submitting, sending back and assessing are actions."""

    antwoord_tabellen = ("regietafels", "raming")
    bewaarde_acties = ("list", "retrieve", "versies")

    serializer_class = s.VerslagSerializer
    filterset_fields = ["status", "regietafel"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Verslag.objects.none()
        qs = Verslag.objects.zichtbaar_voor(self.request.user).select_related(
            "regietafel__provincie", "cyclus"
        )
        jaar = self.request.query_params.get("cyclus")
        if jaar and jaar.isdigit():
            qs = qs.filter(cyclus__jaar=int(jaar))
        if self.action != "list":
            regels = VerslagRegel.objects.select_related("gemeente").order_by("gemeente__naam")
            if self.request.user.is_gemeente:
                regels = regels.filter(gemeente_id=self.request.user.gemeente_id)
            qs = qs.prefetch_related(Prefetch("regels", queryset=regels))
        return qs

    def get_serializer_class(self):
        if self.action == "list":
            return s.VerslagSerializer
        return s.VerslagDetailSerializer

    def _detail(self, pk):
        self.action = "retrieve"
        return s.VerslagDetailSerializer(
            self.get_queryset().get(pk=pk), context=self.get_serializer_context()
        ).data

    @extend_schema(parameters=[CYCLUS_PARAM])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.VerslagAanmakenSerializer, responses={201: s.VerslagDetailSerializer})
    def create(self, request, *args, **kwargs):
        """The PRT secretary creates the verslag of its regietafel for a cycle."""
        invoer = s.VerslagAanmakenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        regietafel = get_object_or_404(
            Regietafel.objects.zichtbaar_voor(request.user),
            pk=invoer.validated_data["regietafel"].pk,
        )
        verslag = services.verslag_aanmaken(
            regietafel=regietafel, cyclus=invoer.validated_data["cyclus"], door=request.user
        )
        return Response(self._detail(verslag.pk), status=status.HTTP_201_CREATED)

    @extend_schema(
        request=s.VerslagOpslaanSerializer,
        responses={
            200: PolymorphicProxySerializer(
                component_name="VerslagOpslaanAntwoord",
                serializers=[s.VerslagDetailSerializer, s.VerslagOpslaanVoorbeeldSerializer],
                resource_type_field_name=None,
            )
        },
    )
    @action(detail=True, methods=["post"])
    def opslaan(self, request, pk=None):
        """Save the draft. ``versie`` must be the current edit version (else 409)."""
        verslag = self.get_object()
        invoer = s.VerslagOpslaanSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = invoer.validated_data
        regels = {
            r["gemeente"]: services.RegelInvoer(**{k: v for k, v in r.items() if k != "gemeente"})
            for r in data["regels"]
        }
        if regels:
            bestaand = {r.gemeente_id: r for r in verslag.regels.all()}
            for gemeente_id, regel in bestaand.items():
                regels.setdefault(
                    gemeente_id,
                    services.RegelInvoer(
                        **{veld: getattr(regel, veld) for veld in services.REGEL_VELDEN}
                    ),
                )
        opslaan = {
            "verslag": verslag,
            "versie": data["versie"],
            "regels": regels,
            "open_besluiten": data.get("open_besluiten"),
            "knelpunten": data.get("knelpunten"),
            "door": request.user,
        }
        try:
            if data["voorbeeld"]:
                # The same checks as a save, in a savepoint that is always rolled back.
                bestaand = {r.gemeente_id: r for r in verslag.regels.select_related("gemeente")}
                ongewoon = services.ongewone_regels(bestaand, regels)
                with transaction.atomic():
                    services.verslag_opslaan(**opslaan, bevestigd=True)
                    transaction.set_rollback(True)
                return Response(
                    s.VerslagOpslaanVoorbeeldSerializer(
                        {"voorbeeld": True, "opgeslagen": False, "bevestiging_nodig": ongewoon}
                    ).data
                )
            services.verslag_opslaan(**opslaan, bevestigd=data["bevestigd"])
        except services.VerslagGewijzigd as fout:
            raise Conflict(fout.messages[0]) from fout
        return Response(self._detail(verslag.pk))

    @extend_schema(
        request=s.IndienenSerializer,
        responses={201: s.VerslagVersieSerializer, 200: s.IndienenVoorbeeldSerializer},
    )
    @action(detail=True, methods=["post"])
    def indienen(self, request, pk=None):
        """Submit (or resubmit). Late when after the effective deadline. With ``voorbeeld``:
        every check of the submission, and what it would do, without submitting."""
        verslag = self.get_object()
        invoer = s.IndienenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        if invoer.validated_data["voorbeeld"]:
            try:
                with transaction.atomic():
                    # the act itself in a savepoint that is always rolled back (its notices
                    # and their mail with it)
                    services.verslag_indienen(
                        verslag=verslag,
                        versie=invoer.validated_data.get("versie"),
                        door=request.user,
                    )
                    transaction.set_rollback(True)
            except services.VerslagGewijzigd as fout:
                raise Conflict(fout.messages[0]) from fout
            gevolgen = services.indienen_gevolgen(verslag)
            return Response(s.IndienenVoorbeeldSerializer({"voorbeeld": True, **gevolgen}).data)
        try:
            versie = services.verslag_indienen(
                verslag=verslag, versie=invoer.validated_data.get("versie"), door=request.user
            )
        except services.VerslagGewijzigd as fout:
            raise Conflict(fout.messages[0]) from fout
        return Response(s.VerslagVersieSerializer(versie).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.TerugsturenSerializer, responses=s.BeoordelingSerializer)
    @action(detail=True, methods=["post"])
    def terugsturen(self, request, pk=None):
        """Ministry: send a submitted verslag back with remarks."""
        vereist(request.user, Handeling.VERSLAG_BEOORDELEN)
        verslag = self.get_object()
        invoer = s.TerugsturenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        beoordeling = services.verslag_terugsturen(
            verslag=verslag, opmerkingen=invoer.validated_data["opmerkingen"], door=request.user
        )
        return Response(s.BeoordelingSerializer(beoordeling).data)

    @extend_schema(request=s.BeoordelenSerializer, responses=s.BeoordelingSerializer)
    @action(detail=True, methods=["post"])
    def beoordelen(self, request, pk=None):
        """Ministry: assess a submitted verslag as sufficient or insufficient."""
        vereist(request.user, Handeling.VERSLAG_BEOORDELEN)
        verslag = self.get_object()
        invoer = s.BeoordelenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        beoordeling = services.verslag_beoordelen(
            verslag=verslag,
            oordeel=invoer.validated_data["oordeel"],
            opmerkingen=invoer.validated_data["opmerkingen"],
            door=request.user,
        )
        return Response(s.BeoordelingSerializer(beoordeling).data)

    @extend_schema(responses=s.VerslagVersieSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def versies(self, request, pk=None):
        """Every submitted version (frozen snapshots)."""
        verslag = self.get_object()
        versies = VerslagVersie.objects.zichtbaar_voor(request.user).filter(verslag=verslag)
        return Response(s.VerslagVersieSerializer(versies, many=True).data)


class TermijnViewSet(BewaardAntwoord, viewsets.GenericViewSet):
    """The verslag deadline of each visible regietafel: original and effective (latest granted)."""

    antwoord_tabellen = ("regietafels", "raming")

    serializer_class = s.VerslagtermijnSerializer
    pagination_class = None

    def get_queryset(self):
        return Regietafel.objects.zichtbaar_voor(self.request.user)

    @extend_schema(parameters=[CYCLUS_PARAM], responses=s.VerslagtermijnSerializer(many=True))
    def list(self, request):
        cyclus = _cyclus(request)
        # provincie_overzicht already holds each deadline (read once for all regietafels)
        regels = selectors.provincie_overzicht(cyclus, user=request.user)
        data = [
            {
                "regietafel": r.regietafel.pk,
                "provincie": r.regietafel.provincie.naam,
                "cyclus": cyclus.jaar,
                "oorspronkelijk": r.oorspronkelijke_termijn,
                "effectief": r.termijn,
                "dagen_resterend": r.dagen,
                "verslag_status": r.verslag.status if r.verslag else None,
                "te_laat": r.te_laat,
            }
            for r in regels
        ]
        return Response(s.VerslagtermijnSerializer(data, many=True).data)


class TermijnverlengingViewSet(
    BewaardAntwoord,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Granted extensions; the ministry grants one for a PRT or (regietafel empty) all PRTs."""

    antwoord_tabellen = ("regietafels", "raming")

    serializer_class = s.TermijnverlengingSerializer

    def get_queryset(self):
        return Termijnverlenging.objects.zichtbaar_voor(self.request.user).select_related(
            "cyclus", "regietafel"
        )

    def create(self, request, *args, **kwargs):
        vereist(request.user, Handeling.VERLENGING_BESLUITEN)
        invoer = self.get_serializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = invoer.validated_data
        verlenging = services.verlenging_toekennen(
            cyclus=data["cyclus"],
            regietafel=data.get("regietafel"),
            nieuwe_datum=data["nieuwe_datum"],
            reden=data["reden"],
            referentie=data.get("referentie", ""),
            door=request.user,
        )
        return Response(self.get_serializer(verlenging).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.TermijnverlengingSerializer, responses=s.VerlengingVoorbeeldSerializer)
    @action(detail=False, methods=["post"])
    def voorbeeld(self, request):
        """Dry run of granting an extension: whose term moves from when to when, who is told.
        Changes nothing."""
        vereist(request.user, Handeling.VERLENGING_BESLUITEN)
        invoer = self.get_serializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = invoer.validated_data
        uitkomst = services.verlenging_voorbeeld(
            cyclus=data["cyclus"],
            regietafel=data.get("regietafel"),
            nieuwe_datum=data["nieuwe_datum"],
        )
        return Response(s.VerlengingVoorbeeldSerializer(uitkomst).data)

    @extend_schema(
        request=s.VerlengingCorrectieSerializer, responses={201: s.TermijnverlengingSerializer}
    )
    @action(detail=True, methods=["post"])
    def corrigeren(self, request, pk=None):
        """Correct the date: a new extension replaces this one (which stays on record)."""
        vereist(request.user, Handeling.VERLENGING_BESLUITEN)
        verlenging = self.get_object()
        invoer = s.VerlengingCorrectieSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        nieuw = services.verlenging_corrigeren(
            verlenging=verlenging, door=request.user, **invoer.validated_data
        )
        return Response(self.get_serializer(nieuw).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.CorrectieSerializer, responses={204: None})
    @action(detail=True, methods=["post"])
    def intrekken(self, request, pk=None):
        """Withdraw the extension, with a reason (it stays on record, out of force)."""
        vereist(request.user, Handeling.VERLENGING_BESLUITEN)
        verlenging = self.get_object()
        invoer = s.CorrectieSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        services.verlenging_intrekken(
            verlenging=verlenging, reden=invoer.validated_data["reden"], door=request.user
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class VerlengingsverzoekViewSet(
    BewaardAntwoord,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Extension requests: the PRT requests, the ministry decides."""

    antwoord_tabellen = ("regietafels", "raming")

    serializer_class = s.VerlengingsverzoekSerializer
    filterset_fields = ["status"]

    def get_queryset(self):
        return Verlengingsverzoek.objects.zichtbaar_voor(self.request.user).select_related(
            "verslag"
        )

    def create(self, request, *args, **kwargs):
        invoer = self.get_serializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = invoer.validated_data
        verslag = get_object_or_404(
            Verslag.objects.zichtbaar_voor(request.user), pk=data["verslag"].pk
        )
        try:
            verzoek = services.verlenging_aanvragen(
                verslag=verslag,
                reden=data["reden"],
                gevraagde_datum=data["gevraagde_datum"],
                door=request.user,
            )
        except PermissionDenied as fout:
            raise exceptions.PermissionDenied(str(fout)) from fout
        return Response(self.get_serializer(verzoek).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.VerzoekBesluitSerializer, responses=s.VerlengingsverzoekSerializer)
    @action(detail=True, methods=["post"])
    def besluiten(self, request, pk=None):
        """Ministry: grant (new date, default the requested one) or refuse, with a reason."""
        vereist(request.user, Handeling.VERLENGING_BESLUITEN)
        verzoek = self.get_object()
        invoer = s.VerzoekBesluitSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        verzoek = services.verlengingsverzoek_besluiten(
            verzoek=verzoek, door=request.user, **invoer.validated_data
        )
        return Response(self.get_serializer(verzoek).data)


class VerdeelbesluitViewSet(
    BewaardAntwoord,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Verdeelbesluiten (PRT and gemeente users: fixed ones, their own rows)."""

    antwoord_tabellen = ("regietafels", "raming")

    serializer_class = s.VerdeelbesluitSerializer

    def get_queryset(self):
        qs = Verdeelbesluit.objects.zichtbaar_voor(self.request.user).select_related("cyclus")
        if self.action != "list":
            regels = (
                VerdeelbesluitRegel.objects.zichtbaar_voor(self.request.user)
                .select_related("gemeente")
                .order_by("gemeente__naam")
            )
            qs = qs.prefetch_related(Prefetch("regels", queryset=regels))
        return qs

    def get_serializer_class(self):
        if self.action == "list":
            return s.VerdeelbesluitSerializer
        return s.VerdeelbesluitDetailSerializer

    def _detail(self, pk):
        self.action = "retrieve"
        return s.VerdeelbesluitDetailSerializer(self.get_queryset().get(pk=pk)).data

    @extend_schema(
        request=s.VerdeelbesluitVoorstellenSerializer,
        responses={201: s.VerdeelbesluitDetailSerializer},
    )
    def create(self, request, *args, **kwargs):
        """Ministry: propose the first verdeelbesluit of a cycle from the submitted verslagen."""
        vereist(request.user, Handeling.VERDEELBESLUIT_NEMEN)
        invoer = s.VerdeelbesluitVoorstellenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        besluit = services.verdeelbesluit_voorstellen(
            cyclus=invoer.validated_data["cyclus"], door=request.user
        )
        return Response(self._detail(besluit.pk), status=status.HTTP_201_CREATED)

    @extend_schema(request=s.VaststellenSerializer, responses=s.VerdeelbesluitDetailSerializer)
    @action(detail=True, methods=["post"])
    def vaststellen(self, request, pk=None):
        """Ministry: fix the draft (once); realisation deadlines = besluitdatum + 6 months."""
        vereist(request.user, Handeling.VERDEELBESLUIT_NEMEN)
        besluit = self.get_object()
        invoer = s.VaststellenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        services.verdeelbesluit_vaststellen(
            verdeelbesluit=besluit,
            besluitdatum=invoer.validated_data["besluitdatum"],
            afwijkingsreden=invoer.validated_data.get("afwijkingsreden", ""),
            door=request.user,
        )
        return Response(self._detail(besluit.pk))

    @extend_schema(request=s.VaststellenSerializer, responses=s.VaststellenVoorbeeldSerializer)
    @action(detail=True, methods=["post"], url_path="vaststellen/voorbeeld")
    def vaststellen_voorbeeld(self, request, pk=None):
        """Dry run of fixing: what will happen and what still stands open. Changes nothing."""
        vereist(request.user, Handeling.VERDEELBESLUIT_NEMEN)
        besluit = self.get_object()
        invoer = s.VaststellenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        uitkomst = services.vaststellen_voorbeeld(
            besluit, besluitdatum=invoer.validated_data["besluitdatum"]
        )
        return Response(s.VaststellenVoorbeeldSerializer(uitkomst).data)

    @extend_schema(request=s.HerzienSerializer, responses={201: s.VerdeelbesluitDetailSerializer})
    @action(detail=True, methods=["post"])
    def herzien(self, request, pk=None):
        """Supersede the fixed besluit for one gemeente (fixed at once) or for all (a draft)."""
        vereist(request.user, Handeling.VERDEELBESLUIT_NEMEN)
        besluit = self.get_object()
        invoer = s.HerzienSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        nieuw = services.verdeelbesluit_herzien(
            verdeelbesluit=besluit, door=request.user, **invoer.validated_data
        )
        return Response(self._detail(nieuw.pk), status=status.HTTP_201_CREATED)

    @extend_schema(
        request=s.VerdeelbesluitRedenSerializer, responses={201: s.VerdeelbesluitDetailSerializer}
    )
    @action(detail=True, methods=["post"], url_path="nieuwe-versie")
    def nieuwe_versie(self, request, pk=None):
        """Ministry: supersede the latest fixed version by a new draft, with a reason."""
        vereist(request.user, Handeling.VERDEELBESLUIT_NEMEN)
        besluit = self.get_object()
        invoer = s.VerdeelbesluitRedenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        nieuw = services.verdeelbesluit_nieuwe_versie(
            verdeelbesluit=besluit, reden=invoer.validated_data["reden"], door=request.user
        )
        return Response(self._detail(nieuw.pk), status=status.HTTP_201_CREATED)


class RealisatiemeldingViewSet(
    BewaardAntwoord,
    RealisatieKoppelenActies,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Places realised per gemeente and date."""

    antwoord_tabellen = ("regietafels", "raming", "locaties")

    serializer_class = s.RealisatiemeldingSerializer
    filterset_fields = ["gemeente"]

    def get_queryset(self):
        return Realisatiemelding.objects.zichtbaar_voor(self.request.user).select_related(
            "gemeente", "cyclus", "locatie"
        )

    def create(self, request, *args, **kwargs):
        invoer = self.get_serializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = invoer.validated_data
        gemeente = get_object_or_404(Gemeente, pk=data["gemeente"].pk)
        try:
            melding = services.realisatie_melden(
                gemeente=gemeente,
                cyclus=data["cyclus"],
                datum=data["datum"],
                aantal=data.get("aantal"),
                locatie=data.get("locatie"),
                opmerking=data.get("opmerking", ""),
                bevestigd=data.get("bevestigd", False),
                door=request.user,
            )
        except PermissionDenied as fout:
            raise exceptions.PermissionDenied(str(fout)) from fout
        return Response(self.get_serializer(melding).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=s.RealisatieCorrectieSerializer, responses={201: s.RealisatiemeldingSerializer}
    )
    @action(detail=True, methods=["post"])
    def corrigeren(self, request, pk=None):
        """Correct the report: a new report replaces it (the old one stays on record)."""
        vereist(request.user, Handeling.REALISATIE_MELDEN)
        melding = self.get_object()
        invoer = s.RealisatieCorrectieSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        nieuw = services.realisatie_corrigeren(
            melding=melding, door=request.user, **invoer.validated_data
        )
        return Response(self.get_serializer(nieuw).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.CorrectieSerializer, responses={204: None})
    @action(detail=True, methods=["post"])
    def intrekken(self, request, pk=None):
        """Withdraw the report, with a reason (it stays on record and no longer counts)."""
        vereist(request.user, Handeling.REALISATIE_MELDEN)
        melding = self.get_object()
        invoer = s.CorrectieSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        services.realisatie_intrekken(
            melding=melding, reden=invoer.validated_data["reden"], door=request.user
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
