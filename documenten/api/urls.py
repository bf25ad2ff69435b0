from core.api.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("documenten", views.DocumentViewSet, basename="document")

urlpatterns = router.urls
