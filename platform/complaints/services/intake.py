"""Intake: a new request from any channel, with limits, numbering, clocks and dispatch."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.capabilities import COMPLAINTS_HANDLE
from accounts.models import User
from accounts.selectors import user_capabilities
from core.clock import SHANGHAI
from estates.models import CommonArea, Estate, Person, Unit
from estates.selectors import scope_for
from estates.settings import EstateSettings

from ..choices import Channel, Urgency
from ..exceptions import (
    ClientKeyReused,
    DailyLimitReached,
    InvalidPlace,
    InvalidVisitTime,
    NearDuplicate,
    NotYourUnit,
    RequesterNotInEstate,
    ResidentChannel,
)
from ..models import (
    Attachment,
    RequestCounter,
    RequestEvent,
    RequestMessage,
    ServiceRequest,
)
from ..policies import (
    OPEN_STATUSES,
    VISIT_MAX_DAYS,
    VISIT_MAX_HOURS,
    near_duplicate,
    request_number,
    visit_window_error,
)
from ..selectors import lives_in, person_lives_in
from ..uploads import Upload, check_uploads
from .clocks import clocks_start
from .dispatch import auto_dispatch
from .notify import tell_assignee

RESIDENT_CHANNELS = {Channel.APP, Channel.WEB, Channel.WECHAT}
VISIT_MESSAGES: dict[str, Any] = {
    "repair_only": _("只有报修可以选择期望上门时间。"),
    "both": _("请选择期望上门时间段的开始和结束。"),
    "length": _("上门时间段须在 %(hours)s 小时以内，且结束晚于开始。"),
    "past": _("这个时间段已经过去了，请另选。"),
    "too_far": _("期望上门时间只能选 %(days)s 天以内。"),
}


def _check_visit(*, kind: str, start: datetime | None, end: datetime | None, now: datetime) -> None:
    problem = visit_window_error(kind=kind, start=start, end=end, now=now)
    if problem is not None:
        field, reason = problem
        text = str(VISIT_MESSAGES[reason]) % {"hours": VISIT_MAX_HOURS, "days": VISIT_MAX_DAYS}
        raise InvalidVisitTime(fields={field: [text]})


def _limits(estate: Estate) -> tuple[int, int]:
    limits = EstateSettings.from_estate(estate).limits
    return limits.requests_per_day, limits.near_duplicates


def _check_limits(
    *,
    estate: Estate,
    requester: User | None,
    category: str,
    description: str,
    unit: Unit | None,
    common_area: CommonArea | None,
    now: datetime,
) -> None:
    if requester is None:
        return
    per_day, duplicates = _limits(estate)
    local_midnight = now.astimezone(SHANGHAI).replace(hour=0, minute=0, second=0, microsecond=0)
    today = ServiceRequest.objects.filter(requester=requester, created_at__gte=local_midnight)
    if today.count() >= per_day:
        raise DailyLimitReached(extra={"limit": per_day})
    recent = ServiceRequest.objects.filter(
        requester=requester,
        category=category,
        status__in=OPEN_STATUSES,
        created_at__gte=now - timedelta(days=7),
        unit=unit,
        common_area=common_area,
    ).only("number", "description")
    similar = [r.number for r in recent if near_duplicate(r.description, description)]
    if len(similar) >= duplicates:
        raise NearDuplicate(extra={"duplicates": similar})


def _next_number(estate: Estate) -> str:
    counter, _ = RequestCounter.objects.select_for_update().get_or_create(estate=estate)
    counter.last += 1
    counter.save(update_fields=["last"])
    return request_number(estate.code, counter.last)


def attachments_save(
    *,
    request: ServiceRequest,
    uploads: list[Upload],
    by: User | None,
    event: RequestEvent | None,
    message: RequestMessage | None = None,
) -> list[Attachment]:
    check_uploads(uploads)
    saved = []
    for upload in uploads:
        attachment = Attachment(
            request=request,
            event=event,
            message=message,
            content_type=upload.content_type,
            size=len(upload.data),
            uploaded_by=by,
        )
        attachment.file.save(upload.name, ContentFile(upload.data), save=False)
        attachment.save()
        saved.append(attachment)
    return saved


def _check_requester(
    *, estate: Estate, requester: User | None, requester_person: Person | None
) -> None:
    """Whoever the request is for lives in (or works on) its estate: they will read it, and
    a request must never show one estate's matters to a resident of another."""
    if requester_person is not None and not person_lives_in(
        person=requester_person, estate_id=estate.pk
    ):
        raise RequesterNotInEstate(
            fields={"requester_person": [RequesterNotInEstate.default_detail]}
        )
    if requester is not None and not lives_in(user=requester, estate_id=estate.pk):
        raise RequesterNotInEstate(fields={"requester": [RequesterNotInEstate.default_detail]})


@transaction.atomic
def request_submit(
    *,
    estate: Estate,
    kind: str,
    category: str,
    description: str,
    channel: str,
    urgency: str = Urgency.NORMAL,
    unit: Unit | None = None,
    common_area: CommonArea | None = None,
    is_public: bool = False,
    requester: User | None = None,
    requester_person: Person | None = None,
    contact_name: str = "",
    contact_phone: str = "",
    entered_by: User | None = None,
    uploads: list[Upload] | None = None,
    preferred_visit_from: datetime | None = None,
    preferred_visit_to: datetime | None = None,
    client_key: str = "",
    now: datetime | None = None,
) -> ServiceRequest:
    """Record a request. `entered_by` is set when staff record it for a resident (phone, front
    desk, walk-in, paper): the timeline says who typed it and from which channel. `client_key`
    is the client's idempotency key (see `request_submit_by`), unique among requests."""
    now = now or timezone.now()
    _check_requester(estate=estate, requester=requester, requester_person=requester_person)
    if requester is None and requester_person is not None and requester_person.user is not None:
        # recorded by staff for a resident who has an account: they follow, rate and reopen it
        requester = requester_person.user
    _places_in(estate, unit=unit, common_area=common_area)
    if (unit is None) == (common_area is None):
        raise InvalidPlace(fields={"place": [InvalidPlace.default_detail]})
    _check_visit(kind=kind, start=preferred_visit_from, end=preferred_visit_to, now=now)
    check_uploads(uploads or [])
    _check_limits(
        estate=estate,
        requester=requester,
        category=category,
        description=description,
        unit=unit,
        common_area=common_area,
        now=now,
    )
    request = ServiceRequest.objects.create(
        estate=estate,
        number=_next_number(estate),
        kind=kind,
        category=category,
        urgency=urgency,
        unit=unit,
        common_area=common_area,
        is_public=is_public or common_area is not None,
        description=description.strip(),
        channel=channel,
        requester=requester,
        requester_person=requester_person,
        contact_name=contact_name,
        contact_phone=contact_phone,
        entered_by=entered_by,
        preferred_visit_from=preferred_visit_from,
        preferred_visit_to=preferred_visit_to,
        client_key=client_key,
    )
    ServiceRequest.objects.filter(pk=request.pk).update(created_at=now)
    request.created_at = now
    event = RequestEvent.objects.create(
        request=request,
        at=now,
        actor=entered_by or requester,
        action="submit",
        to_status=request.status,
        channel=channel,
        data={"entered_by": entered_by.email if entered_by else None},
    )
    attachments_save(
        request=request, uploads=uploads or [], by=entered_by or requester, event=event
    )
    clocks_start(request=request, now=now)
    if auto_dispatch(request=request) is not None:
        RequestEvent.objects.create(
            request=request,
            at=now,
            action="dispatch",
            channel=Channel.SYSTEM,
            data={
                "assignee": request.assignee.email if request.assignee else None,
                "group": request.group.name if request.group else None,
            },
        )
        tell_assignee(request, "dispatch")
    return request


def request_submitted_with_key(*, user: User, client_key: str) -> ServiceRequest | None:
    """The request `user` already submitted with this idempotency key (a retry of a submit that
    was saved, though its answer never reached the client), or None. A key another user's
    request holds is a conflict, never that request."""
    if not client_key:
        return None
    found = ServiceRequest.objects.filter(client_key=client_key).first()
    if found is None:
        return None
    submitter = found.entered_by_id or found.requester_id
    if submitter != user.pk:
        raise ClientKeyReused()
    return found


def _places_in(estate: Estate, **places: Unit | CommonArea | None) -> None:
    """A unit or common area of another estate is that field's error, checked before anything
    else about the place: a request is never filed without the place it named."""
    for field, place in places.items():
        if place is not None and place.estate_id != estate.pk:
            raise InvalidPlace(fields={field: [InvalidPlace.default_detail]})


def request_submit_by(*, user: User, estate: Estate, **fields: Any) -> ServiceRequest:
    """Intake as `user`. Staff of the estate record for residents (any channel, `entered_by`
    set, the resident named in `requester` / `requester_person`); everyone else reports for
    themselves, online, about their own unit or a common area. With a `client_key` the
    caller has checked `request_submitted_with_key` first; two submits racing with one key
    meet the unique constraint (ClientKeyReused, 409)."""
    scope = scope_for(user=user)
    staff = COMPLAINTS_HANDLE in user_capabilities(user=user, host_kind="firm")
    if staff and scope.sees_estate_in_full(estate.pk):
        return request_submit(estate=estate, entered_by=user, **fields)
    unit = fields.get("unit")
    _places_in(estate, unit=unit, common_area=fields.get("common_area"))
    if unit is not None and unit.pk not in scope.unit_ids:
        raise NotYourUnit(fields={"unit": [NotYourUnit.default_detail]})
    if fields.get("channel") not in RESIDENT_CHANNELS:
        raise ResidentChannel(fields={"channel": [ResidentChannel.default_detail]})
    fields.update(requester=user, requester_person=None)
    return request_submit(estate=estate, **fields)
