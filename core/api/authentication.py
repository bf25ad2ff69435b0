"""Token authentication that reads the token and its user through the data cache.

Same behaviour as DRF's ``TokenAuthentication`` (the schema and clients see no difference).
The token with its user is kept in core/gegevenscache.py, which drops it as soon as the token
table or the user table is written: a revoked or replaced token, or a deactivated user, is
refused on the next request. An unknown key is never kept.
"""

from __future__ import annotations

import hashlib

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from core import gegevenscache


class TokenAuthenticatie(TokenAuthentication):
    def authenticate_credentials(self, key):
        model = self.get_model()

        def lezen():
            try:
                return model.objects.select_related("user").get(key=key)
            except model.DoesNotExist:
                return gegevenscache.NietBewaren(None)

        # The key itself is not used as a cache key.
        sleutel = ("api-token", hashlib.sha256(key.encode()).hexdigest())
        token = gegevenscache.onthouden(sleutel, lezen, tijd=60)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return (token.user, token)
