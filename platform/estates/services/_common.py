"""What the estates services share: the unique-save guard and the "not given" marker."""

from __future__ import annotations

import enum
import secrets
from typing import Any

from django.db import IntegrityError, transaction


class Unset(enum.Enum):
    """A partial update's "not given" (None may be a value: a cleared date)."""

    UNSET = enum.auto()


UNSET = Unset.UNSET


def new_join_code() -> str:
    return secrets.token_urlsafe(12)


def save_unique(obj: Any, conflict: type[Exception], field: str) -> None:
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise conflict(fields={field: [str(getattr(conflict, "default_detail", ""))]}) from exc  # type: ignore[call-arg]
