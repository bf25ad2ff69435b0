"""API token authentication: knox's, without reading all the user's tokens on every request,
and with the checked token kept in the cache.

knox looks at every other token of the user on each request to delete the expired ones (one
query more per API call, about 15 % of the app's CPU for an API request in the schemathesis
round). A user here has one token at a time (``accounts.services.token_aanmaken`` deletes the
earlier ones), so there is nothing to clean up; the token's own expiry is still checked, and an
expired token is deleted and refused as knox does.

A token that knox accepted is kept (the token row with its user) under a hash of the whole key,
with cachalot's invalidation stamps of the token and user tables (``core.gestempeld``, ADR
0017): one round trip and no query instead of compiling and running knox's query. Any write to
either table (a token revoked at logout, on the profile page or in the admin, a new token, a
user deactivated or changed) gives it a new stamp, so the next request checks the key with knox
again. The expiry is checked on every request, also on a kept token; an expired one goes to
knox, which deletes and refuses it."""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.utils import timezone
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox import auth
from knox.signals import token_expired

from core import gestempeld

#: what a checked token shows: the token row and its user (``is_active``, role, scope)
TOKEN_TABELLEN = ("knox.authtoken", "accounts.gebruiker")


def _verlopen(auth_token) -> bool:
    return auth_token.expiry is not None and auth_token.expiry < timezone.now()


#: per process, the user of each token hash seen last (a token never changes user): a guess of
#: whose response a request asks for, to read it with the token (``vooraf_te_lezen``)
_GEBRUIKER_VAN_TOKEN: dict[str, object] = {}
_GEBRUIKERS_ONTHOUDEN = 10_000


class TokenAuthentication(auth.TokenAuthentication):
    def authenticate(self, request):
        self._verzoek = request
        return super().authenticate(request)

    def authenticate_credentials(self, token: bytes):
        if not getattr(settings, "CACHALOT_ENABLED", False):
            return super().authenticate_credentials(token)
        sleutel = f"api-token:{hashlib.sha256(token).hexdigest()}"
        vooraf = self._vooraf_te_lezen(sleutel)
        begin = time.time()
        (bewaard, stempels), *gelezen = gestempeld.lezen_samen([(sleutel, TOKEN_TABELLEN), *vooraf])
        for (andere, _), resultaat in zip(vooraf, gelezen, strict=True):
            gestempeld.vooraf_bewaren(self._verzoek, andere, resultaat, begin)
        if bewaard is not None and not _verlopen(bewaard):
            user, auth_token = self.validate_user(bewaard)
        else:
            user, auth_token = super().authenticate_credentials(token)
            gestempeld.bewaren(sleutel, auth_token, stempels, TOKEN_TABELLEN, begin)
        if len(_GEBRUIKER_VAN_TOKEN) >= _GEBRUIKERS_ONTHOUDEN:
            _GEBRUIKER_VAN_TOKEN.clear()
        _GEBRUIKER_VAN_TOKEN[sleutel] = user
        return user, auth_token

    def _vooraf_te_lezen(self, sleutel: str) -> list[tuple[str, tuple[str, ...]]]:
        """What the view will read for this token's user (as far as this process knew the
        user before), read in the same round trip as the token."""
        user = _GEBRUIKER_VAN_TOKEN.get(sleutel)
        verzoek = getattr(self, "_verzoek", None)
        context = getattr(verzoek, "parser_context", None) or {}
        vooraf = getattr(context.get("view"), "vooraf_te_lezen", None)
        if user is None or vooraf is None:
            return []
        return vooraf(verzoek, user)

    def _cleanup_token(self, auth_token) -> bool:
        if _verlopen(auth_token):
            username = auth_token.user.get_username()
            auth_token.delete()
            token_expired.send(sender=self.__class__, username=username, source="auth_token")
            return True
        return False


class TokenSchema(KnoxTokenScheme):
    """The same security scheme in the OpenAPI schema as knox's own class has."""

    target_class = "accounts.api.auth.TokenAuthentication"
