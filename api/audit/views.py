"""The firm's audit log: who changed what (audit.selectors). Firm admins read the whole firm,
an auditor the estates of their grant within its dates; everybody else 403."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.capabilities import AUDIT_VIEW
from api.pagination import PageNumberPagination
from audit import selectors
from audit.selectors import KIND_KEYS, Reader
from tenants.models import SupportGrant

from .filters import AuditLogFilter
from .serializers import AuditEntrySerializer

EXPORT_LIMIT = 10_000

PARAMETERS = [
    OpenApiParameter("estate", OpenApiTypes.INT, description="only events of this estate"),
    OpenApiParameter("actor", OpenApiTypes.INT, description="only events made by this user"),
    OpenApiParameter("kind", OpenApiTypes.STR, enum=list(KIND_KEYS), description="record kind"),
    OpenApiParameter("since", OpenApiTypes.DATE, description="from this day (inclusive)"),
    OpenApiParameter("until", OpenApiTypes.DATE, description="to this day (inclusive)"),
]


class AuditLogViewSet(viewsets.GenericViewSet[Any]):
    queryset = SupportGrant.objects.none()  # for the OpenAPI generator: the log is a UNION
    serializer_class = AuditEntrySerializer
    pagination_class = PageNumberPagination
    required_capabilities = {"*": AUDIT_VIEW}

    def _reader(self) -> Reader:
        reader = selectors.reader_for(user=self.request.user)  # type: ignore[arg-type]
        if reader is None:
            raise PermissionDenied()
        return reader

    def _heads(self) -> selectors.Log:
        reader = self._reader()
        params = AuditLogFilter(data=self.request.query_params)
        if not params.is_valid():
            raise ValidationError(params.errors)
        return selectors.heads(
            reader=reader,
            firm=self.request.tenant,  # type: ignore[attr-defined]
            f=params.log_filter(),
        )

    @extend_schema(parameters=PARAMETERS, responses={200: AuditEntrySerializer(many=True)})
    def list(self, request: Request) -> Response:
        # a Log slices like a queryset (count() and [a:b]): the paginator takes it as one
        page = self.paginate_queryset(self._heads())  # type: ignore[arg-type]
        data = AuditEntrySerializer(selectors.entries(page or []), many=True).data  # type: ignore[arg-type]
        return self.get_paginated_response(data)

    @extend_schema(
        parameters=PARAMETERS,
        responses={(200, "text/csv"): OpenApiTypes.BINARY},
        description=f"The filtered log as CSV (UTF-8 with BOM, for Excel), newest first, at "
        f"most {EXPORT_LIMIT} entries; one line per changed field.",
    )
    @action(detail=False, methods=["get"])
    def export(self, request: Request) -> HttpResponse:
        rows = list(self._heads()[:EXPORT_LIMIT])
        out = io.StringIO()
        out.write("\ufeff")
        writer = csv.writer(out)
        writer.writerow(
            [
                _("时间"),
                _("操作人"),
                _("来源"),
                _("对象类型"),
                _("对象"),
                _("项目"),
                _("操作"),
                _("字段"),
                _("原值"),
                _("新值"),
            ]
        )
        for start in range(0, len(rows), 500):
            for entry in selectors.entries(rows[start : start + 500]):
                when = timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S")
                head = [
                    when,
                    entry.actor_name,
                    entry.source,
                    entry.kind,
                    entry.label,
                    entry.estate_name,
                    entry.action,
                ]
                for change in entry.changes or [None]:  # type: ignore[list-item]
                    if change is None:
                        writer.writerow([*head, "", "", ""])
                    else:
                        writer.writerow(
                            [*head, change.field, change.before or "", change.after or ""]
                        )
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
        return response
