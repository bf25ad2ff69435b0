"""The schema view, generated once per process and version under a lock.

drf-spectacular's generator is not safe to run in several threads at once (ten concurrent
requests to /api/v1/schema/ gave 500s under the threaded server), and the schema only changes
with the code, so it is built once and then served from memory."""

from __future__ import annotations

import threading

from drf_spectacular.views import SpectacularAPIView
from rest_framework.response import Response

_slot = threading.Lock()
_schemas: dict[object, dict] = {}


class SchemaView(SpectacularAPIView):
    def _get_schema_response(self, request):
        if not self.serve_public:
            with _slot:
                return super()._get_schema_response(request)
        version = self.api_version or request.version or self._get_version_parameter(request)
        with _slot:
            if version not in _schemas:
                generator = self.generator_class(
                    urlconf=self.urlconf, api_version=version, patterns=self.patterns
                )
                _schemas[version] = generator.get_schema(request=request, public=True)
        return Response(
            data=_schemas[version],
            headers={
                "Content-Disposition": f'inline; filename="{self._get_filename(request, version)}"'
            },
        )
