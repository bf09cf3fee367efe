"""The repairer's and the desk's reads: "my tasks" (GET /api/v1/complaints/my-tasks/) and the
desk list in Excel (GET /api/v1/complaints/export/, the list's own filters). Both read through
the request list's scope; phones follow estates.selectors.PeopleMasking, except that the
assignee of a task reads its requester's full number (complaints.selectors.requester_contact)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.capabilities import COMPLAINTS_HANDLE
from api.common import request_user
from api.estates.views._common import XLSX, masking, xlsx
from complaints import selectors
from complaints.exports import EXPORT_LIMIT, requests_xlsx
from complaints.models import ServiceRequest

from .filters import RequestFilter


class TaskSerializer(serializers.ModelSerializer[ServiceRequest]):
    """One of my tasks, with what a repairer needs on the way: who, where, how to call."""

    estate_name = serializers.CharField(source="estate.name", read_only=True)
    place_label = serializers.SerializerMethodField(help_text='as people say it: "阳光花园 1栋101"')
    requester_name = serializers.SerializerMethodField()
    requester_phone = serializers.SerializerMethodField(
        help_text="full for the task's assignee; otherwise masked as the reader's role says"
    )
    due_at = serializers.SerializerMethodField(
        help_text="the promised time it runs against now (earliest running clock), or null"
    )
    actions = serializers.SerializerMethodField()

    class Meta:
        model = ServiceRequest
        fields = [
            "id",
            "number",
            "estate",
            "estate_name",
            "kind",
            "category",
            "urgency",
            "status",
            "colour",
            "description",
            "place_label",
            "requester_name",
            "requester_phone",
            "created_at",
            "due_at",
            "actions",
        ]
        read_only_fields = fields

    def _contact(self, request: ServiceRequest) -> tuple[str, str]:
        return selectors.requester_contact(
            request=request, user=self.context["user"], masking=self.context["masking"]
        )

    def get_place_label(self, request: ServiceRequest) -> str:
        return selectors.unit_label(request)

    def get_requester_name(self, request: ServiceRequest) -> str:
        return self._contact(request)[0]

    def get_requester_phone(self, request: ServiceRequest) -> str:
        return self._contact(request)[1]

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_due_at(self, request: ServiceRequest) -> datetime | None:
        return selectors.next_due_at(request)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_actions(self, request: ServiceRequest) -> list[str]:
        return selectors.actions_for(user=self.context["user"], request=request)


class MyTasksSerializer(serializers.Serializer[Any]):
    now = serializers.DateTimeField(help_text="the server's time, to run the countdowns from")
    results = TaskSerializer(many=True)


class MyTasksView(APIView):
    required_capabilities = {"*": COMPLAINTS_HANDLE}

    @extend_schema(operation_id="complaints_my_tasks", responses={200: MyTasksSerializer})
    def get(self, request: Request) -> Response:
        """The open requests assigned to me, the most urgent first (overdue at the top)."""
        user = request_user(request)
        rows = list(selectors.my_tasks(user=user)[:200])
        context = {"user": user, "masking": masking(request)}
        return Response(
            {
                "now": timezone.now(),
                "results": TaskSerializer(rows, many=True, context=context).data,
            }
        )


class RequestExportView(GenericAPIView[ServiceRequest]):
    queryset = ServiceRequest.objects.none()
    filterset_class = RequestFilter
    pagination_class = None
    required_capabilities = {"*": COMPLAINTS_HANDLE}

    @extend_schema(operation_id="complaints_export", responses={(200, XLSX): OpenApiTypes.BINARY})
    def get(self, request: Request) -> HttpResponse:
        """The desk list as filtered (same parameters as the list), in Excel, at most
        EXPORT_LIMIT rows."""
        found = self.filter_queryset(self.get_queryset())
        rows = found.select_related("requester", "requester_person")[:EXPORT_LIMIT]
        content = requests_xlsx(rows=rows, user=request_user(request), masking=masking(request))
        stamp = timezone.localdate().isoformat()
        return xlsx(content, f"requests-{stamp}.xlsx")
