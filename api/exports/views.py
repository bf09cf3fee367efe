"""The firm's data as one archive (#14 §4): firm admins ask for it, follow its progress and
download it. Everyone else gets 403; a job of another firm is not in this schema (404)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.capabilities import FIRM_EXPORT
from api.common import path_pk, request_user
from exports import selectors, services
from exports.models import ExportJob

from .serializers import ExportJobSerializer

ID = r"\d+"


class ExportJobViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[ExportJob]
):
    """The firm's export jobs, newest first."""

    queryset = ExportJob.objects.none()  # for the OpenAPI generator
    serializer_class = ExportJobSerializer
    lookup_value_regex = ID
    required_capabilities = {"*": FIRM_EXPORT}
    pagination_class = None

    def get_queryset(self) -> QuerySet[ExportJob]:
        if getattr(self, "swagger_fake_view", False):
            return ExportJob.objects.none()
        return selectors.export_list()[:20]

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        job = selectors.export_get(pk=path_pk(kwargs["pk"]))
        return Response(ExportJobSerializer(job).data)

    @extend_schema(
        request=None,
        responses={201: ExportJobSerializer},
        description="Queue an archive of the whole firm; 409 export_running while one runs.",
    )
    def create(self, request: Request) -> Response:
        job = services.export_request(user=request_user(request))
        return Response(ExportJobSerializer(job).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        responses={(200, "application/zip"): OpenApiTypes.BINARY},
        description="The finished archive (zip); 409 export_not_ready before it is done.",
    )
    @action(detail=True, methods=["get"])
    def download(self, request: Request, pk: str) -> FileResponse:
        job, stream = selectors.export_archive(pk=path_pk(pk))
        name = job.archive.rsplit("/", 1)[-1]
        return FileResponse(
            stream, as_attachment=True, filename=name, content_type="application/zip"
        )
