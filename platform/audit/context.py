"""Who did it: the pghistory context every audited change carries.

- A request (`AuditContextMiddleware`): source "api", the request id, method and path, and,
  once authentication has named the user (DRF authenticates in the view, after every
  middleware), the user's id and the roles in force.
- A Celery task (task_prerun / task_postrun): source "task" and the task's name; no user. A
  task run inline inside a request (the outbox, eager tasks) stays part of that request.
- Anything else (a management command, a shell, a migration) sets no context: the log reads
  such an event as made by the system, with no user.

The context is copied into each event row (`core.history.audited`), never looked up later."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pghistory
from django.http import HttpRequest, HttpResponse

from accounts.selectors import active_grants
from config.logs import current_request_id
from core.db import current_schema

_state = threading.local()


def _active() -> bool:
    return bool(getattr(_state, "depth", 0))


class _Context:
    """Enters a pghistory context unless one is already open on this thread."""

    def __init__(self, **metadata: Any) -> None:
        self.metadata = metadata
        self.inner: pghistory.context | None = None

    def __enter__(self) -> None:
        if not _active():
            self.inner = pghistory.context(**self.metadata)
            self.inner.__enter__()
        _state.depth = getattr(_state, "depth", 0) + 1

    def __exit__(self, *exc: Any) -> None:
        _state.depth -= 1
        if self.inner is not None:
            self.inner.__exit__(*exc)
            self.inner = None


def actor_metadata(user: Any) -> dict[str, Any]:
    """The acting user as the log keeps it: id and the roles in force (none for anonymous)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return {"user": None, "roles": [], "user_schema": None}
    # ids are per schema: a platform admin (public schema) acting on a firm's rows must never
    # read as the firm's user who happens to have the same id
    return {
        "user": user.pk,
        "roles": sorted({g.role for g in active_grants(user=user)}),
        "user_schema": current_schema(),
    }


class _NamesItsUser:
    """Mixed into the request's class: when authentication sets `request.user`, the context
    learns who acts (pghistory's own middleware does the same, without the roles)."""

    def __setattr__(self, attr: str, value: Any) -> None:
        if attr == "user" and _active():
            pghistory.context(**actor_metadata(value))
        super().__setattr__(attr, value)


_CLASSES: dict[type, type] = {}


def _naming_class(cls: type) -> type:
    if cls not in _CLASSES:
        _CLASSES[cls] = type(cls.__name__, (_NamesItsUser, cls), {})
    return _CLASSES[cls]


class AuditContextMiddleware:
    """After AuthenticationMiddleware: every request runs inside one audit context."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with _Context(
            source="api",
            request_id=current_request_id(),
            method=request.method,
            path=request.path[:200],
            user=None,
            roles=[],
        ):
            # DRF sets `request.user` on the Django request once it has authenticated
            # (session or token), inside the view: the class swap catches that moment
            request.__class__ = _naming_class(request.__class__)
            return self.get_response(request)


_tasks: dict[str, _Context] = {}


def _prerun(task_id: str = "", task: Any = None, **_: Any) -> None:
    context = _Context(source="task", task=getattr(task, "name", "?"), user=None, roles=[])
    context.__enter__()
    _tasks[task_id] = context


def _postrun(task_id: str = "", **_: Any) -> None:
    context = _tasks.pop(task_id, None)
    if context is not None:
        context.__exit__(None, None, None)


def connect_task_signals() -> None:
    from celery import signals

    signals.task_prerun.connect(_prerun, weak=False, dispatch_uid="audit_task_prerun")
    signals.task_postrun.connect(_postrun, weak=False, dispatch_uid="audit_task_postrun")
