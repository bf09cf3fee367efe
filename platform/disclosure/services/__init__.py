"""Every write of the disclosure ledger: the books (ledger.py: decisions, lines, attachments,
posting, reversing, split rules, the maintenance fund) and the statements (statements.py:
drafting, review, queries, sign-off, publication)."""

from __future__ import annotations

from .ledger import (
    attachment_add,
    decision_record,
    fund_record,
    line_delete,
    line_draft,
    line_post,
    line_reverse,
    line_update,
    split_rule_set,
)
from .statements import (
    query_answer,
    query_raise,
    statement_draft,
    statement_publish,
    statement_sign_off,
    statement_submit,
    statements_publish_due,
)

__all__ = [
    "attachment_add",
    "decision_record",
    "fund_record",
    "line_delete",
    "line_draft",
    "line_post",
    "line_reverse",
    "line_update",
    "query_answer",
    "query_raise",
    "split_rule_set",
    "statement_draft",
    "statement_publish",
    "statement_sign_off",
    "statement_submit",
    "statements_publish_due",
]
