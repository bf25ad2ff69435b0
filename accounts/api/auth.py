"""API token authentication: knox's, without reading all the user's tokens on every request.

knox looks at every other token of the user on each request to delete the expired ones (one
query more per API call, about 15 % of the app's CPU for an API request in the schemathesis
round). A user here has one token at a time (``accounts.services.token_aanmaken`` deletes the
earlier ones), so there is nothing to clean up; the token's own expiry is still checked, and an
expired token is deleted and refused as knox does."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox import auth
from knox.signals import token_expired


class TokenAuthentication(auth.TokenAuthentication):
    def _cleanup_token(self, auth_token) -> bool:
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            username = auth_token.user.get_username()
            auth_token.delete()
            token_expired.send(sender=self.__class__, username=username, source="auth_token")
            return True
        return False


class TokenSchema(KnoxTokenScheme):
    """The same security scheme in the OpenAPI schema as knox's own class has."""

    target_class = "accounts.api.auth.TokenAuthentication"
