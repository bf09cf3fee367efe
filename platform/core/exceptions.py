"""DomainError: the one exception type services raise for rule violations.

The API turns it into `{"code", "detail", "fields"}` with `status` (400 by default, 409 for
conflicts). `code` is stable and machine-readable; `detail` is for people.
"""

from __future__ import annotations


class DomainError(Exception):
    code = "domain_error"
    status = 400
    default_detail = "The request breaks a business rule."

    def __init__(
        self,
        detail: str | None = None,
        *,
        code: str | None = None,
        fields: dict[str, list[str]] | None = None,
        status: int | None = None,
        extra: dict[str, object] | None = None,
    ) -> None:
        self.detail = detail or self.default_detail
        self.extra = extra or {}
        if code:
            self.code = code
        if status:
            self.status = status
        self.fields = fields or {}
        super().__init__(self.detail)


class ValidationFailed(DomainError):
    code = "invalid"
    status = 400
    default_detail = "Some fields are not valid."


class Conflict(DomainError):
    code = "conflict"
    status = 409
    default_detail = "The request conflicts with the current state."


class Forbidden(DomainError):
    code = "forbidden"
    status = 403
    default_detail = "You may not do this."


class TooMany(DomainError):
    code = "too_many"
    status = 429
    default_detail = "Too many requests."


class NotFound(DomainError):
    code = "not_found"
    status = 404
    default_detail = "Not found."
