"""Rule violations of the disclosure ledger, each with a stable `code`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from core.exceptions import Conflict, Forbidden, NotFound, ValidationFailed


class NotBookkeeper(Forbidden):
    code = "not_bookkeeper"
    default_detail: Any = _("只有负责该小区的物业管理人员可以记账和编制报表。")


class NotSupervisor(Forbidden):
    code = "not_supervisor"
    default_detail: Any = _("只有该小区在任的业委会成员可以审核报表。")


class LineNotFound(NotFound):
    default_detail: Any = _("未找到该账目。")


class StatementNotFound(NotFound):
    default_detail: Any = _("未找到该报表。")


class DecisionNotFound(NotFound):
    default_detail: Any = _("未找到该决议。")


class LinePosted(Conflict):
    code = "line_posted"
    default_detail: Any = _("已入账的账目不能修改或删除，请用冲销更正。")


class LineNotPosted(Conflict):
    code = "line_not_posted"
    default_detail: Any = _("草稿不能冲销，可直接修改或删除。")


class AlreadyReversed(Conflict):
    code = "already_reversed"
    constraints = ("disclosure_ledgerline_reverses_id_key",)
    default_detail: Any = _("该账目已被冲销。")


class ReversalNotReversible(Conflict):
    code = "reversal_not_reversible"
    default_detail: Any = _("冲销账目不能再冲销，请重新录入正确的账目。")


class InvalidCategory(ValidationFailed):
    code = "invalid_category"
    default_detail: Any = _("类别与收支方向不符。")


class InvalidAmount(ValidationFailed):
    code = "invalid_amount"
    default_detail: Any = _("金额须为非零、最多两位小数的人民币金额。")


class DecisionNotInEstate(ValidationFailed):
    code = "decision_not_in_estate"
    default_detail: Any = _("决议不属于该小区。")


class UploadRejected(ValidationFailed):
    code = "upload_rejected"
    default_detail: Any = _("附件不符合要求。")


class InvalidSplitRule(ValidationFailed):
    code = "invalid_split_rule"
    default_detail: Any = _("分配比例须在 0–100% 之间。")


class InvalidPeriod(ValidationFailed):
    code = "invalid_period"
    default_detail: Any = _("期间须从月初（月报）或季初（季报）开始。")


class PeriodNotOver(Conflict):
    code = "period_not_over"
    default_detail: Any = _("期间尚未结束，不能提交审核。")


class StatementExists(Conflict):
    code = "statement_exists"
    constraints = ("disclosure_statement_period",)
    default_detail: Any = _("该期间的报表已存在。")


class StatementTransition(Conflict):
    code = "statement_transition"
    default_detail: Any = _("报表当前状态下不能执行此操作。")


class OpenQueries(Conflict):
    code = "open_queries"
    default_detail: Any = _("还有未答复的质询，不能签认。")


class QueryAnswered(Conflict):
    code = "query_answered"
    default_detail: Any = _("该质询已答复。")


class NotSnapshotted(Conflict):
    code = "statement_not_submitted"
    default_detail: Any = _("报表尚未提交，没有可校验的链头。")


class DecisionRequired(ValidationFailed):
    code = "decision_required"
    default_detail: Any = _("维修资金的每笔使用都须关联业主决议。")


class FundInsufficient(Conflict):
    code = "fund_insufficient"
    default_detail: Any = _("维修资金余额不足。")


class LineNotInEstate(ValidationFailed):
    code = "line_not_in_estate"
    default_detail: Any = _("该账目不属于本小区或尚未入账。")
