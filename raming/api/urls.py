from core.api.routers import SimpleRouter

from .views import GemeenteViewSet, ProvincieViewSet, RamingViewSet, WetscyclusViewSet

router = SimpleRouter()
router.register("cycli", WetscyclusViewSet, basename="cyclus")
router.register("ramingen", RamingViewSet, basename="raming")
router.register("provincies", ProvincieViewSet, basename="provincie")
router.register("gemeenten", GemeenteViewSet, basename="gemeente")

urlpatterns = router.urls
