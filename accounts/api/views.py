from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from .serializers import MijSerializer

#: one serializer for every request: a ModelSerializer builds its fields per instance (about half
#: of this view's cost), and these read-only fields keep nothing of the request
_MIJ = MijSerializer()


class MijView(APIView):
    """The logged-in user, with role and province or gemeente."""

    @extend_schema(responses=MijSerializer)
    def get(self, request):
        return Response(_MIJ.to_representation(request.user))
