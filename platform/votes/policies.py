"""The arithmetic of an owners' vote, pure (no ORM, no floats: Decimal areas, Fraction shares).

Civil Code art. 278: a decision needs participation by owners holding >= 2/3 of the exclusive
area AND >= 2/3 of the headcount; an ordinary matter passes with > 1/2 of the participating area
AND headcount, a special matter (items 6-8) with >= 3/4 of both. These are legal minimums: an
estate may make a vote's rule stricter, never looser (`Rule.check_against_law`).

Counting (SPC interpretation on building co-ownership, art. 9), `electorate`:
- area: the sum of the exclusive floor area of the units;
- headcount: each unit counts as one person, except that one buyer (one owner, or the same set
  of co-owners) holding several units counts once, and the units without an owner of record
  (the developer's unsold or undelivered units) count as one together.
The co-owners of a unit cast one ballot between them (they are one elector).

One ballot per elector (`counted_ballot`): of the ballots counted, a paper ballot prevails over
an online one of the same elector (the signed paper is the stronger evidence, and an online
ballot may have been cast by whoever holds the phone); among ballots of one channel, the latest
revision counts. Both are kept, and the elector is reported as a conflict to the committee.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

ORDINARY = "ordinary"
SPECIAL = "special"
DEVELOPER = "developer"  # the key of the elector holding every unit without an owner of record
DEFAULT_NOTICE_DAYS = 15
MIN_NOTICE_DAYS = 15  # 业主大会规程 art. 23: the owners are told 15 days before
PUBLISH_DAYS = 7  # the result is published within 7 days of the close


# --- thresholds ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Threshold:
    """A share that must be reached: `at_least` (>=) or, when False, more than (>)."""

    share: Fraction
    at_least: bool = True

    def met(self, part: Fraction | Decimal | int, whole: Fraction | Decimal | int) -> bool:
        whole_f = Fraction(whole)
        if whole_f <= 0:
            return False
        ratio = Fraction(part) / whole_f
        return ratio >= self.share if self.at_least else ratio > self.share

    def as_strict_as(self, other: Threshold) -> bool:
        """Every share meeting self also meets `other` (self is at least as demanding)."""
        if self.share != other.share:
            return self.share > other.share
        return other.at_least or not self.at_least

    def text(self) -> str:
        sign = "≥" if self.at_least else ">"
        return f"{sign} {self.share.numerator}/{self.share.denominator}"

    def as_json(self) -> dict[str, object]:
        return {
            "share": f"{self.share.numerator}/{self.share.denominator}",
            "at_least": self.at_least,
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, object]) -> Threshold:
        return cls(Fraction(str(raw["share"])), bool(raw["at_least"]))


@dataclass(frozen=True)
class Rule:
    """The thresholds a vote applies. `legal(kind)` is the law's minimum for the matter kind."""

    kind: str
    turnout_area: Threshold
    turnout_heads: Threshold
    pass_area: Threshold
    pass_heads: Threshold

    @classmethod
    def legal(cls, kind: str) -> Rule:
        turnout = Threshold(Fraction(2, 3))
        passing = Threshold(Fraction(3, 4)) if kind == SPECIAL else Threshold(Fraction(1, 2), False)
        return cls(kind, turnout, turnout, passing, passing)

    def check_against_law(self) -> list[str]:
        """The names of the thresholds looser than the law (empty: the rule is lawful)."""
        law = Rule.legal(self.kind)
        return [
            name
            for name in ("turnout_area", "turnout_heads", "pass_area", "pass_heads")
            if not getattr(self, name).as_strict_as(getattr(law, name))
            or getattr(self, name).share > 1
        ]

    def is_legal_minimum(self) -> bool:
        return self == Rule.legal(self.kind)

    def text(self) -> str:
        """The rule as every result states it."""
        basis = (
            _("民法典第二百七十八条重大事项（第六至八项）")
            if self.kind == SPECIAL
            else _("民法典第二百七十八条一般事项")
        )
        if not self.is_legal_minimum():
            basis = _("%(basis)s，本小区从严规定") % {"basis": basis}
        return _(
            "参与表决：专有部分面积 %(ta)s 且人数 %(th)s；"
            "通过：参与表决专有部分面积 %(pa)s 且人数 %(ph)s（%(basis)s）"
        ) % {
            "ta": self.turnout_area.text(),
            "th": self.turnout_heads.text(),
            "pa": self.pass_area.text(),
            "ph": self.pass_heads.text(),
            "basis": basis,
        }

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "turnout_area": self.turnout_area.as_json(),
            "turnout_heads": self.turnout_heads.as_json(),
            "pass_area": self.pass_area.as_json(),
            "pass_heads": self.pass_heads.as_json(),
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, object]) -> Rule:
        def th(name: str) -> Threshold:
            value = raw[name]
            assert isinstance(value, Mapping)
            return Threshold.from_json(value)

        return cls(
            str(raw["kind"]),
            th("turnout_area"),
            th("turnout_heads"),
            th("pass_area"),
            th("pass_heads"),
        )


def parse_share(text: str) -> Fraction | None:
    """ "2/3", "0.75" or "3/4" as a Fraction in (0, 1], else None (never a float)."""
    try:
        value = Fraction(text.strip())
    except (ValueError, ZeroDivisionError, AttributeError):
        return None
    return value if 0 < value <= 1 else None


# --- the electorate --------------------------------------------------------------------------


@dataclass(frozen=True)
class Holding:
    """One unit in the vote's scope on the day voting opens, with its owners of record."""

    unit_id: int
    building_id: int
    area: Decimal
    owners: frozenset[int]  # person ids; empty: the developer's (unsold or undelivered)


@dataclass
class ElectorDraft:
    """One head of the headcount: an owner (or the same co-owners) with all their units, or the
    developer with every unit nobody owns of record."""

    key: str
    person_ids: tuple[int, ...]
    area: Decimal = Decimal("0")
    units: list[tuple[int, int, Decimal]] = field(default_factory=list)  # unit, building, area

    @property
    def developer(self) -> bool:
        return self.key == DEVELOPER


def elector_key(owners: frozenset[int]) -> str:
    return "p:" + ",".join(str(p) for p in sorted(owners)) if owners else DEVELOPER


def electorate(holdings: Iterable[Holding]) -> list[ElectorDraft]:
    """The electors, in key order: units grouped by their set of owners of record."""
    found: dict[str, ElectorDraft] = {}
    for h in sorted(holdings, key=lambda h: h.unit_id):
        key = elector_key(h.owners)
        elector = found.setdefault(key, ElectorDraft(key=key, person_ids=tuple(sorted(h.owners))))
        elector.area += h.area
        elector.units.append((h.unit_id, h.building_id, h.area))
    return [found[k] for k in sorted(found)]


# --- which ballot counts ---------------------------------------------------------------------


@dataclass(frozen=True)
class BallotFacts:
    channel: str  # online | paper
    revision: int
    status: str  # entered | counted | rejected
    choice: int


def counted_ballot(ballots: Sequence[BallotFacts]) -> tuple[BallotFacts | None, bool]:
    """(the ballot that counts for one elector, whether paper and online both counted)."""
    counted = [b for b in ballots if b.status == "counted"]
    paper = [b for b in counted if b.channel == "paper"]
    online = [b for b in counted if b.channel == "online"]
    conflict = bool(paper and online)
    pick = paper or online
    return (max(pick, key=lambda b: b.revision) if pick else None), conflict


# --- the tally ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OptionCount:
    index: int
    area: Decimal
    heads: int
    passes: bool


@dataclass(frozen=True)
class Outcome:
    electorate_area: Decimal
    electorate_heads: int
    voted_area: Decimal
    voted_heads: int
    turnout_area_met: bool
    turnout_heads_met: bool
    options: tuple[OptionCount, ...]
    adopted: int | None  # the option index that met the passing thresholds

    @property
    def quorum(self) -> bool:
        return self.turnout_area_met and self.turnout_heads_met

    @property
    def passed(self) -> bool:
        return self.adopted is not None


def tally(
    *,
    electors: Mapping[str, Decimal],
    choices: Mapping[str, int],
    option_count: int,
    rule: Rule,
) -> Outcome:
    """The outcome: `electors` maps each elector key to its area (each is one head),
    `choices` the key of each elector whose ballot counts to its option index."""
    total_area = sum(electors.values(), Decimal("0"))
    voted = {k: c for k, c in choices.items() if k in electors and 0 <= c < option_count}
    voted_area = sum((electors[k] for k in voted), Decimal("0"))
    voted_heads = len(voted)
    turnout_area = rule.turnout_area.met(voted_area, total_area)
    turnout_heads = rule.turnout_heads.met(voted_heads, len(electors))
    options = []
    adopted = None
    for index in range(option_count):
        area = sum((electors[k] for k, c in voted.items() if c == index), Decimal("0"))
        heads = sum(1 for c in voted.values() if c == index)
        passes = (
            turnout_area
            and turnout_heads
            and rule.pass_area.met(area, voted_area)
            and rule.pass_heads.met(heads, voted_heads)
        )
        if passes and adopted is None:
            adopted = index
        options.append(OptionCount(index, area, heads, passes))
    return Outcome(
        electorate_area=total_area,
        electorate_heads=len(electors),
        voted_area=voted_area,
        voted_heads=voted_heads,
        turnout_area_met=turnout_area,
        turnout_heads_met=turnout_heads,
        options=tuple(options),
        adopted=adopted,
    )


# --- what a reader of a tally may see ----------------------------------------------------------

SEALED_UNTIL = frozenset({"draft", "announced", "open"})


def counts_sealed(*, secret: bool, status: str) -> bool:
    """Whether a vote's per-option counts are withheld from every reader now.

    A secret vote shows only its turnout (area, headcount, quorum, per building) while it is
    open, and each option's area and headcount once it is closed. A live per-option tally would
    let anyone who reads it just before and just after a neighbour votes (a resident who knows
    when they voted, the committee at the door, the firm) subtract the two and learn that
    neighbour's choice; turnout alone says only that they voted, which the committee's
    door-knocking list shows anyway. Paper ballots are entered and confirmed while the vote is
    still open (after the window, before the close), so the seal holds until the close, not
    until the window ends. An open (not secret) vote names its voters anyway: its counts are
    live."""
    return secret and status in SEALED_UNTIL


# --- the timeline and who may do what ----------------------------------------------------------


def earliest_opening(*, announced_at: datetime, notice_days: int) -> datetime:
    return announced_at + timedelta(days=notice_days)


def publish_due(*, closed_at: datetime) -> datetime:
    return closed_at + timedelta(days=PUBLISH_DAYS)


@dataclass(frozen=True)
class Standing:
    """What the services know about a reader of a vote."""

    committee: bool  # a confirmed supervisor of the vote's estate
    elector: bool  # in the frozen electorate (owner-side account)
    voted: bool  # their elector has a counted ballot
    paper_on_file: bool  # a paper ballot of their elector is entered or counted


def user_actions(
    *,
    status: str,
    now: datetime,
    opens_at: datetime,
    closes_at: datetime,
    changeable: bool,
    standing: Standing,
) -> frozenset[str]:
    """The actions a reader may take on a vote now (the services and the API agree on this)."""
    acts: set[str] = set()
    if standing.committee:
        if status == "draft":
            acts |= {"edit", "announce"}
        elif status == "announced" and now >= opens_at:
            acts.add("open")
        elif status == "open":
            acts.add("enter_paper")
            if now >= closes_at:
                acts.add("close")
        elif status == "closed":
            acts.add("publish")
    if (
        standing.elector
        and status == "open"
        and opens_at <= now < closes_at
        and not standing.paper_on_file
        and (not standing.voted or changeable)
    ):
        acts.add("cast")
    return frozenset(acts)


# --- topics (议事厅) -----------------------------------------------------------------------------

TOPIC_SUPPORT_DEFAULT = 10  # supports that put a topic on the committee's agenda
TOPIC_SUPPORT_MIN, TOPIC_SUPPORT_MAX = 1, 1000  # the range the committee may set (models.TopicHall)


def reaches_agenda(*, supports: int, threshold: int = TOPIC_SUPPORT_DEFAULT) -> bool:
    return supports >= threshold


def topic_actions(
    *, status: str, committee: bool, speaks: bool, mine: bool, supported: bool
) -> frozenset[str]:
    """What a reader may do with a topic: `speaks` is a resident or committee member of the
    estate (never the firm)."""
    acts: set[str] = set()
    live = status in ("open", "agenda")
    if committee and live:
        acts |= {"answer", "hide", "merge"}
    if speaks and live and not mine and not supported:
        acts.add("support")
    return frozenset(acts)


# --- tracked decisions (事事有回音) -------------------------------------------------------------

DECISION_MAX_DAYS = 730  # a deadline further out than two years is not a deadline


def decision_actions(
    *, status: str, owner_side: str, committee: bool, firm: bool
) -> frozenset[str]:
    """What a reader may do with a tracked decision. `committee`: a confirmed member of the
    estate's committee; `firm`: a firm account whose scope covers the estate. The firm writes
    only on items it owns, and cannot close them: the committee confirms."""
    acts: set[str] = set()
    owns = (owner_side == "firm" and firm) or (owner_side == "committee" and committee)
    if status != "done" and (owns or committee):
        acts.add("progress")
    if owns or committee:
        acts.add("link")
    if status == "open" and owner_side == "firm" and firm:
        acts.add("report")
    if status == "reported" and committee:
        acts |= {"confirm", "return"}
    if status == "open" and owner_side == "committee" and committee:
        acts.add("complete")
    return frozenset(acts)


def days_late(*, due_on: date, today: date, done_on: date | None) -> int:
    """Days past the deadline: today's for an item still open, the day it was done otherwise
    (0 when on time)."""
    end = done_on or today
    return max(0, (end - due_on).days)
