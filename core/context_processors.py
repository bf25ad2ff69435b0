from django.conf import settings

from .registry import nav_voor


def regietafel(request):
    return {
        "nav_items": nav_voor(request),
        "DEMO_MODE": settings.DEMO_MODE,
        "OMGEVING": settings.ENVIRONMENT,
    }
