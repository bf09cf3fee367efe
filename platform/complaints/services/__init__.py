"""Every write of the closed loop. Split by stage: intake, workflow, dispatch, escalations."""

from .dispatch import auto_dispatch, group_create, next_member, rule_set
from .escalations import escalation_plan_submit, red_board, sweep
from .intake import attachments_save, request_submit, request_submit_by
from .workflow import (
    auto_close_sweep,
    request_accept,
    request_assign,
    request_defer,
    request_rate,
    request_reassign,
    request_reject,
    request_reopen,
    request_resolve,
    request_resume,
    request_start,
    request_take,
)

__all__ = [
    "attachments_save",
    "auto_close_sweep",
    "auto_dispatch",
    "escalation_plan_submit",
    "group_create",
    "next_member",
    "red_board",
    "request_accept",
    "request_assign",
    "request_defer",
    "request_rate",
    "request_reassign",
    "request_reject",
    "request_reopen",
    "request_resolve",
    "request_resume",
    "request_start",
    "request_submit",
    "request_submit_by",
    "request_take",
    "rule_set",
    "sweep",
]
