"""The deliberation hall (议事厅): residents and the committee raise topics, others support them,
enough support puts a topic on the committee's agenda; the committee merges duplicates, hides
abuse with a reason the author sees, and ends every topic with a public answer."""

from __future__ import annotations

from datetime import datetime

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from committee.selectors import estate_seen_by
from complaints.models import HotTopic
from core.exceptions import constraint_name
from estates.models import Estate
from supervision.exceptions import UploadRejected
from supervision.uploads import Upload, check_photo

from .. import selectors
from ..choices import TOPIC_FINAL, TopicStatus
from ..exceptions import (
    AlreadySupported,
    NotEstateOwner,
    TopicClosed,
    TopicInvalid,
)
from ..models import Topic, TopicHall, TopicPhoto, TopicSupport, Vote
from ..policies import (
    TOPIC_SUPPORT_MAX,
    TOPIC_SUPPORT_MIN,
    reaches_agenda,
)
from .common import _committee, _now

TOPIC_TITLE_MAX = 100
TOPIC_BODY_MAX = 2000
ANSWER_MAX = 2000
TOPIC_PHOTOS_MAX = 9
OUTCOMES = (TopicStatus.ADOPTED, TopicStatus.ANSWERED, TopicStatus.DECLINED)


def _resident_side(user: User, estate_id: int) -> None:
    """Residents of the estate and its committee speak in the hall; the firm does not."""
    if selectors.is_firm_side(user) or estate_seen_by(user=user, pk=estate_id) is None:
        raise NotEstateOwner()


@transaction.atomic
def topic_raise(
    *,
    user: User,
    estate: Estate,
    title: str,
    body: str = "",
    photos: list[Upload] | None = None,
    now: datetime | None = None,
) -> Topic:
    """A resident or committee member raises a topic, with up to 9 photos (JPG/PNG/WEBP by
    their bytes); a refused photo refuses the whole topic."""
    _resident_side(user, estate.pk)
    title, body = title.strip(), body.strip()
    photos = photos or []
    errors = {}
    if not title or len(title) > TOPIC_TITLE_MAX:
        errors["title"] = [_("请填写议题，不超过 100 字。")]
    if len(body) > TOPIC_BODY_MAX:
        errors["body"] = [_("说明不超过 2000 字。")]
    if errors:
        raise TopicInvalid(fields=errors)
    if len(photos) > TOPIC_PHOTOS_MAX:
        raise UploadRejected(
            fields={"photos": [_("最多 %(count)s 张照片。") % {"count": TOPIC_PHOTOS_MAX}]}
        )
    kinds = [check_photo(p, field="photos") for p in photos]
    at = _now(now)
    topic = Topic.objects.create(estate=estate, title=title, body=body, author=user, created_at=at)
    for upload, kind in zip(photos, kinds, strict=True):
        photo = TopicPhoto(topic=topic, content_type=kind, size=len(upload.data), created_at=at)
        photo.file.save(upload.name, ContentFile(upload.data), save=False)
        photo.save()
    return topic


@transaction.atomic
def topic_threshold_set(
    *, user: User, estate: Estate, threshold: int, now: datetime | None = None
) -> TopicHall:
    """A committee member of the estate sets the support that puts a topic on the agenda (from
    then on: topics already on the agenda stay there). The firm cannot."""
    _committee(user, estate.pk)
    if not TOPIC_SUPPORT_MIN <= threshold <= TOPIC_SUPPORT_MAX:
        raise TopicInvalid(
            fields={
                "threshold": [
                    _("支持人数须在 %(low)s 到 %(high)s 之间。")
                    % {"low": TOPIC_SUPPORT_MIN, "high": TOPIC_SUPPORT_MAX}
                ]
            }
        )
    hall, _created = TopicHall.objects.update_or_create(
        estate=estate,
        defaults={"support_threshold": threshold, "set_by": user, "set_at": _now(now)},
    )
    return hall


def topic_support(*, user: User, topic: Topic, now: datetime | None = None) -> Topic:
    """One support per account; the author's own topic needs others' support."""
    try:
        with transaction.atomic():
            return _support(user, topic, _now(now))
    except IntegrityError as exc:
        if constraint_name(exc) == "votes_topic_support_once":
            raise AlreadySupported() from exc
        raise


def _support(user: User, topic: Topic, at: datetime) -> Topic:
    _resident_side(user, topic.estate_id)
    locked = Topic.objects.select_for_update().get(pk=topic.pk)
    if locked.status not in (TopicStatus.OPEN, TopicStatus.AGENDA):
        raise TopicClosed()
    if locked.author_id == user.pk:
        raise TopicInvalid(fields={"topic": [_("不能支持自己发起的议题。")]})
    if TopicSupport.objects.filter(topic=locked, user=user).exists():
        raise AlreadySupported()
    TopicSupport.objects.create(topic=locked, user=user, at=at)
    Topic.objects.filter(pk=locked.pk).update(support_count=F("support_count") + 1)
    locked.refresh_from_db()
    threshold = selectors.agenda_threshold(estate_id=locked.estate_id)
    if locked.status == TopicStatus.OPEN and reaches_agenda(
        supports=locked.support_count, threshold=threshold
    ):
        locked.status = TopicStatus.AGENDA
        locked.agenda_at = at
        locked.save(update_fields=["status", "agenda_at"])
    return locked


def _open_topic(user: User, topic: Topic) -> Topic:
    _committee(user, topic.estate_id)
    locked = Topic.objects.select_for_update().get(pk=topic.pk)
    if locked.status in TOPIC_FINAL:
        raise TopicClosed()
    return locked


@transaction.atomic
def topic_answer(
    *,
    user: User,
    topic: Topic,
    outcome: str,
    answer: str,
    vote_id: int | None = None,
    now: datetime | None = None,
) -> Topic:
    """The committee's public answer: adopted (optionally put to a vote of the estate),
    answered, or declined (with reasons)."""
    locked = _open_topic(user, topic)
    answer = answer.strip()
    errors = {}
    if outcome not in OUTCOMES:
        errors["outcome"] = [_("请选择答复结果。")]
    if not answer or len(answer) > ANSWER_MAX:
        errors["answer"] = [_("请填写答复，不超过 2000 字。")]
    vote = None
    if vote_id is not None:
        if outcome != TopicStatus.ADOPTED:
            errors["vote"] = [_("只有采纳的议题才交付表决。")]
        else:
            vote = Vote.objects.filter(pk=vote_id, estate_id=locked.estate_id).first()
            if vote is None:
                errors["vote"] = [_("表决须属于本小区。")]
    if errors:
        raise TopicInvalid(fields=errors)
    locked.status = outcome
    locked.answer = answer
    locked.vote = vote
    locked.answered_by = user
    locked.answered_at = _now(now)
    locked.save(update_fields=["status", "answer", "vote", "answered_by", "answered_at"])
    return locked


@transaction.atomic
def topic_put_to_vote(
    *, user: User, topic_id: int, vote: Vote, now: datetime | None = None
) -> Topic:
    """The committee drafts a vote from an open or agenda topic of the vote's estate: the topic
    is answered adopted and linked to the vote, its public answer saying so (in Chinese, like
    anything written in the hall). Called by lifecycle.vote_create in the same transaction."""
    _committee(user, vote.estate_id)
    topic = Topic.objects.filter(pk=topic_id, estate_id=vote.estate_id).first()
    if topic is None:
        raise TopicInvalid(fields={"topic": [_("请选择本小区的议题。")]})
    locked = _open_topic(user, topic)
    with translation.override("zh-hans"):
        answer = _("采纳，交付业主大会表决：%(title)s") % {"title": vote.title}
    locked.status = TopicStatus.ADOPTED
    locked.answer = answer[:ANSWER_MAX]
    locked.vote = vote
    locked.answered_by = user
    locked.answered_at = _now(now)
    locked.save(update_fields=["status", "answer", "vote", "answered_by", "answered_at"])
    return locked


@transaction.atomic
def topic_hide(*, user: User, topic: Topic, reason: str, now: datetime | None = None) -> Topic:
    """The committee hides an abusive topic; the reason is recorded and shown to the author."""
    locked = _open_topic(user, topic)
    reason = reason.strip()
    if not reason or len(reason) > ANSWER_MAX:
        raise TopicInvalid(fields={"reason": [_("请说明屏蔽的理由。")]})
    locked.status = TopicStatus.HIDDEN
    locked.answer = reason
    locked.answered_by = user
    locked.answered_at = _now(now)
    locked.save(update_fields=["status", "answer", "answered_by", "answered_at"])
    return locked


@transaction.atomic
def topic_merge(*, user: User, topic: Topic, into_id: int, now: datetime | None = None) -> Topic:
    """The committee merges a duplicate into another open topic of the estate."""
    locked = _open_topic(user, topic)
    into = Topic.objects.filter(pk=into_id, estate_id=locked.estate_id).first()
    if into is None or into.pk == locked.pk or into.status in TOPIC_FINAL:
        raise TopicInvalid(fields={"into": [_("请选择本小区另一个未结束的议题。")]})
    locked.status = TopicStatus.MERGED
    locked.merged_into = into
    locked.answer = _("与“%(title)s”重复，已合并。") % {"title": into.title}
    locked.answered_by = user
    locked.answered_at = _now(now)
    locked.save(update_fields=["status", "merged_into", "answer", "answered_by", "answered_at"])
    return locked


def topic_from_hot_topic(*, hot: HotTopic, by: User, now: datetime | None = None) -> Topic:
    """A hot topic the committee accepted goes on the hall's agenda at once, linked to it (and
    so to its requests), in the accepting member's name. Its text is written in Chinese, like
    anything residents write in the hall; called by complaints.hot_topics.hot_topic_accept in
    the same transaction."""
    _committee(by, hot.estate_id)
    at = _now(now)
    numbers = list(hot.requests.order_by("number").values_list("number", flat=True))
    with translation.override("zh-hans"):
        title = _("%(category)s：%(keywords)s") % {
            "category": hot.get_category_display(),
            "keywords": "、".join(hot.keywords[:4]),
        }
        body = _(
            "由 %(count)d 件相似的投诉和报修汇总而来（热点议题），业委会采纳后列入议程：%(numbers)s"
        ) % {
            "count": len(numbers),
            "numbers": "、".join(numbers),
        }
    return Topic.objects.create(
        estate_id=hot.estate_id,
        title=title[:TOPIC_TITLE_MAX],
        body=body[:TOPIC_BODY_MAX],
        author=by,
        created_at=at,
        status=TopicStatus.AGENDA,
        agenda_at=at,
        hot_topic=hot,
    )
