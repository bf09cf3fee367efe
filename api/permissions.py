"""One permission class for the whole API.

A view declares what each action needs:

    required_capabilities = {"list": USERS_VIEW, "create": USERS_MANAGE, "*": USERS_VIEW}

A tuple means any one of those capabilities suffices. `None` means "any logged-in user";
`AllowAny` on the view means anonymous is fine. The map
from roles to capabilities lives in `accounts.capabilities`, nowhere else.
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from accounts.selectors import user_capabilities

from .hosts import host_kind

Needed = str | tuple[str, ...] | None


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
        needed = required_capability(view)
        if needed is None:
            return True
        wanted = {needed} if isinstance(needed, str) else set(needed)
        held = user_capabilities(user=user, host_kind=host_kind(request))  # type: ignore[arg-type]
        return bool(wanted & held)
