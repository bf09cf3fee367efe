"""Following decisions through (事事有回音): the committee turns a passed vote or an adopted
topic into a tracked item with an owner and a deadline; the owner posts progress; the firm
reports its items done and the committee confirms or sends them back; the committee closes its
own. Spending is shown by linking the estate's ledger lines and maintenance-fund movements."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from committee.selectors import is_supervisor, supervisors_of
from core.clock import SHANGHAI, local
from deadlines.services import clock_pause, clock_resume, clock_start, clock_stop
from disclosure.choices import LineStatus
from disclosure.models import FundMovement, LedgerLine
from estates.models import Estate
from estates.selectors import scope_for
from notifications.services import notify

from .. import selectors
from ..choices import (
    DecisionEntryKind,
    DecisionOwner,
    DecisionStatus,
    TopicStatus,
    VoteStatus,
)
from ..exceptions import (
    DecisionDenied,
    DecisionExists,
    DecisionInvalid,
    DecisionLinkExists,
    DecisionWrongStage,
)
from ..models import Decision, DecisionClock, DecisionEntry, DecisionLink, Topic, Vote
from ..policies import DECISION_MAX_DAYS, decision_actions
from .common import _committee, _now

DECISION_TITLE_MAX = 200
DECISION_BODY_MAX = 2000
ENTRY_MAX = 2000
YELLOW = 0.8


def firm_in_scope(user: User, estate_id: int) -> bool:
    """A firm account whose scope covers the estate in full (admin, its manager or staff)."""
    return selectors.is_firm_side(user) and scope_for(user=user).sees_estate_in_full(estate_id)


def actions_for(user: User, decision: Decision) -> frozenset[str]:
    return decision_actions(
        status=decision.status,
        owner_side=decision.owner_side,
        committee=not selectors.is_firm_side(user) and is_supervisor(user, decision.estate_id),
        firm=firm_in_scope(user, decision.estate_id),
    )


def _side(user: User) -> str:
    return DecisionOwner.FIRM if selectors.is_firm_side(user) else DecisionOwner.COMMITTEE


def _due_at(due_on: date) -> datetime:
    """The end of the deadline's day in Shanghai."""
    return datetime.combine(due_on + timedelta(days=1), time(0), tzinfo=SHANGHAI)


def _due_ok(due_on: date, now: datetime) -> bool:
    today = local(now).date()
    return today <= due_on <= today + timedelta(days=DECISION_MAX_DAYS)


def _owner_ok(owner: User | None, side: str, estate_id: int) -> bool:
    if owner is None or not owner.is_active:
        return False
    if side == DecisionOwner.FIRM:
        return firm_in_scope(owner, estate_id)
    return not selectors.is_firm_side(owner) and is_supervisor(owner, estate_id)


def owner_options(*, user: User, estate: Estate) -> list[dict[str, object]]:
    """Who may own an item of the estate (for the committee only): the firm's admins and the
    estate's managers, and the committee's members."""
    from accounts.choices import Role
    from accounts.models import RoleGrant

    _committee(user, estate.pk)
    firm_ids = RoleGrant.objects.filter(
        Q(role=Role.FIRM_ADMIN) | Q(role=Role.MANAGER, estate_id=estate.pk)
    ).values_list("user_id", flat=True)
    firm = [
        {"id": u.pk, "full_name": u.full_name, "side": DecisionOwner.FIRM}
        for u in User.objects.filter(pk__in=firm_ids, is_active=True).order_by("full_name", "pk")
        if firm_in_scope(u, estate.pk)
    ]
    committee = [
        {"id": u.pk, "full_name": u.full_name, "side": DecisionOwner.COMMITTEE}
        for u in supervisors_of(estate_id=estate.pk)
        if not selectors.is_firm_side(u)
    ]
    return [*committee, *firm]


def _entry(decision: Decision, user: User, kind: str, body: str, at: datetime) -> DecisionEntry:
    return DecisionEntry.objects.create(
        decision=decision, kind=kind, side=_side(user), author=user, body=body, at=at
    )


def _locked(decision: Decision) -> Decision:
    return Decision.objects.select_for_update().get(pk=decision.pk)


def _clock(decision: Decision) -> DecisionClock:
    return DecisionClock.objects.select_for_update().get(decision=decision, name="due")


def _allowed(user: User, decision: Decision, action: str) -> None:
    if action in actions_for(user, decision):
        return
    # the right person at the wrong moment is a conflict; the wrong person is refused
    for status in DecisionStatus.values:
        if action in decision_actions(
            status=status,
            owner_side=decision.owner_side,
            committee=not selectors.is_firm_side(user) and is_supervisor(user, decision.estate_id),
            firm=firm_in_scope(user, decision.estate_id),
        ):
            raise DecisionWrongStage()
    raise DecisionDenied()


def _text(value: str, field: str, required: bool = True) -> str:
    value = value.strip()
    if (required and not value) or len(value) > ENTRY_MAX:
        raise DecisionInvalid(fields={field: [_("请填写内容，不超过 2000 字。")]})
    return value


@transaction.atomic
def decision_create(
    *,
    user: User,
    estate: Estate,
    title: str,
    body: str = "",
    vote_id: int | None = None,
    topic_id: int | None = None,
    owner_side: str,
    owner_id: int,
    due_on: date,
    now: datetime | None = None,
) -> Decision:
    """The committee tracks a passed, published vote of the estate, or a topic it adopted."""
    _committee(user, estate.pk)
    at = _now(now)
    errors: dict[str, list[str]] = {}
    title, body = title.strip(), body.strip()
    if not title or len(title) > DECISION_TITLE_MAX:
        errors["title"] = [_("请填写事项，不超过 200 字。")]
    if len(body) > DECISION_BODY_MAX:
        errors["body"] = [_("说明不超过 2000 字。")]
    vote = topic = None
    if (vote_id is None) == (topic_id is None):
        errors["vote"] = [_("请选择一项通过的表决或一个已采纳的议题（只选一个）。")]
    elif vote_id is not None:
        vote = (
            Vote.objects.filter(pk=vote_id, estate_id=estate.pk, status=VoteStatus.PUBLISHED)
            .select_related("result")
            .first()
        )
        if vote is None or not vote.result.passed:
            errors["vote"] = [_("须是本小区已公布结果且通过的表决。")]
    elif topic_id is not None:
        topic = Topic.objects.filter(
            pk=topic_id, estate_id=estate.pk, status=TopicStatus.ADOPTED
        ).first()
        if topic is None:
            errors["topic"] = [_("须是本小区已采纳的议题。")]
    if owner_side not in DecisionOwner.values:
        errors["owner_side"] = [_("请选择由物业还是业委会落实。")]
    elif not _owner_ok(User.objects.filter(pk=owner_id).first(), owner_side, estate.pk):
        errors["owner"] = [_("负责人须是负责本小区的物业人员或本小区业委会成员，与所选一方一致。")]
    if not _due_ok(due_on, at):
        errors["due_on"] = [_("期限须在今天到两年之内。")]
    if errors:
        raise DecisionInvalid(fields=errors)
    if (vote and Decision.objects.filter(vote=vote).exists()) or (
        topic and Decision.objects.filter(topic=topic).exists()
    ):
        raise DecisionExists()
    decision = Decision.objects.create(
        estate=estate,
        title=title,
        body=body,
        vote=vote,
        topic=topic,
        owner_side=owner_side,
        owner_id=owner_id,
        due_on=due_on,
        created_by=user,
        created_at=at,
    )
    clock = DecisionClock(decision=decision, budget_seconds=0, started_at=at)
    budget = max(1, int((_due_at(due_on) - at).total_seconds()))
    clock_start(clock=clock, budget_seconds=budget, now=at, yellow=YELLOW)
    _entry(decision, user, DecisionEntryKind.CREATED, body, at)
    notify(
        users=User.objects.filter(pk=owner_id),
        kind="votes.decision",
        title=gettext_lazy("您负责落实一项业主决议"),
        body=title,
        link=f"/decisions/{decision.pk}",
        dedupe_key=f"votes:decision:{decision.pk}:owner",
    )
    return decision


@transaction.atomic
def decision_progress(
    *, user: User, decision: Decision, body: str, now: datetime | None = None
) -> DecisionEntry:
    """A progress update, visible to the estate's residents (the owner's side or the
    committee)."""
    locked = _locked(decision)
    _allowed(user, locked, "progress")
    return _entry(locked, user, DecisionEntryKind.PROGRESS, _text(body, "body"), _now(now))


@transaction.atomic
def decision_report(
    *, user: User, decision: Decision, body: str, now: datetime | None = None
) -> Decision:
    """The firm reports its item done with what it did; the deadline pauses until the
    committee answers."""
    locked = _locked(decision)
    _allowed(user, locked, "report")
    at = _now(now)
    entry = _entry(locked, user, DecisionEntryKind.REPORTED, _text(body, "body"), at)
    locked.status = DecisionStatus.REPORTED
    locked.save(update_fields=["status"])
    clock_pause(clock=_clock(locked), now=at, yellow=YELLOW)
    notify(
        users=supervisors_of(estate_id=locked.estate_id),
        kind="votes.decision",
        title=gettext_lazy("物业报告一项决议已落实，请确认"),
        body=locked.title,
        link=f"/decisions/{locked.pk}",
        dedupe_key=f"votes:decision-entry:{entry.pk}",
    )
    return locked


@transaction.atomic
def decision_return(
    *, user: User, decision: Decision, body: str, now: datetime | None = None
) -> Decision:
    """The committee sends the firm's report back, saying why; the deadline counts again."""
    locked = _locked(decision)
    _allowed(user, locked, "return")
    at = _now(now)
    entry = _entry(locked, user, DecisionEntryKind.RETURNED, _text(body, "body"), at)
    locked.status = DecisionStatus.OPEN
    locked.save(update_fields=["status"])
    clock_resume(clock=_clock(locked), now=at, yellow=YELLOW)
    notify(
        users=User.objects.filter(pk=locked.owner_id),
        kind="votes.decision",
        title=gettext_lazy("业委会退回了决议落实情况"),
        body=locked.title,
        link=f"/decisions/{locked.pk}",
        dedupe_key=f"votes:decision-entry:{entry.pk}",
    )
    return locked


@transaction.atomic
def decision_done(
    *, user: User, decision: Decision, body: str = "", now: datetime | None = None
) -> Decision:
    """The committee confirms the firm's report, or closes an item it owns itself. Final."""
    locked = _locked(decision)
    action = "confirm" if locked.owner_side == DecisionOwner.FIRM else "complete"
    _allowed(user, locked, action)
    at = _now(now)
    _entry(locked, user, DecisionEntryKind.DONE, _text(body, "body", required=False), at)
    locked.status = DecisionStatus.DONE
    locked.done_at = at
    locked.save(update_fields=["status", "done_at"])
    clock_stop(clock=_clock(locked), now=at, yellow=YELLOW)
    return locked


@transaction.atomic
def decision_link(
    *,
    user: User,
    decision: Decision,
    ledger_line_id: int | None = None,
    fund_movement_id: int | None = None,
    now: datetime | None = None,
) -> DecisionLink:
    """Link a posted ledger line or a maintenance-fund movement of the same estate."""
    locked = _locked(decision)
    _allowed(user, locked, "link")
    if (ledger_line_id is None) == (fund_movement_id is None):
        raise DecisionInvalid(fields={"ledger_line": [_("请选择一条账目或一笔维修资金使用。")]})
    line = movement = None
    if ledger_line_id is not None:
        line = LedgerLine.objects.filter(
            pk=ledger_line_id, estate_id=locked.estate_id, status=LineStatus.POSTED
        ).first()
        if line is None:
            raise DecisionInvalid(fields={"ledger_line": [_("须是本小区已入账的账目。")]})
        taken = DecisionLink.objects.filter(decision=locked, ledger_line=line).exists()
    elif fund_movement_id is not None:
        movement = FundMovement.objects.filter(
            pk=fund_movement_id, estate_id=locked.estate_id
        ).first()
        if movement is None:
            raise DecisionInvalid(fields={"fund_movement": [_("须是本小区的维修资金记录。")]})
        taken = DecisionLink.objects.filter(decision=locked, fund_movement=movement).exists()
    else:  # unreachable: exactly one of the two was given
        raise DecisionInvalid()
    if taken:
        raise DecisionLinkExists()
    at = _now(now)
    link = DecisionLink.objects.create(
        decision=locked, ledger_line=line, fund_movement=movement, added_by=user, at=at
    )
    what = f"#{line.seq} {line.amount}" if line else f"{movement.kind} {movement.amount}"  # type: ignore[union-attr]
    _entry(locked, user, DecisionEntryKind.LINKED, what, at)
    return link
