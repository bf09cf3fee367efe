"""Platform console: onboard, list, suspend, reactivate and offboard firms (public host only)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.capabilities import PLATFORM_FIRMS_MANAGE
from tenants.choices import FirmStatus
from tenants.models import Firm
from tenants.offboarding import Actor, offboarding_delete, offboarding_start
from tenants.selectors import firm_list, offboarding_archive, offboarding_of, slug_availability
from tenants.services import FirmInput, firm_onboard, firm_set_status

from .serializers import (
    FirmCreateSerializer,
    FirmSerializer,
    OffboardingSerializer,
    OffboardStartSerializer,
    SlugAvailabilitySerializer,
)


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

    def _actor(self, request: Request) -> Actor:
        return Actor(id=request.user.pk, email=getattr(request.user, "email", ""))

    @extend_schema(request=OffboardStartSerializer, responses={202: OffboardingSerializer})
    @action(detail=True, methods=["post"])
    def offboard(self, request: Request, pk: str) -> Response:
        """Suspend the firm and record its offboarding; its archives (firm-wide, one per
        estate's committee) are written by a task: `status` goes `writing` -> `ready`."""
        data = OffboardStartSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record = offboarding_start(
            firm=self.get_object(),
            by=self._actor(request),
            reason=data.validated_data["reason"],
            grace_days=data.validated_data["grace_days"],
            write="task",
        )
        return Response(OffboardingSerializer(record).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses={200: OffboardingSerializer})
    @action(detail=True, methods=["get"])
    def offboarding(self, request: Request, pk: str) -> Response:
        return Response(OffboardingSerializer(offboarding_of(firm=self.get_object())).data)

    @extend_schema(request=None, responses={200: OffboardingSerializer})
    @action(
        detail=True,
        methods=["post"],
        url_path="offboarding/delete",
        url_name="offboarding-delete",
    )
    def offboarding_delete(self, request: Request, pk: str) -> Response:
        """After the grace period: drop the firm's schema and files, the deletion recorded."""
        record = offboarding_of(firm=self.get_object())
        offboarding_delete(offboarding=record, by=self._actor(request))
        return Response(OffboardingSerializer(offboarding_of(firm=record.firm)).data)

    def _archive(self, estate_id: int | None) -> FileResponse:
        record = offboarding_of(firm=self.get_object())
        name, stream = offboarding_archive(offboarding=record, estate_id=estate_id)
        return FileResponse(
            stream, as_attachment=True, filename=name, content_type="application/zip"
        )

    @extend_schema(
        responses={(200, "application/zip"): OpenApiTypes.BINARY},
        description="The firm-wide archive written when the firm was offboarded (zip).",
    )
    @action(detail=True, methods=["get"], url_path="offboarding/firm-archive")
    def offboarding_firm_archive(self, request: Request, pk: str) -> FileResponse:
        return self._archive(None)

    @extend_schema(
        responses={(200, "application/zip"): OpenApiTypes.BINARY},
        description="One estate's handover archive for its committee (zip, with the verifiers).",
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"offboarding/handovers/(?P<estate_id>\d+)",
        url_name="offboarding-handover",
    )
    def offboarding_handover(self, request: Request, pk: str, estate_id: str) -> FileResponse:
        return self._archive(int(estate_id))
