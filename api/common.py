"""Small helpers every API module shares (one copy, not one per domain)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from rest_framework.request import Request

from accounts.models import User
from core.exceptions import NotFound

ID_MAX = 2**63 - 1  # bigint primary keys: a larger number is no id, not a database error


class IdFilter(django_filters.Filter):
    """A query parameter naming an object by id: a whole number from 1 to bigint's largest
    (1.5, "abc", 0 and 10**30 are refused with 400 and a message, never a database error)."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(*args, **kwargs)


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
    if not 0 < pk <= ID_MAX:
        raise NotFound()
    return pk
