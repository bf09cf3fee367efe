"""A vote's life: draft, edit, announce (the notice period), open (the electorate frozen), close."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.exceptions import Message
from deadlines.services import due_note
from estates.models import Building, Estate, OwnerRecord, Person, Unit

from ..choices import SPECIAL_MATTERS, BallotStatus, Matter, MatterKind, VoteStatus
from ..exceptions import (
    PaperPending,
    RuleTooLoose,
    TooEarly,
    VoteInvalid,
    WrongStage,
)
from ..models import Ballot, Elector, Vote
from ..policies import (
    MIN_NOTICE_DAYS,
    Holding,
    Rule,
    Threshold,
    earliest_opening,
    electorate,
    parse_share,
    publish_due,
)
from .common import (
    BODY_MAX,
    DEVELOPER_NAME,
    NOTICE_MAX,
    OPTION_MAX,
    OPTIONS_MAX,
    OPTIONS_MIN,
    PAPER_ENTRY,
    TITLE_MAX,
    _committee,
    _locked,
    _now,
)
from .tell import tell_announced, tell_opened
from .topics import topic_put_to_vote


@dataclass(frozen=True)
class Stricter:
    """An estate's stricter thresholds (shares as text, "3/4"); None keeps the legal one."""

    turnout_area: str | None = None
    turnout_heads: str | None = None
    pass_area: str | None = None
    pass_heads: str | None = None


@dataclass(frozen=True)
class VoteInput:
    title: str
    options: list[str]
    matter: str
    opens_at: datetime
    closes_at: datetime
    body: str = ""
    secret: bool = True
    changeable: bool = True
    building_ids: tuple[int, ...] = ()
    notice_days: int = MIN_NOTICE_DAYS
    stricter: Stricter = Stricter()


def _rule(kind: str, stricter: Stricter) -> Rule:
    law = Rule.legal(kind)
    errors: dict[str, list[Message]] = {}
    picked: dict[str, Threshold] = {}
    for name in ("turnout_area", "turnout_heads", "pass_area", "pass_heads"):
        raw = getattr(stricter, name)
        legal = getattr(law, name)
        if raw is None or raw == "":
            picked[name] = legal
            continue
        share = parse_share(raw)
        if share is None:
            errors[f"rule.{name}"] = [_("请填写 0 到 1 之间的比例，例如 3/4。")]
            continue
        # the same share as the law keeps the law's sign (">" for ordinary passing)
        picked[name] = legal if share == legal.share else Threshold(share, True)
    if errors:
        raise VoteInvalid(fields=errors)
    rule = Rule(kind, **picked)
    looser = rule.check_against_law()
    if looser:
        raise RuleTooLoose(fields={f"rule.{name}": [_("不能低于法定标准。")] for name in looser})
    return rule


def _checked(estate: Estate, data: VoteInput) -> dict[str, Any]:
    errors: dict[str, list[Message]] = {}
    title, body = data.title.strip(), data.body.strip()
    if not title or len(title) > TITLE_MAX:
        errors["title"] = [_("请填写表决事项，不超过 200 字。")]
    if len(body) > BODY_MAX:
        errors["body"] = [_("说明不超过 5000 字。")]
    options = [o.strip() for o in data.options]
    if not OPTIONS_MIN <= len(options) <= OPTIONS_MAX:
        errors["options"] = [_("选项为 2 到 10 个。")]
    elif any(not o or len(o) > OPTION_MAX for o in options) or len(set(options)) != len(options):
        errors["options"] = [_("每个选项不能为空、不超过 100 字，且不能重复。")]
    if data.matter not in Matter.values:
        errors["matter"] = [_("请选择表决事项的类别。")]
    if not MIN_NOTICE_DAYS <= data.notice_days <= NOTICE_MAX:
        errors["notice_days"] = [
            _("公告期为 %(low)d 到 %(high)d 天。") % {"low": MIN_NOTICE_DAYS, "high": NOTICE_MAX}
        ]
    if data.closes_at <= data.opens_at:
        errors["closes_at"] = [_("截止时间须晚于开始时间。")]
    buildings = sorted(set(data.building_ids))
    if buildings:
        known = set(
            Building.objects.filter(estate=estate, pk__in=buildings).values_list("pk", flat=True)
        )
        if known != set(buildings):
            errors["building_ids"] = [_("楼栋须属于本小区。")]
    if errors:
        raise VoteInvalid(fields=errors)
    kind = MatterKind.SPECIAL if data.matter in SPECIAL_MATTERS else MatterKind.ORDINARY
    return {
        "title": title,
        "body": body,
        "options": options,
        "matter": data.matter,
        "kind": kind,
        "secret": data.secret,
        "changeable": data.changeable,
        "building_ids": buildings,
        "notice_days": data.notice_days,
        "opens_at": data.opens_at,
        "closes_at": data.closes_at,
        "rule": _rule(kind, data.stricter).as_json(),
    }


@transaction.atomic
def vote_create(
    *,
    user: User,
    estate: Estate,
    data: VoteInput,
    topic_id: int | None = None,
    now: datetime | None = None,
) -> Vote:
    """The committee drafts a vote; the matter decides ordinary or special (art. 278). Drafted
    from a topic of the hall (`topic_id`), the same transaction answers that topic adopted and
    put to this vote (topics.topic_put_to_vote); a topic that cannot be refuses the draft."""
    _committee(user, estate.pk)
    fields = _checked(estate, data)
    at = _now(now)
    vote = Vote.objects.create(estate=estate, created_by=user, created_at=at, **fields)
    if topic_id is not None:
        topic_put_to_vote(user=user, topic_id=topic_id, vote=vote, now=at)
    return vote


@transaction.atomic
def vote_update(*, user: User, vote: Vote, data: VoteInput) -> Vote:
    """A draft is edited whole; once announced, its terms are fixed."""
    _committee(user, vote.estate_id)
    locked = _locked(vote)
    if locked.status != VoteStatus.DRAFT:
        raise WrongStage()
    for name, value in _checked(locked.estate, data).items():
        setattr(locked, name, value)
    locked.save()
    return locked


@transaction.atomic
def vote_announce(*, user: User, vote: Vote, now: datetime | None = None) -> Vote:
    """The notice goes out: voting may open `notice_days` later at the earliest."""
    _committee(user, vote.estate_id)
    locked = _locked(vote)
    if locked.status != VoteStatus.DRAFT:
        raise WrongStage()
    at = _now(now)
    earliest = earliest_opening(announced_at=at, notice_days=locked.notice_days)
    if locked.opens_at < earliest:
        raise VoteInvalid(
            fields={
                "opens_at": [
                    _("公告后须满 %(days)d 天才能开始投票，最早 %(at)s。")
                    % {
                        "days": locked.notice_days,
                        "at": timezone.localtime(earliest).strftime("%Y-%m-%d %H:%M"),
                    }
                ]
            }
        )
    locked.status = VoteStatus.ANNOUNCED
    locked.announced_at = at
    locked.save(update_fields=["status", "announced_at"])
    due_note(at=locked.opens_at)  # voting opens by itself then (open_due)
    tell_announced(locked)
    return locked


def _holdings(vote: Vote, day: Any) -> list[Holding]:
    units = Unit.objects.filter(estate_id=vote.estate_id)
    if vote.building_ids:
        units = units.filter(building_id__in=vote.building_ids)
    owners: dict[int, set[int]] = {}
    for unit_id, person_id in (
        OwnerRecord.objects.filter(unit__in=units)
        .filter(Q(since__isnull=True) | Q(since__lte=day))
        .filter(Q(until__isnull=True) | Q(until__gte=day))
        .values_list("unit_id", "person_id")
    ):
        owners.setdefault(unit_id, set()).add(person_id)
    return [
        Holding(pk, building_id, area, frozenset(owners.get(pk, ())))
        for pk, building_id, area in units.values_list("pk", "building_id", "area")
    ]


@transaction.atomic
def vote_open(*, user: User, vote: Vote, now: datetime | None = None) -> Vote:
    """The committee opens voting at the announced time (the platform does it then if they
    have not: open_due). The electorate is frozen from the owners of record of that day."""
    _committee(user, vote.estate_id)
    locked = _locked(vote)
    at = _now(now)
    if locked.status != VoteStatus.ANNOUNCED:
        raise WrongStage()
    if at < locked.opens_at:
        raise TooEarly()
    return _open(locked, at)


def _open(locked: Vote, at: datetime) -> Vote:
    day = timezone.localdate(at)
    drafts = electorate(_holdings(locked, day))
    persons = {
        p.pk: p.full_name
        for p in Person.objects.filter(pk__in={p for d in drafts for p in d.person_ids})
    }
    labels = {
        pk: f"{b}-{n}"
        for pk, b, n in Unit.objects.filter(estate_id=locked.estate_id).values_list(
            "pk", "building__name", "number"
        )
    }
    Elector.objects.bulk_create(
        [
            Elector(
                vote=locked,
                key=d.key,
                person_ids=list(d.person_ids),
                names=("、".join(persons.get(p, "") for p in d.person_ids) or DEVELOPER_NAME)[:300],
                area=d.area,
                units=[[u, b, str(a)] for u, b, a in d.units],
                unit_labels="、".join(labels.get(u, "") for u, _b, _a in d.units)[:500],
            )
            for d in drafts
        ],
        batch_size=1000,
    )
    locked.status = VoteStatus.OPEN
    locked.opened_at = at
    locked.electorate_day = day
    locked.save(update_fields=["status", "opened_at", "electorate_day"])
    due_note(at=locked.closes_at + PAPER_ENTRY)  # closed then at the latest (close_due)
    tell_opened(locked)
    return locked


@transaction.atomic
def vote_close(*, user: User, vote: Vote, now: datetime | None = None) -> Vote:
    """The window is over: the committee closes the vote (no paper entry may be left pending).
    The platform closes it at the window's end if nothing is pending (close_due)."""
    _committee(user, vote.estate_id)
    locked = _locked(vote)
    at = _now(now)
    if locked.status != VoteStatus.OPEN:
        raise WrongStage()
    if at < locked.closes_at:
        raise TooEarly()
    if _paper_pending(locked):
        raise PaperPending()
    return _close(locked, at)


def _paper_pending(vote: Vote) -> bool:
    return Ballot.objects.filter(vote=vote, status=BallotStatus.ENTERED).exists()


def _close(locked: Vote, at: datetime) -> Vote:
    locked.status = VoteStatus.CLOSED
    locked.closed_at = at
    locked.save(update_fields=["status", "closed_at"])
    due_note(at=publish_due(closed_at=at))  # published by then at the latest
    return locked


def _each_due(status: str, when: str, upto: datetime, act: Callable[[Vote], bool]) -> int:
    """Apply `act` to each vote of `status` whose `when` is `upto` or before, each in its own
    transaction, locked, and skipped if another sweep holds it or it moved on meanwhile.
    Returns how many `act` changed."""
    done = 0
    due = Vote.objects.filter(status=status, **{f"{when}__lte": upto}).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            locked = (
                Vote.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status=status)
                .first()
            )
            if locked is not None and act(locked):
                done += 1
    return done


def open_due(*, now: datetime) -> int:
    """The deadline engine's timer: an announced vote opens at its announced time even if the
    committee has not pressed 开始投票 (the notice said when; owners must be able to vote)."""
    return _each_due(VoteStatus.ANNOUNCED, "opens_at", now, lambda v: bool(_open(v, now)))


def close_due(*, now: datetime) -> int:
    """The deadline engine's timer: an open vote closes PAPER_ENTRY after its window ended,
    unless a paper ballot still waits for its second committee member (then the committee
    settles it and closes; nobody can cast after the window meanwhile)."""

    def close(vote: Vote) -> bool:
        return not _paper_pending(vote) and bool(_close(vote, now))

    return _each_due(VoteStatus.OPEN, "closes_at", now - PAPER_ENTRY, close)
