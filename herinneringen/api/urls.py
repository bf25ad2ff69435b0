from core.api.routers import SimpleRouter

from .views import MijnTermijnenViewSet

router = SimpleRouter()
router.register("termijnen", MijnTermijnenViewSet, basename="termijn")

urlpatterns = router.urls
