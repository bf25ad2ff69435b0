"""The schema view, generated once per process and version under a lock.

drf-spectacular's generator is not safe to run in several threads at once (ten concurrent
requests to /api/v1/schema/ gave 500s under the threaded server), and the schema only changes
with the code, so it is built once and then served from memory."""

from __future__ import annotations

import re
import threading

from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers
from rest_framework.response import Response

_slot = threading.Lock()
_schemas: dict[object, dict] = {}


class SchemaView(SpectacularAPIView):
    def _get_schema_response(self, request):
        if not self.serve_public:
            with _slot:
                return super()._get_schema_response(request)
        version = self.api_version or request.version or self._get_version_parameter(request)
        with _slot:
            if version not in _schemas:
                generator = self.generator_class(
                    urlconf=self.urlconf, api_version=version, patterns=self.patterns
                )
                _schemas[version] = generator.get_schema(request=request, public=True)
        return Response(
            data=_schemas[version],
            headers={
                "Content-Disposition": f'inline; filename="{self._get_filename(request, version)}"'
            },
        )


# --- every status an operation can answer, in the schema -----------------------------------

FOUT_SCHEMA = {
    "type": "object",
    "description": "De ene foutvorm van de API.",
    "properties": {
        "type": {"type": "string", "example": "validatie"},
        "titel": {"type": "string", "example": "Ongeldige invoer"},
        "status": {"type": "integer", "example": 400},
        "detail": {"type": "string", "example": "Controleer de gemarkeerde velden."},
        "velden": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "description": "Per veld de meldingen (alleen bij 400).",
        },
    },
    "required": ["type", "titel", "status", "detail"],
}

OMSCHRIJVINGEN = {
    "400": "Ongeldige invoer of parameters (ook een getal of datum buiten de grenzen).",
    "401": "Niet ingelogd of ongeldig token.",
    "403": "Geen toegang voor deze rol.",
    "404": "Niet gevonden, of niet zichtbaar voor deze gebruiker.",
    "405": "Methode niet toegestaan.",
    "406": "Gevraagd formaat niet beschikbaar.",
    "409": "Conflict met de huidige toestand.",
    "412": "Voorwaarde niet vervuld (versie gewijzigd).",
    "413": "Inhoud te groot.",
    "415": "Mediatype niet ondersteund.",
    "429": "Te veel verzoeken.",
}
_METHODEN = {"get", "post", "put", "patch", "delete"}
ALTIJD = ("400", "401", "403", "404", "405", "406", "429")
MET_INHOUD = ("409", "412", "413", "415")


def foutcodes_documenteren(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation documents every error status it
    can answer, each with the one error shape (``Fout``)."""
    result.setdefault("components", {}).setdefault("schemas", {})["Fout"] = FOUT_SCHEMA
    verwijzing = {"application/json": {"schema": {"$ref": "#/components/schemas/Fout"}}}
    for pad in result.get("paths", {}).values():
        for methode, operatie in pad.items():
            if methode not in {"get", "post", "put", "patch", "delete", "head", "options"}:
                continue
            antwoorden = operatie.setdefault("responses", {})
            codes = ALTIJD + (MET_INHOUD if methode in {"post", "put", "patch", "delete"} else ())
            for code in codes:
                # an operation's own description of an error keeps it, in the same shape
                antwoord = antwoorden.setdefault(code, {"description": OMSCHRIJVINGEN[code]})
                antwoord.setdefault("content", verwijzing)
    return result


# --- links: from what answers an object to what acts on it ---------------------------------

_OBJECTPAD = re.compile(r"^(?P<verzameling>.*/)\{(?P<naam>\w+)\}/")


def _eigenschappen(schema: dict, componenten: dict) -> dict:
    while "$ref" in schema:
        schema = componenten.get(schema["$ref"].rsplit("/", 1)[-1], {})
    return schema.get("properties", {})


def _bron(operatie: dict, naam: str, componenten: dict) -> tuple[str, str] | None:
    """The 2xx status of ``operatie`` and the runtime expression of ``naam`` in its body: the
    object itself (``#/naam``) or the first of a page of them (``#/results/0/naam``)."""
    for code, antwoord in operatie.get("responses", {}).items():
        if not code.startswith("2"):
            continue
        schema = antwoord.get("content", {}).get("application/json", {}).get("schema", {})
        velden = _eigenschappen(schema, componenten)
        if naam in velden:
            return code, f"$response.body#/{naam}"
        items = velden.get("results", {}).get("items", {})
        if naam in _eigenschappen(items, componenten):
            return code, f"$response.body#/results/0/{naam}"
    return None


def koppelingen_toevoegen(result, generator, request, public):
    """drf-spectacular postprocessing hook: OpenAPI links from every operation that answers an
    object (its creation, its list, its detail) to every operation on that object's path, with
    the object's key taken from the answer. Clients (and schemathesis' stateful tests) can
    follow them: create a scenario, then read, share or promote that scenario."""
    paden = result.get("paths", {})
    componenten = result.get("components", {}).get("schemas", {})
    afnemers: dict[tuple[str, str], list[str]] = {}
    for pad, item in paden.items():
        treffer = _OBJECTPAD.match(pad)
        if not treffer:
            continue
        sleutel = (treffer["verzameling"], treffer["naam"])
        for methode, operatie in item.items():
            if methode in _METHODEN and "operationId" in operatie:
                afnemers.setdefault(sleutel, []).append(operatie["operationId"])
    for (verzameling, naam), operaties in afnemers.items():
        object_pad = f"{verzameling}{{{naam}}}/"
        for pad in (verzameling, object_pad):
            for methode, operatie in paden.get(pad, {}).items():
                if methode not in _METHODEN:
                    continue
                bron = _bron(operatie, naam, componenten)
                if bron is None:
                    continue
                code, expressie = bron
                koppelingen = operatie["responses"][code].setdefault("links", {})
                for doel in operaties:
                    if doel != operatie.get("operationId"):
                        koppelingen[doel] = {"operationId": doel, "parameters": {naam: expressie}}
    return result


# --- links: from what answers an object to what takes that object in its body ---------------


def _schema_ref(antwoord_of_invoer: dict) -> str | None:
    """The component name of the JSON body of a response or request body."""
    schema = antwoord_of_invoer.get("content", {}).get("application/json", {}).get("schema", {})
    verwijzing = schema.get("$ref", "")
    return verwijzing.rsplit("/", 1)[-1] or None


def _serializer(generator, naam: str | None):
    component = generator.registry._components.get((naam, ResolvedComponent.SCHEMA))
    serializer = getattr(component, "object", None)
    if isinstance(serializer, serializers.ListSerializer):
        serializer = serializer.child
    return serializer if isinstance(serializer, serializers.BaseSerializer) else None


def _model(generator, naam: str | None):
    serializer = _serializer(generator, naam)
    return getattr(getattr(serializer, "Meta", None), "model", None)


def _verwijzingen(generator, naam: str | None) -> dict[str, tuple[object, str]]:
    """The writable fields of a request body that name another object: field name to (the
    object's model, the key the field takes: ``id`` or a slug such as ``jaar``)."""
    serializer = _serializer(generator, naam)
    velden = {}
    for veldnaam, veld in getattr(serializer, "fields", {}).items():
        if veld.read_only or not isinstance(veld, serializers.RelatedField):
            continue
        model = getattr(veld.queryset, "model", None)
        if model is not None:
            velden[veldnaam] = (model, getattr(veld, "slug_field", "id"))
    return velden


def _bronnen(result: dict, generator) -> list[tuple[dict, str, object, str, dict]]:
    """Every operation that answers objects of a model: (operation, 2xx status, model, the
    expression's prefix: ``#/`` for the object itself or ``#/results/0/`` for the first of a
    page, the object's properties)."""
    componenten = result.get("components", {}).get("schemas", {})
    bronnen = []
    for item in result.get("paths", {}).values():
        for methode, operatie in item.items():
            if methode not in _METHODEN:
                continue
            for code, antwoord in operatie.get("responses", {}).items():
                naam = _schema_ref(antwoord) if code.startswith("2") else None
                if naam is None:
                    continue
                velden = componenten.get(naam, {}).get("properties", {})
                items = velden.get("results", {}).get("items", {}).get("$ref", "")
                if items:
                    naam, prefix = items.rsplit("/", 1)[-1], "#/results/0/"
                    velden = componenten.get(naam, {}).get("properties", {})
                else:
                    prefix = "#/"
                model = _model(generator, naam)
                if model is not None:
                    bronnen.append((operatie, code, model, prefix, velden))
    return bronnen


def verwijzingen_koppelen(result, generator, request, public):
    """drf-spectacular postprocessing hook: OpenAPI links from every operation that answers an
    object to every creation whose body names such an object (a field of the request
    serializer related to its model), with the key taken from the answer. A client (and
    schemathesis' stateful tests) can list the ramingen, create a scenario on the first, and
    then follow that scenario's own links."""
    doelen = []
    for pad, item in result.get("paths", {}).items():
        if "{" in pad:
            continue
        for methode, operatie in item.items():
            if methode in {"post", "put", "patch"} and "operationId" in operatie:
                velden = _verwijzingen(generator, _schema_ref(operatie.get("requestBody", {})))
                if velden:
                    doelen.append((operatie["operationId"], velden))
    for operatie, code, model, prefix, eigenschappen in _bronnen(result, generator):
        for doel, velden in doelen:
            lichaam = {
                veld: f"$response.body{prefix}{sleutel}"
                for veld, (veldmodel, sleutel) in velden.items()
                if veldmodel is model and sleutel in eigenschappen
            }
            if lichaam and doel != operatie.get("operationId"):
                koppelingen = operatie["responses"][code].setdefault("links", {})
                koppelingen.setdefault(doel, {"operationId": doel, "requestBody": lichaam})
    return result
