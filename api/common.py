"""Small helpers every API module shares (one copy, not one per domain)."""

from __future__ import annotations

from rest_framework.request import Request

from accounts.models import User
from core.exceptions import NotFound


def request_user(request: Request) -> User:
    """The request's user as our User type (permissions have already let it in)."""
    return request.user  # type: ignore[return-value]


def path_pk(value: str) -> int:
    """An id from the path or a body as a row id: anything that cannot be one is a 404, never
    a database error (ids beyond bigint included)."""
    try:
        pk = int(value)
    except (TypeError, ValueError) as exc:
        raise NotFound() from exc
    if not 0 < pk < 2**63:
        raise NotFound()
    return pk
