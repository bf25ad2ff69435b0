from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from core import views as core_views
from core.api.adressen import onthoudend_include

urlpatterns = [
    # first: no other prefix matches /api/v1/, and its resolver keeps each address's match
    # (core/api/adressen.py)
    onthoudend_include("api/v1/", "config.api_urls"),
    path("", core_views.home, name="home"),
    path("account/", include("accounts.auth_urls")),
    path("account/", include("accounts.urls")),
    path("raming/", include("raming.urls")),
    path("scenarios/", include("raming.scenarios.urls")),
    path("regietafels/", include("regietafels.urls")),
    path("meerjarig-beschikbaar/", include("locaties.beschikbaar_urls")),
    path("locaties/", include("locaties.urls")),
    path("uitruil/", include("uitruil.urls")),
    path("documenten/", include("documenten.urls")),
    path("bezwaar/", include("bezwaar.urls")),
    path("termijnen/", include("herinneringen.urls")),
    path("meldingen/", include("meldingen.urls")),
    path("inzicht/", include("inzicht.urls")),
    path("beheer/", admin.site.urls),
]

handler400 = "core.views.fout_400"
handler403 = "core.views.fout_403"
handler404 = "core.views.fout_404"
handler500 = "core.views.fout_500"

if settings.DEBUG:
    urlpatterns += [path("__fout/500/", core_views.fout_500)]
