from django.urls import path

from core.api.routers import SimpleRouter

from .views import GemeenteGrootboekView, ProvincieGrootboekView, UitruilViewSet

router = SimpleRouter()
router.register("uitruil", UitruilViewSet, basename="uitruil")

urlpatterns = [
    path(
        "uitruil-grootboek/provincies/<slug:slug>/",
        ProvincieGrootboekView.as_view(),
        name="uitruil-grootboek-provincie",
    ),
    path(
        "uitruil-grootboek/gemeenten/<str:code>/",
        GemeenteGrootboekView.as_view(),
        name="uitruil-grootboek-gemeente",
    ),
    *router.urls,
]
