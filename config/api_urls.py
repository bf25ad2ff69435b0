"""The API under /api/v1/: each app contributes its routes from ``<app>/api/urls.py``.

The apps' routes are listed here one after the other, in this order, rather than each under
an ``include("")``: the same URLs and matches, without resolving through ten nested resolvers
that each fail in turn (and build the list of what they tried) before the right one matches.
"""

from django.urls import path
from drf_spectacular.views import SpectacularSwaggerSplitView

from accounts.api import urls as accounts_api
from bezwaar.api import urls as bezwaar_api
from core.api.schema import SchemaView
from documenten.api import urls as documenten_api
from herinneringen.api import urls as herinneringen_api
from locaties import beschikbaar_api
from locaties.api import urls as locaties_api
from raming.api import urls as raming_api
from raming.scenarios.api import urls as scenarios_api
from regietafels.api import urls as regietafels_api
from uitruil.api import urls as uitruil_api

#: the apps' routes, in the order they are tried
APPS = (
    accounts_api,
    raming_api,
    scenarios_api,
    beschikbaar_api,
    locaties_api,
    regietafels_api,
    uitruil_api,
    documenten_api,
    bezwaar_api,
    herinneringen_api,
)

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="api-schema"),
    # the split view serves Swagger UI's set-up as a script file: no inline script under the CSP
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    *(patroon for app in APPS for patroon in app.urlpatterns),
]
