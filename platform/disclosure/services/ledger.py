"""The books: decisions, ledger lines (draft, edit, post, reverse), attachments, split rules and
the maintenance fund. Every write checks that the user keeps the books of the estate it names
(`selectors.keeps_books`) and that every record it names belongs to that estate."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from estates.models import Estate

from .. import chain
from ..choices import CATEGORIES_BY_KIND, FundMovementKind, LineStatus
from ..exceptions import (
    AlreadyReversed,
    DecisionNotInEstate,
    DecisionRequired,
    FundInsufficient,
    InvalidAmount,
    InvalidCategory,
    InvalidSplitRule,
    LineNotInEstate,
    LineNotPosted,
    LinePosted,
    NotBookkeeper,
    ReversalNotReversible,
)
from ..models import (
    Decision,
    FundMovement,
    LedgerChain,
    LedgerLine,
    LineAttachment,
    SplitRule,
)
from ..selectors import fund_balance, keeps_books
from ..uploads import Upload, check_upload

HUNDRED = Decimal(100)


def require_bookkeeper(user: User, estate_id: int) -> None:
    if not keeps_books(user=user, estate_id=estate_id):
        raise NotBookkeeper()


def _amount(value: Decimal, *, positive: bool = False) -> Decimal:
    if isinstance(value, float) or not isinstance(value, Decimal):
        raise InvalidAmount(fields={"amount": [InvalidAmount.default_detail]})
    if value != value.quantize(Decimal("0.01")) or value == 0 or (positive and value < 0):
        raise InvalidAmount(fields={"amount": [InvalidAmount.default_detail]})
    return value


def _decision(estate_id: int, decision_id: int | None) -> Decision | None:
    if decision_id is None:
        return None
    found = Decision.objects.filter(pk=decision_id, estate_id=estate_id).first()
    if found is None:
        raise DecisionNotInEstate(fields={"decision": [DecisionNotInEstate.default_detail]})
    return found


def _category(kind: str, category: str) -> None:
    if category not in CATEGORIES_BY_KIND.get(kind, frozenset()):
        raise InvalidCategory(fields={"category": [InvalidCategory.default_detail]})


# --- decisions -----------------------------------------------------------------------------


@transaction.atomic
def decision_record(
    *,
    user: User,
    estate: Estate,
    title: str,
    description: str,
    decided_on: date,
    document: Upload,
) -> Decision:
    """Record an authorising decision with its document (never changed afterwards)."""
    require_bookkeeper(user, estate.pk)
    content_type = check_upload(document, field="document")
    decision = Decision(
        estate=estate,
        title=title,
        description=description,
        decided_on=decided_on,
        document_name=document.name[:255],
        content_type=content_type,
        size=len(document.data),
        sha256=document.sha256,
        created_by=user,
    )
    decision.document.save(document.name, ContentFile(document.data), save=False)
    decision.save()
    return decision


# --- lines ---------------------------------------------------------------------------------


@transaction.atomic
def line_draft(
    *,
    user: User,
    estate: Estate,
    kind: str,
    category: str,
    occurred_on: date,
    amount: Decimal,
    counterparty: str = "",
    description: str = "",
    decision_id: int | None = None,
) -> LedgerLine:
    """A new draft line (positive amount: a negative one is only ever a reversal)."""
    require_bookkeeper(user, estate.pk)
    _category(kind, category)
    return LedgerLine.objects.create(
        estate=estate,
        kind=kind,
        category=category,
        occurred_on=occurred_on,
        amount=_amount(amount, positive=True),
        counterparty=counterparty,
        description=description,
        decision=_decision(estate.pk, decision_id),
        created_by=user,
    )


def _lock_draft(line: LedgerLine) -> LedgerLine:
    locked = LedgerLine.objects.select_for_update().get(pk=line.pk)
    if locked.status != LineStatus.DRAFT:
        raise LinePosted()
    return locked


_UNSET = object()


@transaction.atomic
def line_update(
    *,
    user: User,
    line: LedgerLine,
    kind: str | None = None,
    category: str | None = None,
    occurred_on: date | None = None,
    amount: Decimal | None = None,
    counterparty: str | None = None,
    description: str | None = None,
    decision_id: int | object | None = _UNSET,
) -> LedgerLine:
    """Change a draft; a posted line is refused (and the database would refuse it too)."""
    require_bookkeeper(user, line.estate_id)
    line = _lock_draft(line)
    if kind is not None:
        line.kind = kind
    if category is not None:
        line.category = category
    _category(line.kind, line.category)
    if occurred_on is not None:
        line.occurred_on = occurred_on
    if amount is not None:
        line.amount = _amount(amount, positive=True)
    if counterparty is not None:
        line.counterparty = counterparty
    if description is not None:
        line.description = description
    if decision_id is not _UNSET:
        line.decision = _decision(line.estate_id, decision_id)  # type: ignore[arg-type]
    line.save()
    return line


@transaction.atomic
def line_delete(*, user: User, line: LedgerLine) -> None:
    require_bookkeeper(user, line.estate_id)
    line = _lock_draft(line)
    for attachment in line.attachments.all():
        attachment.file.delete(save=False)
        attachment.delete()
    line.delete()


@transaction.atomic
def attachment_add(*, user: User, line: LedgerLine, kind: str, upload: Upload) -> LineAttachment:
    """A contract or receipt on a draft (its digest joins the line's canonical form)."""
    require_bookkeeper(user, line.estate_id)
    line = _lock_draft(line)
    content_type = check_upload(upload)
    attachment = LineAttachment(
        line=line,
        kind=kind,
        name=upload.name[:255],
        content_type=content_type,
        size=len(upload.data),
        sha256=upload.sha256,
        uploaded_by=user,
    )
    attachment.file.save(upload.name, ContentFile(upload.data), save=False)
    attachment.save()
    return attachment


def _chain_locked(estate_id: int) -> LedgerChain:
    LedgerChain.objects.get_or_create(estate_id=estate_id, defaults={"head": chain.GENESIS})
    return LedgerChain.objects.select_for_update().get(estate_id=estate_id)


def _seal(line: LedgerLine, *, user: User | None, now: datetime) -> LedgerLine:
    """Give a locked draft the next seq and its chain hash, and post it."""
    head = _chain_locked(line.estate_id)
    attachments = [f"{a.kind}:{a.sha256}" for a in line.attachments.all()]
    reverses_seq = line.reverses.seq if line.reverses_id is not None else None  # type: ignore[union-attr]
    seq = head.seq + 1
    canonical = chain.canonical_bytes(
        chain.canonical_object(
            seq=seq,
            estate=line.estate_id,
            kind=line.kind,
            category=line.category,
            occurred_on=line.occurred_on,
            amount=line.amount,
            counterparty=line.counterparty,
            description=line.description,
            decision=line.decision_id,
            reverses=reverses_seq,
            attachments=attachments,
        )
    )
    line.seq, line.line_hash = seq, chain.link(head.head, canonical)
    line.status, line.posted_at, line.posted_by = LineStatus.POSTED, now, user
    line.save()
    head.seq, head.head = seq, line.line_hash
    head.save(update_fields=["seq", "head"])
    return line


@transaction.atomic
def line_post(*, user: User, line: LedgerLine, now: datetime | None = None) -> LedgerLine:
    """Post a draft: it takes the estate's next seq and chain hash and never changes again."""
    require_bookkeeper(user, line.estate_id)
    line = _lock_draft(line)
    return _seal(line, user=user, now=now or timezone.now())


@transaction.atomic
def line_reverse(
    *,
    user: User,
    line: LedgerLine,
    description: str,
    occurred_on: date | None = None,
    now: datetime | None = None,
) -> LedgerLine:
    """Correct a posted line: a new posted line of the same kind and category with the negated
    amount, pointing at it. The corrected line stays as it was."""
    require_bookkeeper(user, line.estate_id)
    now = now or timezone.now()
    original = LedgerLine.objects.select_for_update().get(pk=line.pk)
    if original.status != LineStatus.POSTED:
        raise LineNotPosted()
    if original.reverses_id is not None:
        raise ReversalNotReversible()
    if LedgerLine.objects.filter(reverses=original).exists():
        raise AlreadyReversed()
    reversal = LedgerLine.objects.create(
        estate_id=original.estate_id,
        kind=original.kind,
        category=original.category,
        occurred_on=occurred_on or timezone.localdate(now),
        amount=-original.amount,
        counterparty=original.counterparty,
        description=description,
        decision=original.decision,
        reverses=original,
        created_by=user,
    )
    return _seal(reversal, user=user, now=now)


# --- split rules ---------------------------------------------------------------------------


@transaction.atomic
def split_rule_set(
    *,
    user: User,
    estate: Estate,
    firm_cost_share: Decimal,
    owners_share: Decimal,
    reinvestment_target: Decimal,
    staff_cost_cap: Decimal,
    maintenance_fund_minimum: Decimal | None,
) -> SplitRule:
    """Create or change the estate's split rule (pghistory keeps every version)."""
    require_bookkeeper(user, estate.pk)
    values = {
        "firm_cost_share": firm_cost_share,
        "owners_share": owners_share,
        "reinvestment_target": reinvestment_target,
        "staff_cost_cap": staff_cost_cap,
        "maintenance_fund_minimum": maintenance_fund_minimum,
    }
    bad = {
        name: [InvalidSplitRule.default_detail]
        for name, value in values.items()
        if value is not None and not (Decimal(0) <= value <= HUNDRED)
    }
    if bad:
        raise InvalidSplitRule(fields=bad)
    rule, _created = SplitRule.objects.update_or_create(
        estate=estate, defaults={**values, "updated_by": user}
    )
    return rule


# --- the maintenance fund ------------------------------------------------------------------


@transaction.atomic
def fund_record(
    *,
    user: User,
    estate: Estate,
    kind: str,
    amount: Decimal,
    occurred_on: date,
    description: str = "",
    decision_id: int | None = None,
    ledger_line_id: int | None = None,
) -> FundMovement:
    """A movement of the maintenance fund; a use names its decision and cannot overdraw."""
    require_bookkeeper(user, estate.pk)
    amount = _amount(amount, positive=True)
    decision = _decision(estate.pk, decision_id)
    if kind == FundMovementKind.USE and decision is None:
        raise DecisionRequired(fields={"decision": [DecisionRequired.default_detail]})
    line = None
    if ledger_line_id is not None:
        line = LedgerLine.objects.filter(
            pk=ledger_line_id, estate=estate, status=LineStatus.POSTED
        ).first()
        if line is None:
            raise LineNotInEstate(fields={"ledger_line": [LineNotInEstate.default_detail]})
    # one movement at a time per estate: the balance check must see the previous use
    Estate.objects.select_for_update().filter(pk=estate.pk).first()
    if kind == FundMovementKind.USE and fund_balance(estate_id=estate.pk)["balance"] < amount:
        raise FundInsufficient()
    return FundMovement.objects.create(
        estate=estate,
        kind=kind,
        amount=amount,
        occurred_on=occurred_on,
        description=description,
        decision=decision,
        ledger_line=line,
        created_by=user,
    )
