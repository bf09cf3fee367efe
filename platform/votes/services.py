"""Writes of the votes: draft, announce, open (freeze the electorate), cast online, enter and
confirm paper ballots, close, publish the result. Only the estate's confirmed committee runs a
vote; no firm role drafts, opens, closes, casts or enters anything."""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from committee.selectors import is_supervisor
from core.exceptions import Message
from estates.models import Building, Estate, OwnerRecord, Person, Unit

from . import selectors
from .choices import SPECIAL_MATTERS, BallotStatus, Channel, Matter, MatterKind, VoteStatus
from .exceptions import (
    AlreadyVoted,
    BallotNotFound,
    FirmCannotVote,
    NotCommittee,
    NotElector,
    PaperOnFile,
    PaperPending,
    RuleTooLoose,
    SameMember,
    TooEarly,
    VoteInvalid,
    VotingClosed,
    WrongStage,
)
from .models import Ballot, Elector, Result, Vote
from .policies import (
    MIN_NOTICE_DAYS,
    Holding,
    Rule,
    Threshold,
    counted_ballot,
    earliest_opening,
    electorate,
    parse_share,
)

TITLE_MAX = 200
BODY_MAX = 5000
OPTION_MAX = 100
OPTIONS_MIN, OPTIONS_MAX = 2, 10
NOTICE_MAX = 90
SCAN_MAX = 15 * 1024 * 1024
EXPORT_FORMAT = "linli-vote-result/1"
DEVELOPER_NAME = "开发建设单位"  # data recorded on the elector, not a message


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


@dataclass(frozen=True)
class Scan:
    name: str
    data: bytes


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def _committee(user: User, estate_id: int) -> None:
    if selectors.is_firm_side(user) or not is_supervisor(user, estate_id):
        raise NotCommittee()


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
    *, user: User, estate: Estate, data: VoteInput, now: datetime | None = None
) -> Vote:
    """The committee drafts a vote; the matter decides ordinary or special (art. 278)."""
    _committee(user, estate.pk)
    fields = _checked(estate, data)
    return Vote.objects.create(estate=estate, created_by=user, created_at=_now(now), **fields)


def _locked(vote: Vote) -> Vote:
    return Vote.objects.select_for_update().get(pk=vote.pk)


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
    """Voting opens: the electorate is frozen from the owners of record of that day."""
    _committee(user, vote.estate_id)
    locked = _locked(vote)
    at = _now(now)
    if locked.status != VoteStatus.ANNOUNCED:
        raise WrongStage()
    if at < locked.opens_at:
        raise TooEarly()
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
    return locked


def _next_revision(vote: Vote, elector: Elector) -> int:
    top = Ballot.objects.filter(vote=vote, elector=elector).aggregate(n=Max("revision"))["n"]
    return (top or 0) + 1


def _choice(vote: Vote, choice: int) -> int:
    if not 0 <= choice < len(vote.options):
        raise VoteInvalid(fields={"choice": [_("请选择一个选项。")]})
    return choice


def _receipt() -> str:
    return secrets.token_hex(8).upper()


def ballot_cast(
    *,
    user: User,
    vote: Vote,
    choice: int,
    elector_id: int | None = None,
    now: datetime | None = None,
) -> Ballot:
    """An owner casts (or, where the vote allows, changes) their ballot online. Two casts at
    once for the same elector keep one: the other is AlreadyVoted (409)."""
    try:
        with transaction.atomic():
            return _cast(user, vote, choice, elector_id, _now(now))
    except IntegrityError as exc:
        from core.exceptions import constraint_name

        if constraint_name(exc) == "votes_ballot_once":
            raise AlreadyVoted() from exc
        raise


def _cast(user: User, vote: Vote, choice: int, elector_id: int | None, at: datetime) -> Ballot:
    if selectors.is_firm_side(user):
        raise FirmCannotVote()
    fresh = Vote.objects.get(pk=vote.pk)  # the status now, not as the caller read it
    if fresh.status != VoteStatus.OPEN or not fresh.opens_at <= at < fresh.closes_at:
        raise VotingClosed()
    mine = selectors.electors_of(user=user, vote=fresh)
    if elector_id is not None:
        mine = [e for e in mine if e.pk == elector_id]
    if not mine:
        raise NotElector()
    if len(mine) > 1:
        raise VoteInvalid(fields={"elector": [_("您名下有多份产权，请选择为哪一份投票。")]})
    elector = mine[0]
    choice = _choice(fresh, choice)
    facts = selectors.ballots_by_elector(vote=fresh).get(elector.pk, [])
    if any(f.channel == Channel.PAPER and f.status != BallotStatus.REJECTED for f in facts):
        raise PaperOnFile()
    if counted_ballot(facts)[0] is not None and not fresh.changeable:
        raise AlreadyVoted()
    return Ballot.objects.create(
        vote=fresh,
        elector=elector,
        revision=_next_revision(fresh, elector),
        choice=choice,
        channel=Channel.ONLINE,
        status=BallotStatus.COUNTED,
        cast_by=user,
        cast_at=at,
        receipt=_receipt(),
    )


def _check_scan(scan: Scan) -> str:
    data = scan.data
    if data.startswith(b"\xff\xd8\xff"):
        ext = "jpg"
    elif data.startswith(b"\x89PNG\r\n\x1a\n"):
        ext = "png"
    elif data.startswith(b"%PDF-"):
        ext = "pdf"
    else:
        raise VoteInvalid(fields={"scan": [_("请上传纸质选票的扫描件（JPG、PNG 或 PDF）。")]})
    if len(data) > SCAN_MAX:
        raise VoteInvalid(fields={"scan": [_("扫描件不能超过 15 MB。")]})
    return ext


@transaction.atomic
def paper_enter(
    *,
    user: User,
    vote: Vote,
    elector_id: int,
    choice: int,
    scan: Scan,
    note: str = "",
    now: datetime | None = None,
) -> Ballot:
    """A committee member enters a signed paper ballot with its scan; it counts once a second
    member confirms it. An online ballot of the same elector is kept and shown as a conflict;
    the paper ballot prevails (policies.counted_ballot)."""
    _committee(user, vote.estate_id)
    locked = _locked(vote)
    if locked.status != VoteStatus.OPEN:
        raise WrongStage()
    elector = Elector.objects.filter(vote=locked, pk=elector_id).first()
    if elector is None:
        raise VoteInvalid(fields={"elector": [_("没有这位业主。")]})
    choice = _choice(locked, choice)
    ext = _check_scan(scan)
    paper = Ballot.objects.filter(vote=locked, elector=elector, channel=Channel.PAPER).exclude(
        status=BallotStatus.REJECTED
    )
    if paper.exists():
        raise VoteInvalid(fields={"elector": [_("这位业主的纸质选票已经录入。")]})
    ballot = Ballot(
        vote=locked,
        elector=elector,
        revision=_next_revision(locked, elector),
        choice=choice,
        channel=Channel.PAPER,
        status=BallotStatus.ENTERED,
        cast_by=user,
        cast_at=_now(now),
        receipt=_receipt(),
        note=note.strip()[:300],
    )
    ballot.scan.save(f"ballot-{locked.pk}-{elector.pk}.{ext}", ContentFile(scan.data), save=False)
    ballot.save()
    return ballot


@transaction.atomic
def paper_confirm(
    *, user: User, vote: Vote, ballot_id: int, accept: bool, now: datetime | None = None
) -> Ballot:
    """A second committee member confirms the entry against the scan (it counts) or sends it
    back (rejected; it may be entered again)."""
    _committee(user, vote.estate_id)
    locked = _locked(vote)
    if locked.status != VoteStatus.OPEN:
        raise WrongStage()
    ballot = Ballot.objects.select_for_update().filter(vote=locked, pk=ballot_id).first()
    if ballot is None or ballot.channel != Channel.PAPER:
        raise BallotNotFound()
    if ballot.status != BallotStatus.ENTERED:
        raise WrongStage()
    if ballot.cast_by_id == user.pk:
        raise SameMember()
    ballot.status = BallotStatus.COUNTED if accept else BallotStatus.REJECTED
    ballot.confirmed_by = user
    ballot.confirmed_at = _now(now)
    ballot.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    return ballot


@transaction.atomic
def vote_close(*, user: User, vote: Vote, now: datetime | None = None) -> Vote:
    """The window is over: the committee closes the vote (no paper entry may be left pending)."""
    _committee(user, vote.estate_id)
    locked = _locked(vote)
    at = _now(now)
    if locked.status != VoteStatus.OPEN:
        raise WrongStage()
    if at < locked.closes_at:
        raise TooEarly()
    if Ballot.objects.filter(vote=locked, status=BallotStatus.ENTERED).exists():
        raise PaperPending()
    locked.status = VoteStatus.CLOSED
    locked.closed_at = at
    locked.save(update_fields=["status", "closed_at"])
    return locked


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def _share(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"


def canonical(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def export_of(vote: Vote) -> dict[str, Any]:
    """Every input of the result and the outcome, without names or ballot order (the counted
    ballots sorted by choice, channel and area), with the SHA-256 of each counted ballot's
    receipt (an owner finds theirs; it proves inclusion, never the choice) and `digest`."""
    outcome, found = selectors.live_outcome(vote=vote)
    areas = selectors.elector_areas(vote=vote)
    rule = Rule.from_json(vote.rule)
    receipts: list[str] = []
    for elector_id, facts in selectors.ballots_by_elector(vote=vote).items():
        pick, _conflict = counted_ballot(facts)
        if pick is None:
            continue
        receipt = (
            Ballot.objects.filter(vote=vote, elector_id=elector_id, revision=pick.revision)
            .values_list("receipt", flat=True)
            .get()
        )
        receipts.append(selectors.receipt_hash(receipt))
    ballots = sorted(
        (
            {"choice": choice, "channel": found.channels[eid], "area": _money(areas[eid])}
            for eid, choice in found.choices.items()
        ),
        key=lambda b: (b["choice"], b["channel"], Decimal(str(b["area"]))),
    )
    buildings = selectors.turnout_by_building(vote=vote, choices=found.choices)
    names = dict(Building.objects.filter(estate_id=vote.estate_id).values_list("pk", "name"))
    payload: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "vote": {
            "id": vote.pk,
            "estate": vote.estate_id,
            "title": vote.title,
            "options": list(vote.options),
            "matter": vote.matter,
            "kind": vote.kind,
            "secret": vote.secret,
            "building_ids": list(vote.building_ids),
            "opens_at": vote.opens_at.isoformat(),
            "closes_at": vote.closes_at.isoformat(),
            "electorate_day": vote.electorate_day.isoformat() if vote.electorate_day else None,
        },
        "rule": {
            "kind": rule.kind,
            **{
                name: {"share": _share(t.share), "at_least": t.at_least}
                for name, t in (
                    ("turnout_area", rule.turnout_area),
                    ("turnout_heads", rule.turnout_heads),
                    ("pass_area", rule.pass_area),
                    ("pass_heads", rule.pass_heads),
                )
            },
        },
        "rule_text": rule.text(),
        "electorate": sorted(_money(a) for a in areas.values()),
        "ballots": ballots,
        "receipts": sorted(receipts),
        "outcome": {
            "electorate_area": _money(outcome.electorate_area),
            "electorate_heads": outcome.electorate_heads,
            "voted_area": _money(outcome.voted_area),
            "voted_heads": outcome.voted_heads,
            "turnout_area_met": outcome.turnout_area_met,
            "turnout_heads_met": outcome.turnout_heads_met,
            "quorum": outcome.quorum,
            "options": [
                {
                    "index": o.index,
                    "label": vote.options[o.index],
                    "area": _money(o.area),
                    "heads": o.heads,
                    "passes": o.passes,
                }
                for o in outcome.options
            ],
            "adopted": outcome.adopted,
            "passed": outcome.passed,
        },
        "buildings": [
            {
                "building": names.get(b.building_id, str(b.building_id)),
                "electorate_area": _money(b.electorate_area),
                "electorate_heads": b.electorate_heads,
                "voted_area": _money(b.voted_area),
                "voted_heads": b.voted_heads,
            }
            for b in buildings
        ],
    }
    payload["digest"] = hashlib.sha256(canonical(payload)).hexdigest()
    return payload


@transaction.atomic
def vote_publish(*, user: User, vote: Vote, now: datetime | None = None) -> Result:
    """The committee publishes the result with its inputs and digest (never changed after)."""
    _committee(user, vote.estate_id)
    locked = _locked(vote)
    if locked.status != VoteStatus.CLOSED:
        raise WrongStage()
    with translation.override("zh-hans"):  # the published text is fixed, in Chinese
        export = export_of(locked)
    result = Result.objects.create(
        vote=locked,
        export=export,
        digest=export["digest"],
        passed=export["outcome"]["passed"],
        rule_text=export["rule_text"][:500],
        published_by=user,
        published_at=_now(now),
    )
    locked.status = VoteStatus.PUBLISHED
    locked.save(update_fields=["status"])
    return result
