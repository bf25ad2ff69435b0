from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from .models import Raming


@login_not_required
def openbaar(request):
    """The published ramingen, readable without login."""
    ramingen = (
        Raming.objects.openbaar().select_related("cyclus").order_by("-cyclus__jaar", "-versie")
    )
    return render(request, "raming/openbaar_lijst.html", {"ramingen": ramingen})
