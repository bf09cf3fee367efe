"""The responsibility list (权责清单) over HTTP: an estate's list with its history, the firm's or
the committee's proposal, and the other side's agreement or refusal. Thin: each write is one
service; reads go through responsibilities.selectors (scope)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.capabilities import SUPERVISION_VIEW
from api.common import path_pk as _pk
from api.common import request_user as _user
from estates.exceptions import EstateNotFound
from responsibilities import selectors, services
from responsibilities.defaults import default_items
from responsibilities.exceptions import RevisionNotFound
from responsibilities.models import Revision
from responsibilities.services import ItemInput

from . import serializers as s


class ResponsibilityViewSet(viewsets.GenericViewSet[Any]):
    queryset = Revision.objects.none()  # for the schema only
    serializer_class = s.RevisionSerializer
    pagination_class = None
    single_object_list = True  # list answers one object (api.schema)
    lookup_value_regex = r"\d+"
    # who speaks for which side is decided by responsibilities.selectors.side_of
    required_capabilities = {"*": SUPERVISION_VIEW}

    def _overview(self, request: Request, estate_id: int, code: int = 200) -> Response:
        user = _user(request)
        side = selectors.side_of(user=user, estate_id=estate_id)
        pending = (
            selectors.pending(estate_id=estate_id)
            if selectors.sees_proposals(user=user, estate_id=estate_id)
            else None
        )
        body = {
            "estate": estate_id,
            "current": selectors.current(estate_id=estate_id),
            "pending": pending,
            "history": selectors.history(user=user, estate_id=estate_id),
            "side": side,
            "can_propose": side is not None,
            "can_decide": side is not None
            and pending is not None
            and pending.proposed_side != side,
        }
        return Response(s.OverviewSerializer(body).data, status=code)

    @extend_schema(
        operation_id="responsibilities_overview",
        parameters=[s.ListQuerySerializer],
        responses={200: s.OverviewSerializer},
    )
    def list(self, request: Request) -> Response:
        data = s.ListQuerySerializer(data=request.query_params)
        data.is_valid(raise_exception=True)
        estate = selectors.estate_for(user=_user(request), pk=data.validated_data["estate"])
        if estate is None:
            raise EstateNotFound()
        return self._overview(request, estate.pk)

    @extend_schema(request=s.ProposeSerializer, responses={201: s.OverviewSerializer})
    def create(self, request: Request) -> Response:
        data = s.ProposeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        estate = selectors.estate_for(user=_user(request), pk=v["estate"])
        if estate is None:
            raise EstateNotFound()
        services.revision_propose(
            user=_user(request),
            estate=estate,
            items=[ItemInput(i["matter"], i["party"], i["detail"]) for i in v["items"]],
            note=v["note"],
        )
        return self._overview(request, estate.pk, status.HTTP_201_CREATED)

    def _get(self, request: Request, pk: str) -> Revision:
        found = selectors.revision_get(user=_user(request), pk=_pk(pk))
        if found is None:
            raise RevisionNotFound()
        return found

    @extend_schema(responses={200: s.RevisionSerializer})
    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(s.RevisionSerializer(self._get(request, pk)).data)

    @extend_schema(request=None, responses={200: s.OverviewSerializer})
    @action(detail=True, methods=["post"])
    def agree(self, request: Request, pk: str) -> Response:
        found = self._get(request, pk)
        services.revision_agree(user=_user(request), revision=found)
        return self._overview(request, found.estate_id)

    @extend_schema(request=s.DeclineSerializer, responses={200: s.OverviewSerializer})
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: str) -> Response:
        found = self._get(request, pk)
        data = s.DeclineSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.revision_decline(
            user=_user(request), revision=found, reason=data.validated_data["reason"]
        )
        return self._overview(request, found.estate_id)

    @extend_schema(responses={200: s.DutyItemSerializer(many=True)})
    @action(detail=False, methods=["get"])
    def defaults(self, request: Request) -> Response:
        """The starting list offered when an estate has none yet, in the reader's language."""
        return Response(s.DutyItemSerializer(default_items(), many=True).data)
