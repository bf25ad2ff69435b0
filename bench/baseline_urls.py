"""The site's URLs plus ``/__bench/baseline/``: the same middleware, no database, no template.

Its throughput is the ceiling the other endpoints are compared with in docs/performance.md.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import include, path

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401


@login_not_required
def baseline(request):
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("__bench/baseline/", baseline, name="bench-baseline"),
    path("", include("config.urls")),
]
