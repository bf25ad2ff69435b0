from django.urls import path

from . import views

app_name = "locaties"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("nieuw/", views.aanmaken, name="aanmaken"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("importeren/", views.importeren, name="importeren"),
    path("importeren/toepassen/", views.import_toepassen, name="import_toepassen"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/wijzigen/", views.wijzigen, name="wijzigen"),
    path("<int:pk>/fase/", views.fase, name="fase"),
    path("<int:pk>/bevestigen/", views.bevestigen, name="bevestigen"),
]
