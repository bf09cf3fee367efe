"""One exception handler: every error is `{"code", "detail", "fields"}`, `detail` in the
request's language (zh-hans unless the user or Accept-Language asks for English).

DomainError -> its own status (400/403/404/409/429); DRF validation -> 400 with field messages;
auth -> 401/403; throttling -> 429; a body too large -> 413; an IntegrityError on a constraint
that a DomainError names -> that error (409). Any other IntegrityError is a bug: it is re-raised
(500, logged, reported to Sentry) instead of posing as a conflict. The database unreachable
(restarting, failing over: OperationalError/InterfaceError) -> 503 `service_unavailable` with
Retry-After, logged as an error: the user is told to try again, not that the server broke.

The `handler*` views give Django's own 400/403/404/500 pages the same shape under /api/.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.exceptions import (
    DATABASE_UNREACHABLE,
    RETRY_AFTER_S,
    UNAVAILABLE_DETAIL,
    DomainError,
    conflict_for,
)

from .guards import error_response

logger = logging.getLogger("linli.api")


def _flatten(detail: Any) -> Any:
    if isinstance(detail, dict):
        return {k: _flatten(v) for k, v in detail.items()}
    if isinstance(detail, list):
        if all(not isinstance(i, (dict, list)) for i in detail):
            return [str(i) for i in detail]
        return [_flatten(i) for i in detail]
    return [str(detail)]


def _body(code: str, detail: str, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"code": code, "detail": detail, "fields": fields or {}}


def _domain(exc: DomainError) -> Response:
    fields = {k: [str(m) for m in v] for k, v in exc.fields.items()}
    return Response({**_body(exc.code, str(exc.detail), fields), **exc.extra}, status=exc.status)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        return _domain(exc)
    if isinstance(exc, DATABASE_UNREACHABLE):
        logger.error("database unreachable", exc_info=exc)
        return Response(
            _body("service_unavailable", str(UNAVAILABLE_DETAIL)),
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(RETRY_AFTER_S)},
        )
    if isinstance(exc, IntegrityError):
        named = conflict_for(exc)
        return _domain(named) if named is not None else None
    if isinstance(exc, (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)):
        return Response(
            _body("too_large", _("请求内容过大。")), status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        if isinstance(detail, dict):
            fields = _flatten(detail)
            non_field = fields.pop("non_field_errors", None)
            message = " ".join(non_field) if non_field else _("请检查填写的内容。")
            if non_field:
                fields["non_field_errors"] = non_field
        else:
            fields = {"non_field_errors": _flatten(detail)}
            message = " ".join(fields["non_field_errors"])
        response.data = _body("invalid", message, fields)
    elif isinstance(exc, exceptions.APIException):
        code = exc.get_codes() if isinstance(exc.get_codes(), str) else "error"
        response.data = _body(str(code), str(exc.detail))
    return response


# --- Django's own error pages (URL not found, bad request, crash): JSON under /api/ ----------


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if isinstance(exception, (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)):
        return error_response(request, 413, "too_large", _("请求内容过大。"))
    if request.path.startswith("/api/"):
        return error_response(request, 400, "bad_request", _("请求无效。"))
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith("/api/"):
        return error_response(request, 403, "permission_denied", _("您无权执行此操作。"))
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith("/api/"):
        return error_response(request, 404, "not_found", _("未找到。"))
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return error_response(request, 500, "server_error", _("服务器出错了，我们会尽快处理。"))
    return defaults.server_error(request)
