"""Import jobs: a preview's result, and committing it (the upload is an estate action)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.capabilities import ESTATES_IMPORT
from api.lapse import MANAGEMENT
from estates import selectors
from estates.importing import import_commit
from estates.models import ImportJob

from .. import filters
from .. import serializers as s
from ._common import ID, caller


class ImportJobViewSet(
    mixins.RetrieveModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet[ImportJob]
):
    queryset = ImportJob.objects.none()  # for the OpenAPI generator; get_queryset scopes
    serializer_class = s.ImportJobSerializer
    filterset_class = filters.ImportJobFilter
    lookup_value_regex = ID
    lapse = {"*": MANAGEMENT}  # api.lapse: read-only while payment has lapsed
    required_capabilities = {"*": ESTATES_IMPORT}

    def get_queryset(self) -> Any:
        return selectors.import_job_list(user=caller(self.request))

    @extend_schema(request=None, responses={200: s.ImportJobSerializer})
    @action(detail=True, methods=["post"])
    def commit(self, request: Request, pk: str) -> Response:
        job = import_commit(job=self.get_object(), user=caller(request))
        return Response(s.ImportJobSerializer(job).data)
