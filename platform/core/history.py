"""The audit trail's one way of tracking a model (django-pghistory, the history mechanism the
platform already uses): every insert, change and delete of the tracked fields becomes one row of
the model's event table, written by a PostgreSQL trigger, with who did it (the context that
`audit.context` sets for requests and tasks) copied into the row itself. The event tables are
append-only: PostgreSQL refuses UPDATE and DELETE on them (pgtrigger.Protect, `append_only`).

`audit.selectors` reads these tables into the firm's audit log."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import pghistory

M = TypeVar("M")


def audited(*, what: str, exclude: Sequence[str] = ()) -> Callable[[M], M]:
    """Track a model for the audit log; `what` names its versions (the event model's
    docstring), `exclude` the fields that are not worth an event (bookkeeping timestamps,
    counters, secrets): changing only those writes nothing."""
    return pghistory.track(  # type: ignore[no-any-return]
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        exclude=list(exclude),
        # the context (who, from where) is copied into each event row: an event never
        # changes afterwards, its context neither
        context_field=pghistory.ContextJSONField(),
        append_only=True,
        attrs={"__doc__": f"Every version of {what} (pghistory, append-only): the audit log."},
    )
