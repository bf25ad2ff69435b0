from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .api.errors import api_fout
from .registry import home_voor


@never_cache
def home(request):
    """The role's home page: each app adds its panels through ``core.registry``; they are
    drawn as one cached fragment (``home_voor``)."""
    return render(request, "core/home.html", {"home": home_voor(request)})


def _api(request) -> bool:
    return request.path.startswith("/api/")


@login_not_required
def fout_400(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        if _api(request):
            return api_fout(413)
        return render(request, "400.html", {"te_groot": True}, status=413)
    if _api(request):
        return api_fout(400)
    return render(request, "400.html", status=400)


@login_not_required
def fout_403(request, exception=None):
    if _api(request):
        return api_fout(403)
    return render(request, "403.html", status=403)


@login_not_required
def fout_404(request, exception=None):
    if _api(request):
        return api_fout(404)
    return render(request, "404.html", status=404)


@login_not_required
def fout_500(request):
    if _api(request):
        return api_fout(500)
    return render(request, "500.html", status=500)
