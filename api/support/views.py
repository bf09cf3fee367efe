"""Support access (domain.md): the platform asks (platform host), the firm's admins grant,
decline or revoke, or pre-approve (firm host). Records live in the public schema
(tenants.SupportGrant, tenants.SupportPreapproval) and are never deleted. The platform admin
enters the firm with a one-time ticket (platform host) redeemed on the firm host."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import login
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.capabilities import PLATFORM_FIRMS_MANAGE, SUPPORT_DECIDE
from accounts.services import support_identity
from api.auth.serializers import MeSerializer
from api.authentication import SUPPORT_SESSION_KEY
from api.common import path_pk
from tenants.exceptions import FirmNotFound, SupportGrantNotFound
from tenants.models import Firm, SupportGrant, SupportPreapproval
from tenants.provisioning import url_for_firm
from tenants.support import (
    support_approve,
    support_decline,
    support_grants,
    support_preapproval_end,
    support_preapprovals,
    support_preapprove,
    support_request,
    support_revoke,
    support_ticket_issue,
    support_ticket_redeem,
)

from .filters import SupportGrantFilter
from .serializers import (
    SupportEnterSerializer,
    SupportGrantSerializer,
    SupportPreapprovalSerializer,
    SupportPreapproveSerializer,
    SupportRequestSerializer,
    SupportTicketSerializer,
)

ID = r"\d+"


class FirmSupportGrantViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[SupportGrant]):
    """The firm's admins: every support request the platform made to this firm, and the
    decisions on it."""

    queryset = SupportGrant.objects.none()  # for the OpenAPI generator
    serializer_class = SupportGrantSerializer
    lookup_value_regex = ID
    required_capabilities = {"*": SUPPORT_DECIDE}

    def _firm(self) -> Firm:
        return self.request.tenant  # type: ignore[attr-defined,no-any-return]

    def get_queryset(self) -> QuerySet[SupportGrant]:
        if getattr(self, "swagger_fake_view", False):
            return SupportGrant.objects.none()
        return support_grants(firm=self._firm())

    def _decide(self, decide: Any, pk: str) -> Response:
        grant = decide(firm=self._firm(), grant_id=path_pk(pk), by=self.request.user)
        return Response(SupportGrantSerializer(grant).data)

    @extend_schema(request=None, responses={200: SupportGrantSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str) -> Response:
        return self._decide(support_approve, pk)

    @extend_schema(request=None, responses={200: SupportGrantSerializer})
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: str) -> Response:
        return self._decide(support_decline, pk)

    @extend_schema(request=None, responses={200: SupportGrantSerializer})
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk: str) -> Response:
        return self._decide(support_revoke, pk)


class FirmSupportPreapprovalViewSet(
    mixins.ListModelMixin, viewsets.GenericViewSet[SupportPreapproval]
):
    """The firm's admins: pre-approve the platform's support requests (at most N hours, for
    the next D days: granted at once), end a pre-approval early, read every one made."""

    queryset = SupportPreapproval.objects.none()  # for the OpenAPI generator
    serializer_class = SupportPreapprovalSerializer
    lookup_value_regex = ID
    required_capabilities = {"*": SUPPORT_DECIDE}

    def _firm(self) -> Firm:
        return self.request.tenant  # type: ignore[attr-defined,no-any-return]

    def get_queryset(self) -> QuerySet[SupportPreapproval]:
        if getattr(self, "swagger_fake_view", False):
            return SupportPreapproval.objects.none()
        return support_preapprovals(firm=self._firm())

    @extend_schema(
        request=SupportPreapproveSerializer, responses={201: SupportPreapprovalSerializer}
    )
    def create(self, request: Request) -> Response:
        data = SupportPreapproveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        made = support_preapprove(firm=self._firm(), by=request.user, **data.validated_data)
        return Response(SupportPreapprovalSerializer(made).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: SupportPreapprovalSerializer})
    @action(detail=True, methods=["post"])
    def end(self, request: Request, pk: str) -> Response:
        ended = support_preapproval_end(
            firm=self._firm(), preapproval_id=path_pk(pk), by=request.user
        )
        return Response(SupportPreapprovalSerializer(ended).data)


class SupportEnterView(APIView):
    """The firm host redeems a platform admin's one-time ticket: a session for the firm's
    support identity of that admin, bound to the grant and ending with it (api.authentication
    re-checks the grant on every request)."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(request=SupportEnterSerializer, responses={200: MeSerializer})
    def post(self, request: Request) -> Response:
        data = SupportEnterSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        grant = support_ticket_redeem(
            firm=request.tenant,  # type: ignore[attr-defined]
            ticket=data.validated_data["ticket"],
        )
        user = support_identity(
            platform_user_id=grant.requested_by_id, platform_email=grant.requested_by_email
        )
        login(request._request, user, backend="django.contrib.auth.backends.ModelBackend")
        request._request.session[SUPPORT_SESSION_KEY] = grant.pk
        request._request.session.set_expiry(grant.expires_at)
        user._linli_support_grant = grant  # type: ignore[attr-defined]
        return Response(MeSerializer(user, context={"request": request}).data)


class PlatformSupportGrantViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[SupportGrant]
):
    """The platform console: ask a firm for support access and follow the answers."""

    queryset = SupportGrant.objects.none()  # for the OpenAPI generator
    serializer_class = SupportGrantSerializer
    filterset_class = SupportGrantFilter
    lookup_value_regex = ID
    required_capabilities = {"*": PLATFORM_FIRMS_MANAGE}

    def get_queryset(self) -> QuerySet[SupportGrant]:
        if getattr(self, "swagger_fake_view", False):
            return SupportGrant.objects.none()
        return support_grants()

    def get_object(self) -> SupportGrant:
        found = self.get_queryset().filter(pk=path_pk(self.kwargs["pk"])).first()
        if found is None:
            raise SupportGrantNotFound()
        return found

    @extend_schema(request=SupportRequestSerializer, responses={201: SupportGrantSerializer})
    def create(self, request: Request) -> Response:
        data = SupportRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        firm = Firm.objects.filter(pk=data.validated_data["firm"]).first()
        if firm is None:
            raise FirmNotFound()
        grant = support_request(
            firm=firm,
            by=request.user,
            reason=data.validated_data["reason"],
            hours=data.validated_data["hours"],
        )
        return Response(SupportGrantSerializer(grant).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: SupportTicketSerializer})
    @action(detail=True, methods=["post"])
    def enter(self, request: Request, pk: str) -> Response:
        """A one-time ticket for the admin who asked to enter the firm while the grant runs."""
        grant = self.get_object()
        ticket = support_ticket_issue(grant=grant, by=request.user)
        url = f"{url_for_firm(grant.firm).rstrip('/')}/support/enter#{ticket}"
        return Response(SupportTicketSerializer({"ticket": ticket, "url": url}).data)
