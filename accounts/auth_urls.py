"""Login, logout and password reset: public (no login required)."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path, reverse_lazy

from .oidc import sso_starten, sso_terugkeer
from .views import InlogView

urlpatterns = [
    path("inloggen/", InlogView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "wachtwoord-vergeten/",
        login_not_required(
            auth_views.PasswordResetView.as_view(
                success_url=reverse_lazy("password_reset_done"),
                email_template_name="registration/password_reset_email.txt",
                subject_template_name="registration/password_reset_subject.txt",
            )
        ),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        login_not_required(auth_views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        login_not_required(
            auth_views.PasswordResetConfirmView.as_view(
                success_url=reverse_lazy("password_reset_complete")
            )
        ),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        login_not_required(auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
]

# single sign-on (OpenID Connect): 404 unless OIDC_RP_CLIENT_ID is set
urlpatterns += [
    path("oidc/starten/", sso_starten, name="oidc_authentication_init"),
    path("oidc/terugkeer/", sso_terugkeer, name="oidc_authentication_callback"),
]
