"""Ballots: online casts (one per elector and revision; changes are new revisions) and paper
ballots entered by one committee member and confirmed by another."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from accounts.models import User
from deadlines.services import due_note

from .. import selectors
from ..choices import BallotStatus, Channel, VoteStatus
from ..exceptions import (
    AlreadyVoted,
    BallotNotFound,
    BallotRace,
    FirmCannotVote,
    NotElector,
    PaperOnFile,
    SameMember,
    VoteInvalid,
    VotingClosed,
    WrongStage,
)
from ..models import Ballot, Elector, Vote
from ..policies import (
    counted_ballot,
)
from .common import (
    PAPER_ENTRY,
    SCAN_MAX,
    _committee,
    _locked,
    _now,
)


@dataclass(frozen=True)
class Scan:
    name: str
    data: bytes


def _next_revision(vote: Vote, elector: Elector) -> int:
    top = Ballot.objects.filter(vote=vote, elector=elector).aggregate(n=Max("revision"))["n"]
    return (top or 0) + 1


def _choice(vote: Vote, choice: int) -> int:
    if not 0 <= choice < len(vote.options):
        raise VoteInvalid(fields={"choice": [_("请选择一个选项。")]})
    return choice


def _receipt() -> str:
    return secrets.token_hex(8).upper()


def ballot_cast(
    *,
    user: User,
    vote: Vote,
    choice: int,
    elector_id: int | None = None,
    now: datetime | None = None,
) -> Ballot:
    """An owner casts (or, where the vote allows, changes) their ballot online. Two casts at
    once for the same elector keep one: the other is AlreadyVoted (409)."""
    try:
        with transaction.atomic():
            return _cast(user, vote, choice, elector_id, _now(now))
    except IntegrityError as exc:
        from core.exceptions import constraint_name

        if constraint_name(exc) == "votes_ballot_once":
            # the other cast won: where changes are not allowed, that is "already voted"
            raise (BallotRace() if vote.changeable else AlreadyVoted()) from exc
        raise


def _cast(user: User, vote: Vote, choice: int, elector_id: int | None, at: datetime) -> Ballot:
    if selectors.is_firm_side(user):
        raise FirmCannotVote()
    fresh = Vote.objects.get(pk=vote.pk)  # the status now, not as the caller read it
    if fresh.status != VoteStatus.OPEN or not fresh.opens_at <= at < fresh.closes_at:
        raise VotingClosed()
    mine = selectors.electors_of(user=user, vote=fresh)
    if elector_id is not None:
        mine = [e for e in mine if e.pk == elector_id]
    if not mine:
        raise NotElector()
    if len(mine) > 1:
        raise VoteInvalid(fields={"elector": [_("您名下有多份产权，请选择为哪一份投票。")]})
    elector = mine[0]
    choice = _choice(fresh, choice)
    facts = selectors.ballots_by_elector(vote=fresh, electors=[elector.pk]).get(elector.pk, [])
    if any(f.channel == Channel.PAPER and f.status != BallotStatus.REJECTED for f in facts):
        raise PaperOnFile()
    if counted_ballot(facts)[0] is not None and not fresh.changeable:
        raise AlreadyVoted()
    return Ballot.objects.create(
        vote=fresh,
        elector=elector,
        # from the same read as the decision above: a revision read later could see a ballot
        # cast meanwhile, number past it and let a second "first" ballot in (no 409)
        revision=max((f.revision for f in facts), default=0) + 1,
        choice=choice,
        channel=Channel.ONLINE,
        status=BallotStatus.COUNTED,
        cast_by=user,
        cast_at=at,
        receipt=_receipt(),
    )


def _check_scan(scan: Scan) -> str:
    data = scan.data
    if data.startswith(b"\xff\xd8\xff"):
        ext = "jpg"
    elif data.startswith(b"\x89PNG\r\n\x1a\n"):
        ext = "png"
    elif data.startswith(b"%PDF-"):
        ext = "pdf"
    else:
        raise VoteInvalid(fields={"scan": [_("请上传纸质选票的扫描件（JPG、PNG 或 PDF）。")]})
    if len(data) > SCAN_MAX:
        raise VoteInvalid(fields={"scan": [_("扫描件不能超过 15 MB。")]})
    return ext


@transaction.atomic
def paper_enter(
    *,
    user: User,
    vote: Vote,
    elector_id: int,
    choice: int,
    scan: Scan,
    note: str = "",
    now: datetime | None = None,
) -> Ballot:
    """A committee member enters a signed paper ballot with its scan; it counts once a second
    member confirms it. An online ballot of the same elector is kept and shown as a conflict;
    the paper ballot prevails (policies.counted_ballot)."""
    _committee(user, vote.estate_id)
    locked = _locked(vote)
    if locked.status != VoteStatus.OPEN:
        raise WrongStage()
    elector = Elector.objects.filter(vote=locked, pk=elector_id).first()
    if elector is None:
        raise VoteInvalid(fields={"elector": [_("没有这位业主。")]})
    choice = _choice(locked, choice)
    ext = _check_scan(scan)
    paper = Ballot.objects.filter(vote=locked, elector=elector, channel=Channel.PAPER).exclude(
        status=BallotStatus.REJECTED
    )
    if paper.exists():
        raise VoteInvalid(fields={"elector": [_("这位业主的纸质选票已经录入。")]})
    ballot = Ballot(
        vote=locked,
        elector=elector,
        revision=_next_revision(locked, elector),
        choice=choice,
        channel=Channel.PAPER,
        status=BallotStatus.ENTERED,
        cast_by=user,
        cast_at=_now(now),
        receipt=_receipt(),
        note=note.strip()[:300],
    )
    ballot.scan.save(f"ballot-{locked.pk}-{elector.pk}.{ext}", ContentFile(scan.data), save=False)
    ballot.save()
    return ballot


@transaction.atomic
def paper_confirm(
    *, user: User, vote: Vote, ballot_id: int, accept: bool, now: datetime | None = None
) -> Ballot:
    """A second committee member confirms the entry against the scan (it counts) or sends it
    back (rejected; it may be entered again)."""
    _committee(user, vote.estate_id)
    locked = _locked(vote)
    if locked.status != VoteStatus.OPEN:
        raise WrongStage()
    ballot = Ballot.objects.select_for_update().filter(vote=locked, pk=ballot_id).first()
    if ballot is None or ballot.channel != Channel.PAPER:
        raise BallotNotFound()
    if ballot.status != BallotStatus.ENTERED:
        raise WrongStage()
    if ballot.cast_by_id == user.pk:
        raise SameMember()
    ballot.status = BallotStatus.COUNTED if accept else BallotStatus.REJECTED
    ballot.confirmed_by = user
    ballot.confirmed_at = _now(now)
    ballot.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    due_note(at=locked.closes_at + PAPER_ENTRY)  # the platform may close it again (close_due)
    return ballot
