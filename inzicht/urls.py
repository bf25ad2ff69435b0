from django.urls import path

from . import views

app_name = "inzicht"
urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("provincie/<str:code>/", views.provincie, name="provincie"),
    path("provincie/<str:code>/voortgang.csv", views.provincie_csv, name="provincie-csv"),
    path("csv/<str:grafiek>.csv", views.grafiek_csv, name="csv"),
    path("openbaar/kaart/", views.openbare_kaart, name="openbaar-kaart"),
    path("openbaar/kaart.csv", views.openbaar_kaart_csv, name="openbaar-kaart-csv"),
]
