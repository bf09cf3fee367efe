"""What the requester does while a request is open: chase it (催办, once a day; the assignee
and the estate's managers hear of it) and withdraw it (撤回) before work starts (every clock
still running stops as "withdrawn", neither met nor missed)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.clock import SHANGHAI
from core.exceptions import Message
from notifications.choices import NotificationKind
from notifications.services import notify

from ..choices import ClockKind, Status
from ..exceptions import ChaseTooSoon, NotRequester, NotWithdrawable, TransitionNotAllowed
from ..models import ServiceRequest
from ..policies import may_chase, may_withdraw, next_chase_at
from .clocks import clocks_stop
from .notify import link, managers_of
from .workflow import lock_request, record_event


def _only_requester(request: ServiceRequest, actor: User, message: Message) -> None:
    if request.requester_id is None or request.requester_id != actor.pk:
        raise NotRequester(message)


def last_chase_at(request: ServiceRequest) -> datetime | None:
    chase = request.events.filter(action="chase").order_by("-at", "-id").first()
    return chase.at if chase is not None else None


@transaction.atomic
def request_chase(
    *,
    request: ServiceRequest,
    actor: User,
    note: str = "",
    channel: str = "app",
    now: datetime | None = None,
) -> ServiceRequest:
    """The requester presses 催办: a timeline row, and the assignee and the estate's managers
    are told. Once per 24 hours per request; the row lock makes two taps one chase."""
    now = now or timezone.now()
    request = lock_request(request)
    _only_requester(request, actor, _("只有提交人本人可以催办。"))
    if not may_chase(request.status):
        raise TransitionNotAllowed(_("只能催办尚未办结的诉求。"))
    again = next_chase_at(last_chase_at=last_chase_at(request), now=now)
    if again is not None:
        raise ChaseTooSoon(
            gettext("24 小时内只能催办一次，请在 %(time)s 之后再催办。")
            % {"time": again.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")},
            extra={"next_chase_at": again.isoformat()},
        )
    event = record_event(
        request,
        action="chase",
        actor=actor,
        channel=channel,
        note=note,
        before=request.status,
        now=now,
    )
    notify(
        users=[u for u in [request.assignee, *managers_of(request.estate_id)] if u],
        kind=NotificationKind.REQUEST_CHASED,
        title=format_lazy(_("住户催办：{number}"), number=request.number),
        body=note or request.description[:200],
        link=link(request),
        dedupe_key=f"request:{request.pk}:chase:{event.pk}",
    )
    return request


@transaction.atomic
def request_withdraw(
    *,
    request: ServiceRequest,
    actor: User,
    reason: str = "",
    channel: str = "app",
    now: datetime | None = None,
) -> ServiceRequest:
    """The requester withdraws a request nobody has started on. It is finished (closed_at set)
    and every clock still running or paused stops; they read "withdrawn", not on time."""
    now = now or timezone.now()
    request = lock_request(request)
    _only_requester(request, actor, _("只有提交人本人可以撤回。"))
    if not may_withdraw(status=request.status, resume_to=request.resume_to):
        raise NotWithdrawable(extra={"status": request.status})
    before = request.status
    request.status = Status.WITHDRAWN
    request.resume_to = ""
    request.closed_at = now
    request.save()
    clocks_stop(request=request, now=now, kinds=list(ClockKind))
    record_event(
        request,
        action="withdraw",
        actor=actor,
        channel=channel,
        note=reason,
        before=before,
        now=now,
    )
    if request.assignee is not None:
        notify(
            users=[request.assignee],
            kind=NotificationKind.REQUEST_STATUS,
            title=format_lazy(_("住户已撤回诉求 {number}"), number=request.number),
            body=reason,
            link=link(request),
            dedupe_key=f"request:{request.pk}:withdrawn",
        )
    return request
