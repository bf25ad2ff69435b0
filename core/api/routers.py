"""Routers whose default lookup is a number a column can hold: ``/api/v1/uitruil/abc/…`` or a
20-digit id matches no route and answers 404 in the API's error shape, instead of reaching a
query with a value the database refuses."""

from rest_framework import routers

GETAL = "[0-9]{1,10}"


class _GetalSleutel:
    def get_lookup_regex(self, viewset, lookup_prefix=""):
        if getattr(viewset, "lookup_value_regex", None) is None:
            viewset.lookup_value_regex = GETAL
        return super().get_lookup_regex(viewset, lookup_prefix)


class SimpleRouter(_GetalSleutel, routers.SimpleRouter):
    pass


class DefaultRouter(_GetalSleutel, routers.DefaultRouter):
    pass
