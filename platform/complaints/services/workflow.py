"""The state machine in action: every transition is checked, timed and written to the
timeline; clocks start, pause and stop with it; the resident hears of every change."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, NoReturn

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from ..choices import ClockKind, Status
from ..exceptions import NotAssignable, TransitionNotAllowed
from ..models import RequestEvent, ServiceRequest
from ..policies import (
    allowed_actions,
    can,
    may_depart,
    may_reassign,
    may_take,
    next_status,
)
from ..selectors import works_on
from ..uploads import Upload
from .clocks import clocks_pause, clocks_resume, clocks_stop
from .intake import attachments_save
from .notify import (
    tell_assignee,
    tell_committee_of_rejection,
    tell_requester,
    tell_requester_departed,
)


def _check_assignee(request: ServiceRequest, assignee: User | None) -> None:
    """Work goes only to people who handle requests of that estate."""
    if assignee is not None and not works_on(user=assignee, estate_id=request.estate_id):
        raise NotAssignable(fields={"assignee": [_("该人员不负责此小区。")]})


def lock_request(request: ServiceRequest) -> ServiceRequest:
    return (
        ServiceRequest.objects.select_for_update(of=("self",))
        .select_related("estate")
        .get(pk=request.pk)
    )


def _refuse(request: ServiceRequest, action: str) -> NoReturn:
    allowed = allowed_actions(request.status)
    raise TransitionNotAllowed(
        _("“%(status)s”状态不能执行“%(action)s”，可执行：%(allowed)s。")
        % {"status": request.status, "action": action, "allowed": ", ".join(allowed) or "-"},
        extra={"status": request.status, "allowed": allowed},
    )


def check_action(request: ServiceRequest, action: str) -> None:
    if not can(action, request.status):
        _refuse(request, action)


def record_event(
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
    request = lock_request(request)
    check_action(request, "accept")
    _check_assignee(request, assignee)
    before = request.status
    request.status = next_status("accept", before)
    request.assignee = assignee or request.assignee or actor
    if request.first_response_at is None:
        request.first_response_at = now
    request.save()
    clocks_stop(request=request, now=now, kinds=[ClockKind.RESPONSE])
    record_event(
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
    locked = lock_request(request)
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
    request = lock_request(request)
    if not may_reassign(request.status):
        _refuse(request, "reassign")
    _check_assignee(request, assignee)
    previous = request.assignee.email if request.assignee else None
    request.assignee = assignee
    request.departed_at = None  # the new assignee has not set out yet
    request.save(update_fields=["assignee", "departed_at", "updated_at"])
    record_event(
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
    if can("accept", lock_request(request).status):
        return request_accept(request=request, actor=actor, assignee=assignee, now=now)
    return request_reassign(request=request, actor=actor, assignee=assignee, now=now)


@transaction.atomic
def request_start(
    *, request: ServiceRequest, actor: User, note: str = "", now: datetime | None = None
) -> ServiceRequest:
    now = now or timezone.now()
    request = lock_request(request)
    check_action(request, "start")
    before = request.status
    request.status = next_status("start", before)
    request.save()
    clocks_stop(request=request, now=now, kinds=[ClockKind.PLAN])
    record_event(
        request, action="start", actor=actor, channel="web", note=note, before=before, now=now
    )
    return request


@transaction.atomic
def request_depart(
    *, request: ServiceRequest, actor: User, now: datetime | None = None
) -> ServiceRequest:
    """已出发: the repairer of an accepted request sets out; the resident is told.

    A step, not a status: the response clock stopped at acceptance and the plan clock runs
    until work starts, travel included, so no clock starts, stops or pauses here, and every
    list of statuses (open requests, the desk's index, KPIs, scores) stays as it is."""
    now = now or timezone.now()
    request = lock_request(request)
    if not may_depart(status=request.status, departed=request.departed_at is not None):
        _refuse(request, "depart")
    request.departed_at = now
    request.save(update_fields=["departed_at", "updated_at"])
    event = record_event(
        request,
        action="depart",
        actor=actor,
        channel="web",
        note="",
        before=request.status,
        now=now,
    )
    tell_requester_departed(request, event)
    return request


@transaction.atomic
def request_defer(
    *, request: ServiceRequest, actor: User, reason: str, until: date, now: datetime | None = None
) -> ServiceRequest:
    """Waiting on the resident or on parts: every running clock pauses."""
    now = now or timezone.now()
    request = lock_request(request)
    check_action(request, "defer")
    before = request.status
    request.resume_to = before if before != Status.SUBMITTED else Status.SUBMITTED
    request.status = next_status("defer", before)
    request.defer_reason, request.deferred_until = reason, until
    request.departed_at = None  # on hold: whoever set out will set out again
    if request.first_response_at is None:
        request.first_response_at = now
    request.save()
    clocks_pause(request=request, now=now)
    record_event(
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
    request = lock_request(request)
    check_action(request, "resume")
    before = request.status
    request.status = next_status("resume", before, resume_to=request.resume_to)
    request.resume_to = ""
    request.save()
    clocks_resume(request=request, now=now)
    record_event(
        request, action="resume", actor=actor, channel="web", note=note, before=before, now=now
    )
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
    request = lock_request(request)
    check_action(request, "resolve")
    before = request.status
    request.status = next_status("resolve", before)
    request.resolved_at = now
    request.save()
    clocks_stop(request=request, now=now, kinds=list(ClockKind))
    record_event(
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
    request = lock_request(request)
    check_action(request, "reject")
    before = request.status
    request.status = next_status("reject", before)
    request.reject_reason = reason
    if request.first_response_at is None:
        request.first_response_at = now
    request.closed_at = now
    request.save()
    clocks_stop(request=request, now=now, kinds=list(ClockKind))
    record_event(
        request, action="reject", actor=actor, channel="web", note=reason, before=before, now=now
    )
    tell_committee_of_rejection(request)
    return request
