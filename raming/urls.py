from django.urls import path

from . import views

app_name = "raming"
urlpatterns = [
    path("openbaar/", views.openbaar, name="openbaar"),
]
