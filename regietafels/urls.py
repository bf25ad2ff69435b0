from django.urls import path

from . import (
    realisatie_views,
    realisatie_werkboek_views,
    termijnverlenging_views,
    verdeelbesluit_views,
    verlenging_views,
    verslag_locaties_views,
    verslag_views,
    views,
)

app_name = "regietafels"
urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("fase/", views.cyclusfase, name="cyclusfase"),
    path("verlengingen/", termijnverlenging_views.verlengingen, name="verlengingen"),
    path(
        "verlengingen/late-raming/<int:jaar>/",
        verlenging_views.verlengen_na_late_raming,
        name="verlengen_na_late_raming",
    ),
    path(
        "verlengingen/<int:pk>/besluiten/",
        termijnverlenging_views.verzoek_besluiten,
        name="verzoek_besluiten",
    ),
    path(
        "verlengingen/toegekend/<int:pk>/corrigeren/",
        termijnverlenging_views.verlenging_corrigeren,
        name="verlenging_corrigeren",
    ),
    path("verdeelbesluit/", verdeelbesluit_views.verdeelbesluiten, name="verdeelbesluiten"),
    path("verdeelbesluit/<int:pk>/", verdeelbesluit_views.verdeelbesluit, name="verdeelbesluit"),
    path(
        "verdeelbesluit/<int:pk>/regels/<int:regel_pk>/",
        verdeelbesluit_views.verdeelbesluit_regel,
        name="verdeelbesluit_regel",
    ),
    path(
        "verdeelbesluit/<int:pk>/vaststellen/",
        verdeelbesluit_views.verdeelbesluit_vaststellen,
        name="verdeelbesluit_vaststellen",
    ),
    path(
        "verdeelbesluit/<int:pk>/nieuwe-versie/",
        verdeelbesluit_views.verdeelbesluit_nieuwe_versie,
        name="verdeelbesluit_nieuwe_versie",
    ),
    path(
        "verdeelbesluit/<int:pk>/herzien/",
        verdeelbesluit_views.verdeelbesluit_herzien,
        name="verdeelbesluit_herzien",
    ),
    path(
        "verdeelbesluit/<int:pk>/export.<str:formaat>",
        verdeelbesluit_views.verdeelbesluit_export,
        name="verdeelbesluit_export",
    ),
    path("realisatie/", realisatie_views.realisatie, name="realisatie"),
    path(
        "realisatie/<int:pk>/corrigeren/",
        realisatie_views.realisatie_corrigeren,
        name="realisatie_corrigeren",
    ),
    path(
        "realisatie/koppelen/<int:locatie>/",
        realisatie_views.realisatie_koppelen,
        name="realisatie_koppelen",
    ),
    path("gemeente/", realisatie_views.gemeente, name="gemeente"),
    path(
        "gemeente/realisatie.xlsx",
        realisatie_werkboek_views.realisatie_downloaden,
        name="realisatie_werkboek",
    ),
    path(
        "gemeente/realisatie/uploaden/",
        realisatie_werkboek_views.realisatie_werkboek_uploaden,
        name="realisatie_werkboek_uploaden",
    ),
    path(
        "gemeente/realisatie/toepassen/",
        realisatie_werkboek_views.realisatie_werkboek_toepassen,
        name="realisatie_werkboek_toepassen",
    ),
    path("<slug:slug>/", views.regietafel, name="regietafel"),
    path("<slug:slug>/verslag/", verslag_views.verslag, name="verslag"),
    path(
        "<slug:slug>/verslag/werkboek.xlsx",
        verslag_views.verslag_werkboek,
        name="verslag_werkboek",
    ),
    path(
        "<slug:slug>/verslag/werkboek/uploaden/",
        verslag_views.werkboek_uploaden,
        name="verslag_werkboek_uploaden",
    ),
    path(
        "<slug:slug>/verslag/werkboek/toepassen/",
        verslag_views.werkboek_toepassen,
        name="verslag_werkboek_toepassen",
    ),
    path(
        "<slug:slug>/verslag/uit-locaties/",
        verslag_locaties_views.verslag_uit_locaties,
        name="verslag_uit_locaties",
    ),
    path("<slug:slug>/verslag/aanmaken/", verslag_views.verslag_aanmaken, name="verslag_aanmaken"),
    path("<slug:slug>/verslag/indienen/", verslag_views.indienen, name="indienen"),
    path(
        "<slug:slug>/verslag/ontvangst/<int:volgnummer>/", verslag_views.ontvangst, name="ontvangst"
    ),
    path("<slug:slug>/verslag/versies/", verslag_views.versies, name="versies"),
    path("<slug:slug>/verslag/versies/<int:volgnummer>/", verslag_views.versie, name="versie"),
    path(
        "<slug:slug>/verslag/bijlagen/", verslag_views.bijlage_toevoegen, name="bijlage_toevoegen"
    ),
    path(
        "<slug:slug>/verslag/bijlagen/<int:pk>/",
        verslag_views.bijlage_downloaden,
        name="bijlage_downloaden",
    ),
    path(
        "<slug:slug>/verslag/bijlagen/<int:pk>/verwijderen/",
        verslag_views.bijlage_verwijderen,
        name="bijlage_verwijderen",
    ),
    path(
        "<slug:slug>/verslag/verlenging/",
        termijnverlenging_views.verlenging_aanvragen,
        name="verlenging",
    ),
    path("<slug:slug>/verslag/beoordelen/", views.beoordelen, name="beoordelen"),
]
