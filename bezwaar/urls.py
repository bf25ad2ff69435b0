from django.urls import path

from . import views

app_name = "bezwaar"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("indienen/", views.indienen, name="indienen"),
    path("registreren/", views.registreren, name="registreren"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/beslissen/", views.beslissen, name="beslissen"),
    path("<int:pk>/intrekken/", views.intrekken, name="intrekken"),
    path("<int:pk>/beslissing.pdf", views.document_downloaden, name="document"),
    path("<int:pk>/stap/<slug:naam>/", views.stap, name="stap"),
    path("<int:pk>/bijlagen/<int:bijlage_pk>/", views.bijlage_downloaden, name="bijlage"),
]
