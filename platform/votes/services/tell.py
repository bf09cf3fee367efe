"""Who hears about a vote, and when: the owners in its scope when the notice goes out, the
frozen electorate when voting opens and when the result is published (issue #15 §2: "notified
to every owner"). In-app and e-mail, once per vote and stage (the dedupe key)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from estates.models import OwnerRecord
from notices.choices import Kind as NoticeKind
from notices.services import notice_post_system
from notifications.choices import NotificationKind
from notifications.services import notify

from ..models import Elector, Result, Vote


def _link(vote: Vote) -> str:
    return f"/votes/{vote.pk}"


def owners_in_scope(vote: Vote) -> list[User]:
    """The accounts of today's owners of record of the vote's units (its buildings, or the
    whole estate): the people the notice is for, before the electorate is frozen."""
    day = timezone.localdate()
    records = OwnerRecord.objects.filter(unit__estate_id=vote.estate_id)
    if vote.building_ids:
        records = records.filter(unit__building_id__in=vote.building_ids)
    user_ids = (
        records.filter(Q(since__isnull=True) | Q(since__lte=day))
        .filter(Q(until__isnull=True) | Q(until__gte=day))
        .exclude(person__user__isnull=True)
        .values_list("person__user_id", flat=True)
    )
    return list(User.objects.filter(pk__in=set(user_ids), is_active=True))


def electors(vote: Vote) -> list[User]:
    """The accounts of the frozen electorate (each owner of each elector, co-owners included)."""
    person_ids: set[int] = set()
    for ids in Elector.objects.filter(vote=vote).values_list("person_ids", flat=True):
        person_ids.update(ids)
    return list(User.objects.filter(person__pk__in=person_ids, is_active=True))


def tell_announced(vote: Vote) -> int:
    opens = timezone.localtime(vote.opens_at).strftime("%Y-%m-%d %H:%M")
    return len(
        notify(
            users=owners_in_scope(vote),
            kind=NotificationKind.VOTE_ANNOUNCED,
            title=format_lazy(_("表决公告：{title}"), title=vote.title),
            body=opens,
            link=_link(vote),
            dedupe_key=f"votes.announced:{vote.pk}",
        )
    )


def tell_opened(vote: Vote) -> int:
    closes = timezone.localtime(vote.closes_at).strftime("%Y-%m-%d %H:%M")
    return len(
        notify(
            users=electors(vote),
            kind=NotificationKind.VOTE_OPENED,
            title=format_lazy(_("开始投票：{title}"), title=vote.title),
            body=closes,
            link=_link(vote),
            dedupe_key=f"votes.opened:{vote.pk}",
        )
    )


def _result_title(vote: Vote, result: Result) -> Any:
    outcome = _("通过") if result.passed else _("未通过")
    return format_lazy(_("表决结果：{title}（{outcome}）"), title=vote.title, outcome=outcome)


def tell_published(vote: Vote, result: Result) -> int:
    return len(
        notify(
            users=electors(vote),
            kind=NotificationKind.VOTE_PUBLISHED,
            title=_result_title(vote, result),
            link=_link(vote),
            dedupe_key=f"votes.published:{vote.pk}",
        )
    )


def post_result_notice(vote: Vote, result: Result) -> None:
    """The result on the estate's board too. The electorate was just told (tell_published), so
    the notice pings no one: the owners are told once, and everyone else reads the board."""
    notice_post_system(
        estate_id=vote.estate_id,
        kind=NoticeKind.VOTE,
        source=f"votes.result:{vote.pk}",
        title=_result_title(vote, result),
        body=_("表决已结束，结果和计票依据已公布，可查看详情并核验。"),
        link=_link(vote),
        now=result.published_at,
        notify_residents=False,
    )
