"""The OpenAPI document lists the errors each operation can really answer, all in the one
error shape (`Error`: `{"code", "detail", "fields"}`; a few codes add keys, e.g. `allowed`).

Which codes, from what the view is (see api.exceptions, api.guards, tenants.middleware):
- 400 every operation: bad input, and a NUL byte in any path or query string;
- 401 operations that authenticate (no or bad credentials);
- 403 every operation: a missing capability or CSRF token, and any firm host whose firm is
  suspended;
- 404 every operation: an object outside the caller's scope, a host no firm serves;
- 409 writes: a service refuses a state change or a named unique constraint holds;
- 413 operations with a body: larger than DATA_UPLOAD_MAX_MEMORY_SIZE;
- 415 operations with a body: a content type the view does not parse;
- 429 writes and throttled operations: a throttle or a domain limit (daily requests).
An operation may document more with `extend_schema(responses=...)`; those stay as written.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.authentication import SessionScheme
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework import serializers

WRITES = {"POST", "PUT", "PATCH", "DELETE"}

DESCRIPTIONS = {
    "400": "Bad input: messages per field in `fields`.",
    "401": "Not authenticated: no or bad credentials.",
    "403": "Not allowed: a missing capability or CSRF token, or the firm is suspended.",
    "404": "Not found, or outside what the caller may see.",
    "409": "Conflicts with the current state.",
    "402": "The firm's subscription has lapsed: management writes and the firm's analytics are "
    "read-only until it pays (`payment_required`, with the billing portal's link).",
    "413": "The request body is too large.",
    "415": "The request body's content type is not accepted.",
    "429": "Too many requests.",
}


class LinliSessionScheme(SessionScheme):
    """Our session authentication (it also applies the user's language) is a cookie, too."""

    target_class = "api.authentication.SessionAuthentication"


class ErrorSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(help_text="Stable and machine-readable: look messages up by it.")
    detail = serializers.CharField(help_text="For people, in the request's language.")
    # named like Serializer.fields: the metaclass takes declared fields out of the class body
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.JSONField(),
        help_text="Messages per field (a list of strings, nested for nested input).",
    )


class AutoSchema(SpectacularAutoSchema):
    def error_codes(self) -> list[str]:
        codes = ["400", "403", "404"]
        if getattr(self.view, "authentication_classes", None):
            codes.append("401")
        if self.method in WRITES:
            codes.append("409")
        if self.method in ("POST", "PUT", "PATCH"):
            codes.extend(["413", "415"])
        if self.method in WRITES or getattr(self.view, "throttle_classes", None):
            codes.append("429")
        if self._lapse_gated():
            codes.append("402")
        return sorted(codes)

    def _is_list_view(self, serializer: Any = None) -> bool:
        """A view's `list` answers one object when the view says `single_object_list = True` (an
        overview or a report for the query, not a collection); drf-spectacular would call every
        `list` a list."""
        if getattr(self.view, "action", None) == "list" and getattr(
            self.view, "single_object_list", False
        ):
            return False
        return bool(super()._is_list_view(serializer))

    def _lapse_gated(self) -> bool:
        """Whether api.lapse.LapseGate can answer 402 here (see that module)."""
        from api.lapse import ANALYTICS, MANAGEMENT, lapse_class

        if not getattr(self.view, "lapse", None):
            return False
        kind = lapse_class(self.view)
        return kind == ANALYTICS or (kind == MANAGEMENT and self.method in WRITES)

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        component = self.resolve_serializer(ErrorSerializer, "response")
        content = {"application/json": {"schema": component.ref}}
        for code in self.error_codes():
            response = responses.setdefault(code, {"description": DESCRIPTIONS[code]})
            if not response.get("content"):
                response["content"] = content
        return responses
