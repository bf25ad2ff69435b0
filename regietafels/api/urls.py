from django.urls import path

from core.api.routers import DefaultRouter

from . import views
from .late_raming import LateRamingVerlengingView

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("regietafels", views.RegietafelViewSet, basename="regietafel")
router.register("verslagen", views.VerslagViewSet, basename="verslag")
router.register("verslagtermijnen", views.TermijnViewSet, basename="verslagtermijn")
router.register("termijnverlengingen", views.TermijnverlengingViewSet, basename="termijnverlenging")
router.register(
    "verlengingsverzoeken", views.VerlengingsverzoekViewSet, basename="verlengingsverzoek"
)
router.register("verdeelbesluiten", views.VerdeelbesluitViewSet, basename="verdeelbesluit")
router.register("realisatiemeldingen", views.RealisatiemeldingViewSet, basename="realisatiemelding")

urlpatterns = [
    path(
        "cycli/<int:jaar>/verslagtermijn-verlengen/",
        LateRamingVerlengingView.as_view(),
        name="cyclus-verslagtermijn-verlengen",
    ),
    *router.urls,
]
