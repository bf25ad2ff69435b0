from django.urls import path

from . import views

app_name = "uitruil"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("voorstellen/", views.voorstellen, name="voorstellen"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/<slug:actie>/", views.actie, name="actie"),
    path("grootboek/", views.grootboek, name="grootboek"),
    path(
        "grootboek/provincie/<slug:slug>/",
        views.grootboek_provincie_view,
        name="grootboek_provincie",
    ),
    path(
        "grootboek/gemeente/<slug:slug>/", views.grootboek_gemeente_view, name="grootboek_gemeente"
    ),
    path("taakstelling/", views.taakstelling, name="taakstelling"),
]
