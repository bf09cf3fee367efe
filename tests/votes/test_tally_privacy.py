"""A secret vote's live tally cannot be differenced: while the vote is open every reader (owner,
committee, firm) sees its turnout only, so two reads around one ballot say that someone voted,
never how. The per-option counts appear at the close; an open (not secret) vote names its
voters anyway and keeps its counts live."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django_tenants.utils import schema_context

from tests.helpers import login

from .conftest import open_vote
from .test_votes import _paper

pytestmark = pytest.mark.django_db

# what turnout is: the only part of a secret vote's tally that moves while it is open
TURNOUT = ("voted_area", "voted_heads", "turnout_area_met", "turnout_heads_met", "quorum")
FIRM = ("admin", "manager", "staff")


def _readers(votes) -> dict[str, Any]:
    a = votes.cast.a
    people = {who: getattr(a, who) for who in (*FIRM, "committee", "resident")}
    people["member2"] = votes.member2
    people["zhang"] = votes.owners["zhang"]
    people["wang"] = votes.owners["wang"]
    return {who: login(person) for who, person in people.items()}


def _without_turnout(seen: dict[str, Any]) -> dict[str, Any]:
    """The vote as read, minus turnout (the whole electorate's and each building's)."""
    tally = {k: v for k, v in seen["tally"].items() if k not in TURNOUT and k != "buildings"}
    tally["buildings"] = [
        {k: v for k, v in b.items() if k not in ("voted_area", "voted_heads")}
        for b in seen["tally"]["buildings"]
    ]
    return {**seen, "tally": tally}


def _reads(readers: dict[str, Any], pk: int) -> dict[str, dict[str, Any]]:
    found = {}
    for who, client in readers.items():
        got = client.get(f"/api/v1/votes/{pk}/")
        assert got.status_code == 200, (who, got.content)
        found[who] = got.json()
    return found


def _sealed(tally: dict[str, Any]) -> bool:
    return (
        tally["sealed"] is True
        and tally["options"] == []
        and tally["adopted"] is None
        and tally["passed"] is None
    )


def _vote(pk: int):
    from votes.models import Vote

    return Vote.objects.get(pk=pk)


def test_two_reads_around_a_ballot_show_turnout_only_to_every_reader(votes) -> None:
    pk = open_vote(votes)
    readers = _readers(votes)
    committee = readers["committee"]
    before = _reads(readers, pk)
    lists_before = (
        committee.get(f"/api/v1/votes/{pk}/ballots/").json(),
        committee.get(f"/api/v1/votes/{pk}/electors/").json(),
    )
    # 赵六 (60 m², building 2) votes 反对
    zhao = login(votes.owners["zhao"])
    assert zhao.post(f"/api/v1/votes/{pk}/cast/", {"choice": 1}, format="json").status_code == 201
    after = _reads(readers, pk)
    for who in readers:
        assert _sealed(before[who]["tally"]) and _sealed(after[who]["tally"]), who
        # the turnout moved by exactly one head of 60 m² ...
        assert before[who]["tally"]["voted_heads"] == 0, who
        assert after[who]["tally"]["voted_heads"] == 1, who
        assert after[who]["tally"]["voted_area"] == "60.00", who
        # ... and nothing else of what they read changed
        assert _without_turnout(after[who]) == _without_turnout(before[who]), who
    # the committee's lists: who voted (for the door-knocking), never what
    ballots_after = committee.get(f"/api/v1/votes/{pk}/ballots/").json()
    assert ballots_after == lists_before[0] == {"pending_paper": [], "conflicts": [], "named": []}
    electors_after = committee.get(f"/api/v1/votes/{pk}/electors/").json()
    assert [e["names"] for e in electors_after if e["voted"]] == ["赵六"]
    assert [{**e, "voted": False} for e in electors_after] == lists_before[1]
    # the voter sees their own ballot (and their receipt), nobody else's
    mine = zhao.get(f"/api/v1/votes/{pk}/").json()
    assert _sealed(mine["tally"]) and mine["mine"][0]["choice"] == 1


def test_a_changed_ballot_leaves_every_other_readers_view_unchanged(votes) -> None:
    pk = open_vote(votes)
    zhao = login(votes.owners["zhao"])
    assert zhao.post(f"/api/v1/votes/{pk}/cast/", {"choice": 0}, format="json").status_code == 201
    readers = _readers(votes)
    before = _reads(readers, pk)
    committee = readers["committee"]
    lists_before = (
        committee.get(f"/api/v1/votes/{pk}/ballots/").json(),
        committee.get(f"/api/v1/votes/{pk}/electors/").json(),
    )
    changed = zhao.post(f"/api/v1/votes/{pk}/cast/", {"choice": 1}, format="json")
    assert changed.status_code == 201 and changed.json()["revision"] == 2
    # the turnout does not move either: the reads are the same, byte for byte
    assert _reads(readers, pk) == before
    assert committee.get(f"/api/v1/votes/{pk}/ballots/").json() == lists_before[0]
    assert committee.get(f"/api/v1/votes/{pk}/electors/").json() == lists_before[1]


def test_a_confirmed_paper_ballot_shows_only_as_turnout_outside_the_two_members(
    votes, settings, tmp_path
) -> None:
    """The entering and confirming members read the paper (they check it against the scan);
    the firm and the owners see one more head voted, not what it said."""
    settings.MEDIA_ROOT = tmp_path
    pk = open_vote(votes)
    committee, member2 = login(votes.cast.a.committee), login(votes.member2)
    electors = {e["names"]: e["id"] for e in committee.get(f"/api/v1/votes/{pk}/electors/").json()}
    readers = {k: v for k, v in _readers(votes).items() if k not in ("committee", "member2")}
    before = _reads(readers, pk)
    entered = _paper(committee, pk, electors["赵六"], 2)
    assert entered.status_code == 201, entered.content
    pending = _reads(readers, pk)
    assert pending == before  # an entry waiting for its second member counts for nothing yet
    confirmed = member2.post(
        f"/api/v1/votes/{pk}/confirm/", {"ballot": entered.json()["id"], "accept": True}
    )
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "counted"
    after = _reads(readers, pk)
    for who in readers:
        assert _sealed(after[who]["tally"]), who
        assert after[who]["tally"]["voted_area"] == "60.00", who
        assert _without_turnout(after[who]) == _without_turnout(before[who]), who


def test_the_counts_appear_at_the_close(votes) -> None:
    from votes import services

    pk = open_vote(votes)
    for key, choice in (("zhang", 0), ("li", 1), ("zhao", 1)):
        made = login(votes.owners[key]).post(
            f"/api/v1/votes/{pk}/cast/", {"choice": choice}, format="json"
        )
        assert made.status_code == 201
    manager = login(votes.cast.a.manager)
    assert _sealed(manager.get(f"/api/v1/votes/{pk}/").json()["tally"])
    with schema_context(votes.cast.a.schema):
        vote = _vote(pk)
        services.vote_close(
            user=votes.cast.a.committee.user, vote=vote, now=vote.closes_at + timedelta(hours=1)
        )
    for who in ("manager", "resident", "committee"):
        tally = login(getattr(votes.cast.a, who)).get(f"/api/v1/votes/{pk}/").json()["tally"]
        assert tally["sealed"] is False, who
        assert [(o["option"], o["heads"], o["area"]) for o in tally["options"]] == [
            ("同意", 1, "200.00"),
            ("反对", 2, "110.00"),
            ("弃权", 0, "0.00"),
        ], who
        # 3 of 5 heads, 310 of 489 m²: below 2/3 of the area, so nothing passes
        assert tally["passed"] is False and tally["adopted"] is None, who


def test_an_open_votes_counts_stay_live(votes) -> None:
    pk = open_vote(votes, secret=False)
    login(votes.owners["zhao"]).post(f"/api/v1/votes/{pk}/cast/", {"choice": 1}, format="json")
    tally = login(votes.cast.a.resident).get(f"/api/v1/votes/{pk}/").json()["tally"]
    assert tally["sealed"] is False and tally["passed"] is False
    assert [o["heads"] for o in tally["options"]] == [0, 1, 0]
