"""The test suite's cache backend: django-redis, where ``clear()`` empties only this run's keys.

The suite runs in several pytest-xdist workers, each with its own key prefix on one Redis
database (which also holds the Celery queue of the worker tests). django-redis' ``clear()``
empties the whole database; here it deletes only the keys under this worker's prefix.
"""

from contextlib import contextmanager

from django_redis.cache import RedisCache


class PrefixRedisCache(RedisCache):
    def clear(self):
        self.delete_pattern("*")


@contextmanager
def geen_cache():
    """Every query and page fragment computed afresh inside the block: for counting the
    queries of computing a page (the worst case), not of reading cached results."""
    from cachalot.api import cachalot_disabled
    from django.conf import settings
    from django.core.cache import cache
    from django.test import override_settings

    cache.clear()  # what else the application keeps in the cache (this run's keys only)
    fragmenten = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    with (
        cachalot_disabled(all_queries=True),
        override_settings(CACHES={**settings.CACHES, "template_fragments": fragmenten}),
    ):
        yield
