"""The state machine in action: every transition is checked, timed and written to the
timeline; clocks start, pause and stop with it; the resident hears of every change."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, NoReturn

from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from notifications.choices import NotificationKind
from notifications.services import notify

from ..choices import Channel, ClockKind, RatingTag, Status
from ..exceptions import NotAssignable, NotRequester, ReopenWindowClosed, TransitionNotAllowed
from ..models import RequestEvent, ReturnVisit, ServiceRequest
from ..policies import (
    RETURN_VISIT_AT_OR_BELOW,
    allowed_actions,
    auto_close_due,
    can,
    may_reassign,
    may_take,
    next_status,
    reopen_allowed,
)
from ..selectors import works_on
from ..uploads import Upload
from .clocks import clocks_pause, clocks_resume, clocks_start, clocks_stop
from .intake import attachments_save
from .notify import managers_of, tell_assignee, tell_committee_of_rejection, tell_requester

REOPEN_WINDOW_DAYS = 7
# written into the timeline in the firm's language (the source language: Chinese)
AUTO_CLOSE_NOTE = gettext_lazy("7 天未评价，系统自动关闭。")


def _check_assignee(request: ServiceRequest, assignee: User | None) -> None:
    """Work goes only to people who handle requests of that estate."""
    if assignee is not None and not works_on(user=assignee, estate_id=request.estate_id):
        raise NotAssignable(fields={"assignee": [_("该人员不负责此小区。")]})


def _lock(request: ServiceRequest) -> ServiceRequest:
    return ServiceRequest.objects.select_for_update().select_related("estate").get(pk=request.pk)


def _refuse(request: ServiceRequest, action: str) -> NoReturn:
    allowed = allowed_actions(request.status)
    raise TransitionNotAllowed(
        _("“%(status)s”状态不能执行“%(action)s”，可执行：%(allowed)s。")
        % {"status": request.status, "action": action, "allowed": ", ".join(allowed) or "-"},
        extra={"status": request.status, "allowed": allowed},
    )


def _check(request: ServiceRequest, action: str) -> None:
    if not can(action, request.status):
        _refuse(request, action)


def _record(
    request: ServiceRequest,
    *,
    action: str,
    actor: User | None,
    channel: str,
    note: str,
    before: str,
    now: datetime,
    data: dict[str, Any] | None = None,
    uploads: list[Upload] | None = None,
) -> RequestEvent:
    event = RequestEvent.objects.create(
        request=request,
        at=now,
        actor=actor,
        action=action,
        from_status=before,
        to_status=request.status,
        channel=channel,
        note=note,
        data=data or {},
    )
    if uploads:
        attachments_save(request=request, uploads=uploads, by=actor, event=event)
    if before != request.status:
        tell_requester(request, event)
    return event


@transaction.atomic
def request_accept(
    *,
    request: ServiceRequest,
    actor: User,
    assignee: User | None = None,
    channel: str = "web",
    note: str = "",
    now: datetime | None = None,
) -> ServiceRequest:
    now = now or timezone.now()
    request = _lock(request)
    _check(request, "accept")
    _check_assignee(request, assignee)
    before = request.status
    request.status = next_status("accept", before)
    request.assignee = assignee or request.assignee or actor
    if request.first_response_at is None:
        request.first_response_at = now
    request.save()
    clocks_stop(request=request, now=now, kinds=[ClockKind.RESPONSE])
    _record(
        request,
        action="accept",
        actor=actor,
        channel=channel,
        note=note,
        before=before,
        now=now,
        data={"assignee": request.assignee.email},
    )
    if request.assignee != actor:
        tell_assignee(request, f"accept:{now.isoformat()}")
    return request


@transaction.atomic
def request_take(
    *, request: ServiceRequest, actor: User, now: datetime | None = None
) -> ServiceRequest:
    """A technician takes an unassigned (or already theirs) order."""
    locked = _lock(request)
    if locked.assignee_id not in (None, actor.pk):
        raise TransitionNotAllowed(_("该工单已有人负责。"), code="already_assigned")
    if not may_take(status=locked.status, assignee_id=locked.assignee_id, user_id=actor.pk):
        _refuse(locked, "take")
    return request_accept(request=locked, actor=actor, assignee=actor, now=now)


@transaction.atomic
def request_reassign(
    *,
    request: ServiceRequest,
    actor: User,
    assignee: User,
    note: str = "",
    now: datetime | None = None,
) -> ServiceRequest:
    now = now or timezone.now()
    request = _lock(request)
    if not may_reassign(request.status):
        _refuse(request, "reassign")
    _check_assignee(request, assignee)
    previous = request.assignee.email if request.assignee else None
    request.assignee = assignee
    request.save(update_fields=["assignee", "updated_at"])
    _record(
        request,
        action="reassign",
        actor=actor,
        channel="web",
        note=note,
        before=request.status,
        now=now,
        data={"from": previous, "to": assignee.email},
    )
    tell_assignee(request, f"reassign:{now.isoformat()}")
    return request


@transaction.atomic
def request_assign(
    *, request: ServiceRequest, actor: User, assignee: User, now: datetime | None = None
) -> ServiceRequest:
    """Give the request to `assignee`: accepting it for them while it awaits acceptance,
    reassigning it otherwise (the service desk's bulk assign)."""
    if can("accept", _lock(request).status):
        return request_accept(request=request, actor=actor, assignee=assignee, now=now)
    return request_reassign(request=request, actor=actor, assignee=assignee, now=now)


@transaction.atomic
def request_start(
    *, request: ServiceRequest, actor: User, note: str = "", now: datetime | None = None
) -> ServiceRequest:
    now = now or timezone.now()
    request = _lock(request)
    _check(request, "start")
    before = request.status
    request.status = next_status("start", before)
    request.save()
    clocks_stop(request=request, now=now, kinds=[ClockKind.PLAN])
    _record(request, action="start", actor=actor, channel="web", note=note, before=before, now=now)
    return request


@transaction.atomic
def request_defer(
    *, request: ServiceRequest, actor: User, reason: str, until: date, now: datetime | None = None
) -> ServiceRequest:
    """Waiting on the resident or on parts: every running clock pauses."""
    now = now or timezone.now()
    request = _lock(request)
    _check(request, "defer")
    before = request.status
    request.resume_to = before if before != Status.SUBMITTED else Status.SUBMITTED
    request.status = next_status("defer", before)
    request.defer_reason, request.deferred_until = reason, until
    if request.first_response_at is None:
        request.first_response_at = now
    request.save()
    clocks_pause(request=request, now=now)
    _record(
        request,
        action="defer",
        actor=actor,
        channel="web",
        note=reason,
        before=before,
        now=now,
        data={"until": until.isoformat()},
    )
    return request


@transaction.atomic
def request_resume(
    *, request: ServiceRequest, actor: User | None, note: str = "", now: datetime | None = None
) -> ServiceRequest:
    now = now or timezone.now()
    request = _lock(request)
    _check(request, "resume")
    before = request.status
    request.status = next_status("resume", before, resume_to=request.resume_to)
    request.resume_to = ""
    request.save()
    clocks_resume(request=request, now=now)
    _record(request, action="resume", actor=actor, channel="web", note=note, before=before, now=now)
    return request


@transaction.atomic
def request_resolve(
    *,
    request: ServiceRequest,
    actor: User,
    note: str,
    uploads: list[Upload] | None = None,
    now: datetime | None = None,
) -> ServiceRequest:
    now = now or timezone.now()
    request = _lock(request)
    _check(request, "resolve")
    before = request.status
    request.status = next_status("resolve", before)
    request.resolved_at = now
    request.save()
    clocks_stop(request=request, now=now, kinds=list(ClockKind))
    _record(
        request,
        action="resolve",
        actor=actor,
        channel="web",
        note=note,
        before=before,
        now=now,
        uploads=uploads,
    )
    return request


@transaction.atomic
def request_reject(
    *, request: ServiceRequest, actor: User, reason: str, now: datetime | None = None
) -> ServiceRequest:
    """A reason is required; the estate's committee sees every rejection."""
    now = now or timezone.now()
    request = _lock(request)
    _check(request, "reject")
    before = request.status
    request.status = next_status("reject", before)
    request.reject_reason = reason
    if request.first_response_at is None:
        request.first_response_at = now
    request.closed_at = now
    request.save()
    clocks_stop(request=request, now=now, kinds=list(ClockKind))
    _record(
        request, action="reject", actor=actor, channel="web", note=reason, before=before, now=now
    )
    tell_committee_of_rejection(request)
    return request


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
    request = _lock(request)
    _only_requester(request, actor)
    _check(request, "rate")
    before = request.status
    request.rating, request.rated_at = rating, now
    request.rating_tags = [t for t in (tags or []) if t in RatingTag.values]
    request.rating_comment = comment
    request.status = next_status("rate", before, rating=rating)
    if request.status == Status.CLOSED:
        request.closed_at = now
    request.save()
    _record(
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
    request = _lock(request)
    _only_requester(request, actor)
    _check(request, "reopen")
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
    _record(
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
            _record(
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
