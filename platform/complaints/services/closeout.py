"""Close-out: the requester's rating and reopen, and the auto-close of resolved requests nobody
rated. Split from workflow.py (shared steps: lock, check, record) to keep each module small."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from accounts.models import User
from notifications.choices import NotificationKind
from notifications.services import notify

from ..choices import Channel, ClockKind, RatingTag, Status
from ..exceptions import NotRequester, ReopenWindowClosed
from ..models import ReturnVisit, ServiceRequest
from ..policies import RETURN_VISIT_AT_OR_BELOW, auto_close_due, next_status, reopen_allowed
from .clocks import clocks_start
from .notify import managers_of, tell_assignee
from .workflow import check_action, lock_request, record_event

REOPEN_WINDOW_DAYS = 7
# written into the timeline in the firm's language (the source language: Chinese)
AUTO_CLOSE_NOTE = gettext_lazy("7 天未评价，系统自动关闭。")


def _only_requester(request: ServiceRequest, actor: User) -> None:
    if request.requester_id is None or request.requester_id != actor.pk:
        raise NotRequester()


@transaction.atomic
def request_rate(
    *,
    request: ServiceRequest,
    actor: User,
    rating: int,
    tags: list[str] | None = None,
    comment: str = "",
    channel: str = "app",
    now: datetime | None = None,
) -> ServiceRequest:
    """The resident's own rating (never the firm's): 3+ closes; 2 or less opens a return visit
    and leaves the request open to reopen."""
    now = now or timezone.now()
    request = lock_request(request)
    _only_requester(request, actor)
    check_action(request, "rate")
    before = request.status
    request.rating, request.rated_at = rating, now
    request.rating_tags = [t for t in (tags or []) if t in RatingTag.values]
    request.rating_comment = comment
    request.status = next_status("rate", before, rating=rating)
    if request.status == Status.CLOSED:
        request.closed_at = now
    request.save()
    record_event(
        request,
        action="rate",
        actor=actor,
        channel=channel,
        note=comment,
        before=before,
        now=now,
        data={"rating": rating, "tags": request.rating_tags},
    )
    if rating <= RETURN_VISIT_AT_OR_BELOW:
        ReturnVisit.objects.create(
            request=request, assigned_to=request.assignee, due_at=now + timedelta(days=3)
        )
        notify(
            users=[u for u in [request.assignee, *managers_of(request.estate_id)] if u],
            kind=NotificationKind.REQUEST_RETURN_VISIT,
            title=format_lazy(
                gettext_lazy("差评回访 {number}（{rating} 星）"),
                number=request.number,
                rating=rating,
            ),
            body=comment,
            link=f"/requests/{request.pk}",
            dedupe_key=f"request:{request.pk}:visit:{now.isoformat()}",
        )
    return request


@transaction.atomic
def request_reopen(
    *,
    request: ServiceRequest,
    actor: User,
    reason: str,
    channel: str = "app",
    now: datetime | None = None,
) -> ServiceRequest:
    """Unsatisfied within 7 days of resolution: reopened (counted), resolution clock restarts."""
    now = now or timezone.now()
    request = lock_request(request)
    _only_requester(request, actor)
    check_action(request, "reopen")
    if not reopen_allowed(resolved_at=request.resolved_at, now=now, window_days=REOPEN_WINDOW_DAYS):
        raise ReopenWindowClosed()
    before = request.status
    previous = {"rating": request.rating, "tags": request.rating_tags}
    request.status = next_status("reopen", before)
    request.reopen_count += 1
    request.resolved_at = None
    request.rating, request.rated_at, request.rating_tags, request.rating_comment = (
        None,
        None,
        [],
        "",
    )
    request.save()
    clocks_start(request=request, now=now, kinds=[ClockKind.RESOLUTION])
    record_event(
        request,
        action="reopen",
        actor=actor,
        channel=channel,
        note=reason,
        before=before,
        now=now,
        data={"previous": previous, "reopen_count": request.reopen_count},
    )
    tell_assignee(request, f"reopen:{request.reopen_count}")
    return request


def auto_close_sweep(*, now: datetime | None = None, after_days: int = 7) -> int:
    """Close resolved requests nobody rated within `after_days` (each in its own transaction)."""
    now = now or timezone.now()
    closed = 0
    for pk in ServiceRequest.objects.filter(
        status=Status.RESOLVED, resolved_at__lte=now - timedelta(days=after_days)
    ).values_list("pk", flat=True):
        with transaction.atomic():
            request = ServiceRequest.objects.select_for_update().get(pk=pk)
            if request.status != Status.RESOLVED or not auto_close_due(
                resolved_at=request.resolved_at, now=now, after_days=after_days
            ):
                continue
            before = request.status
            request.status, request.closed_at = Status.CLOSED, now
            request.save()
            record_event(
                request,
                action="auto_close",
                actor=None,
                channel=Channel.SYSTEM,
                note=str(AUTO_CLOSE_NOTE),
                before=before,
                now=now,
            )
            closed += 1
    return closed
