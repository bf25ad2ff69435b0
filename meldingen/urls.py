from django.urls import path

from . import views

app_name = "meldingen"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("<int:pk>/gelezen/", views.gelezen, name="gelezen"),
    path("alles-gelezen/", views.alles_gelezen, name="alles_gelezen"),
    path("voorkeuren/", views.voorkeuren, name="voorkeuren"),
]
