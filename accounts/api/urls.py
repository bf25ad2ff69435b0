from django.urls import path

from .views import MijView

urlpatterns = [path("mij/", MijView.as_view(), name="api-mij")]
