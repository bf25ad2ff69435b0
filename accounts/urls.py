from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views

app_name = "accounts"

urlpatterns = [
    path("profiel/", views.profiel, name="profiel"),
    path("token/aanmaken/", views.token_aanmaken, name="token-aanmaken"),
    path("token/intrekken/", views.token_intrekken, name="token-intrekken"),
    path("tweede-factor/", views.tweede_factor, name="tweede-factor"),
    path("tweede-factor/instellen/", views.tweede_factor_instellen, name="tweede-factor-instellen"),
    path(
        "tweede-factor/herstelcodes/",
        views.herstelcodes_vernieuwen,
        name="herstelcodes-vernieuwen",
    ),
    path(
        "tweede-factor/uitschakelen/",
        views.tweede_factor_uitschakelen,
        name="tweede-factor-uitschakelen",
    ),
    path(
        "wachtwoord/wijzigen/",
        auth_views.PasswordChangeView.as_view(
            success_url=reverse_lazy("accounts:wachtwoord-gewijzigd")
        ),
        name="wachtwoord-wijzigen",
    ),
    path(
        "wachtwoord/gewijzigd/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="wachtwoord-gewijzigd",
    ),
]
