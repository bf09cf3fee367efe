"""Writes of the votes: draft, announce, open (freeze the electorate), cast online, enter and
confirm paper ballots, close, publish the result; and the topics of the deliberation hall.
Only the estate's confirmed committee runs a vote; no firm role drafts, opens, closes, casts or
enters anything."""

from __future__ import annotations

from ..exceptions import PaperPending
from .ballots import Scan, ballot_cast, paper_confirm, paper_enter
from .common import (
    BODY_MAX,
    NOTICE_MAX,
    OPTION_MAX,
    OPTIONS_MAX,
    OPTIONS_MIN,
    SCAN_MAX,
    TITLE_MAX,
)
from .decisions import (
    DECISION_BODY_MAX,
    DECISION_TITLE_MAX,
    ENTRY_MAX,
    actions_for,
    decision_create,
    decision_done,
    decision_link,
    decision_progress,
    decision_report,
    decision_return,
    owner_options,
)
from .lifecycle import (
    Stricter,
    VoteInput,
    close_due,
    open_due,
    vote_announce,
    vote_close,
    vote_create,
    vote_open,
    vote_update,
)
from .results import canonical, export_of, vote_publish
from .topics import (
    ANSWER_MAX,
    TOPIC_BODY_MAX,
    TOPIC_PHOTOS_MAX,
    TOPIC_TITLE_MAX,
    topic_answer,
    topic_from_hot_topic,
    topic_hide,
    topic_merge,
    topic_put_to_vote,
    topic_raise,
    topic_support,
    topic_threshold_set,
)

__all__ = [
    "ANSWER_MAX",
    "BODY_MAX",
    "DECISION_BODY_MAX",
    "DECISION_TITLE_MAX",
    "ENTRY_MAX",
    "NOTICE_MAX",
    "OPTIONS_MAX",
    "OPTIONS_MIN",
    "OPTION_MAX",
    "SCAN_MAX",
    "TITLE_MAX",
    "TOPIC_BODY_MAX",
    "TOPIC_PHOTOS_MAX",
    "TOPIC_TITLE_MAX",
    "PaperPending",
    "Scan",
    "Stricter",
    "VoteInput",
    "actions_for",
    "ballot_cast",
    "canonical",
    "close_due",
    "decision_create",
    "decision_done",
    "decision_link",
    "decision_progress",
    "decision_report",
    "decision_return",
    "export_of",
    "open_due",
    "owner_options",
    "paper_confirm",
    "paper_enter",
    "topic_answer",
    "topic_from_hot_topic",
    "topic_hide",
    "topic_merge",
    "topic_put_to_vote",
    "topic_raise",
    "topic_support",
    "topic_threshold_set",
    "vote_announce",
    "vote_close",
    "vote_create",
    "vote_open",
    "vote_publish",
    "vote_update",
]
