"""Authentication for API clients: `Authorization: Bearer <token>` or `Token <token>`, and the
browser's session cookie. Tokens live in the firm's schema, so a token from firm A means
nothing at firm B.

Both classes also switch the request to the user's saved language: the language middleware
chose one from Accept-Language before anyone was authenticated.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

KEYWORDS = (b"bearer", b"token")


def use_saved_language(request: Request, user: Any) -> None:
    language = getattr(user, "language", "")
    if language:
        translation.activate(language)
        request._request.LANGUAGE_CODE = translation.get_language()


class BearerTokenAuthentication(authentication.TokenAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> Any:
        # DRF's TokenAuthentication knows one keyword; parse the header here for both.
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("令牌格式不正确。"))
        try:
            key = parts[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("令牌格式不正确。")) from None
        user, token = self.authenticate_credentials(key)
        use_saved_language(request, user)
        return user, token


class SessionAuthentication(authentication.SessionAuthentication):
    def authenticate(self, request: Request) -> Any:
        result = super().authenticate(request)
        if result is not None:
            use_saved_language(request, result[0])
        return result
