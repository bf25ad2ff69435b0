import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _lege_cache():
    """Nothing cached by another test is served here, and nothing computed from this test's
    rolled-back rows (published ramingen, the data cache) is served to the tests after it."""
    cache.clear()
    yield
    cache.clear()
