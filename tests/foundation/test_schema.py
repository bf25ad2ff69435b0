"""The committed OpenAPI schema (docs/openapi.yaml) must match the generated one.

Regenerate with ``make schema`` after changing the API.
"""

from pathlib import Path

import yaml
from django.conf import settings
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer

GECOMMITTEERD = Path(settings.BASE_DIR) / "docs" / "openapi.yaml"


def _genereer() -> str:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return OpenApiYamlRenderer().render(schema, renderer_context={}).decode()


def test_openapi_yaml_is_actueel():
    assert GECOMMITTEERD.exists(), "docs/openapi.yaml ontbreekt: draai `make schema`."
    gegenereerd = yaml.safe_load(_genereer())
    vastgelegd = yaml.safe_load(GECOMMITTEERD.read_text(encoding="utf-8"))
    assert gegenereerd == vastgelegd, (
        "docs/openapi.yaml wijkt af van het gegenereerde schema: draai `make schema` en commit."
    )


def test_schema_beschrijft_de_api():
    schema = yaml.safe_load(_genereer())
    assert schema["info"]["title"] == "Regietafel API"
    assert "/api/v1/mij/" in schema["paths"]
    assert all(pad.startswith("/api/v1/") for pad in schema["paths"])
    beveiliging = schema["components"]["securitySchemes"]
    assert {"cookieAuth", "knoxApiToken"} <= set(beveiliging)
    assert beveiliging["knoxApiToken"]["name"] == "Authorization"
    assert "Token" in beveiliging["knoxApiToken"]["description"]
