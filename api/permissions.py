"""One permission class for the whole API.

A view declares what each action needs:

    required_capabilities = {"list": USERS_VIEW, "create": USERS_MANAGE, "*": USERS_VIEW}

A tuple means any one of those capabilities suffices. `None` means "any logged-in user";
`AllowAny` on the view means anonymous is fine. The map
from roles to capabilities lives in `accounts.capabilities`, nowhere else.
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from accounts.selectors import user_capabilities
from tenants.exceptions import SupportWriteRefused

from .hosts import host_kind

Needed = str | tuple[str, ...] | None

# The only routes (URL names on the firm host) a platform admin acting under support access may
# write to: onboarding (estates, buildings, units, common areas, the Excel import, inviting the
# firm's staff and assigning them) and their own display preferences. Every other write is
# refused whatever the capabilities say, so a new route is closed to support until named here.
SUPPORT_WRITE_ROUTES = frozenset(
    {
        "auth-me",
        "estate-list",
        "estate-detail",
        "estate-upload-import",
        "import-commit",
        "building-list",
        "building-detail",
        "unit-list",
        "unit-detail",
        "common-area-list",
        "common-area-detail",
        "staff-assignment-list",
        "staff-assignment-detail",
        "user-list",
        "user-resend-invitation",
    }
)


def support_write_allowed(request: Request) -> bool:
    if request.method in SAFE_METHODS:
        return True
    match = getattr(request._request, "resolver_match", None)
    return match is not None and match.url_name in SUPPORT_WRITE_ROUTES


def required_capability(view: Any) -> Needed:
    mapping: dict[str, Needed] = getattr(view, "required_capabilities", {}) or {}
    action = getattr(view, "action", None) or (view.request.method.lower() if view.request else "")
    if action in mapping:
        return mapping[action]
    return mapping.get("*")


class HasCapability(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        if getattr(user, "_linli_support_grant", None) is not None and not support_write_allowed(
            request
        ):
            raise SupportWriteRefused()
        needed = required_capability(view)
        if needed is None:
            return True
        wanted = {needed} if isinstance(needed, str) else set(needed)
        held = user_capabilities(user=user, host_kind=host_kind(request))  # type: ignore[arg-type]
        return bool(wanted & held)
