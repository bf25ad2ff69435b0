from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .registry import home_voor


@never_cache
def home(request):
    """The role's home page: each app adds its panels through ``core.registry``."""
    return render(request, "core/home.html", {"panels": home_voor(request)})


@login_not_required
def fout_400(request, exception=None):
    return render(request, "400.html", status=400)


@login_not_required
def fout_403(request, exception=None):
    return render(request, "403.html", status=403)


@login_not_required
def fout_404(request, exception=None):
    return render(request, "404.html", status=404)


@login_not_required
def fout_500(request):
    return render(request, "500.html", status=500)
