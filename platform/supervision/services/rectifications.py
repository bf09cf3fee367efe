"""Rectifications (整改): opened for each failed item of a submitted round, with the estate's
deadline on the deadlines engine. The firm answers (plan + before/after photos) — the clock
pauses while the committee looks; only a supervisor verifies (closes) or rejects (reopens,
the clock runs again). Every step is an append-only event; the state is derived from them."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from committee.selectors import confirmed_seats, is_supervisor
from core.exceptions import ValidationFailed
from deadlines.services import clock_pause, clock_resume, clock_start, clock_stop
from estates.models import Estate
from estates.settings import EstateSettings
from notifications.choices import NotificationKind
from notifications.services import notify

from ..choices import EventKind, PhotoStage, RectificationStatus
from ..exceptions import (
    AlreadyAnswered,
    InvalidAssignee,
    KeyReused,
    NotAnswered,
    NotResponsible,
    NotSupervisor,
    RectificationClosed,
)
from ..models import (
    Answer,
    EvidencePhoto,
    Rectification,
    RectificationClock,
    RectificationEvent,
    Round,
    TemplateItem,
)
from ..policies import status_from_events
from ..selectors import area_manager, estate_managers, responds_for
from ..uploads import Upload, check_photo

MAX_PHOTOS = 9


def _yellow(estate_id: int) -> float:
    estate = Estate.objects.get(pk=estate_id)
    return EstateSettings.from_estate(estate).escalation.yellow_at


def _sync(rectification: Rectification, clock: RectificationClock) -> None:
    """The board reads the deadline from the rectification row."""
    if clock.due_at is not None:
        rectification.due_at = clock.due_at
    rectification.yellow_at = clock.yellow_at


def _event(
    rectification: Rectification,
    kind: str,
    by: User,
    now: datetime,
    *,
    text: str = "",
    key: str | None = None,
    assignee: User | None = None,
) -> RectificationEvent:
    event = RectificationEvent.objects.create(
        rectification=rectification,
        kind=kind,
        text=text,
        key=key,
        assignee=assignee,
        written_by=by,
        written_at=now,
    )
    kinds = list(rectification.events.order_by("written_at", "id").values_list("kind", flat=True))
    rectification.status = status_from_events(kinds)
    return event


def rectification_open(
    *,
    round: Round,
    answer: Answer,
    item: TemplateItem,
    by: User,
    now: datetime,
) -> Rectification:
    """Called by round_submit inside its transaction."""
    estate = Estate.objects.get(pk=round.estate_id)
    settings = EstateSettings.from_estate(estate)
    managers = estate_managers(estate_id=estate.pk)
    budget = settings.rectification_days * 86400
    responsible = area_manager(estate_id=estate.pk, area=answer.area, managers=managers)
    rectification = Rectification.objects.create(
        estate=estate,
        round=round,
        answer=answer,
        service_line=round.service_line,
        title=item.title,
        area=answer.area,
        assignee=responsible or (managers[0] if managers else None),
        opened_by=by,
        opened_at=now,
        opened_on=timezone.localdate(now),
        due_at=now + timedelta(seconds=budget),
    )
    clock = RectificationClock(rectification=rectification, budget_seconds=0, started_at=now)
    clock_start(clock=clock, budget_seconds=budget, now=now, yellow=settings.escalation.yellow_at)
    _sync(rectification, clock)
    _event(
        rectification, EventKind.OPENED, by, now, text=answer.note, assignee=rectification.assignee
    )
    rectification.save(update_fields=["due_at", "yellow_at", "status"])
    if rectification.assignee is not None:
        notify(
            users=[rectification.assignee],
            kind=NotificationKind.SUPERVISION_RECTIFICATION,
            title=gettext_lazy("业委会巡查发现问题，需要整改"),
            body=item.title,
            link=f"/supervision/rectifications/{rectification.pk}",
            dedupe_key=f"supervision:opened:{rectification.pk}",
        )
    return rectification


def _lock(rectification: Rectification) -> Rectification:
    locked = Rectification.objects.select_for_update().get(pk=rectification.pk)
    if locked.status == RectificationStatus.VERIFIED:
        raise RectificationClosed()
    return locked


def _clock(rectification: Rectification) -> RectificationClock:
    return RectificationClock.objects.select_for_update().get(
        rectification=rectification, name="fix"
    )


def _supervisors(estate_id: int) -> list[User]:
    return [s.user for s in confirmed_seats().filter(estate_id=estate_id).select_related("user")]


@transaction.atomic
def rectification_answer(
    *,
    user: User,
    rectification: Rectification,
    plan: str,
    before: list[Upload] | None = None,
    after: list[Upload] | None = None,
    key: str | None = None,
    now: datetime | None = None,
) -> RectificationEvent:
    """The firm's answer: the plan (or what was done) with before/after photos."""
    if not responds_for(user=user, estate_id=rectification.estate_id):
        raise NotResponsible()
    if key:
        seen = RectificationEvent.objects.filter(key=key).first()
        if seen is not None:
            if seen.rectification_id != rectification.pk:
                raise KeyReused()
            return seen
    plan = plan.strip()
    if not plan:
        raise ValidationFailed(fields={"plan": [_("请填写整改方案或结果。")]})
    photos = [(PhotoStage.BEFORE, u) for u in before or []] + [
        (PhotoStage.AFTER, u) for u in after or []
    ]
    if len(photos) > MAX_PHOTOS:
        raise ValidationFailed(fields={"after": [_("照片不能超过 %(n)d 张。") % {"n": MAX_PHOTOS}]})
    checked = [(stage, u, check_photo(u, field=str(stage))) for stage, u in photos]
    locked = _lock(rectification)
    if locked.status == RectificationStatus.ANSWERED:
        raise AlreadyAnswered()
    now = now or timezone.now()
    event = _event(locked, EventKind.ANSWER, user, now, text=plan[:2000], key=key or None)
    for stage, upload, content_type in checked:
        photo = EvidencePhoto(
            event=event, stage=stage, content_type=content_type, written_by=user, written_at=now
        )
        photo.file.save(upload.name or "photo", ContentFile(upload.data), save=False)
        photo.save()
    clock = _clock(locked)
    if clock.paused_at is None and clock.stopped_at is None:
        clock_pause(clock=clock, now=now, yellow=_yellow(locked.estate_id))
    _sync(locked, clock)
    locked.save(update_fields=["status", "yellow_at"])
    notify(
        users=_supervisors(locked.estate_id),
        kind=NotificationKind.SUPERVISION_ANSWERED,
        title=gettext_lazy("物业已答复整改，请验收"),
        body=locked.title,
        link=f"/supervision/rectifications/{locked.pk}",
        dedupe_key=f"supervision:answered:{event.pk}",
    )
    return event


@transaction.atomic
def rectification_verify(
    *, user: User, rectification: Rectification, note: str = "", now: datetime | None = None
) -> RectificationEvent:
    """Only a supervisor closes a rectification, and only after the firm answered."""
    if not is_supervisor(user, rectification.estate_id):
        raise NotSupervisor()
    locked = _lock(rectification)
    if locked.status != RectificationStatus.ANSWERED:
        raise NotAnswered()
    now = now or timezone.now()
    clock = _clock(locked)
    used = (clock.paused_at or now) - clock.started_at
    on_time = used.total_seconds() - clock.paused_seconds <= clock.budget_seconds
    clock_stop(clock=clock, now=now, yellow=_yellow(locked.estate_id))
    locked.yellow_at = None  # the deadline shown stays the one the firm worked to
    event = _event(locked, EventKind.VERIFY, user, now, text=note.strip()[:2000])
    locked.verified_at = now
    locked.verified_on_time = on_time
    locked.save(update_fields=["status", "yellow_at", "verified_at", "verified_on_time"])
    return event


@transaction.atomic
def rectification_reject(
    *, user: User, rectification: Rectification, reason: str, now: datetime | None = None
) -> RectificationEvent:
    """The committee sends the answer back with a reason; the firm's clock runs again."""
    if not is_supervisor(user, rectification.estate_id):
        raise NotSupervisor()
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(fields={"reason": [_("请填写不通过的原因。")]})
    locked = _lock(rectification)
    if locked.status != RectificationStatus.ANSWERED:
        raise NotAnswered()
    now = now or timezone.now()
    clock = _clock(locked)
    if clock.paused_at is not None:
        clock_resume(clock=clock, now=now, yellow=_yellow(locked.estate_id))
    _sync(locked, clock)
    event = _event(locked, EventKind.REJECT, user, now, text=reason[:2000])
    locked.save(update_fields=["status", "due_at", "yellow_at"])
    if locked.assignee is not None:
        notify(
            users=[locked.assignee],
            kind=NotificationKind.SUPERVISION_REJECTED,
            title=gettext_lazy("整改验收未通过"),
            body=reason[:200],
            link=f"/supervision/rectifications/{locked.pk}",
            dedupe_key=f"supervision:rejected:{event.pk}",
        )
    return event


@transaction.atomic
def rectification_reassign(
    *, user: User, rectification: Rectification, assignee_id: int, now: datetime | None = None
) -> RectificationEvent:
    """The firm hands the rectification to another manager of the same estate."""
    if not responds_for(user=user, estate_id=rectification.estate_id):
        raise NotResponsible()
    managers = {m.pk: m for m in estate_managers(estate_id=rectification.estate_id)}
    if assignee_id not in managers:
        raise InvalidAssignee(fields={"assignee": [_("只能指派给该小区的项目经理。")]})
    locked = _lock(rectification)
    now = now or timezone.now()
    locked.assignee = managers[assignee_id]
    event = _event(locked, EventKind.REASSIGN, user, now, assignee=locked.assignee)
    locked.save(update_fields=["assignee", "status"])
    return event
