"""Reads of the disclosure ledger, and who may see and do what in which estate.

Visibility goes through `estates.selectors.scope_for`:
- the firm side (firm admin: every estate; manager and staff: their estates) sees every line and
  every statement, drafts included;
- a committee member (and an auditor) sees the posted lines and every statement that left
  draft, of their estate;
- a resident sees the published statements of the estates of their own units.
Decisions, split rules and the maintenance fund are estate-wide facts every reader of the
estate sees. Writes: `keeps_books` (firm admin, or a manager of THAT estate) and the committee
seam `committee.selectors.is_supervisor`.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum

from accounts.choices import Role
from accounts.models import User
from accounts.selectors import active_grants
from committee.selectors import is_supervisor
from core.db import current_schema
from estates.selectors import scope_for
from witness.selectors import witnessed_head

from . import chain
from .choices import FundMovementKind, LineStatus, StatementStatus
from .exceptions import DecisionNotFound, LineNotFound, StatementNotFound
from .models import Decision, FundMovement, LedgerLine, SplitRule, Statement, StatementQuery
from .policies import Rule, statement_actions


@dataclass(frozen=True)
class Reach:
    """The estates a user reaches, by depth."""

    all_estates: bool
    firm_side: frozenset[int]  # every line and statement
    review: frozenset[int]  # posted lines, statements past draft
    published: frozenset[int]  # published statements only

    def visible(self) -> frozenset[int]:
        return self.firm_side | self.review | self.published


def reach_for(*, user: User) -> Reach:
    scope = scope_for(user=user)
    grants = active_grants(user=user)
    firm_side = frozenset(
        g.estate_id for g in grants if g.role in (Role.MANAGER, Role.STAFF) and g.estate_id
    )
    review = frozenset(
        g.estate_id for g in grants if g.role in (Role.COMMITTEE, Role.AUDITOR) and g.estate_id
    )
    return Reach(
        all_estates=scope.all_estates,
        firm_side=firm_side,
        review=review - firm_side,
        published=scope.home_estate_ids - firm_side - review,
    )


def keeps_books(*, user: User, estate_id: int) -> bool:
    """Firm admin, or a manager of this estate: the people who keep its books."""
    return any(
        g.role == Role.FIRM_ADMIN or (g.role == Role.MANAGER and g.estate_id == estate_id)
        for g in active_grants(user=user)
    )


def sees_estate(*, user: User, estate_id: int) -> bool:
    reach = reach_for(user=user)
    return reach.all_estates or estate_id in reach.visible()


# --- lines ---------------------------------------------------------------------------------


def line_list(*, user: User) -> QuerySet[LedgerLine]:
    reach = reach_for(user=user)
    qs = LedgerLine.objects.prefetch_related("reverses", "reversed_by", "attachments")
    if reach.all_estates:
        return qs.order_by("-id")
    return qs.filter(
        Q(estate_id__in=reach.firm_side) | Q(estate_id__in=reach.review, status=LineStatus.POSTED)
    ).order_by("-id")


def line_get(*, user: User, pk: int) -> LedgerLine:
    found = line_list(user=user).filter(pk=pk).first()
    if found is None:
        raise LineNotFound()
    return found


# --- decisions, rules, fund ------------------------------------------------------------------


def _estate_wide(qs: QuerySet[Any], *, user: User) -> QuerySet[Any]:
    reach = reach_for(user=user)
    return qs if reach.all_estates else qs.filter(estate_id__in=reach.visible())


def decision_list(*, user: User) -> QuerySet[Decision]:
    return _estate_wide(Decision.objects.all(), user=user)


def decision_get(*, user: User, pk: int) -> Decision:
    found = decision_list(user=user).filter(pk=pk).first()
    if found is None:
        raise DecisionNotFound()
    return found


def split_rule_list(*, user: User) -> QuerySet[SplitRule]:
    return _estate_wide(SplitRule.objects.all(), user=user).order_by("estate_id")


def rule_of(estate_id: int) -> Rule | None:
    found = SplitRule.objects.filter(estate_id=estate_id).first()
    if found is None:
        return None
    return Rule(
        firm_cost_share=found.firm_cost_share,
        owners_share=found.owners_share,
        reinvestment_target=found.reinvestment_target,
        staff_cost_cap=found.staff_cost_cap,
        maintenance_fund_minimum=found.maintenance_fund_minimum,
    )


def fund_list(*, user: User) -> QuerySet[FundMovement]:
    return _estate_wide(FundMovement.objects.select_related("decision"), user=user)


def fund_balance(*, estate_id: int) -> dict[str, Decimal]:
    rows = (
        FundMovement.objects.filter(estate_id=estate_id)
        .values("kind")
        .annotate(total=Sum("amount"), n=Count("id"))
    )
    by_kind = {r["kind"]: r["total"] or Decimal(0) for r in rows}
    into = sum(
        (by_kind.get(k, Decimal(0)) for k in FundMovementKind.values if k != "use"), Decimal(0)
    )
    used = by_kind.get(FundMovementKind.USE, Decimal(0))
    return {"in_total": into, "used_total": used, "balance": into - used}


# --- statements ----------------------------------------------------------------------------


def statement_list(*, user: User) -> QuerySet[Statement]:
    reach = reach_for(user=user)
    qs = Statement.objects.annotate(
        open_queries=Count("queries", filter=Q(queries__answered_at__isnull=True))
    )
    if reach.all_estates:
        return qs
    return qs.filter(
        Q(estate_id__in=reach.firm_side)
        | (Q(estate_id__in=reach.review) & ~Q(status=StatementStatus.DRAFT))
        | Q(estate_id__in=reach.published, status=StatementStatus.PUBLISHED)
    )


def statement_get(*, user: User, pk: int, detail: bool = False) -> Statement:
    qs = statement_list(user=user)
    if detail:
        qs = qs.select_related("estate").prefetch_related(
            Prefetch(
                "queries",
                queryset=StatementQuery.objects.select_related("raised_by", "answered_by"),
            )
        )
    found = qs.filter(pk=pk).first()
    if found is None:
        raise StatementNotFound()
    return found


def statement_lines(statement: Statement, *, use_floor: bool = True) -> QuerySet[LedgerLine]:
    """The posted lines a statement shows (see `Statement`); empty before it is submitted.
    `use_floor=False` ignores the seq bounds frozen in the summary (submission computes them)."""
    if statement.head_seq is None:
        return LedgerLine.objects.none()
    # two disjoint, separately indexable parts (a BitmapOr, not a scan of the whole chain):
    # the lines dated in the period, and earlier-dated lines posted since the previous statement
    in_period = Q(
        occurred_on__gte=statement.period_start,
        occurred_on__lte=statement.period_end,
        seq__lte=statement.head_seq,
    )
    late = Q(
        occurred_on__lt=statement.period_start,
        seq__gt=statement.base_seq,
        seq__lte=statement.head_seq,
    )
    shown = LedgerLine.objects.filter(
        estate_id=statement.estate_id, status=LineStatus.POSTED
    ).filter(in_period | late)
    summary = statement.summary or {}
    first, last = summary.get("first_seq"), summary.get("last_seq")
    if use_floor and isinstance(first, int) and isinstance(last, int):
        # the bounds frozen at submission: the lines shown are dense in seq between them (posted
        # in date order), so ORDER BY seq LIMIT 20 walks a few index entries (at 1M lines: no
        # bitmap over the month's 7,700 lines and no sort; 0.2 ms instead of 10 for page one)
        return shown.filter(seq__gte=first, seq__lte=last).order_by("seq")
    # without the bounds, ordered by `seq + 0`, not `seq`: with ORDER BY seq LIMIT 20 the planner
    # walks the whole (estate, seq) index filtering out every other month's lines (56 ms at 100k
    # lines, linear in the ledger); on the expression it takes the BitmapOr and sorts the month
    return shown.alias(seq_order=F("seq") + 0).order_by("seq_order")


def actions_for(*, user: User, statement: Statement) -> list[str]:
    open_queries = getattr(statement, "open_queries", None)
    if open_queries is None:
        open_queries = statement.queries.filter(answered_at__isnull=True).count()
    return statement_actions(
        status=statement.status,
        keeps_books=keeps_books(user=user, estate_id=statement.estate_id),
        supervises=is_supervisor(user, statement.estate_id),
        open_queries=open_queries,
    )


# --- the chain -----------------------------------------------------------------------------

# One row per posted line in seq order with its canonical serialisation written by PostgreSQL:
# exactly chain.py's format (keys in order, no whitespace; to_json escapes strings as Python's
# json.dumps(ensure_ascii=False) does: `"`, `\\` and control characters only, lowercase \\u00XX;
# attachments sorted by code point: COLLATE "C" on ASCII). Posting writes it with chain.py;
# tests/disclosure/test_chain.py holds the two to the same bytes on awkward text. Streamed with a
# server-side cursor: verifying a million lines builds no model instance and parses no Decimal.
_CHAIN_SQL = """
SELECT l.seq, l.id, l.line_hash,
       '{"amount":"' || l.amount::text
       || '","attachments":' || COALESCE(att.list, '[]')
       || ',"category":' || to_json(l.category)::text
       || ',"counterparty":' || to_json(l.counterparty)::text
       || ',"date":"' || to_char(l.occurred_on, 'YYYY-MM-DD')
       || '","decision":' || COALESCE(l.decision_id::text, 'null')
       || ',"description":' || to_json(l.description)::text
       || ',"estate":' || l.estate_id::text
       || ',"kind":' || to_json(l.kind)::text
       || ',"reverses":' || COALESCE(r.seq::text, 'null')
       || ',"seq":' || l.seq::text || '}'
  FROM disclosure_ledgerline l
  LEFT JOIN disclosure_ledgerline r ON r.id = l.reverses_id
  LEFT JOIN (
        SELECT a.line_id,
               '[' || string_agg(to_json(a.kind || ':' || a.sha256)::text, ','
                                 ORDER BY (a.kind || ':' || a.sha256) COLLATE "C") || ']' AS list
          FROM disclosure_lineattachment a GROUP BY a.line_id
       ) att ON att.line_id = l.id
 WHERE l.estate_id = %s AND l.status = 'posted' AND l.seq > %s AND l.seq <= %s
 ORDER BY l.seq
"""


def chain_rows(
    *, estate_id: int, upto_seq: int, after_seq: int = 0
) -> Iterator[tuple[int, int, str, str]]:
    """(seq, line id, stored hash, canonical text) for seq after_seq+1..upto_seq, streamed."""
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg cursor under Django's wrapper
        name = f"chain_{estate_id}"
        if connection.in_atomic_block:
            server = raw.connection.cursor(name=name)
        else:
            server = raw.connection.cursor(name=name, withhold=True)
        server.itersize = 20000
        try:
            server.execute(_CHAIN_SQL, (estate_id, after_seq, upto_seq))
            yield from server
        finally:
            server.close()


@dataclass(frozen=True)
class Verification:
    ok: bool
    checked: int
    head_seq: int
    recomputed_head: str
    statement_head: str
    witness_head: str | None
    statement_matches: bool
    witness_matches: bool | None
    first_mismatch: dict[str, Any] | None
    gap_at: int | None
    # where the recomputation started: 0 (the genesis) or the seq of an earlier statement's
    # head as the public witness holds it (the stored line there must still hash to it)
    from_seq: int = 0
    checkpoint_statement: int | None = None


def _checkpoint(*, statement: Statement) -> tuple[int, str, int | None]:
    """The latest head the witness holds for an EARLIER statement of the estate below this
    statement's head: (seq, head, statement id) — the chain is recomputed from there.
    The stored line at that seq must carry exactly the witnessed head, else the walk starts
    from the genesis (and names the first line that disagrees)."""
    from witness.models import WitnessedHead

    witness = (
        WitnessedHead.objects.filter(
            schema_name=current_schema(),
            estate_id=statement.estate_id,
            head_seq__gt=0,
            head_seq__lt=statement.head_seq,
        )
        .exclude(statement_id=statement.pk)
        .order_by("-head_seq", "-statement_id")
        .first()
    )
    if witness is None:
        return 0, chain.GENESIS, None
    stored = (
        LedgerLine.objects.filter(
            estate_id=statement.estate_id, seq=witness.head_seq, status=LineStatus.POSTED
        )
        .values_list("id", "line_hash")
        .first()
    )
    if stored is not None and stored[1] == witness.head:
        return witness.head_seq, witness.head, witness.statement_id
    return 0, chain.GENESIS, None  # the books disagree with the witness: walk it all


def statement_verify(*, statement: Statement, full: bool = False) -> Verification:
    """Recompute the chain up to the statement's head and compare every stored line hash on
    the way, the statement's head and (once published) the witness's head in the public schema.
    By default the walk starts at the last checkpoint the public witness holds below the head
    (an earlier published statement, its stored line still carrying the witnessed head): only
    the lines since are recomputed. `full` walks from the genesis (seq 1)."""
    from witness.selectors import witnessed_head

    assert statement.head_seq is not None
    start_seq, start_head, checkpoint = 0, chain.GENESIS, None
    if not full:
        start_seq, start_head, checkpoint = _checkpoint(statement=statement)
    rows = (
        (seq, pk, stored, text.encode("utf-8"))
        for seq, pk, stored, text in chain_rows(
            estate_id=statement.estate_id, upto_seq=statement.head_seq, after_seq=start_seq
        )
    )
    check = chain.walk(rows, start_head=start_head, start_seq=start_seq)
    witness = witnessed_head(schema_name=current_schema(), statement_id=statement.pk)
    witness_head = witness.head if witness is not None else None
    statement_matches = (
        check.head == statement.head_hash and start_seq + check.checked == statement.head_seq
    )
    witness_matches = (
        None
        if witness is None
        else (witness.head == check.head and witness.head_seq == statement.head_seq)
    )
    mismatch = check.first_mismatch
    return Verification(
        ok=mismatch is None
        and check.gap_at is None
        and statement_matches
        and witness_matches is not False,
        checked=check.checked,
        head_seq=statement.head_seq,
        recomputed_head=check.head,
        statement_head=statement.head_hash,
        witness_head=witness_head,
        statement_matches=statement_matches,
        witness_matches=witness_matches,
        first_mismatch=None
        if mismatch is None
        else {
            "seq": mismatch.seq,
            "line_id": mismatch.line_id,
            "stored_hash": mismatch.expected,
            "computed_hash": mismatch.computed,
        },
        gap_at=check.gap_at,
        from_seq=start_seq,
        checkpoint_statement=checkpoint,
    )


def chain_export_lines(*, statement: Statement, user: User) -> Iterator[str]:
    """The JSON-lines export tools/verify_ledger.py checks (format "linli-ledger/1"):
    - first a header: {"type": "header", "format", "firm", "estate", "genesis", "statement"};
    - then one {"type": "line", "seq", "id", "hash", "canonical"} per posted line from seq 1 to
      the statement's head, where `canonical` is the line's canonical serialisation (chain.py)
      as a JSON string and `hash` the head stored with the line;
    - then the heads to compare with: {"type": "head", "source": "statement" | "witness",
      "statement", "period", "seq", "head"} for this statement and every earlier statement of
      the estate the reader may see (the witness rows come from the public schema).
    """
    import json

    from witness.selectors import witnessed_heads

    assert statement.head_seq is not None
    schema = current_schema()
    estate = statement.estate
    yield (
        json.dumps(
            {
                "type": "header",
                "format": "linli-ledger/1",
                "firm": schema,
                "estate": {"id": estate.pk, "code": estate.code, "name": estate.name},
                "genesis": chain.GENESIS,
                "statement": statement.pk,
            },
            ensure_ascii=False,
        )
        + "\n"
    )
    for seq, pk, stored, text in chain_rows(
        estate_id=statement.estate_id, upto_seq=statement.head_seq
    ):
        yield (
            json.dumps(
                {"type": "line", "seq": seq, "id": pk, "hash": stored, "canonical": text},
                ensure_ascii=False,
            )
            + "\n"
        )
    shown = (
        statement_list(user=user)
        .filter(estate_id=statement.estate_id, head_seq__lte=statement.head_seq)
        .exclude(status=StatementStatus.DRAFT)
        .order_by("head_seq", "id")
    )
    visible = {s.pk: s for s in shown}
    visible[statement.pk] = statement
    for item in sorted(visible.values(), key=lambda s: (s.head_seq or 0, s.pk)):
        yield (
            json.dumps(
                {
                    "type": "head",
                    "source": "statement",
                    "statement": item.pk,
                    "period": f"{item.kind}:{item.period_start.isoformat()}",
                    "seq": item.head_seq,
                    "head": item.head_hash,
                }
            )
            + "\n"
        )
    for witness in witnessed_heads(schema_name=schema, estate_id=statement.estate_id):
        if witness.statement_id in visible:
            yield (
                json.dumps(
                    {
                        "type": "head",
                        "source": "witness",
                        "statement": witness.statement_id,
                        "seq": witness.head_seq,
                        "head": witness.head,
                    }
                )
                + "\n"
            )


@dataclass(frozen=True)
class NoticeCheck:
    """What the check page behind a notice's QR code tells anyone: whether today's published
    statement still ends in the head printed on the paper, and whether the platform's witness
    recorded that same head. No amounts: the notice itself carries them."""

    statement_id: int
    kind: str
    period_start: date
    period_end: date
    head_seq: int
    published_at: datetime | None
    matches_statement: bool
    matches_witness: bool | None


def notice_check(*, schema_name: str, pk: int, head: str) -> NoticeCheck:
    """Only published statements answer (anything else is StatementNotFound)."""
    statement = Statement.objects.filter(pk=pk, status=StatementStatus.PUBLISHED).first()
    if statement is None or statement.head_seq is None:
        raise StatementNotFound()
    printed = head.strip().lower().encode()
    witness = witnessed_head(schema_name=schema_name, statement_id=statement.pk)
    return NoticeCheck(
        statement_id=statement.pk,
        kind=statement.kind,
        period_start=statement.period_start,
        period_end=statement.period_end,
        head_seq=statement.head_seq,
        published_at=statement.published_at,
        matches_statement=hmac.compare_digest(printed, statement.head_hash.encode()),
        matches_witness=(
            None if witness is None else hmac.compare_digest(printed, witness.head.encode())
        ),
    )
