from django.urls import path

from . import beschikbaar_views as views

app_name = "beschikbaar"
urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("berekenen/<int:jaar>/", views.berekenen, name="berekenen"),
    path("<int:pk>/", views.berekening, name="berekening"),
    path("<int:pk>/provincie/<slug:slug>/", views.provincie, name="provincie"),
    path("<int:pk>/gemeente/<slug:slug>/", views.gemeente, name="gemeente"),
]
