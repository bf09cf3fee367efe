"""Token authentication for API clients: `Authorization: Bearer <token>` (or `Token <token>`).
Tokens live in the firm's schema, so a token from firm A means nothing at firm B."""

from __future__ import annotations

from typing import Any

from rest_framework.authentication import TokenAuthentication, get_authorization_header
from rest_framework.request import Request


class BearerTokenAuthentication(TokenAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> Any:
        auth = get_authorization_header(request).split()
        if auth and auth[0].lower() == b"token":
            auth[0] = b"Bearer"
            request.META["HTTP_AUTHORIZATION"] = b" ".join(auth).decode("latin-1")
        return super().authenticate(request)
