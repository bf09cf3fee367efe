"""One task per firm, and which firms need one.

`for_each_active_firm(task)` sends `task` once per active, provisioned firm, each in that firm's
schema (tenant-schemas-celery carries it). With `due_by`, only firms whose `next_due_at` has
come: the deadlines engine keeps that column, so beat skips firms with nothing due.

`next_due_lower` and `next_due_set` are the only writes of `Firm.next_due_at`. The rule that
keeps it safe is "early, never late": lowering happens inside the caller's transaction (rolled
back with it, so a clock that never existed leaves nothing) AND again after commit (so a sweep
that raised the value concurrently cannot hide a clock it did not see). Only the sweep raises
it, and it reads the clocks again after raising (see `deadlines.services.firm_due_refresh`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any, Protocol

from django.db import connection, transaction
from django.db.models import Q
from django_tenants.utils import get_public_schema_name, schema_context

from core.db import current_schema

from .choices import FirmStatus
from .models import Firm


class Sendable(Protocol):
    def delay(self, *args: Any, **kwargs: Any) -> Any: ...


def active_firm_schemas(*, due_by: datetime | None = None) -> Iterator[str]:
    """Schemas of active, provisioned firms (and with `due_by`, only those with something due)."""
    firms = Firm.objects.exclude(schema_name=get_public_schema_name()).filter(
        status=FirmStatus.ACTIVE
    )
    if due_by is not None:
        firms = firms.filter(next_due_at__lte=due_by)
    return firms.order_by("pk").values_list("schema_name", flat=True).iterator(chunk_size=2000)


def for_each_active_firm(task: Sendable, *, due_by: datetime | None = None) -> int:
    """Send `task` once per firm, in the firm's schema. Returns how many were sent."""
    sent = 0
    for schema in active_firm_schemas(due_by=due_by):
        with schema_context(schema):
            task.delay()
        sent += 1
    return sent


def _lower(schema: str, at: datetime) -> None:
    Firm.all_objects.filter(schema_name=schema).filter(
        Q(next_due_at__isnull=True) | Q(next_due_at__gt=at)
    ).update(next_due_at=at)


def next_due_lower(*, at: datetime, schema: str | None = None) -> None:
    """Something in `schema` (default: the current one) is due at `at`: make sure beat looks at
    the firm by then. Only ever moves the moment earlier."""
    schema = schema or current_schema()
    _lower(schema, at)
    if connection.in_atomic_block:
        transaction.on_commit(lambda: _lower(schema, at))


def next_due_set(*, at: datetime | None, schema: str | None = None) -> None:
    """Replace the firm's next due moment (the sweep's recount; may move it later)."""
    schema = schema or current_schema()
    Firm.all_objects.filter(schema_name=schema).update(next_due_at=at)
