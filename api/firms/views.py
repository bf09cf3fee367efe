"""Platform console: onboard, list, suspend and reactivate firms (public host only)."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.capabilities import PLATFORM_FIRMS_MANAGE
from tenants.choices import FirmStatus
from tenants.models import Firm
from tenants.selectors import firm_list, slug_availability
from tenants.services import FirmInput, firm_onboard, firm_set_status

from .serializers import FirmCreateSerializer, FirmSerializer, SlugAvailabilitySerializer


class FirmViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Firm]):
    serializer_class = FirmSerializer
    required_capabilities = {"*": PLATFORM_FIRMS_MANAGE}

    def get_queryset(self) -> QuerySet[Firm]:
        return firm_list(search=self.request.query_params.get("search", ""))

    @extend_schema(parameters=[OpenApiParameter("search", str)])
    def list(self, request: Request, *args: object, **kwargs: object) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=FirmCreateSerializer, responses={202: FirmSerializer})
    def create(self, request: Request) -> Response:
        data = FirmCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        firm = firm_onboard(data=FirmInput(**data.validated_data), provision="task")
        return Response(FirmSerializer(firm).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        parameters=[OpenApiParameter("slug", str, required=True)],
        responses={200: SlugAvailabilitySerializer},
    )
    @action(detail=False, methods=["get"], url_path="slug-availability")
    def slug_availability(self, request: Request) -> Response:
        slug = request.query_params.get("slug", "")
        available, reason = slug_availability(slug=slug)
        return Response({"slug": slug, "available": available, "reason": reason})

    @extend_schema(request=None, responses={200: FirmSerializer})
    @action(detail=True, methods=["post"])
    def suspend(self, request: Request, pk: str) -> Response:
        firm = firm_set_status(firm=self.get_object(), status=FirmStatus.SUSPENDED)
        return Response(FirmSerializer(firm).data)

    @extend_schema(request=None, responses={200: FirmSerializer})
    @action(detail=True, methods=["post"])
    def activate(self, request: Request, pk: str) -> Response:
        firm = firm_set_status(firm=self.get_object(), status=FirmStatus.ACTIVE)
        return Response(FirmSerializer(firm).data)
