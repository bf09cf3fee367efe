"""Every write of service scoring (one transaction each)."""

from __future__ import annotations

from .ballots import ballot_enter_paper, ballot_submit, voter_for
from .plans import plan_confirm_done, plan_report_done, plan_return
from .scores import score_publish
from .surveys import survey_close, survey_draft, survey_open, survey_remind, survey_update
from .weights import weights_propose, weights_sign

__all__ = [
    "ballot_enter_paper",
    "ballot_submit",
    "plan_confirm_done",
    "plan_report_done",
    "plan_return",
    "score_publish",
    "survey_close",
    "survey_draft",
    "survey_open",
    "survey_remind",
    "survey_update",
    "voter_for",
    "weights_propose",
    "weights_sign",
]
