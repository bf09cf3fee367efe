"""DomainError: the one exception type services raise for rule violations.

The API turns it into `{"code", "detail", "fields"}` with `status` (400 by default, 409 for
conflicts). `code` is stable and machine-readable; `detail` is for people, in their language
(the messages are gettext with the Chinese text as the source).

A unique constraint that the domain relies on is named by the conflict it means: a subclass
lists the database constraint names in `constraints`, and `conflict_for` turns an
IntegrityError on one of them into that conflict (a race past the service's own check is still
a 409). Any other IntegrityError is a bug and stays a 500.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db import IntegrityError, InterfaceError, OperationalError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# a message: plain text or a lazy gettext string (translated when the response is written)
Message = str | Promise


class DomainError(Exception):
    code = "domain_error"
    status = 400
    default_detail: Message = _("请求不符合业务规则。")
    # database constraints whose violation means this error (see `conflict_for`)
    constraints: tuple[str, ...] = ()

    def __init__(
        self,
        detail: Message | None = None,
        *,
        code: str | None = None,
        fields: Mapping[str, Sequence[Message]] | None = None,
        status: int | None = None,
        extra: dict[str, object] | None = None,
    ) -> None:
        self.detail = detail or self.default_detail
        self.extra = extra or {}
        if code:
            self.code = code
        if status:
            self.status = status
        self.fields: Mapping[str, Sequence[Message]] = fields or {}
        super().__init__(self.detail)


class ValidationFailed(DomainError):
    code = "invalid"
    status = 400
    default_detail: Message = _("请检查填写的内容。")


class Conflict(DomainError):
    code = "conflict"
    status = 409
    default_detail: Message = _("请求与当前状态冲突。")


class Forbidden(DomainError):
    code = "forbidden"
    status = 403
    default_detail: Message = _("您无权执行此操作。")


class TooMany(DomainError):
    code = "too_many"
    status = 429
    default_detail: Message = _("请求过于频繁。")


class NotFound(DomainError):
    code = "not_found"
    status = 404
    default_detail: Message = _("未找到。")


def _subclasses(cls: type[DomainError]) -> list[type[DomainError]]:
    found: list[type[DomainError]] = []
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


def named_constraints() -> dict[str, type[DomainError]]:
    """Every constraint name a DomainError subclass claims, with the error it means."""
    return {name: err for err in _subclasses(DomainError) for name in err.constraints}


def constraint_name(exc: IntegrityError) -> str | None:
    diag = getattr(exc.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None)


def conflict_for(exc: IntegrityError) -> DomainError | None:
    """The domain error an IntegrityError means, or None when no domain error names its
    constraint (then it is a bug, not a conflict)."""
    name = constraint_name(exc)
    error = named_constraints().get(name) if name else None
    return error() if error else None


# The database unreachable (restarting, failing over): a 503 the user may retry, not a bug.
DATABASE_UNREACHABLE = (OperationalError, InterfaceError)
RETRY_AFTER_S = 5
UNAVAILABLE_DETAIL: Message = _("服务暂时不可用，请稍后重试。")
