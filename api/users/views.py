"""Firm users: list, invite, deactivate/reactivate, resend invitation (firm hosts only).

Who is listed is `estates.selectors.firm_users`: the firm admin sees everyone; an estate
manager sees the people of their own estates and the firm's admins, never another estate's."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts import services
from accounts.capabilities import USERS_MANAGE, USERS_VIEW
from accounts.models import User
from accounts.selectors import user_list
from api.common import request_user as _user
from api.hosts import base_url, firm_name
from api.lapse import MANAGEMENT
from estates.selectors import firm_users

from .filters import UserFilter
from .serializers import FirmUserSerializer, UserInviteSerializer


class UserViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[User]):
    queryset = User.objects.none()  # for the OpenAPI generator; get_queryset scopes
    serializer_class = FirmUserSerializer
    filterset_class = UserFilter
    lookup_value_regex = r"\d+"
    lapse = {"*": MANAGEMENT}  # api.lapse: read-only while payment has lapsed
    required_capabilities = {
        "list": USERS_VIEW,
        "retrieve": USERS_VIEW,
        "create": USERS_MANAGE,
        "deactivate": USERS_MANAGE,
        "reactivate": USERS_MANAGE,
        "resend_invitation": USERS_MANAGE,
    }

    def get_queryset(self) -> QuerySet[User]:
        return firm_users(user=_user(self.request))

    @extend_schema(request=UserInviteSerializer, responses={201: FirmUserSerializer})
    def create(self, request: Request) -> Response:
        data = UserInviteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_invite(
            invited_by=_user(request),
            base_url=base_url(request),
            firm_name=firm_name(request),
            **data.validated_data,
        )
        return Response(self._out(user), status=status.HTTP_201_CREATED)

    def _out(self, user: User) -> dict[str, object]:
        return FirmUserSerializer(user_list().get(pk=user.pk)).data  # type: ignore[return-value]

    @extend_schema(request=None, responses={200: FirmUserSerializer})
    @action(detail=True, methods=["post"])
    def deactivate(self, request: Request, pk: str) -> Response:
        user = services.user_deactivate(user=self.get_object(), by=_user(request))
        return Response(self._out(user))

    @extend_schema(request=None, responses={200: FirmUserSerializer})
    @action(detail=True, methods=["post"])
    def reactivate(self, request: Request, pk: str) -> Response:
        user = services.user_reactivate(user=self.get_object(), by=_user(request))
        return Response(self._out(user))

    @extend_schema(request=None, responses={200: FirmUserSerializer})
    @action(detail=True, methods=["post"], url_path="resend-invitation")
    def resend_invitation(self, request: Request, pk: str) -> Response:
        user = self.get_object()
        services.invitation_resend(
            user=user, by=_user(request), base_url=base_url(request), firm_name=firm_name(request)
        )
        return Response(self._out(user))
