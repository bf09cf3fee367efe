"""The role -> capability map: the one place that knows who may do what.

A capability is a dotted string (`users.manage`). Views declare which capability each action
needs; `api.permissions.HasCapability` asks `capabilities_for_roles`. Scope (which estates,
which units) is applied by each domain's selectors, never here.
"""

from __future__ import annotations

from collections.abc import Iterable

from .choices import Role

PLATFORM_FIRMS_MANAGE = "platform.firms.manage"
USERS_VIEW = "users.view"
USERS_MANAGE = "users.manage"
FIRM_SETTINGS = "firm.settings"

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.PLATFORM_ADMIN: frozenset({PLATFORM_FIRMS_MANAGE}),
    Role.FIRM_ADMIN: frozenset({USERS_VIEW, USERS_MANAGE, FIRM_SETTINGS}),
    Role.MANAGER: frozenset({USERS_VIEW}),
    Role.STAFF: frozenset(),
    Role.COMMITTEE: frozenset(),
    Role.RESIDENT: frozenset(),
    Role.AUDITOR: frozenset(),
}

# Capabilities that only mean something on the platform (public) host, and the reverse.
PLATFORM_ONLY = frozenset({PLATFORM_FIRMS_MANAGE})


def capabilities_for_roles(roles: Iterable[str], *, host_kind: str) -> frozenset[str]:
    """Union of the roles' capabilities, limited to what the host allows.

    A platform role found in a firm schema, or a firm role in the public schema, grants
    nothing: defence in depth behind the schema split.
    """
    caps: set[str] = set()
    for role in roles:
        caps |= ROLE_CAPABILITIES.get(role, frozenset())
    if host_kind == "public":
        return frozenset(caps & PLATFORM_ONLY)
    return frozenset(caps - PLATFORM_ONLY)
