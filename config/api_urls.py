"""The API under /api/v1/: each app contributes its routes from ``<app>/api/urls.py``."""

from django.urls import include, path
from drf_spectacular.views import SpectacularSwaggerSplitView

from core.api.schema import SchemaView

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="api-schema"),
    # the split view serves Swagger UI's set-up as a script file: no inline script under the CSP
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("accounts.api.urls")),
    path("", include("raming.api.urls")),
    path("", include("raming.scenarios.api.urls")),
    path("", include("locaties.beschikbaar_api")),
    path("", include("locaties.api.urls")),
    path("", include("regietafels.api.urls")),
    path("", include("uitruil.api.urls")),
    path("", include("documenten.api.urls")),
    path("", include("bezwaar.api.urls")),
    path("", include("herinneringen.api.urls")),
]
