"""Every write of the closed loop. Split by stage: intake, workflow, closeout, dispatch,
escalations; `config` writes the estate's dispatch groups, rules and SLA policies."""

from .closeout import auto_close_sweep, request_rate, request_reopen
from .config import (
    dispatch_group_create,
    dispatch_group_delete,
    dispatch_group_update,
    dispatch_rule_create,
    dispatch_rule_delete,
    dispatch_rule_update,
    group_create,
    rule_set,
    sla_policy_create,
    sla_policy_delete,
    sla_policy_update,
)
from .dispatch import auto_dispatch, next_member
from .escalations import escalation_plan_submit, red_board, sweep
from .intake import (
    attachments_save,
    request_submit,
    request_submit_by,
    request_submitted_with_key,
)
from .requester import request_chase, request_withdraw
from .thread import message_post
from .workflow import (
    request_accept,
    request_assign,
    request_defer,
    request_depart,
    request_reassign,
    request_reject,
    request_resolve,
    request_resume,
    request_start,
    request_take,
)

__all__ = [
    "attachments_save",
    "auto_close_sweep",
    "auto_dispatch",
    "dispatch_group_create",
    "dispatch_group_delete",
    "dispatch_group_update",
    "dispatch_rule_create",
    "dispatch_rule_delete",
    "dispatch_rule_update",
    "escalation_plan_submit",
    "group_create",
    "message_post",
    "next_member",
    "red_board",
    "request_accept",
    "request_assign",
    "request_chase",
    "request_defer",
    "request_depart",
    "request_rate",
    "request_reassign",
    "request_reject",
    "request_reopen",
    "request_resolve",
    "request_resume",
    "request_start",
    "request_submit",
    "request_submit_by",
    "request_submitted_with_key",
    "request_take",
    "request_withdraw",
    "rule_set",
    "sla_policy_create",
    "sla_policy_delete",
    "sla_policy_update",
    "sweep",
]
