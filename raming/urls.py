from django.urls import path

from . import referentie_views, vaststellen_views, views

app_name = "raming"
urlpatterns = [
    # public, without login
    path("openbaar/", views.openbaar, name="openbaar"),
    path("openbaar/<int:jaar>/", views.openbaar_raming, name="openbaar_raming"),
    path(
        "openbaar/<int:jaar>/gemeente/<slug:slug>/",
        views.openbaar_gemeente,
        name="openbaar_gemeente",
    ),
    path("openbaar/<int:jaar>/<str:niveau>.csv", views.openbaar_csv, name="openbaar_csv"),
    path("openbaar/<int:jaar>/raming.xlsx", views.openbaar_xlsx, name="openbaar_xlsx"),
    # ministry
    path("cycli/", views.cycli, name="cycli"),
    path("cycli/<int:jaar>/", views.cyclus, name="cyclus"),
    path("cycli/<int:jaar>/mijlpalen/<int:pk>/", views.mijlpaal_wijzigen, name="mijlpaal_wijzigen"),
    path(
        "cycli/<int:jaar>/invoerbesluit/",
        views.invoerbesluit_toevoegen,
        name="invoerbesluit_toevoegen",
    ),
    path(
        "cycli/<int:jaar>/beschikbaar/",
        views.beschikbaar_vastleggen,
        name="beschikbaar_vastleggen",
    ),
    path("cycli/<int:jaar>/raming/", views.raming_aanmaken, name="raming_aanmaken"),
    # reference data (ministry): CBS imports with a preview, municipal mergers
    path("referentie/", referentie_views.referentie, name="referentie"),
    path("referentie/imports/<int:pk>/", referentie_views.cbs_import_pagina, name="cbs_import"),
    path(
        "referentie/imports/<int:pk>/toepassen/",
        referentie_views.cbs_import_toepassen,
        name="cbs_import_toepassen",
    ),
    path(
        "referentie/imports/<int:pk>/annuleren/",
        referentie_views.cbs_import_annuleren,
        name="cbs_import_annuleren",
    ),
    # a raming (ministry: every version; others: published versions)
    path("ramingen/<int:pk>/", views.raming, name="raming"),
    path("ramingen/<int:pk>/invoer/", views.raming_invoer, name="raming_invoer"),
    path("ramingen/<int:pk>/berekenen/", views.raming_berekenen, name="raming_berekenen"),
    path(
        "ramingen/<int:pk>/vaststellen/",
        vaststellen_views.raming_vaststellen,
        name="raming_vaststellen",
    ),
    path(
        "ramingen/<int:pk>/publiceren/",
        vaststellen_views.raming_publiceren,
        name="raming_publiceren",
    ),
    path(
        "ramingen/<int:pk>/uitzondering/",
        vaststellen_views.raming_uitzondering,
        name="raming_uitzondering",
    ),
    path("ramingen/<int:pk>/uitstellen/", views.raming_uitstellen, name="raming_uitstellen"),
    path("ramingen/<int:pk>/wijziging/", views.raming_wijziging, name="raming_wijziging"),
    path("ramingen/<int:pk>/verschil/", views.raming_verschil, name="raming_verschil"),
    path("ramingen/<int:pk>/gemeente/<slug:slug>/", views.gemeente, name="gemeente"),
]
