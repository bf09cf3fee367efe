"""Who hears of what: the resident of every status change, assignees of new work, managers of
yellow clocks, firm admins of red ones, the committee of rejections."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from accounts.models import User
from notifications.choices import NotificationKind
from notifications.services import notify

from ..choices import Status
from ..models import RequestEvent, ServiceRequest

# How a status reads in a notification (gettext: each recipient reads it in their language)
STATUS_LABEL: dict[str, Any] = {
    Status.SUBMITTED: _("已提交"),
    Status.ACCEPTED: _("已受理"),
    Status.IN_PROGRESS: _("处理中"),
    Status.DEFERRED: _("暂缓"),
    Status.RESOLVED: _("已解决"),
    Status.CLOSED: _("已关闭"),
    Status.REJECTED: _("已驳回"),
    Status.REOPENED: _("已重开"),
    Status.WITHDRAWN: _("已撤回"),
}


def link(request: ServiceRequest) -> str:
    return f"/requests/{request.pk}"


def _role_holders(role: str, estate_id: int | None) -> list[User]:
    today = date.today()
    q = Q(role_grants__role=role) & (
        Q(role_grants__ends_on__isnull=True) | Q(role_grants__ends_on__gte=today)
    )
    if estate_id is not None:
        q &= Q(role_grants__estate_id=estate_id)
    return list(User.objects.filter(q, is_active=True).distinct())


def managers_of(estate_id: int) -> list[User]:
    return _role_holders(Role.MANAGER, estate_id)


def firm_admins() -> list[User]:
    return _role_holders(Role.FIRM_ADMIN, None)


def committee_of(estate_id: int) -> list[User]:
    return _role_holders(Role.COMMITTEE, estate_id)


def tell_requester(request: ServiceRequest, event: RequestEvent) -> None:
    if request.requester is None or event.actor_id == request.requester_id:
        return
    # never the raw code: a status without its own wording reads as its choice label
    status = STATUS_LABEL.get(request.status) or Status(request.status).label
    notify(
        users=[request.requester],
        kind=NotificationKind.REQUEST_STATUS,
        title=format_lazy(_("您的诉求 {number} {status}"), number=request.number, status=status),
        body=event.note,
        link=link(request),
        dedupe_key=f"request:{request.pk}:event:{event.pk}",
    )


def tell_requester_departed(request: ServiceRequest, event: RequestEvent) -> None:
    """已出发 is no status change, so `tell_requester` would stay silent: say it here."""
    if request.requester is None:
        return
    who = request.assignee.full_name if request.assignee else ""
    notify(
        users=[request.requester],
        kind=NotificationKind.REQUEST_STATUS,
        title=format_lazy(_("您的诉求 {number}：维修人员已出发"), number=request.number),
        body=who,
        link=link(request),
        dedupe_key=f"request:{request.pk}:event:{event.pk}",
    )


def tell_assignee(request: ServiceRequest, key: str) -> None:
    if request.assignee is None:
        return
    notify(
        users=[request.assignee],
        kind=NotificationKind.REQUEST_ASSIGNED,
        title=format_lazy(_("新工单 {number}"), number=request.number),
        body=request.description[:200],
        link=link(request),
        dedupe_key=f"request:{request.pk}:assigned:{key}",
    )


def tell_committee_of_rejection(request: ServiceRequest) -> None:
    notify(
        users=committee_of(request.estate_id),
        kind=NotificationKind.REQUEST_REJECTED,
        title=format_lazy(_("诉求 {number} 被驳回"), number=request.number),
        body=request.reject_reason,
        link=link(request),
        dedupe_key=f"request:{request.pk}:rejected:{request.updated_at.isoformat()}",
        email=False,
    )
