"""The committee may make a vote's rule stricter than Civil Code art. 278, never looser: the API
answers a looser or unreadable share with a 400 naming the field (`rule.<name>`), and the
refused write changes nothing (neither a new vote nor the edited draft)."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from tests.helpers import login

from .conftest import body

pytestmark = pytest.mark.django_db


def _votes(cast) -> list[tuple[int, object]]:
    from votes.models import Vote

    with schema_context(cast.a.schema):
        return list(Vote.objects.order_by("pk").values_list("pk", "rule"))


@pytest.mark.parametrize(
    ("matter", "rule", "field", "message"),
    [
        ("fund_use", {"turnout_heads": "1/2"}, "rule.turnout_heads", "不能低于法定标准。"),
        ("fund_use", {"turnout_area": "0.66"}, "rule.turnout_area", "不能低于法定标准。"),
        ("fund_use", {"pass_area": "0.49"}, "rule.pass_area", "不能低于法定标准。"),
        ("rebuild", {"pass_heads": "2/3"}, "rule.pass_heads", "不能低于法定标准。"),
        (
            "fund_use",
            {"pass_heads": "0"},
            "rule.pass_heads",
            "请填写 0 到 1 之间的比例，例如 3/4。",
        ),
        (
            "fund_use",
            {"pass_heads": "4/3"},
            "rule.pass_heads",
            "请填写 0 到 1 之间的比例，例如 3/4。",
        ),
        (
            "fund_use",
            {"pass_heads": "75%"},
            "rule.pass_heads",
            "请填写 0 到 1 之间的比例，例如 3/4。",
        ),
    ],
)
def test_a_looser_or_unreadable_rule_is_a_400_on_its_field_and_nothing_is_made(
    votes, matter, rule, field, message
) -> None:
    committee = login(votes.cast.a.committee)
    before = _votes(votes.cast)
    refused = committee.post(
        "/api/v1/votes/", body(votes.estate, matter=matter, rule=rule), format="json"
    )
    assert refused.status_code == 400, refused.content
    assert refused.json()["fields"] == {field: [message]}
    assert _votes(votes.cast) == before


def test_an_edited_draft_keeps_its_rule_when_a_looser_one_is_refused(votes) -> None:
    committee = login(votes.cast.a.committee)
    made = committee.post(
        "/api/v1/votes/", body(votes.estate, rule={"pass_area": "2/3"}), format="json"
    )
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    before = _votes(votes.cast)
    looser = committee.put(
        f"/api/v1/votes/{pk}/", body(votes.estate, rule={"pass_area": "1/3"}), format="json"
    )
    assert looser.status_code == 400 and looser.json()["code"] == "votes_rule_too_loose"
    assert list(looser.json()["fields"]) == ["rule.pass_area"]
    assert _votes(votes.cast) == before
    # in English for a reader who chose it
    from accounts.models import User

    with schema_context(votes.cast.a.schema):
        User.objects.filter(email=votes.cast.a.committee.email).update(language="en")
    english = login(votes.cast.a.committee).put(
        f"/api/v1/votes/{pk}/", body(votes.estate, rule={"pass_area": "1/3"}), format="json"
    )
    assert english.json()["fields"]["rule.pass_area"] == [
        "Cannot be looser than the legal minimum."
    ]
    assert _votes(votes.cast) == before


def test_the_laws_own_share_keeps_the_law_and_a_stricter_one_is_stated(votes) -> None:
    committee = login(votes.cast.a.committee)
    same = committee.post(
        "/api/v1/votes/",
        body(votes.estate, rule={"turnout_area": "2/3", "pass_area": "1/2", "pass_heads": ""}),
        format="json",
    ).json()
    # "1/2" for an ordinary matter is the law's "more than half", not "at least half"
    assert same["rule"]["pass_area"] == {"share": "1/2", "at_least": False}
    assert "从严" not in same["rule_text"]
    stricter = committee.post(
        "/api/v1/votes/",
        body(votes.estate, matter="rebuild", rule={"turnout_heads": "0.8", "pass_area": "1"}),
        format="json",
    ).json()
    assert stricter["rule"]["turnout_heads"] == {"share": "4/5", "at_least": True}
    assert stricter["rule"]["pass_area"] == {"share": "1/1", "at_least": True}
    assert "人数 ≥ 4/5" in stricter["rule_text"] and "本小区从严规定" in stricter["rule_text"]
