"""Structured logs: one line per request and one per Celery task, as JSON in production and in a
readable form in development (LINLI_LOG_FORMAT=json|text).

Every line carries the firm's schema (`core.logging.FirmContextFilter`) and the request id
(`RequestIdFilter`): the request's, or, in a task, the id of the request that sent it (carried
in the task's headers). A request line names the route (`estate-detail`), never the path: paths
can hold tokens (an invitation link) and ids.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse

request_log = logging.getLogger("linli.request")
task_log = logging.getLogger("linli.task")

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("linli_request_id", default="-")

# The LogRecord's own attributes: everything else on a record came from `extra=`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message",
    "asctime",
    "schema_name",
    "request_id",
    "taskName",
    "firm",
    "linli_firm",
}


def current_request_id() -> str:
    return _request_id.get()


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


def _firm(record: logging.LogRecord) -> str:
    """The firm a line is about: set by the line itself (a task's line is written after the
    schema was switched back), else the connection's schema."""
    return str(getattr(record, "firm", None) or getattr(record, "schema_name", "-"))


# Only our own loggers' `extra=` fields are written out. Libraries put whole objects there:
# Celery's task lines carry the task's arguments (an invitation link) in `data`, Django's
# request warnings the request (its path) in `request`.
_OWN = "linli."
_FOREIGN_KEPT = frozenset({"status_code"})


def _extras(record: logging.LogRecord) -> dict[str, Any]:
    own = record.name.startswith(_OWN)
    return {
        k: v
        for k, v in vars(record).items()
        if k not in _STANDARD and not k.startswith("_") and (own or k in _FOREIGN_KEPT)
    }


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, firm, request_id, and every
    `extra` field of the record."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "firm": _firm(record),
            "request_id": getattr(record, "request_id", "-"),
            **_extras(record),
        }
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class ReadableFormatter(logging.Formatter):
    """Development: the classic line, the firm and request id in brackets, extras as k=v."""

    def __init__(self) -> None:
        super().__init__(
            "%(asctime)s %(levelname)s [firm=%(linli_firm)s req=%(request_id)s] %(name)s: "
            "%(message)s"
        )

    def format(self, record: logging.LogRecord) -> str:
        record.linli_firm = _firm(record)
        if not hasattr(record, "request_id"):
            record.request_id = "-"
        text = super().format(record)
        extras = _extras(record)
        if extras:
            text += " " + " ".join(f"{k}={v}" for k, v in extras.items())
        return text


def _user_id(request: HttpRequest) -> int | None:
    user = getattr(request, "user", None)  # DRF sets it on the Django request too
    if user is not None and getattr(user, "is_authenticated", False):
        pk = getattr(user, "pk", None)
        return int(pk) if pk is not None else None
    return None


class RequestLogMiddleware:
    """Outermost: gives the request an id (a sane X-Request-ID from the proxy, else a new one),
    answers it in X-Request-ID, and logs one line when the response is ready."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from config.metrics import view_label

        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _VALID_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = _request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            tenant = getattr(request, "tenant", None)
            request_log.info(
                "request",
                extra={
                    "view": view_label(request),
                    "method": request.method,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": _user_id(request),
                    "firm": getattr(tenant, "schema_name", None),
                    # set by api.authentication for a request made under support access
                    **(
                        {"support_grant": request.linli_support_grant}  # type: ignore[attr-defined]
                        if getattr(request, "linli_support_grant", None)
                        else {}
                    ),
                },
            )
            return response
        finally:
            _request_id.reset(token)


# --- Celery: the request id travels with the task; one line per task when it ends -----------

_started: dict[str, tuple[float, str, contextvars.Token[str]]] = {}


def _before_publish(headers: dict[str, Any] | None = None, **_: Any) -> None:
    if headers is not None and "linli_request_id" not in headers:
        request_id = _request_id.get()
        if request_id != "-":
            headers["linli_request_id"] = request_id


def _prerun(task_id: str = "", task: Any = None, **_: Any) -> None:
    from config.sentry import current_schema_name

    request = getattr(task, "request", None)
    headers = getattr(request, "headers", None) or {}
    sent_by = headers.get("linli_request_id") or getattr(request, "linli_request_id", None)
    current = _request_id.get()
    # a task run inline in a request (the outbox) keeps that request's id
    token = _request_id.set(str(sent_by or (current if current != "-" else f"task-{task_id}")))
    # the schema now, after tenant-schemas-celery switched to it (it switches back before
    # task_postrun's later receivers run)
    _started[task_id] = (time.perf_counter(), current_schema_name(), token)


def _postrun(task_id: str = "", task: Any = None, state: str | None = None, **_: Any) -> None:
    started, firm, token = _started.pop(task_id, (time.perf_counter(), "-", None))
    task_log.info(
        "task",
        extra={
            "task": getattr(task, "name", "?"),
            "task_id": task_id,
            "state": state,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            "firm": firm,
        },
    )
    if token is not None:
        _request_id.reset(token)


def connect_task_signals() -> None:
    from celery import signals

    signals.before_task_publish.connect(_before_publish, weak=False, dispatch_uid="linli_req_id")
    signals.task_prerun.connect(_prerun, weak=False, dispatch_uid="linli_task_prerun")
    signals.task_postrun.connect(_postrun, weak=False, dispatch_uid="linli_task_postrun")
