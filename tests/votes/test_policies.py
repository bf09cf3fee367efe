"""The art. 278 arithmetic, pure and table-driven: area vs headcount, multi-unit owners,
co-owned units, the developer's units, ties, exactly 2/3 and 3/4, one ballot short."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from votes.policies import (
    BallotFacts,
    Holding,
    Rule,
    Threshold,
    counted_ballot,
    electorate,
    parse_share,
    tally,
)

ORDINARY = Rule.legal("ordinary")
SPECIAL = Rule.legal("special")


def _electors(*areas: str) -> dict[str, Decimal]:
    return {f"e{n}": Decimal(a) for n, a in enumerate(areas)}


def _choices(*picks: int | None) -> dict[str, int]:
    return {f"e{n}": c for n, c in enumerate(picks) if c is not None}


# (name, areas, picks (None: did not vote), rule, quorum, adopted)
CASES = [
    # 6 electors of 100 m² each: 4 vote = exactly 2/3 of both -> quorum; 3 of 4 yes > 1/2
    ("exactly two thirds is a quorum", ["100"] * 6, [0, 0, 0, 1, None, None], ORDINARY, True, 0),
    (
        "one ballot short of two thirds is no quorum",
        ["100"] * 6,
        [0, 0, 0, None, None, None],
        ORDINARY,
        False,
        None,
    ),
    # a tie at exactly 1/2 is not "more than half"
    ("a tie does not pass an ordinary matter", ["100"] * 4, [0, 0, 1, 1], ORDINARY, True, None),
    # exactly 3/4 of both passes a special matter ...
    ("exactly three quarters passes a special matter", ["100"] * 4, [0, 0, 0, 1], SPECIAL, True, 0),
    # ... one ballot short of it does not (2/3 of 6 yes)
    (
        "one ballot short of three quarters fails a special matter",
        ["100"] * 6,
        [0, 0, 0, 0, 1, 1],
        SPECIAL,
        True,
        None,
    ),
    # the same ballots pass as an ordinary matter
    (
        "two thirds yes passes an ordinary matter",
        ["100"] * 6,
        [0, 0, 0, 0, 1, 1],
        ORDINARY,
        True,
        0,
    ),
    # headcount passes (3 of 5 yes) but area fails (the big owner says no: 300 of 500)
    (
        "headcount passes and area fails",
        ["50", "50", "100", "300", "100"],
        [0, 0, 0, 1, 1],
        ORDINARY,
        True,
        None,
    ),
    # area passes (the big owner) but headcount fails (1 of 3)
    ("area passes and headcount fails", ["300", "50", "50"], [0, 1, 1], ORDINARY, True, None),
    # turnout: headcount reached (4 of 6) but area not (the big holders stay away)
    (
        "headcount turnout without area turnout is no quorum",
        ["10", "10", "10", "10", "200", "200"],
        [0, 0, 0, 0, None, None],
        ORDINARY,
        False,
        None,
    ),
    # three options: nobody above half
    ("three options, none above half", ["100"] * 6, [0, 0, 1, 1, 2, 2], ORDINARY, True, None),
    # area with cents: exactly 2/3 of 300.03 is 200.02
    (
        "exactly two thirds with cents",
        ["100.01", "100.01", "100.01"],
        [0, 0, None],
        ORDINARY,
        True,
        0,
    ),
]


@pytest.mark.parametrize(
    ("areas", "picks", "rule", "quorum", "adopted"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_tally(areas, picks, rule, quorum, adopted) -> None:
    outcome = tally(electors=_electors(*areas), choices=_choices(*picks), option_count=3, rule=rule)
    assert outcome.quorum is quorum
    assert outcome.adopted == adopted
    assert outcome.passed is (adopted is not None)


def test_tally_counts_area_and_heads_exactly() -> None:
    outcome = tally(
        electors=_electors("89.50", "120.25", "60.00"),
        choices=_choices(0, 1, None),
        option_count=2,
        rule=ORDINARY,
    )
    assert outcome.electorate_area == Decimal("269.75") and outcome.electorate_heads == 3
    assert outcome.voted_area == Decimal("209.75") and outcome.voted_heads == 2
    assert [(o.area, o.heads) for o in outcome.options] == [
        (Decimal("89.50"), 1),
        (Decimal("120.25"), 1),
    ]


def test_an_empty_electorate_never_reaches_quorum() -> None:
    outcome = tally(electors={}, choices={}, option_count=2, rule=ORDINARY)
    assert not outcome.quorum and outcome.adopted is None


def test_a_choice_outside_the_options_or_the_electorate_is_not_counted() -> None:
    outcome = tally(
        electors=_electors("100", "100"),
        choices={"e0": 0, "e1": 7, "stranger": 0},
        option_count=2,
        rule=ORDINARY,
    )
    assert outcome.voted_heads == 1


def _h(unit: int, building: int, area: str, *owners: int) -> Holding:
    return Holding(unit, building, Decimal(area), frozenset(owners))


def test_electorate_one_buyer_of_several_units_counts_once_with_all_the_area() -> None:
    found = electorate([_h(1, 1, "80", 7), _h(2, 2, "90", 7), _h(3, 1, "100", 8)])
    assert [(e.key, e.area, len(e.units)) for e in found] == [
        ("p:7", Decimal("170"), 2),
        ("p:8", Decimal("100"), 1),
    ]


def test_electorate_co_owners_of_a_unit_are_one_elector() -> None:
    found = electorate([_h(1, 1, "80", 7, 9), _h(2, 1, "90", 9)])
    assert [(e.key, e.person_ids, e.area) for e in found] == [
        ("p:7,9", (7, 9), Decimal("80")),
        ("p:9", (9,), Decimal("90")),
    ]


def test_electorate_units_without_an_owner_count_as_one_developer() -> None:
    found = electorate([_h(1, 1, "80"), _h(2, 1, "90"), _h(3, 1, "70", 4)])
    developer = [e for e in found if e.developer]
    assert len(found) == 2 and developer[0].area == Decimal("170")
    assert len(developer[0].units) == 2


def test_two_owners_merged_into_one_person_count_once() -> None:
    # what the issue warns about: the count follows the people records
    assert len(electorate([_h(1, 1, "80", 5), _h(2, 1, "80", 5)])) == 1


P = "paper"
ON = "online"


@pytest.mark.parametrize(
    ("ballots", "picked", "conflict"),
    [
        ([BallotFacts(ON, 1, "counted", 0)], (ON, 1), False),
        ([BallotFacts(ON, 1, "counted", 0), BallotFacts(ON, 2, "counted", 1)], (ON, 2), False),
        # the paper ballot prevails over online, before or after it; the conflict is reported
        ([BallotFacts(ON, 1, "counted", 0), BallotFacts(P, 2, "counted", 1)], (P, 2), True),
        ([BallotFacts(P, 1, "counted", 1), BallotFacts(ON, 2, "counted", 0)], (P, 1), True),
        # a paper entry not yet confirmed, or rejected, does not count
        ([BallotFacts(ON, 1, "counted", 0), BallotFacts(P, 2, "entered", 1)], (ON, 1), False),
        ([BallotFacts(P, 1, "rejected", 1)], None, False),
        ([], None, False),
    ],
)
def test_which_ballot_counts(ballots, picked, conflict) -> None:
    pick, clash = counted_ballot(ballots)
    assert (None if pick is None else (pick.channel, pick.revision)) == picked
    assert clash is conflict


def test_stricter_rules_are_allowed_looser_ones_are_not() -> None:
    law = Rule.legal("ordinary")
    stricter = Rule(
        "ordinary", law.turnout_area, law.turnout_heads, Threshold(Fraction(2, 3)), law.pass_heads
    )
    assert stricter.check_against_law() == []
    looser = Rule(
        "ordinary", Threshold(Fraction(1, 2)), law.turnout_heads, law.pass_area, law.pass_heads
    )
    assert looser.check_against_law() == ["turnout_area"]
    # "at least 1/2" is looser than the law's "more than 1/2"
    at_least_half = Rule(
        "ordinary", law.turnout_area, law.turnout_heads, Threshold(Fraction(1, 2)), law.pass_heads
    )
    assert at_least_half.check_against_law() == ["pass_area"]
    # an ordinary rule is looser than the special one
    special = Rule.legal("special")
    assert Rule(
        "special",
        *[getattr(law, n) for n in ("turnout_area", "turnout_heads", "pass_area", "pass_heads")],
    ).check_against_law() == ["pass_area", "pass_heads"]
    assert special.check_against_law() == []


def test_every_rule_states_itself() -> None:
    assert ORDINARY.text() == (
        "参与表决：专有部分面积 ≥ 2/3 且人数 ≥ 2/3；"
        "通过：参与表决专有部分面积 > 1/2 且人数 > 1/2（民法典第二百七十八条一般事项）"
    )
    assert "≥ 3/4" in SPECIAL.text() and "重大事项" in SPECIAL.text()
    stricter = Rule(
        "ordinary",
        Threshold(Fraction(3, 4)),
        ORDINARY.turnout_heads,
        ORDINARY.pass_area,
        ORDINARY.pass_heads,
    )
    assert "从严" in stricter.text() and "≥ 3/4" in stricter.text()
    assert Rule.from_json(stricter.as_json()) == stricter


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("2/3", Fraction(2, 3)),
        ("0.75", Fraction(3, 4)),
        ("1", Fraction(1)),
        ("0", None),
        ("3/2", None),
        ("abc", None),
        ("1/0", None),
        ("", None),
        ("nan", None),
    ],
)
def test_shares_are_parsed_exactly(text, share) -> None:
    assert parse_share(text) == share
