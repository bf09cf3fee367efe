"""Authentication for API clients: `Authorization: Bearer <token>` or `Token <token>`, and the
browser's session cookie. Tokens live in the firm's schema, so a token from firm A means
nothing at firm B.

Both classes also switch the request to the user's saved language: the language middleware
chose one from Accept-Language before anyone was authenticated.

Support access: a firm's support identity (a platform admin, accounts.User.platform_user_id)
has a session only through a support ticket (api.support.views.SupportEnterView), which names
its grant in the session. Every request re-checks that grant (tenants.support.support_acting):
expired, revoked, of another firm or of another admin, the session ends and the request is
refused (401, `support_ended`) before any view runs. A running grant is put on the user for the
request (its `support` role: accounts.selectors.active_grants), on the request log line and on
the audit history context (pghistory) as `support_grant`. Support identities never use tokens.
"""

from __future__ import annotations

from typing import Any

import pghistory
from django.contrib.auth import logout
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from tenants.support import support_acting

KEYWORDS = (b"bearer", b"token")
SUPPORT_SESSION_KEY = "linli_support_grant"


class SupportEnded(exceptions.AuthenticationFailed):
    default_detail = _("支持访问已结束。")
    default_code = "support_ended"


def is_support_identity(user: Any) -> bool:
    return getattr(user, "platform_user_id", None) is not None


def check_support(request: Request, user: Any, *, by_token: bool = False) -> None:
    """Let a support identity in only under its running grant, and mark the request with it."""
    if not is_support_identity(user):
        return
    firm = getattr(request._request, "tenant", None)
    grant = None
    if firm is not None and not by_token:
        grant = support_acting(
            firm=firm,
            grant_id=request._request.session.get(SUPPORT_SESSION_KEY),
            platform_user_id=user.platform_user_id,
        )
    if grant is None:
        if not by_token:
            logout(request._request)
        raise SupportEnded()
    user._linli_support_grant = grant
    request._request.linli_support_grant = grant.pk  # type: ignore[attr-defined]  # config.logs
    pghistory.context(support_grant=grant.pk)  # joins the audit context when one is open


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
        check_support(request, user, by_token=True)
        use_saved_language(request, user)
        return user, token


class SessionAuthentication(authentication.SessionAuthentication):
    def authenticate(self, request: Request) -> Any:
        result = super().authenticate(request)
        if result is not None:
            check_support(request, result[0])
            use_saved_language(request, result[0])
        return result
