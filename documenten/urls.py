from django.urls import path

from . import views

app_name = "documenten"

urlpatterns = [
    path("<int:pk>/", views.downloaden, name="downloaden"),
    path("beschikking/<int:regel_pk>/", views.beschikking, name="beschikking"),
    path("raming/<int:raming_pk>/", views.raming_publicatie, name="raming_publicatie"),
    path("verslag/<int:versie_pk>/", views.verslag, name="verslag"),
    path(
        "verslag/<int:versie_pk>/ontvangstbevestiging/",
        views.ontvangstbevestiging,
        name="ontvangstbevestiging",
    ),
    path(
        "verdeelbesluit/<int:besluit_pk>/beschikkingen/",
        views.bundel_aanvragen,
        name="bundel_aanvragen",
    ),
    path("bundels/<int:pk>/", views.bundel, name="bundel"),
    path("bundels/<int:pk>/zip/", views.bundel_downloaden, name="bundel_downloaden"),
]
