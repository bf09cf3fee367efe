"""Reads of the votes: who sees a vote, who stands where (committee, elector, firm), the live
tally (aggregates only) and the per-building turnout."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from accounts.choices import Role
from accounts.models import User
from accounts.selectors import active_grants
from committee.selectors import estate_seen_by, is_supervisor
from estates.models import Person

from .choices import TopicStatus, VoteStatus
from .models import Ballot, Decision, Elector, Topic, TopicHall, TopicSupport, Vote
from .policies import (
    TOPIC_SUPPORT_DEFAULT,
    BallotFacts,
    Outcome,
    Rule,
    Standing,
    counted_ballot,
    tally,
)

FIRM_ROLES = frozenset({Role.FIRM_ADMIN, Role.MANAGER, Role.STAFF})


def is_firm_side(user: User) -> bool:
    """An account holding a firm role: it never votes, enters ballots or sees who voted what."""
    return any(g.role in FIRM_ROLES for g in active_grants(user=user))


def person_ids_of(user: User) -> list[int]:
    return list(Person.objects.filter(user_id=user.pk).values_list("pk", flat=True))


def votes_of(*, user: User, estate_id: int) -> QuerySet[Vote]:
    """The estate's votes the user reads: drafts only for the committee."""
    qs = Vote.objects.filter(estate_id=estate_id).select_related("result")
    if not is_supervisor(user, estate_id):
        qs = qs.exclude(status=VoteStatus.DRAFT)
    return qs.order_by("-created_at", "-id")


def vote_get(*, user: User, pk: int) -> Vote | None:
    found = Vote.objects.filter(pk=pk).first()
    if found is None or estate_seen_by(user=user, pk=found.estate_id) is None:
        return None
    if found.status == VoteStatus.DRAFT and not is_supervisor(user, found.estate_id):
        return None
    return found


def electors_of(*, user: User, vote: Vote) -> list[Elector]:
    """The electors the user casts for: an owner-side account among an elector's persons."""
    if is_firm_side(user):
        return []
    persons = person_ids_of(user)
    if not persons:
        return []
    found: list[Elector] = []
    for pid in persons:
        found += list(Elector.objects.filter(vote=vote, person_ids__contains=[pid]))
    unique = {e.pk: e for e in found}
    return [unique[k] for k in sorted(unique)]


def ballots_by_elector(
    *, vote: Vote, electors: Iterable[int] | None = None
) -> dict[int, list[BallotFacts]]:
    """The facts of the vote's ballots, per elector; of the named electors only, when given
    (one owner's cast or standing reads their own rows, not the whole vote's)."""
    grouped: dict[int, list[BallotFacts]] = defaultdict(list)
    rows = Ballot.objects.filter(vote=vote)
    if electors is not None:
        rows = rows.filter(elector_id__in=list(electors))
    for elector_id, channel, revision, status, choice in rows.values_list(
        "elector_id", "channel", "revision", "status", "choice"
    ):
        grouped[elector_id].append(BallotFacts(channel, revision, status, choice))
    return grouped


def standing(*, user: User, vote: Vote) -> Standing:
    mine = electors_of(user=user, vote=vote)
    voted = paper = False
    if mine:
        grouped = ballots_by_elector(vote=vote, electors=[e.pk for e in mine])
        for elector in mine:
            facts = grouped.get(elector.pk, [])
            voted |= counted_ballot(facts)[0] is not None
            paper |= any(f.channel == "paper" and f.status != "rejected" for f in facts)
    return Standing(
        committee=is_supervisor(user, vote.estate_id),
        elector=bool(mine),
        voted=voted,
        paper_on_file=paper,
    )


@dataclass(frozen=True)
class Counted:
    """The ballot that counts for each elector, and the electors with a paper/online conflict."""

    choices: dict[int, int]  # elector id -> option index
    channels: dict[int, str]
    conflicts: list[int]
    pending_paper: int


def counted(*, vote: Vote) -> Counted:
    choices: dict[int, int] = {}
    channels: dict[int, str] = {}
    conflicts: list[int] = []
    pending = 0
    for elector_id, facts in ballots_by_elector(vote=vote).items():
        pick, conflict = counted_ballot(facts)
        pending += sum(1 for f in facts if f.status == "entered")
        if pick is not None:
            choices[elector_id] = pick.choice
            channels[elector_id] = pick.channel
        if conflict:
            conflicts.append(elector_id)
    return Counted(choices, channels, sorted(conflicts), pending)


def elector_areas(*, vote: Vote) -> dict[int, Decimal]:
    return dict(Elector.objects.filter(vote=vote).values_list("pk", "area"))


def live_outcome(*, vote: Vote) -> tuple[Outcome, Counted]:
    """The tally now (aggregates): for a vote not yet open, an empty electorate."""
    areas = elector_areas(vote=vote)
    found = counted(vote=vote)
    outcome = tally(
        electors={str(k): v for k, v in areas.items()},
        choices={str(k): c for k, c in found.choices.items()},
        option_count=len(vote.options),
        rule=Rule.from_json(vote.rule),
    )
    return outcome, found


@dataclass(frozen=True)
class BuildingTurnout:
    building_id: int
    electorate_area: Decimal
    electorate_heads: int
    voted_area: Decimal
    voted_heads: int


def turnout_by_building(*, vote: Vote, choices: dict[int, int]) -> list[BuildingTurnout]:
    """Per building: the area and the electors holding a unit there (an elector with units in
    two buildings counts in each), and how much of it has voted (where to knock on doors)."""
    totals: dict[int, list[Decimal | int]] = {}
    for pk, units in Elector.objects.filter(vote=vote).values_list("pk", "units"):
        seen: set[int] = set()
        for _unit, building, area in units:
            row = totals.setdefault(building, [Decimal("0"), 0, Decimal("0"), 0])
            row[0] = Decimal(row[0]) + Decimal(area)
            if pk in choices:
                row[2] = Decimal(row[2]) + Decimal(area)
            if building not in seen:
                seen.add(building)
                row[1] = int(row[1]) + 1
                if pk in choices:
                    row[3] = int(row[3]) + 1
    return [
        BuildingTurnout(b, Decimal(r[0]), int(r[1]), Decimal(r[2]), int(r[3]))
        for b, r in sorted(totals.items())
    ]


def receipt_hash(receipt: str) -> str:
    return hashlib.sha256(receipt.strip().encode()).hexdigest()


def receipt_included(*, vote: Vote, receipt: str) -> bool:
    """Whether the ballot of this receipt is the one counted for its elector (published: whether
    its hash is in the published result)."""
    result = getattr(vote, "result", None) if vote.status == VoteStatus.PUBLISHED else None
    if result is not None:
        return receipt_hash(receipt) in set(result.export.get("receipts", []))
    ballot = Ballot.objects.filter(vote=vote, receipt=receipt.strip()).first()
    if ballot is None:
        return False
    facts = ballots_by_elector(vote=vote, electors=[ballot.elector_id]).get(ballot.elector_id, [])
    pick, _conflict = counted_ballot(facts)
    return pick is not None and pick.revision == ballot.revision and pick.channel == ballot.channel


def ballot_get(*, vote: Vote, pk: int) -> Ballot | None:
    return Ballot.objects.filter(vote=vote, pk=pk).select_related("elector").first()


# --- topics (议事厅) -----------------------------------------------------------------------------


def topics_of(*, user: User, estate_id: int) -> QuerySet[Topic]:
    """The estate's topics: hidden ones only for the committee and their author."""
    qs = (
        Topic.objects.filter(estate_id=estate_id)
        .select_related("author")
        .annotate(hot_request_count=Count("hot_topic__requests"))
    )
    if not is_supervisor(user, estate_id):
        qs = qs.exclude(Q(status=TopicStatus.HIDDEN) & ~Q(author_id=user.pk))
    return qs.order_by("-created_at", "-id")


def topic_get(*, user: User, pk: int) -> Topic | None:
    found = Topic.objects.filter(pk=pk).select_related("author").first()
    if found is None or estate_seen_by(user=user, pk=found.estate_id) is None:
        return None
    if (
        found.status == TopicStatus.HIDDEN
        and found.author_id != user.pk
        and not is_supervisor(user, found.estate_id)
    ):
        return None
    return found


def supported(*, user: User, topic: Topic) -> bool:
    return TopicSupport.objects.filter(topic=topic, user_id=user.pk).exists()


# --- tracked decisions (事事有回音) -------------------------------------------------------------


def decisions_of(*, user: User, estate_id: int) -> QuerySet[Decision]:
    """The estate's tracked decisions: every reader of the estate sees all of them (the point
    is that residents can check)."""
    del user  # the estate check is the caller's (estate_seen_by)
    return (
        Decision.objects.filter(estate_id=estate_id)
        .select_related("owner", "vote", "topic")
        .prefetch_related("clocks")
        .order_by("status", "due_on", "-id")
    )


def decision_get(*, user: User, pk: int) -> Decision | None:
    found = Decision.objects.filter(pk=pk).select_related("owner", "vote", "topic").first()
    if found is None or estate_seen_by(user=user, pk=found.estate_id) is None:
        return None
    return found


def agenda_threshold(*, estate_id: int) -> int:
    """How many supports put a topic of the estate on the agenda: the committee's setting
    (models.TopicHall), or the default."""
    hall = TopicHall.objects.filter(estate_id=estate_id).first()
    return hall.support_threshold if hall else TOPIC_SUPPORT_DEFAULT
