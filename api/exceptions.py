"""One exception handler: every error is `{"code", "detail", "fields"}`.

DomainError -> its own status (400/404/409); DRF validation -> 400 with field messages;
auth -> 401/403; throttling -> 429; IntegrityError -> 409. Nothing becomes a 500.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import IntegrityError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.exceptions import DomainError


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


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        return Response(
            {**_body(exc.code, str(exc.detail), exc.fields), **exc.extra}, status=exc.status
        )
    if isinstance(exc, IntegrityError):
        return Response(
            _body("conflict", "与现有数据冲突。 The request conflicts with existing data."),
            status=status.HTTP_409_CONFLICT,
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
            message = (
                " ".join(non_field)
                if non_field
                else "请检查填写的内容。 Some fields are not valid."
            )
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
