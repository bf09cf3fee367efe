"""Residents see who sits on their committee (names, positions, term, filing number), not the
members' e-mail addresses; the firm's roles and the committee of the estate do."""

from __future__ import annotations

import pytest

from tests.helpers import login

pytestmark = pytest.mark.django_db


def _seats(client, estate: int) -> list[dict]:
    answer = client.get("/api/v1/committee-memberships/", {"estate": estate})
    assert answer.status_code == 200, answer.content
    return answer.json()["results"]


def test_residents_get_no_member_addresses(cast) -> None:
    a1 = cast.a.estates["A1"]
    seats = _seats(login(cast.a.resident), a1)
    assert seats and all(seat["user_email"] == "" for seat in seats)
    assert all(seat["full_name"] or seat["user_name"] for seat in seats)


@pytest.mark.parametrize("who", ["admin", "manager", "committee"])
def test_the_firm_and_the_committee_see_them(cast, who: str) -> None:
    seats = _seats(login(getattr(cast.a, who)), cast.a.estates["A1"])
    assert cast.a.committee.email in {seat["user_email"] for seat in seats}
