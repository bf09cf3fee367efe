"""Pure rules of the disclosure ledger (no ORM): periods, the split of a statement and its
warnings, and which statement actions a reader may take."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .choices import (
    REINVESTMENT_CATEGORIES,
    ExpenseCategory,
    LineKind,
    StatementKind,
    StatementStatus,
)

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
PUBLISH_WITHIN = timedelta(hours=24)


def period_end(kind: str, start: date) -> date:
    """The last day of the month (monthly) or quarter (quarterly) starting on `start`."""
    months = 1 if kind == StatementKind.MONTHLY else 3
    year, month = divmod(start.month - 1 + months, 12)
    return date(start.year + year, month + 1, 1) - timedelta(days=1)


def period_start_valid(kind: str, start: date) -> bool:
    if start.day != 1 or not 2000 <= start.year <= 9000:
        return False
    return kind == StatementKind.MONTHLY or start.month in (1, 4, 7, 10)


@dataclass(frozen=True)
class Rule:
    firm_cost_share: Decimal
    owners_share: Decimal
    reinvestment_target: Decimal
    staff_cost_cap: Decimal
    maintenance_fund_minimum: Decimal | None


def _pct(part: Decimal, whole: Decimal) -> Decimal:
    return (part * HUNDRED / whole).quantize(CENT, rounding=ROUND_HALF_UP)


def _money(value: Decimal) -> str:
    return f"{value.quantize(CENT, rounding=ROUND_HALF_UP):.2f}"


def split_summary(
    *, totals: Mapping[tuple[str, str], Decimal], rule: Rule | None
) -> dict[str, Any]:
    """The statement's figures from its per-(kind, category) totals, with the split the rule
    gives and a warning for each rule broken. Amounts are strings with two decimals (JSON
    never carries money as a float); percentages too."""
    income = {c: v for (k, c), v in totals.items() if k == LineKind.INCOME}
    expense = {c: v for (k, c), v in totals.items() if k == LineKind.EXPENSE}
    gross = sum(income.values(), Decimal(0))
    spent = sum(expense.values(), Decimal(0))
    reinvested = sum((v for c, v in expense.items() if c in REINVESTMENT_CATEGORIES), Decimal(0))
    staff = expense.get(ExpenseCategory.STAFF, Decimal(0))
    to_fund = expense.get(ExpenseCategory.MAINTENANCE_FUND, Decimal(0))
    summary: dict[str, Any] = {
        "income_total": _money(gross),
        "expense_total": _money(spent),
        "net": _money(gross - spent),
        "income_by_category": {c: _money(v) for c, v in sorted(income.items())},
        "expense_by_category": {c: _money(v) for c, v in sorted(expense.items())},
        "reinvestment": _money(reinvested),
        "staff_cost": _money(staff),
        "maintenance_fund_transfer": _money(to_fund),
        "rule": None,
        "split": None,
        "warnings": [],
    }
    warnings: list[dict[str, str]] = []
    if rule is None:
        warnings.append({"code": "no_split_rule"})
        summary["warnings"] = warnings
        return summary
    summary["rule"] = {
        "firm_cost_share": _money(rule.firm_cost_share),
        "owners_share": _money(rule.owners_share),
        "reinvestment_target": _money(rule.reinvestment_target),
        "staff_cost_cap": _money(rule.staff_cost_cap),
        "maintenance_fund_minimum": (
            None if rule.maintenance_fund_minimum is None else _money(rule.maintenance_fund_minimum)
        ),
    }
    summary["split"] = {
        "firm_cost": _money(gross * rule.firm_cost_share / HUNDRED),
        "owners": _money(gross * rule.owners_share / HUNDRED),
        "reinvestment_pct": _money(_pct(reinvested, gross)) if gross > 0 else None,
        "staff_cost_pct": _money(_pct(staff, gross)) if gross > 0 else None,
        "maintenance_fund_pct": _money(_pct(to_fund, gross)) if gross > 0 else None,
    }
    if rule.firm_cost_share + rule.owners_share != HUNDRED:
        warnings.append(
            {
                "code": "shares_not_100",
                "actual": _money(rule.firm_cost_share + rule.owners_share),
                "limit": "100.00",
            }
        )
    if gross > 0:
        if _pct(reinvested, gross) < rule.reinvestment_target:
            warnings.append(
                {
                    "code": "reinvestment_below_target",
                    "actual": _money(_pct(reinvested, gross)),
                    "limit": _money(rule.reinvestment_target),
                }
            )
        if _pct(staff, gross) > rule.staff_cost_cap:
            warnings.append(
                {
                    "code": "staff_cost_over_cap",
                    "actual": _money(_pct(staff, gross)),
                    "limit": _money(rule.staff_cost_cap),
                }
            )
        minimum = rule.maintenance_fund_minimum
        if minimum is not None and _pct(to_fund, gross) < minimum:
            warnings.append(
                {
                    "code": "maintenance_fund_below_minimum",
                    "actual": _money(_pct(to_fund, gross)),
                    "limit": _money(minimum),
                }
            )
    elif spent > 0:
        warnings.append({"code": "expenses_without_income", "actual": _money(spent)})
    summary["warnings"] = warnings
    return summary


def statement_actions(
    *, status: str, keeps_books: bool, supervises: bool, open_queries: int
) -> list[str]:
    """What a reader may do to a statement now: the ONE rule the services and the serializer
    share."""
    actions: list[str] = []
    if keeps_books and status in (StatementStatus.DRAFT, StatementStatus.IN_REVIEW):
        actions.append("submit")
    if keeps_books and status == StatementStatus.IN_REVIEW and open_queries:
        actions.append("answer")
    if supervises and status == StatementStatus.IN_REVIEW:
        actions.append("query")
        if not open_queries:
            actions.append("sign_off")
    if status != StatementStatus.DRAFT:
        actions.append("verify")
    return actions
