"""Login (session and token), logout, me, password reset, invitations. Same on every host;
each host's users live in its own schema, so a firm-A login never works at firm B."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate, login, logout
from django.middleware.csrf import get_token
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import services
from accounts.exceptions import InvalidCredentials
from accounts.models import User
from api.hosts import base_url, firm_name
from api.throttles import (
    LoginThrottle,
    PasswordResetThrottle,
    SmsAddressThrottle,
    SmsLoginThrottle,
    SmsPhoneThrottle,
)
from sms import services as sms

from .serializers import (
    InvitationAcceptSerializer,
    InvitationInfoSerializer,
    LoginSerializer,
    MeSerializer,
    MeUpdateSerializer,
    PasswordResetConfirmSerializer,
    PasswordResetSerializer,
    SessionSerializer,
    SmsCodeRequestSerializer,
    SmsLoginSerializer,
    TokenSerializer,
)


def _me(request: Request, user: User) -> Response:
    return Response(MeSerializer(user, context={"request": request}).data)


def _check_credentials(request: Request) -> User:
    data = LoginSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    user = authenticate(
        request._request,
        email=data.validated_data["email"].lower(),
        password=data.validated_data["password"],
    )
    if user is None:
        raise InvalidCredentials()
    return user  # type: ignore[return-value]


class CsrfView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(responses={204: None}, summary="Set the CSRF cookie")
    def get(self, request: Request) -> Response:
        get_token(request._request)  # the CSRF middleware sets the cookie on the response
        return Response(status=status.HTTP_204_NO_CONTENT)


class LoginView(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [LoginThrottle]

    @extend_schema(request=LoginSerializer, responses={200: MeSerializer}, summary="Session login")
    def post(self, request: Request) -> Response:
        user = _check_credentials(request)
        login(request._request, user)
        return _me(request, user)


class TokenView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [LoginThrottle]

    @extend_schema(request=LoginSerializer, responses={200: TokenSerializer}, summary="Token login")
    def post(self, request: Request) -> Response:
        user = _check_credentials(request)
        return Response({"token": services.token_issue(user=user)})


class LogoutView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(request=None, responses={204: None}, summary="Log out (session and token)")
    def post(self, request: Request) -> Response:
        if request.user.is_authenticated and request.auth is not None:
            services.token_revoke(user=request.user)  # type: ignore[arg-type]
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    required_capabilities = {"*": None}

    @extend_schema(responses={200: MeSerializer}, summary="The current user")
    def get(self, request: Request) -> Response:
        return _me(request, request.user)  # type: ignore[arg-type]

    @extend_schema(request=MeUpdateSerializer, responses={200: MeSerializer})
    def patch(self, request: Request) -> Response:
        data = MeUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_update_profile(user=request.user, **data.validated_data)  # type: ignore[arg-type]
        return _me(request, user)


class SessionView(APIView):
    """The web app's first question, "who is here?": 200 with the user, or with null for a
    visitor, where `auth/me/` answers a visitor 401 (which a browser logs as an error)."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: SessionSerializer}, summary="The signed-in user, or null")
    def get(self, request: Request) -> Response:
        user = request.user if request.user.is_authenticated else None
        return Response(SessionSerializer({"user": user}, context={"request": request}).data)


class PasswordResetView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [PasswordResetThrottle]

    @extend_schema(request=PasswordResetSerializer, responses={204: None})
    def post(self, request: Request) -> Response:
        data = PasswordResetSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.password_reset_request(
            email=data.validated_data["email"],
            base_url=base_url(request),
            site_name=firm_name(request),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordResetConfirmView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(request=PasswordResetConfirmSerializer, responses={204: None})
    def post(self, request: Request) -> Response:
        data = PasswordResetConfirmSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.password_reset_confirm(**data.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)


class InvitationView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(
        responses={200: InvitationInfoSerializer, 404: OpenApiResponse(description="invalid")}
    )
    def get(self, request: Request, token: str) -> Response:
        invitation = services.invitation_get(raw_token=token)
        grant = invitation.user.role_grants.first()
        return Response(
            InvitationInfoSerializer(
                {
                    "email": invitation.user.email,
                    "full_name": invitation.user.full_name,
                    "role": grant.role if grant else "",
                    "firm_name": firm_name(request),
                    "expires_at": invitation.expires_at,
                }
            ).data
        )


class InvitationAcceptView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(request=InvitationAcceptSerializer, responses={200: MeSerializer})
    def post(self, request: Request, token: str) -> Response:
        data = InvitationAcceptSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.invitation_accept(raw_token=token, **data.validated_data)
        login(request._request, user, backend="django.contrib.auth.backends.ModelBackend")
        return _me(request, user)


class SmsCodeRequestView(APIView):
    """Send a sign-in code by SMS. The answer is the same whether or not the number belongs
    to someone in this firm (and the code is never in it)."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [SmsAddressThrottle, SmsPhoneThrottle]

    @extend_schema(
        request=SmsCodeRequestSerializer, responses={204: None}, summary="Ask for an SMS code"
    )
    def post(self, request: Request) -> Response:
        data = SmsCodeRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        sms.login_code_request(phone=data.validated_data["phone"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class SmsLoginView(APIView):
    """Sign in with a phone number and the code sent to it (a session, like e-mail login)."""

    permission_classes = [AllowAny]
    throttle_classes = [SmsLoginThrottle]

    @extend_schema(request=SmsLoginSerializer, responses={200: MeSerializer}, summary="SMS login")
    def post(self, request: Request) -> Response:
        data = SmsLoginSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = sms.login_code_verify(**data.validated_data)
        login(request._request, user, backend="django.contrib.auth.backends.ModelBackend")
        return _me(request, user)
