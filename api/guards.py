"""Input that must never reach a view: checked once, for every endpoint, before any parser.

- A NUL byte in the path or the query string (PostgreSQL text cannot hold one: it would be a
  500 `DataError` in whichever filter reads it).
- A JSON body with `\\u0000` in a string or a key, or nested deeper than `MAX_JSON_DEPTH`
  (Python's parser and every serializer after it recurse: 1,000 levels were a 500
  `RecursionError`, even before login, because the login throttle reads the body).
- A body larger than DATA_UPLOAD_MAX_MEMORY_SIZE: 413 in the JSON error shape.

The answers have the API's error shape (`{"code", "detail", "fields"}`) under /api/.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

MAX_JSON_DEPTH = 64

# A JSON string token (to skip) or one bracket (to count).
_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def error_response(
    request: HttpRequest, status: int, code: str, detail: str, fields: dict[str, Any] | None = None
) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"code": code, "detail": detail, "fields": fields or {}}, status=status)
    return HttpResponse(detail, status=status, content_type="text/plain; charset=utf-8")


def json_depth(body: bytes) -> int:
    """The deepest nesting of arrays and objects, without parsing (nor recursing)."""
    if body.count(b"[") + body.count(b"{") <= MAX_JSON_DEPTH:
        return min(body.count(b"[") + body.count(b"{"), MAX_JSON_DEPTH)
    depth = deepest = 0
    for match in _TOKENS.finditer(body):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in (b"]", b"}"):
            depth -= 1
    return deepest


def nul_paths(value: Any) -> list[str]:
    """Where NUL bytes sit in parsed JSON, as dotted paths (`settings.sla_hours.response`; a
    key that holds one is the last segment), so the answer names the field."""
    found: list[str] = []
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                found.append(path)
        elif isinstance(item, dict):
            for key, child in item.items():
                child_path = f"{path}.{key}" if path else str(key)
                if "\x00" in str(key):
                    found.append(child_path)
                else:
                    stack.append((child_path, child))
        elif isinstance(item, list):
            stack.extend((f"{path}.{i}" if path else str(i), v) for i, v in enumerate(item))
    return sorted(found)


def json_nul_paths(body: bytes) -> list[str]:
    if b"\\u0000" not in body:
        return []
    try:
        return nul_paths(json.loads(body))
    except ValueError:  # not JSON: the parser answers that with parse_error
        return []


def _query_holds_nul(request: HttpRequest) -> bool:
    return any(
        "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
    )


def _is_json(request: HttpRequest) -> bool:
    content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    return content_type == "application/json" or content_type.endswith("+json")


class RequestGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.refuse(request) or self.get_response(request)

    def refuse(self, request: HttpRequest) -> HttpResponse | None:
        if "\x00" in request.path or _query_holds_nul(request):
            return error_response(
                request, 400, "invalid_character", _("地址中含有不允许的字符（NUL）。")
            )
        if not (request.path.startswith("/api/") and _is_json(request)):
            return None
        try:
            body = request.body
        except RequestDataTooBig:
            return error_response(request, 413, "too_large", _("请求内容过大。"))
        if json_depth(body) > MAX_JSON_DEPTH:
            return error_response(
                request,
                400,
                "parse_error",
                _("JSON 嵌套过深（最多 %(depth)d 层）。") % {"depth": MAX_JSON_DEPTH},
            )
        if paths := json_nul_paths(body):
            message = _("内容中含有不允许的字符（NUL）。")
            fields = {path or "non_field_errors": [message] for path in paths}
            return error_response(request, 400, "invalid_character", message, fields)
        return None
