from django.urls import path

from . import views

app_name = "documenten"

urlpatterns = [
    path("<int:pk>/", views.downloaden, name="downloaden"),
    path("beschikking/<int:regel_pk>/", views.beschikking, name="beschikking"),
]
