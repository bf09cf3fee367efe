"""Inspection rounds on site. Every write from the device carries the device's idempotency
key: a resend (the network came back) finds its key and changes nothing. Submitting locks the
round, its answers and photos (PostgreSQL refuses any later UPDATE or DELETE) and opens a
rectification for each failed item."""

from __future__ import annotations

from datetime import datetime

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from committee.selectors import is_supervisor
from core.exceptions import ValidationFailed
from estates.models import Estate
from notices.choices import Kind as NoticeKind
from notices.services import notice_post_system

from ..choices import Result, RoundStatus
from ..exceptions import (
    AlreadyPublished,
    ItemNotInRound,
    KeyReused,
    NotSupervisor,
    RoundIncomplete,
    RoundNotSubmitted,
    RoundSubmitted,
    TemplateNotFound,
)
from ..models import (
    Addendum,
    Answer,
    ClientWrite,
    Publication,
    Round,
    RoundPhoto,
    Schedule,
    Template,
    TemplateItem,
)
from ..policies import ItemState, round_gaps
from ..uploads import Upload, check_photo
from .rectifications import rectification_open


def _supervise(user: User, estate_id: int) -> None:
    if not is_supervisor(user, estate_id):
        raise NotSupervisor()


def _key(key: str) -> str:
    key = key.strip()
    if not 8 <= len(key) <= 64:
        raise ValidationFailed(fields={"key": [_("幂等键须为 8–64 个字符。")]})
    return key


@transaction.atomic
def round_start(
    *,
    user: User,
    estate: Estate,
    template_id: int,
    key: str,
    area: str = "",
    schedule_id: int | None = None,
    now: datetime | None = None,
) -> tuple[Round, bool]:
    """A round with the template's current version; (round, created). The same key again
    returns the same round."""
    _supervise(user, estate.pk)
    key = _key(key)
    existing = Round.objects.filter(key=key).first()
    if existing is not None:
        if existing.estate_id != estate.pk or existing.started_by_id != user.pk:
            raise KeyReused()
        return existing, False
    template = Template.objects.filter(pk=template_id, estate_id=estate.pk).first()
    if template is None:
        raise TemplateNotFound(fields={"template": [_("该小区没有这个模板。")]})
    schedule = None
    if schedule_id is not None:
        schedule = Schedule.objects.filter(pk=schedule_id, estate_id=estate.pk).first()
        if schedule is None:
            raise ValidationFailed(fields={"schedule": [_("该小区没有这个巡查计划。")]})
    version = template.versions.order_by("-number").first()
    assert version is not None
    created = Round.objects.create(
        estate=estate,
        version=version,
        service_line=template.service_line,
        schedule=schedule,
        area=area.strip()[:100],
        key=key,
        started_by=user,
        started_at=now or timezone.now(),
    )
    return created, True


def _open_round(user: User, round_: Round) -> Round:
    _supervise(user, round_.estate_id)
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if locked.status == RoundStatus.SUBMITTED:
        raise RoundSubmitted()
    return locked


def _item(round_: Round, item_id: int) -> TemplateItem:
    item = TemplateItem.objects.filter(pk=item_id, version_id=round_.version_id).first()
    if item is None:
        raise ItemNotInRound(fields={"item": [_("该检查项不属于本次巡查的模板。")]})
    return item


@transaction.atomic
def answer_record(
    *,
    user: User,
    round: Round,
    item_id: int,
    result: str,
    key: str,
    note: str = "",
    area: str = "",
    now: datetime | None = None,
) -> Answer:
    """Pass / fail / not applicable for one item (the latest write per item wins while the round
    is open). A key already seen returns the answer it wrote and changes nothing."""
    _supervise(user, round.estate_id)
    key = _key(key)
    seen = ClientWrite.objects.filter(key=key).select_related("answer").first()
    if seen is not None:
        if seen.round_id != round.pk:
            raise KeyReused()
        return seen.answer
    locked = _open_round(user, round)
    item = _item(locked, item_id)
    now = now or timezone.now()
    answer, _created = Answer.objects.update_or_create(
        round=locked,
        item=item,
        defaults={
            "estate_id": locked.estate_id,
            "service_line": locked.service_line,
            "result": result,
            "note": note.strip()[:1000],
            "area": (area.strip() or locked.area)[:100],
            "answered_by": user,
            "answered_at": now,
        },
    )
    ClientWrite.objects.create(key=key, round=locked, answer=answer, at=now)
    return answer


@transaction.atomic
def photo_add(
    *,
    user: User,
    round: Round,
    item_id: int,
    upload: Upload,
    key: str,
    now: datetime | None = None,
) -> tuple[RoundPhoto, bool]:
    """A photo for one item; (photo, created). A key already seen returns that photo."""
    _supervise(user, round.estate_id)
    key = _key(key)
    seen = RoundPhoto.objects.filter(key=key).first()
    if seen is not None:
        if seen.round_id != round.pk:
            raise KeyReused()
        return seen, False
    locked = _open_round(user, round)
    item = _item(locked, item_id)
    content_type = check_photo(upload)
    photo = RoundPhoto(
        round=locked,
        item=item,
        content_type=content_type,
        key=key,
        taken_by=user,
        taken_at=now or timezone.now(),
    )
    photo.file.save(upload.name or "photo", ContentFile(upload.data), save=False)
    try:
        with transaction.atomic():
            photo.save()
    except IntegrityError:  # the same key raced in: the first one stands
        return RoundPhoto.objects.get(key=key), False
    return photo, True


@transaction.atomic
def round_submit(
    *,
    user: User,
    round: Round,
    now: datetime | None = None,
) -> Round:
    """Lock the round and open a rectification for each failed item. Submitting a submitted
    round again (a resend) returns it unchanged."""
    _supervise(user, round.estate_id)
    locked = Round.objects.select_for_update().get(pk=round.pk)
    if locked.status == RoundStatus.SUBMITTED:
        return locked
    now = now or timezone.now()
    items = list(TemplateItem.objects.filter(version_id=locked.version_id))
    answers = {a.item_id: a for a in Answer.objects.filter(round=locked)}
    photos: dict[int, int] = {}
    for item_id in RoundPhoto.objects.filter(round=locked).values_list("item_id", flat=True):
        photos[item_id] = photos.get(item_id, 0) + 1
    gaps = round_gaps(
        ItemState(
            item_id=i.pk,
            photo_required=i.photo_required,
            result=answers[i.pk].result if i.pk in answers else None,
            photos=photos.get(i.pk, 0),
        )
        for i in items
    )
    if gaps:
        messages = {
            "unanswered": _("未作答。"),
            "photo_required": _("此项须拍照。"),
        }
        raise RoundIncomplete(
            fields={f"items.{k}": [messages[v[0]]] for k, v in gaps.items()},
            extra={"items": {k: v[0] for k, v in gaps.items()}},
        )
    held_on = timezone.localdate(now)
    Answer.objects.filter(round=locked).update(locked=True, held_on=held_on)
    RoundPhoto.objects.filter(round=locked).update(locked=True)
    locked.status = RoundStatus.SUBMITTED
    locked.submitted_at = now
    locked.held_on = held_on
    locked.save(update_fields=["status", "submitted_at", "held_on"])
    by_item = {i.pk: i for i in items}
    for answer in sorted(answers.values(), key=lambda a: by_item[a.item_id].position):
        if answer.result == Result.FAIL:
            rectification_open(
                round=locked, answer=answer, item=by_item[answer.item_id], by=user, now=now
            )
    return locked


@transaction.atomic
def addendum_add(
    *,
    user: User,
    round: Round,
    text: str,
    now: datetime | None = None,
) -> Addendum:
    """A correction or remark on a submitted round; the round itself never changes."""
    _supervise(user, round.estate_id)
    if round.status != RoundStatus.SUBMITTED:
        raise RoundNotSubmitted()
    text = text.strip()
    if not text:
        raise ValidationFailed(fields={"text": [_("请填写补充说明。")]})
    return Addendum.objects.create(
        round=round, text=text[:2000], written_by=user, written_at=now or timezone.now()
    )


@transaction.atomic
def round_publish(
    *,
    user: User,
    round: Round,
    now: datetime | None = None,
) -> Publication:
    """Publish a submitted round's report to the estate's residents."""
    _supervise(user, round.estate_id)
    if round.status != RoundStatus.SUBMITTED:
        raise RoundNotSubmitted()
    if Publication.objects.filter(round=round).exists():
        raise AlreadyPublished()
    publication = Publication.objects.create(
        round=round, published_by=user, published_at=now or timezone.now()
    )
    # on the estate's board; publishing tells no one else, so the notice tells the residents
    day = round.held_on or timezone.localdate(publication.published_at)
    notice_post_system(
        estate_id=round.estate_id,
        kind=NoticeKind.INSPECTION,
        source=f"supervision.round:{round.pk}",
        title=format_lazy(
            gettext_lazy("业委会巡查报告已公布：{line}（{day}）"),
            line=round.get_service_line_display(),
            day=f"{day:%Y-%m-%d}",
        ),
        body=gettext_lazy("业委会公布了这次巡查的结果，可查看各检查项和整改情况。"),
        link=f"/supervision/rounds/{round.pk}",
        now=publication.published_at,
        notify_residents=True,
    )
    return publication
