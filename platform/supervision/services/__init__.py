"""Every write of owner supervision (split by resource)."""

from __future__ import annotations

from .rectifications import (
    rectification_answer,
    rectification_open,
    rectification_reassign,
    rectification_reject,
    rectification_verify,
)
from .rounds import addendum_add, answer_record, photo_add, round_publish, round_start, round_submit
from .schedules import reminders_next_due, reminders_send, schedule_create, schedule_end
from .templates import ItemInput, template_create, template_version_add

__all__ = [
    "ItemInput",
    "addendum_add",
    "answer_record",
    "photo_add",
    "rectification_answer",
    "rectification_open",
    "rectification_reassign",
    "rectification_reject",
    "rectification_verify",
    "reminders_next_due",
    "reminders_send",
    "round_publish",
    "round_start",
    "round_submit",
    "schedule_create",
    "schedule_end",
    "template_create",
    "template_version_add",
]
