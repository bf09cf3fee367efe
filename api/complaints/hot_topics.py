"""Hot topics over HTTP: supervisors read an estate's suggested agenda topics and ask for a
refresh; only committee members accept or dismiss (firm staff never decide)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.capabilities import COMPLAINTS_BOARD, COMPLAINTS_KPI, HOT_TOPICS_DECIDE
from accounts.models import User
from complaints.hot_topics import (
    SUGGESTED,
    configured_min_requests,
    hot_topic_accept,
    hot_topic_dismiss,
    refresh_hot_topics,
)
from complaints.models import HotTopic, ServiceRequest
from core.exceptions import NotFound, ValidationFailed
from estates.selectors import estate_get, estates_in_full

READ = (COMPLAINTS_KPI, COMPLAINTS_BOARD)  # either one suffices


class HotTopicRequestSerializer(serializers.ModelSerializer[ServiceRequest]):
    class Meta:
        model = ServiceRequest
        fields = ["id", "number"]
        read_only_fields = fields


class HotTopicSerializer(serializers.ModelSerializer[HotTopic]):
    keywords = serializers.ListField(child=serializers.CharField(), read_only=True)
    request_count = serializers.SerializerMethodField()
    requests = HotTopicRequestSerializer(many=True, read_only=True)
    status = serializers.CharField(read_only=True, help_text="suggested, accepted or dismissed")

    class Meta:
        model = HotTopic
        fields = [
            "id",
            "estate",
            "category",
            "keywords",
            "request_count",
            "requests",
            "status",
            "created_at",
            "decided_at",
        ]
        read_only_fields = fields

    def get_request_count(self, topic: HotTopic) -> int:
        return len(topic.requests.all())


def _user(request: Request) -> User:
    return request.user  # type: ignore[return-value]


def _estate_id(request: Request, *, required: bool) -> int | None:
    raw = request.query_params.get("estate")
    if raw in (None, ""):
        if required:
            raise ValidationFailed(fields={"estate": ["请选择小区。 Choose an estate."]})
        return None
    try:
        return int(raw)
    except ValueError:
        raise ValidationFailed(fields={"estate": ["请填写数字。 A number is expected."]}) from None


def _with_requests(qs: QuerySet[HotTopic]) -> QuerySet[HotTopic]:
    return qs.prefetch_related(
        Prefetch("requests", queryset=ServiceRequest.objects.only("id", "number").order_by("id"))
    )


class HotTopicViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[HotTopic]):
    queryset = HotTopic.objects.none()
    serializer_class = HotTopicSerializer
    required_capabilities = {
        "list": READ,
        "refresh": COMPLAINTS_KPI,
        "accept": HOT_TOPICS_DECIDE,
        "dismiss": HOT_TOPICS_DECIDE,
        "*": READ,
    }

    def get_queryset(self) -> QuerySet[HotTopic]:
        user = _user(self.request)
        qs = HotTopic.objects.filter(estate__in=estates_in_full(user=user))
        estate_id = _estate_id(self.request, required=False)
        if estate_id is not None:
            qs = qs.filter(estate=estate_get(user=user, pk=estate_id, full=True))
        status = self.request.query_params.get("status", "")
        if status:
            qs = qs.filter(status__in=status.split(","))
        return _with_requests(qs).order_by("-created_at", "-id")

    def _get(self, pk: str) -> HotTopic:
        user = _user(self.request)
        try:
            found = HotTopic.objects.filter(
                pk=int(pk), estate__in=estates_in_full(user=user)
            ).first()
        except ValueError:
            found = None
        if found is None:
            raise NotFound()
        return found

    def _one(self, topic: HotTopic) -> Response:
        fresh = _with_requests(HotTopic.objects.filter(pk=topic.pk)).get()
        return Response(HotTopicSerializer(fresh).data)

    @extend_schema(
        parameters=[
            OpenApiParameter("estate", int),
            OpenApiParameter("status", str, description="suggested, accepted, dismissed"),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=None, responses={200: HotTopicSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str) -> Response:
        """Put the suggestion on the owners' meeting agenda (committee only)."""
        return self._one(hot_topic_accept(topic=self._get(pk), by=_user(request)))

    @extend_schema(request=None, responses={200: HotTopicSerializer})
    @action(detail=True, methods=["post"])
    def dismiss(self, request: Request, pk: str) -> Response:
        """Turn the suggestion down; it is not suggested again (committee only)."""
        return self._one(hot_topic_dismiss(topic=self._get(pk), by=_user(request)))

    @extend_schema(
        parameters=[OpenApiParameter("estate", int, required=True)],
        request=None,
        responses={200: HotTopicSerializer(many=True)},
    )
    @action(detail=False, methods=["post"], pagination_class=None)
    def refresh(self, request: Request) -> Response:
        """Recompute the estate's suggestions now; returns its current suggestions."""
        estate_id = _estate_id(request, required=True)
        assert estate_id is not None
        estate = estate_get(user=_user(request), pk=estate_id, full=True)
        refresh_hot_topics(
            estate_id=estate.pk, min_requests=configured_min_requests(estate.settings)
        )
        rows = _with_requests(
            HotTopic.objects.filter(estate=estate, status=SUGGESTED).order_by("-created_at", "-id")
        )
        return Response(HotTopicSerializer(rows, many=True).data)
