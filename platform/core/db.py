"""Typed access to the schema of the current connection (django-tenants sets it per request
and per task; the stubs do not know those attributes)."""

from __future__ import annotations

from typing import Any, cast

from django.db import connection


def _conn() -> Any:
    return cast(Any, connection)


def current_schema() -> str:
    return str(_conn().schema_name)


def use_public_schema() -> None:
    _conn().set_schema_to_public()
