from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from .serializers import MijSerializer


class MijView(APIView):
    """The logged-in user, with role and province or gemeente."""

    @extend_schema(responses=MijSerializer)
    def get(self, request):
        return Response(MijSerializer(request.user).data)
