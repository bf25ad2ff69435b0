from core.api.routers import SimpleRouter

from .views import ScenarioViewSet

router = SimpleRouter()
router.register("scenarios", ScenarioViewSet, basename="scenario")

urlpatterns = router.urls
