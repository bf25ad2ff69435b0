from core.api.routers import SimpleRouter

from .views import OpvanglocatieViewSet

router = SimpleRouter()
router.register("opvanglocaties", OpvanglocatieViewSet, basename="opvanglocatie")

urlpatterns = router.urls
