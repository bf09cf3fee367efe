"""Statements: the firm drafts and submits (the chain head and the totals freeze), the committee
raises queries (质询) the firm answers, the committee signs off, and the deadlines engine
publishes within 24 h (`statements_publish_due`, the "disclosure.publish" timer): the head goes
to the public witness table and the estate's residents are notified. Nobody can publish before
sign-off, and nobody can hold a signed-off statement back."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Min, Sum
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from accounts.models import User
from committee.selectors import is_supervisor
from core.db import current_schema
from deadlines.services import due_note
from estates.models import Estate
from notices.choices import Kind as NoticeKind
from notices.services import notice_post_system
from notifications.choices import NotificationKind
from notifications.services import notify
from witness.services import head_witness

from .. import chain
from ..choices import StatementKind, StatementStatus
from ..exceptions import (
    InvalidPeriod,
    NotSupervisor,
    OpenQueries,
    PeriodNotOver,
    QueryAnswered,
    StatementExists,
    StatementTransition,
)
from ..models import LedgerChain, Statement, StatementQuery
from ..policies import PUBLISH_WITHIN, period_end, period_start_valid, split_summary
from ..selectors import rule_of, statement_lines
from .ledger import require_bookkeeper

KIND_LABEL: dict[str, Any] = {StatementKind.MONTHLY: _("月度"), StatementKind.QUARTERLY: _("季度")}


def statement_link(statement: Statement) -> str:
    return f"/disclosure/statements/{statement.pk}"


def _holders(role: str, estate_id: int | None) -> list[User]:
    today = timezone.localdate()
    qs = User.objects.filter(is_active=True, role_grants__role=role).exclude(
        role_grants__ends_on__lt=today
    )
    if estate_id is not None:
        qs = qs.filter(role_grants__estate_id=estate_id)
    return list(qs.distinct())


def _bookkeepers(estate_id: int) -> list[User]:
    return _holders(Role.MANAGER, estate_id) + _holders(Role.FIRM_ADMIN, None)


def _lock(statement: Statement) -> Statement:
    return Statement.objects.select_for_update().get(pk=statement.pk)


@transaction.atomic
def statement_draft(
    *, user: User, estate: Estate, kind: str, period_start: date, note: str = ""
) -> Statement:
    require_bookkeeper(user, estate.pk)
    if not period_start_valid(kind, period_start):
        raise InvalidPeriod(fields={"period_start": [InvalidPeriod.default_detail]})
    if Statement.objects.filter(estate=estate, kind=kind, period_start=period_start).exists():
        raise StatementExists()
    return Statement.objects.create(
        estate=estate,
        kind=kind,
        period_start=period_start,
        period_end=period_end(kind, period_start),
        note=note,
        created_by=user,
    )


def snapshot(statement: Statement) -> None:
    """Freeze the chain head and the statement's figures (the chain row is locked by the
    caller, so no line is posted in between)."""
    head = LedgerChain.objects.select_for_update().filter(estate_id=statement.estate_id).first()
    statement.head_seq = head.seq if head is not None else 0
    statement.head_hash = head.head if head is not None else chain.GENESIS
    base = (
        Statement.objects.filter(
            estate_id=statement.estate_id,
            kind=statement.kind,
            period_start__lt=statement.period_start,
            head_seq__isnull=False,
        )
        .order_by("-period_start")
        .first()
    )
    statement.base_seq = base.head_seq or 0 if base is not None else 0
    totals: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    rows = (
        statement_lines(statement, use_floor=False)
        .order_by()
        .values("kind", "category")
        .annotate(total=Sum("amount"), n=Min("seq"))
    )
    for row in rows:
        totals[(row["kind"], row["category"])] += row["total"]
    shown = (
        statement_lines(statement, use_floor=False)
        .order_by()
        .aggregate(count=Count("id"), first=Min("seq"), last=Max("seq"))
    )
    summary = split_summary(totals=totals, rule=rule_of(statement.estate_id))
    summary["line_count"] = shown["count"]
    # the lowest and highest seq shown: the lines up to the head never change, so neither do
    # these bounds, and the line pages walk the (estate, seq) index between them
    # (selectors.statement_lines)
    summary["first_seq"] = shown["first"]
    summary["last_seq"] = shown["last"]
    statement.summary = summary


@transaction.atomic
def statement_submit(*, user: User, statement: Statement, now: datetime | None = None) -> Statement:
    """Submit (or resubmit, e.g. after posting a correction a query asked for) for review:
    freezes the head and the figures the committee reviews."""
    now = now or timezone.now()
    require_bookkeeper(user, statement.estate_id)
    statement = _lock(statement)
    if statement.status not in (StatementStatus.DRAFT, StatementStatus.IN_REVIEW):
        raise StatementTransition()
    if statement.period_end >= timezone.localdate(now):
        raise PeriodNotOver()
    snapshot(statement)
    first = statement.status == StatementStatus.DRAFT
    statement.status = StatementStatus.IN_REVIEW
    statement.submitted_by, statement.submitted_at = user, now
    statement.save()
    notify(
        users=_holders(Role.COMMITTEE, statement.estate_id),
        kind=NotificationKind.DISCLOSURE_REVIEW,
        title=format_lazy(
            _("{period} 公共收益{kind}报表待审核"),
            period=statement.period_start.strftime("%Y-%m"),
            kind=KIND_LABEL.get(statement.kind, ""),
        ),
        link=statement_link(statement),
        dedupe_key=f"disclosure.submit:{statement.pk}:{statement.head_seq}:{int(first)}",
    )
    return statement


@transaction.atomic
def query_raise(
    *, user: User, statement: Statement, question: str, now: datetime | None = None
) -> StatementQuery:
    """A committee member's query (质询); sign-off waits until the firm answered it."""
    now = now or timezone.now()
    if not is_supervisor(user, statement.estate_id):
        raise NotSupervisor()
    statement = _lock(statement)
    if statement.status != StatementStatus.IN_REVIEW:
        raise StatementTransition()
    query = StatementQuery.objects.create(
        statement=statement, question=question, raised_by=user, raised_at=now
    )
    notify(
        users=_bookkeepers(statement.estate_id),
        kind=NotificationKind.DISCLOSURE_QUERY,
        title=_("业委会对公共收益报表提出质询，请答复"),
        link=statement_link(statement),
        dedupe_key=f"disclosure.query:{query.pk}",
    )
    return query


@transaction.atomic
def query_answer(
    *, user: User, query: StatementQuery, answer: str, now: datetime | None = None
) -> StatementQuery:
    now = now or timezone.now()
    statement = query.statement
    require_bookkeeper(user, statement.estate_id)
    statement = _lock(statement)
    query = StatementQuery.objects.select_for_update().get(pk=query.pk)
    if query.answered_at is not None:
        raise QueryAnswered()
    if statement.status != StatementStatus.IN_REVIEW:
        raise StatementTransition()
    query.answer, query.answered_by, query.answered_at = answer, user, now
    query.save()
    notify(
        users=[query.raised_by] if query.raised_by else [],
        kind=NotificationKind.DISCLOSURE_ANSWER,
        title=_("物业已答复您的质询"),
        link=statement_link(statement),
        dedupe_key=f"disclosure.answer:{query.pk}",
    )
    return query


@transaction.atomic
def statement_sign_off(
    *, user: User, statement: Statement, now: datetime | None = None
) -> Statement:
    """The committee signs off: from here the deadlines engine publishes it (within 24 h)."""
    now = now or timezone.now()
    if not is_supervisor(user, statement.estate_id):
        raise NotSupervisor()
    statement = _lock(statement)
    if statement.status != StatementStatus.IN_REVIEW:
        raise StatementTransition()
    if statement.queries.filter(answered_at__isnull=True).exists():
        raise OpenQueries()
    statement.status = StatementStatus.SIGNED_OFF
    statement.signed_off_by, statement.signed_off_at = user, now
    statement.publish_due_at = now + PUBLISH_WITHIN
    statement.save()
    due_note(at=now)  # publish at the next sweep: well within the 24 h
    return statement


def statement_publish(*, statement_id: int, now: datetime) -> bool:
    """Publish one signed-off statement (locked, skipped if another sweep holds it): the head
    goes to the public witness table, residents are told. True when this call published."""
    with transaction.atomic():
        statement = (
            Statement.objects.select_for_update(skip_locked=True)
            .filter(pk=statement_id, status=StatementStatus.SIGNED_OFF)
            .first()
        )
        if statement is None:
            return False
        statement.status, statement.published_at = StatementStatus.PUBLISHED, now
        statement.save(update_fields=["status", "published_at"])
        head_witness(
            schema_name=current_schema(),
            estate_id=statement.estate_id,
            statement_id=statement.pk,
            head_seq=statement.head_seq or 0,
            head=statement.head_hash,
            published_at=now,
        )
        title = format_lazy(
            _("{period} 公共收益{kind}报表已公示"),
            period=statement.period_start.strftime("%Y-%m"),
            kind=KIND_LABEL.get(statement.kind, ""),
        )
        notify(
            users=_holders(Role.RESIDENT, statement.estate_id)
            + _holders(Role.COMMITTEE, statement.estate_id),
            kind=NotificationKind.DISCLOSURE_PUBLISHED,
            title=title,
            link=statement_link(statement),
            dedupe_key=f"disclosure.published:{statement.pk}",
        )
        # on the estate's board too; the residents were just told above, so no second ping
        notice_post_system(
            estate_id=statement.estate_id,
            kind=NoticeKind.STATEMENT,
            source=f"disclosure.statement:{statement.pk}",
            title=title,
            body=_("本期公共收益的收入、支出和分配已公示，可查看明细并核验。"),
            link=statement_link(statement),
            now=now,
            notify_residents=False,
        )
        return True


def statements_publish_due(*, now: datetime) -> int:
    """The timer's work: every signed-off statement is due at once (the 24 h is the limit, not
    a wait). Returns how many this sweep published."""
    due = Statement.objects.filter(
        status=StatementStatus.SIGNED_OFF, signed_off_at__lte=now
    ).values_list("pk", flat=True)
    return sum(statement_publish(statement_id=pk, now=now) for pk in list(due))


def publish_next_due() -> datetime | None:
    first: datetime | None = Statement.objects.filter(status=StatementStatus.SIGNED_OFF).aggregate(
        at=Min("signed_off_at")
    )["at"]
    return first
