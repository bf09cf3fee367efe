"""Estate notices (公告) over HTTP: the list a user sees, publishing (the firm side or the
committee), editing a firm notice, retracting one's own side's notice, and read receipts. Thin:
each write is one service; reads go through notices.selectors (scope)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.capabilities import NOTIFICATIONS_VIEW
from api.common import path_pk as _pk
from api.common import request_user as _user
from estates.exceptions import EstateNotFound
from notices import selectors, services
from notices.exceptions import NoticeNotFound
from notices.models import Notice

from . import serializers as s
from .filters import NoticeFilter


class NoticeViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Notice]
):
    queryset = Notice.objects.none()
    serializer_class = s.NoticeSerializer
    filterset_class = NoticeFilter
    lookup_value_regex = r"\d+"
    # who publishes for which side is decided by notices.selectors.side_of
    required_capabilities = {"*": NOTIFICATIONS_VIEW}

    def get_queryset(self) -> QuerySet[Notice]:
        return selectors.notice_list(user=_user(self.request))

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        user = _user(self.request)
        if user.is_authenticated:
            memo: dict[int, str | None] = {}

            def side_for(estate_id: int) -> str | None:
                if estate_id not in memo:
                    memo[estate_id] = selectors.side_of(user=user, estate_id=estate_id)
                return memo[estate_id]

            context["side_for"] = side_for
        return context

    def _get(self, pk: str | int) -> Notice:
        found = selectors.notice_get(user=_user(self.request), pk=_pk(str(pk)))
        if found is None:
            raise NoticeNotFound()
        return found

    def _out(self, pk: int, code: int = 200) -> Response:
        return Response(
            s.NoticeSerializer(self._get(pk), context=self.get_serializer_context()).data,
            status=code,
        )

    @extend_schema(request=s.NoticeCreateSerializer, responses={201: s.NoticeSerializer})
    def create(self, request: Request) -> Response:
        data = s.NoticeCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        estate = selectors.estate_for(user=_user(request), pk=v["estate"])
        if estate is None:
            raise EstateNotFound()
        notice = services.notice_publish(
            user=_user(request),
            estate=estate,
            title=v["title"],
            body=v["body"],
            kind=v["kind"],
            pinned=v["pinned"],
            expires_on=v["expires_on"],
        )
        return self._out(notice.pk, status.HTTP_201_CREATED)

    @extend_schema(request=s.NoticeEditSerializer, responses={200: s.NoticeSerializer})
    def partial_update(self, request: Request, pk: str) -> Response:
        found = self._get(pk)
        data = s.NoticeEditSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        services.notice_edit(
            user=_user(request),
            notice=found,
            title=v.get("title"),
            body=v.get("body"),
            kind=v.get("kind"),
            pinned=v.get("pinned"),
            expires_on=v.get("expires_on"),
            clear_expiry="expires_on" in v and v["expires_on"] is None,
        )
        return self._out(found.pk)

    @extend_schema(request=s.RetractSerializer, responses={200: s.NoticeSerializer})
    @action(detail=True, methods=["post"])
    def retract(self, request: Request, pk: str) -> Response:
        found = self._get(pk)
        data = s.RetractSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.notice_retract(
            user=_user(request), notice=found, reason=data.validated_data["reason"]
        )
        return self._out(found.pk)

    @extend_schema(request=None, responses={200: s.NoticeSerializer})
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str) -> Response:
        found = self._get(pk)
        services.notice_read(user=_user(request), notice=found)
        return self._out(found.pk)
