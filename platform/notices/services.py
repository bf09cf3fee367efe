"""Writes of notices: publish (and notify the estate's residents), post a system notice when a
statement, score, inspection report or vote result is published, edit a firm notice, retract
one's own side's notice, and record that a person read a notice."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.exceptions import Message
from estates.models import Estate
from notifications.choices import NotificationKind
from notifications.services import notify

from .choices import MANUAL_KINDS, SYSTEM_KINDS, Kind, Side
from .exceptions import NotAPublisher, NoticeInvalid, NoticeRetracted, NotTheAuthorSide
from .models import Notice, Read, Retraction
from .selectors import residents_of, side_of

TITLE_MAX = 100
BODY_MAX = 5000


def _check(
    title: str, body: str, expires_on: date | None, today: date, kind: str = Kind.GENERAL
) -> tuple[str, str]:
    fields: dict[str, list[Message]] = {}
    title, body = title.strip(), body.strip()
    if kind not in MANUAL_KINDS:
        fields["kind"] = [_("请选择公告类型（通知、停水停电、施工维修、会议）。")]
    if not title or len(title) > TITLE_MAX:
        fields["title"] = [_("标题不能为空，且不超过 100 字。")]
    if not body or len(body) > BODY_MAX:
        fields["body"] = [_("正文不能为空，且不超过 5000 字。")]
    if expires_on is not None and expires_on < today:
        fields["expires_on"] = [_("到期日期不能早于今天。")]
    if fields:
        raise NoticeInvalid(fields=fields)
    return title, body


@transaction.atomic
def notice_publish(
    *,
    user: User,
    estate: Estate,
    title: str,
    body: str,
    kind: str = Kind.GENERAL,
    pinned: bool = False,
    expires_on: date | None = None,
    now: datetime | None = None,
) -> Notice:
    side = side_of(user=user, estate_id=estate.pk)
    if side is None:
        raise NotAPublisher()
    now = now or timezone.now()
    title, body = _check(title, body, expires_on, timezone.localdate(now), kind)
    notice = Notice.objects.create(
        estate=estate,
        side=side,
        kind=kind,
        title=title,
        body=body,
        pinned=pinned,
        expires_on=expires_on,
        author=user,
        published_at=now,
    )
    prefix = _("业委会公告") if side == Side.COMMITTEE else _("物业公告")
    notify(
        users=[u for u in residents_of(estate_id=estate.pk) if u.pk != user.pk],
        kind=NotificationKind.NOTICE_PUBLISHED,
        title=format_lazy(_("{prefix}：{title}"), prefix=prefix, title=title),
        link=f"/notices?estate={estate.pk}&notice={notice.pk}",
        dedupe_key=f"notice.published:{notice.pk}",
    )
    return notice


def notice_post_system(
    *,
    estate_id: int,
    kind: str,
    source: str,
    title: str | Promise,
    body: str | Promise,
    link: str,
    now: datetime,
    notify_residents: bool,
) -> Notice:
    """The system's notice that something was published (`source`, e.g.
    "disclosure.statement:12"), in the caller's transaction; once per source (a second call
    returns the first notice). Its title and body are stored as published, in the default
    language (Chinese), like every published text. `notify_residents` is False where the source
    already tells the residents itself: they are told once, not twice."""
    if kind not in SYSTEM_KINDS:
        raise ValueError(f"not a system kind: {kind}")
    existing = Notice.objects.filter(source=source).first()
    if existing is not None:
        return existing
    with translation.override(settings.LANGUAGE_CODE):
        worded_title, worded_body = str(title)[:TITLE_MAX], str(body)[:BODY_MAX]
    notice = Notice.objects.create(
        estate_id=estate_id,
        side=Side.SYSTEM,
        kind=kind,
        title=worded_title,
        body=worded_body,
        author=None,
        source=source,
        link=link,
        published_at=now,
    )
    if notify_residents:
        notify(
            users=residents_of(estate_id=estate_id),
            kind=NotificationKind.NOTICE_PUBLISHED,
            title=format_lazy(_("{prefix}：{title}"), prefix=_("系统公告"), title=title),
            link=f"/notices?estate={estate_id}&notice={notice.pk}",
            dedupe_key=f"notice.published:{notice.pk}",
        )
    return notice


def _own_side(user: User, notice: Notice) -> None:
    if side_of(user=user, estate_id=notice.estate_id) != notice.side:
        raise NotTheAuthorSide()
    if Retraction.objects.filter(notice_id=notice.pk).exists():
        raise NoticeRetracted()


@transaction.atomic
def notice_edit(
    *,
    user: User,
    notice: Notice,
    title: str | None = None,
    body: str | None = None,
    kind: str | None = None,
    pinned: bool | None = None,
    expires_on: date | None = None,
    clear_expiry: bool = False,
    now: datetime | None = None,
) -> Notice:
    """The firm side edits its own notice; a committee notice never changes (also refused by
    PostgreSQL), so even the committee corrects by retracting and publishing again."""
    _own_side(user, notice)
    if notice.side == Side.COMMITTEE:
        raise NotTheAuthorSide()
    now = now or timezone.now()
    new_expiry = None if clear_expiry else (expires_on or notice.expires_on)
    notice.title, notice.body = _check(
        notice.title if title is None else title,
        notice.body if body is None else body,
        expires_on,  # only a new expiry is checked against today
        timezone.localdate(now),
        notice.kind if kind is None else kind,
    )
    if kind is not None:
        notice.kind = kind
    notice.expires_on = new_expiry
    if pinned is not None:
        notice.pinned = pinned
    notice.edited_at = now
    notice.save(update_fields=["title", "body", "kind", "pinned", "expires_on", "edited_at"])
    return notice


@transaction.atomic
def notice_retract(
    *, user: User, notice: Notice, reason: str, now: datetime | None = None
) -> Retraction:
    """Only the side that published a notice takes it down; the notice stays on record."""
    _own_side(user, notice)
    reason = reason.strip()
    if not reason:
        raise NoticeInvalid(fields={"reason": [_("请说明撤回的原因。")]})
    return Retraction.objects.create(
        notice=notice, by=user, at=now or timezone.now(), reason=reason[:500]
    )


def notice_read(*, user: User, notice: Notice, now: datetime | None = None) -> bool:
    """Record the read receipt once; True if this was the first read."""
    _, created = Read.objects.get_or_create(
        notice=notice, user=user, defaults={"at": now or timezone.now()}
    )
    return created
