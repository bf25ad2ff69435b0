"""The API under /api/v1/: each app contributes its routes from ``<app>/api/urls.py``."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("accounts.api.urls")),
    path("", include("raming.api.urls")),
    path("", include("raming.scenarios.api.urls")),
    path("", include("regietafels.api.urls")),
    path("", include("uitruil.api.urls")),
    path("", include("herinneringen.api.urls")),
]
