"""What the vote services share: the clock, the committee check, the row lock."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from accounts.models import User
from committee.selectors import is_supervisor

from .. import selectors
from ..exceptions import (
    NotCommittee,
)
from ..models import Vote

TITLE_MAX = 200
BODY_MAX = 5000
OPTION_MAX = 100
OPTIONS_MIN, OPTIONS_MAX = 2, 10
NOTICE_MAX = 90
SCAN_MAX = 15 * 1024 * 1024
# /2: a secret vote's export gives each option's area and headcount ("counts"), never a row per
# ballot (in /1 each counted ballot's area stood next to its choice: an owner with an area of
# their own could be found). An open vote still lists its ballots (area and choice, no names).
EXPORT_FORMAT = "linli-vote-result/2"
DEVELOPER_NAME = "开发建设单位"  # data recorded on the elector, not a message

# Paper ballots from the box are entered (and confirmed by a second member) after the window
# ends; the platform closes a vote the committee left open this long after it (the committee may
# close as soon as the window is over and nothing is pending).
PAPER_ENTRY = timedelta(days=3)


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def _committee(user: User, estate_id: int) -> None:
    if selectors.is_firm_side(user) or not is_supervisor(user, estate_id):
        raise NotCommittee()


def _locked(vote: Vote) -> Vote:
    return Vote.objects.select_for_update().get(pk=vote.pk)
