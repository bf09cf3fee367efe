"""Hot topics over HTTP: supervisors read an estate's suggested agenda topics and ask for a
refresh; only committee members accept or dismiss (firm staff never decide)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.capabilities import COMPLAINTS_BOARD, COMPLAINTS_KPI, HOT_TOPICS_DECIDE
from api.common import request_user as _user
from api.lapse import ANALYTICS
from complaints import selectors
from complaints.choices import HotTopicStatus
from complaints.hot_topics import (
    configured_min_requests,
    hot_topic_accept,
    hot_topic_dismiss,
    refresh_hot_topics,
)
from complaints.models import HotTopic, ServiceRequest
from core.exceptions import NotFound
from estates.selectors import estate_get

from .filters import HotTopicFilter

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
    status = serializers.ChoiceField(choices=HotTopicStatus.choices, read_only=True)

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


class EstateQuerySerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField(
        min_value=1, error_messages={"required": _("请选择小区。"), "invalid": _("请填写数字。")}
    )


class HotTopicViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[HotTopic]):
    queryset = HotTopic.objects.none()
    serializer_class = HotTopicSerializer
    filterset_class = HotTopicFilter
    lapse = {"refresh": ANALYTICS}  # api.lapse: read-only while payment has lapsed
    required_capabilities = {
        "list": READ,
        "refresh": COMPLAINTS_KPI,
        "accept": HOT_TOPICS_DECIDE,
        "dismiss": HOT_TOPICS_DECIDE,
        "*": READ,
    }

    def get_queryset(self) -> QuerySet[HotTopic]:
        return selectors.hot_topic_list(user=_user(self.request))

    def _get(self, pk: str) -> HotTopic:
        found = (
            selectors.hot_topic_get(user=_user(self.request), pk=int(pk)) if pk.isdigit() else None
        )
        if found is None:
            raise NotFound()
        return found

    def _one(self, topic: HotTopic) -> Response:
        fresh = selectors.hot_topic_get(user=_user(self.request), pk=topic.pk)
        return Response(HotTopicSerializer(fresh).data)

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
        parameters=[EstateQuerySerializer],
        request=None,
        responses={200: HotTopicSerializer(many=True)},
    )
    @action(detail=False, methods=["post"], pagination_class=None, filterset_class=None)
    def refresh(self, request: Request) -> Response:
        """Recompute the estate's suggestions now; returns its current suggestions."""
        query = EstateQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        estate = estate_get(user=_user(request), pk=query.validated_data["estate"], full=True)
        refresh_hot_topics(
            estate_id=estate.pk, min_requests=configured_min_requests(estate.settings)
        )
        rows = selectors.hot_topic_suggestions(estate_id=estate.pk)
        return Response(HotTopicSerializer(rows, many=True).data)
