"""Reads of the closed loop, scoped like everything else by `estates.selectors.scope_for`:
- firm admin: every request; manager and staff: their estates';
- committee: every request of their estate, read-only (including every rejection);
- resident: their own requests (submitted by them or entered for them).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from django.db.models import Case, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.capabilities import COMPLAINTS_HANDLE
from accounts.models import User
from accounts.selectors import user_capabilities
from estates.models import Occupancy, OwnerRecord, Person
from estates.selectors import PeopleMasking, scope_for
from estates.settings import EstateSettings

from .choices import HotTopicStatus, Urgency
from .exceptions import InvalidPeriod
from .kpis import period_error, quarter_bounds
from .models import (
    Attachment,
    Escalation,
    HotTopic,
    RequestEvent,
    RequestMessage,
    ServiceRequest,
    SlaClock,
)
from .policies import (
    FINISHED_STATUSES,
    OPEN_STATUSES,
    clock_state,
    clock_stop_reason,
    next_chase_at,
    read_clock,
    thread_access,
    user_actions,
)


def request_list(
    *,
    user: User,
    estate_id: int | None = None,
    statuses: Sequence[str] = (),
    category: str = "",
    colour: str = "",
    assignee_id: int | None = None,
    mine: bool = False,
    search: str = "",
) -> QuerySet[ServiceRequest]:
    scope = scope_for(user=user)
    qs = ServiceRequest.objects.select_related(
        "estate", "unit__building", "common_area", "assignee"
    )
    if not scope.all_estates:
        if estate_id is not None and estate_id in scope.estate_ids:
            pass  # the estate is in full scope: its filter below is the scope (lets an index work)
        else:
            qs = qs.filter(Q(estate_id__in=scope.estate_ids) | Q(requester=user))
    if mine:
        qs = qs.filter(requester=user)
    if estate_id is not None:
        qs = qs.filter(estate_id=estate_id)
    if statuses:
        qs = qs.filter(status__in=list(statuses))
    if category:
        qs = qs.filter(category=category)
    if colour:
        qs = qs.filter(colour=colour)
    if assignee_id is not None:
        qs = qs.filter(assignee_id=assignee_id)
    if search:
        qs = qs.filter(Q(number__icontains=search) | Q(description__icontains=search))
    return qs.prefetch_related("clocks").order_by("-created_at", "-id")


def next_due_at(request: ServiceRequest) -> datetime | None:
    """The promised time the request is running against now: the earliest due time of its
    running clocks (None when every clock is stopped or paused)."""
    due = [c.due_at for c in request.clocks.all() if c.stopped_at is None and c.due_at]
    return min(due) if due else None


def request_get(*, user: User, pk: int) -> ServiceRequest | None:
    return (
        request_list(user=user)
        .prefetch_related(
            Prefetch("events", queryset=RequestEvent.objects.select_related("actor")),
            # the thread's photos are the thread's: served with its messages only
            Prefetch("attachments", queryset=Attachment.objects.filter(message__isnull=True)),
            "clocks",
            Prefetch("escalations", queryset=Escalation.objects.order_by("created_at")),
        )
        .filter(pk=pk)
        .first()
    )


def may_handle(*, user: User, request: ServiceRequest) -> bool:
    """Staff-side actions need the estate in full scope, and committee members never act."""
    scope = scope_for(user=user)
    return scope.all_estates or request.estate_id in scope.estate_ids


def chase_again_at(*, request: ServiceRequest, now: datetime | None = None) -> datetime | None:
    """When the requester may chase the request again (None: now). Reads the timeline, which
    `request_get` prefetches."""
    chases = [e.at for e in request.events.all() if e.action == "chase"]
    return next_chase_at(last_chase_at=max(chases) if chases else None, now=now or timezone.now())


def actions_for(*, user: User, request: ServiceRequest) -> list[str]:
    """What `user` may do to `request` now (policies.user_actions with the user's facts)."""
    handles = COMPLAINTS_HANDLE in user_capabilities(user=user, host_kind="firm") and may_handle(
        user=user, request=request
    )
    is_requester = request.requester_id is not None and request.requester_id == user.pk
    return user_actions(
        status=request.status,
        assignee_id=request.assignee_id,
        user_id=user.pk,
        is_requester=is_requester,
        handles=handles,
        resume_to=request.resume_to,
        chased_recently=is_requester and chase_again_at(request=request) is not None,
        departed=request.departed_at is not None,
    )


def thread_access_for(*, user: User, request: ServiceRequest) -> str:
    """ "write", "read" or "" (policies.thread_access with the user's facts)."""
    is_requester = request.requester_id is not None and request.requester_id == user.pk
    handles = COMPLAINTS_HANDLE in user_capabilities(user=user, host_kind="firm") and may_handle(
        user=user, request=request
    )
    return thread_access(status=request.status, is_requester=is_requester, handles=handles)


def message_list(*, request: ServiceRequest) -> QuerySet[RequestMessage]:
    """The request's thread, oldest first, with authors and photos (the caller checked access)."""
    return (
        RequestMessage.objects.filter(request=request)
        .select_related("author")
        .prefetch_related("attachments")
        .order_by("created_at", "id")
    )


def assignee_phone_for(*, user: User, request: ServiceRequest) -> str:
    """The assignee's phone, for a tap-to-call: to the requester and to the estate's staff while
    the request is in hand (committee members and finished requests get none)."""
    if request.assignee is None or request.status in FINISHED_STATUSES:
        return ""
    is_requester = request.requester_id is not None and request.requester_id == user.pk
    staff = COMPLAINTS_HANDLE in user_capabilities(user=user, host_kind="firm") and may_handle(
        user=user, request=request
    )
    return request.assignee.phone if is_requester or staff else ""


def works_on(*, user: User, estate_id: int) -> bool:
    """May `user` be given work of the estate (an assignee, a dispatch group member)? An
    active account that handles requests and holds a grant on that estate."""
    return (
        user.is_active
        and COMPLAINTS_HANDLE in user_capabilities(user=user, host_kind="firm")
        and scope_for(user=user).sees_estate_in_full(estate_id)
    )


def lives_in(*, user: User, estate_id: int) -> bool:
    """Is the estate one of the user's (their home, or an estate they work on)?"""
    scope = scope_for(user=user)
    return scope.all_estates or estate_id in scope.visible_estate_ids


def person_lives_in(*, person: Person, estate_id: int, today: date | None = None) -> bool:
    """Does the person own or occupy a unit of the estate today?"""
    today = today or timezone.localdate()
    current = Q(until__isnull=True) | Q(until__gte=today)
    return (
        OwnerRecord.objects.filter(current, person=person, unit__estate_id=estate_id).exists()
        or Occupancy.objects.filter(current, person=person, unit__estate_id=estate_id).exists()
    )


def clock_readings(*, request: ServiceRequest) -> list[dict[str, object]]:
    now = timezone.now()
    yellow = EstateSettings.from_estate(request.estate).escalation.yellow_at
    out = []
    clock: SlaClock
    for clock in request.clocks.all():
        reading = read_clock(
            budget=timedelta(seconds=clock.budget_seconds),
            started_at=clock.started_at,
            paused_total=timedelta(seconds=clock.paused_seconds),
            paused_at=clock.paused_at,
            stopped_at=clock.stopped_at,
            now=now,
            yellow_at=yellow,
        )
        reason = clock_stop_reason(
            kind=clock.kind,
            status=request.status,
            stopped_at=clock.stopped_at,
            closed_at=request.closed_at,
        )
        out.append(
            {
                "kind": clock.kind,
                "budget_hours": round(clock.budget_seconds / 3600, 2),
                "due_at": reading.due_at,
                "remaining_seconds": int(reading.remaining.total_seconds()),
                "colour": reading.colour,
                "running": reading.running,
                "paused": reading.paused,
                "on_time": None if reason else reading.on_time,
                "state": clock_state(reading, stop_reason=reason),
                "stop_reason": reason,
            }
        )
    return out


# --- KPI periods and hot topics ----------------------------------------------------------------


def kpi_period(
    *, start: date | None, end: date | None, today: date | None = None
) -> tuple[date, date]:
    """The KPI period asked for: both dates as given; one date, with its quarter supplying the
    other; neither, the current quarter (Shanghai). An invalid period is the `end` field's
    error."""
    if start is None or end is None:
        first, last = quarter_bounds(start or end or today or timezone.localdate())
        start, end = start or first, end or last
    error = period_error(start, end)
    if error:
        raise InvalidPeriod(fields={"end": [error]})
    return start, end


def _with_requests(qs: QuerySet[HotTopic]) -> QuerySet[HotTopic]:
    return qs.prefetch_related(
        Prefetch("requests", queryset=ServiceRequest.objects.only("id", "number").order_by("id"))
    )


def hot_topic_list(*, user: User) -> QuerySet[HotTopic]:
    """The hot topics of the estates the user sees in full, newest first, with their requests."""
    scope = scope_for(user=user)
    qs = HotTopic.objects.all()
    if not scope.all_estates:
        qs = qs.filter(estate_id__in=scope.estate_ids)
    return _with_requests(qs).order_by("-created_at", "-id")


def hot_topic_get(*, user: User, pk: int) -> HotTopic | None:
    return hot_topic_list(user=user).filter(pk=pk).first()


def hot_topic_suggestions(*, estate_id: int) -> QuerySet[HotTopic]:
    """An estate's current suggestions (what nobody has decided on yet)."""
    return _with_requests(
        HotTopic.objects.filter(estate_id=estate_id, status=HotTopicStatus.SUGGESTED)
    ).order_by("-created_at", "-id")


# --- the desk: urgency, sorting, "my tasks", who to call -------------------------------------

# `ordering=` of the request list: a column, "-" for descending; "urgency" puts the earliest
# promised time first (so overdue requests lead), requests with no running clock last.
ORDERINGS: dict[str, tuple[str, ...]] = {
    "created_at": ("created_at", "id"),
    "-created_at": ("-created_at", "-id"),
    "number": ("number",),
    "-number": ("-number",),
    "status": ("status", "-created_at"),
    "-status": ("-status", "-created_at"),
    "category": ("category", "-created_at"),
    "-category": ("-category", "-created_at"),
    "assignee": ("assignee__full_name", "-created_at"),
    "-assignee": ("-assignee__full_name", "-created_at"),
    "urgency": ("next_due", "urgency_rank", "created_at", "id"),
}


def with_next_due(qs: QuerySet[ServiceRequest]) -> QuerySet[ServiceRequest]:
    """Annotate the promised time each request runs against now (`next_due_at` in SQL)."""
    running = (
        SlaClock.objects.filter(request=OuterRef("pk"), stopped_at__isnull=True)
        .exclude(due_at__isnull=True)
        .order_by("due_at")
        .values("due_at")[:1]
    )
    return qs.annotate(next_due=Subquery(running))


def request_ordered(qs: QuerySet[ServiceRequest], ordering: str) -> QuerySet[ServiceRequest]:
    """The list in the order asked for (one of ORDERINGS; the newest first otherwise)."""
    fields = ORDERINGS.get(ordering or "-created_at", ORDERINGS["-created_at"])
    if ordering == "urgency":
        qs = with_next_due(qs).annotate(
            urgency_rank=Case(When(urgency=Urgency.EMERGENCY, then=Value(0)), default=Value(1))
        )
        return qs.order_by(F("next_due").asc(nulls_last=True), *fields[1:])
    return qs.order_by(*fields)


def my_tasks(*, user: User) -> QuerySet[ServiceRequest]:
    """The open requests assigned to `user` in estates they still work on, the most urgent
    first (a repairer's "my tasks")."""
    qs = request_list(user=user).filter(assignee=user, status__in=sorted(OPEN_STATUSES))
    scope = scope_for(user=user)
    if not scope.all_estates:
        qs = qs.filter(estate_id__in=scope.estate_ids)
    return request_ordered(qs.select_related("requester", "requester_person"), "urgency")


def unit_label(request: ServiceRequest) -> str:
    """The place as people say it: "阳光花园 1栋101", or the estate and the common area."""
    estate = request.estate.name
    if request.unit is not None:
        building = request.unit.building.name
        if building.isdigit():
            building = _("%(name)s栋") % {"name": building}
        return f"{estate} {building}{request.unit.number}"
    if request.common_area is not None:
        return f"{estate} {request.common_area.name}"
    return estate


def requester_contact(
    *, request: ServiceRequest, user: User, masking: PeopleMasking
) -> tuple[str, str]:
    """The resident's name and phone as `user` may read them. The assignee of the request gets
    the full number (they must call to arrange the visit, and it is their task); everyone else
    sees it as PeopleMasking says for their role."""
    person = request.requester_person
    account = request.requester
    name = (
        request.contact_name
        or (person.full_name if person else "")
        or (account.full_name if account else "")
    )
    phone = (
        request.contact_phone
        or (person.phone if person else "")
        or (account.phone if account else "")
    )
    if request.assignee_id is not None and request.assignee_id == user.pk:
        return name, phone
    return name, masking.phone(phone)
