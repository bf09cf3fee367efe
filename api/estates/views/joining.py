"""Joining by QR code: the public join page, and the review of claims by staff."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.capabilities import JOIN_REVIEW
from api.hosts import base_url, firm_name
from core.exceptions import NotFound
from estates import selectors, services
from estates.models import JoinRequest

from .. import filters
from .. import serializers as s
from ._common import ID, caller, masking


class JoinRequestViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[JoinRequest]):
    queryset = JoinRequest.objects.none()  # for the OpenAPI generator; get_queryset scopes
    serializer_class = s.JoinRequestSerializer
    filterset_class = filters.JoinRequestFilter
    lookup_value_regex = ID
    required_capabilities = {"*": JOIN_REVIEW}

    def get_queryset(self) -> Any:
        return selectors.join_request_list(user=caller(self.request))

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "masking": masking(self.request)}

    def _out(self, request: JoinRequest) -> dict[str, Any]:
        return s.JoinRequestSerializer(request, context=self.get_serializer_context()).data  # type: ignore[return-value]

    @extend_schema(request=s.JoinApproveSerializer, responses={200: s.JoinRequestSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str) -> Response:
        """Approve a claim. `person`: one of the request's `candidates` (the same person), or
        null for a new person; without it, a person with the same phone AND name is reused."""
        data = s.JoinApproveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        choice = (
            {"person_id": data.validated_data["person"]} if "person" in data.validated_data else {}
        )
        done = services.join_request_approve(
            request=self.get_object(),
            by=caller(request),
            base_url=base_url(request),
            firm_name=firm_name(request),
            **choice,
        )
        return Response(self._out(done))

    @extend_schema(request=s.JoinRejectSerializer, responses={200: s.JoinRequestSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str) -> Response:
        data = s.JoinRejectSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        done = services.join_request_reject(
            request=self.get_object(), by=caller(request), note=data.validated_data["note"]
        )
        return Response(self._out(done))


class JoinView(APIView):
    """The page behind an estate's join QR code: anyone with the code may claim a unit."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(responses={200: s.JoinInfoSerializer})
    def get(self, request: Request, code: str) -> Response:
        estate = selectors.estate_by_join_code(join_code=code)
        if estate is None:
            raise NotFound(gettext("二维码无效。"), code="join_code_invalid")
        buildings = selectors.join_choices(estate=estate)
        return Response(
            {"estate_name": estate.name, "address": estate.address, "buildings": buildings}
        )

    @extend_schema(request=s.JoinSubmitSerializer, responses={201: None})
    def post(self, request: Request, code: str) -> Response:
        data = s.JoinSubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        services.join_request_submit(join_code=code, unit_id=fields.pop("unit"), **fields)
        return Response(status=status.HTTP_201_CREATED)
