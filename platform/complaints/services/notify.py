"""Who hears of what: the resident of every status change, assignees of new work, managers of
yellow clocks, firm admins of red ones, the committee of rejections."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from accounts.choices import Role
from accounts.models import User
from notifications.services import notify

from ..models import RequestEvent, ServiceRequest

STATUS_ZH = {
    "submitted": "已提交",
    "accepted": "已受理",
    "in_progress": "处理中",
    "deferred": "暂缓",
    "resolved": "已解决",
    "closed": "已关闭",
    "rejected": "已驳回",
    "reopened": "已重开",
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
    status = STATUS_ZH.get(request.status, request.status)
    notify(
        users=[request.requester],
        kind="request.status",
        title=f"您的诉求 {request.number} {status} / Request {request.number}: {request.status}",
        body=event.note,
        link=link(request),
        dedupe_key=f"request:{request.pk}:event:{event.pk}",
    )


def tell_assignee(request: ServiceRequest, key: str) -> None:
    if request.assignee is None:
        return
    notify(
        users=[request.assignee],
        kind="request.assigned",
        title=f"新工单 {request.number} / New work order {request.number}",
        body=request.description[:200],
        link=link(request),
        dedupe_key=f"request:{request.pk}:assigned:{key}",
    )


def tell_committee_of_rejection(request: ServiceRequest) -> None:
    notify(
        users=committee_of(request.estate_id),
        kind="request.rejected",
        title=f"诉求 {request.number} 被驳回 / Request {request.number} was rejected",
        body=request.reject_reason,
        link=link(request),
        dedupe_key=f"request:{request.pk}:rejected:{request.updated_at.isoformat()}",
        email=False,
    )
