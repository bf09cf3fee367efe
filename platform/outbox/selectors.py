"""Reads of the outbox. Across schemas they return schema names or counts, never a row: a
firm's rows are only read inside that firm's schema (services.relay / services.deliver)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import connection
from django_tenants.utils import get_public_schema_name, schema_context

from core import clock

from .models import OutboxMessage

_DUE = "WHERE done_at IS NULL AND dead_at IS NULL AND next_attempt_at <= %s"


def schemas_with_table() -> list[str]:
    """Public and every provisioned firm's schema (never the template)."""
    from tenants.models import Firm

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relname = 'outbox_message' AND c.relkind = 'r'"
        )
        present = {row[0] for row in cursor.fetchall()}
    firms = set(Firm.objects.values_list("schema_name", flat=True))
    public = get_public_schema_name()
    return sorted(s for s in present if s in firms or s == public)


def schemas_with_due(*, now: datetime | None = None, chunk: int = 200) -> list[str]:
    """The schemas holding a row due at `now`: one query per `chunk` schemas, answered from the
    partial index of pending rows. Returns schema names only, never a row."""
    now = now or clock.now()
    schemas = schemas_with_table()
    due: list[str] = []
    quote = connection.ops.quote_name
    with schema_context(get_public_schema_name()):
        for start in range(0, len(schemas), chunk):
            part = schemas[start : start + chunk]
            # schema names come from pg_namespace and Firm rows, quoted; the values are params
            sql = " UNION ALL ".join(
                f"SELECT %s WHERE EXISTS (SELECT 1 FROM {quote(s)}.outbox_message {_DUE})"  # noqa: S608
                for s in part
            )
            params: list[Any] = []
            for s in part:
                params += [s, now]
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                due += [row[0] for row in cursor.fetchall()]
    return due


def due_ids(*, now: datetime | None = None) -> list[int]:
    """The current schema's rows a drain would publish at `now`."""
    return list(
        OutboxMessage.objects.filter(
            done_at__isnull=True, dead_at__isnull=True, next_attempt_at__lte=now or clock.now()
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)
    )


_PENDING = "done_at IS NULL AND dead_at IS NULL"
_DEAD = "dead_at IS NOT NULL AND done_at IS NULL"


def backlog() -> dict[str, Any]:
    """Over all schemas (for /metrics), counts only, never a firm name: `pending` and `dead`
    rows and `oldest_pending` (the creation time of the oldest pending row, or None). Each
    count is answered from a partial index, not from the delivered rows kept for a week."""
    schemas = schemas_with_table()
    totals: dict[str, Any] = {"pending": 0, "dead": 0, "oldest_pending": None}
    quote = connection.ops.quote_name
    with schema_context(get_public_schema_name()):
        for start in range(0, len(schemas), 200):
            part = schemas[start : start + 200]
            sql = " UNION ALL ".join(
                f"SELECT (SELECT count(*) FROM {quote(s)}.outbox_message WHERE {_PENDING}),"  # noqa: S608
                f" (SELECT min(created_at) FROM {quote(s)}.outbox_message WHERE {_PENDING}),"
                f" (SELECT count(*) FROM {quote(s)}.outbox_message WHERE {_DEAD})"
                for s in part
            )
            with connection.cursor() as cursor:
                totals_sql = "SELECT coalesce(sum(p), 0), min(o), coalesce(sum(d), 0)"
                cursor.execute(f"{totals_sql} FROM ({sql}) AS t(p, o, d)")
                pending, oldest, dead = cursor.fetchone()
            totals["pending"] += int(pending)
            totals["dead"] += int(dead)
            if oldest is not None and (
                totals["oldest_pending"] is None or oldest < totals["oldest_pending"]
            ):
                totals["oldest_pending"] = oldest
    return totals


def dead_by_task() -> dict[str, int]:
    """The current schema's given-up rows, by task (for the operator's `manage.py outbox`)."""
    from django.db.models import Count

    rows = (
        OutboxMessage.objects.filter(dead_at__isnull=False, done_at__isnull=True)
        .values("task")
        .annotate(n=Count("pk"))
        .order_by("task")
    )
    return {row["task"]: row["n"] for row in rows}
