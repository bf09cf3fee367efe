"""The in-app inbox."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.capabilities import NOTIFICATIONS_VIEW
from notifications import selectors, services
from notifications.models import Notification

from .filters import NotificationFilter
from .serializers import MarkReadSerializer, NotificationSerializer, UnreadCountSerializer


class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[Notification]):
    queryset = Notification.objects.none()
    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter
    required_capabilities = {"*": NOTIFICATIONS_VIEW}

    def get_queryset(self) -> QuerySet[Notification]:
        return selectors.inbox(user=self.request.user)  # type: ignore[arg-type]

    @extend_schema(responses={200: UnreadCountSerializer})
    @action(detail=False, methods=["get"], url_path="unread-count")
    def unread_count(self, request: Request) -> Response:
        return Response({"unread": selectors.unread_count(user=request.user)})  # type: ignore[arg-type]

    @extend_schema(request=MarkReadSerializer, responses={200: UnreadCountSerializer})
    @action(detail=False, methods=["post"], url_path="mark-read")
    def mark_read(self, request: Request) -> Response:
        data = MarkReadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.mark_read(user=request.user, ids=data.validated_data.get("ids"))  # type: ignore[arg-type]
        return Response({"unread": selectors.unread_count(user=request.user)})  # type: ignore[arg-type]
