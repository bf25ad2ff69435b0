from django.urls import path

from . import views

app_name = "scenarios"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("vergelijken/", views.vergelijken, name="vergelijken"),
    path("vergelijken/xlsx/", views.vergelijken_xlsx, name="vergelijken_xlsx"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bewerken/", views.bewerken, name="bewerken"),
    path("<int:pk>/delen/", views.delen, name="delen"),
    path("<int:pk>/delen-stoppen/", views.delen_stoppen, name="delen_stoppen"),
    path("<int:pk>/promoveren/", views.promoveren, name="promoveren"),
]
