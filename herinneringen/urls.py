from django.urls import path

from . import views

app_name = "herinneringen"
urlpatterns = [
    path("", views.mijn_termijnen, name="mijn"),
    path("alle/", views.alle_termijnen, name="alle"),
    path("voorkeuren/", views.voorkeuren, name="voorkeuren"),
    path("agenda/<str:token>.ics", views.agenda, name="agenda"),
]
