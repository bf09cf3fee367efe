"""List filters are FilterSets (issue #8 §3): a bad value is a 400 naming the parameter, never
a 500 or a silently ignored filter; good values still filter."""

from __future__ import annotations

import pytest

from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/api/v1/complaints/", {"estate": "abc"}, "estate"),
        ("/api/v1/complaints/", {"estate": "1.5"}, "estate"),
        ("/api/v1/complaints/", {"assignee": "x"}, "assignee"),
        ("/api/v1/complaints/", {"status": "submitted,nonsense"}, "status"),
        ("/api/v1/complaints/", {"category": "weather"}, "category"),
        ("/api/v1/complaints/", {"colour": "blue"}, "colour"),
        ("/api/v1/complaints/hot-topics/", {"estate": "abc"}, "estate"),
        ("/api/v1/complaints/hot-topics/", {"status": "maybe"}, "status"),
        ("/api/v1/complaints/board/", {"estate": "abc"}, "estate"),
        ("/api/v1/complaints/board/", {}, "estate"),
    ],
)
def test_a_bad_filter_value_is_a_400_naming_the_parameter(cast, path, params, field) -> None:
    response = login(cast.a.admin).get(path, params)
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"]


def test_a_bad_refresh_estate_is_a_400(cast) -> None:
    response = login(cast.a.manager).post("/api/v1/complaints/hot-topics/refresh/?estate=x")
    assert response.status_code == 400
    assert "estate" in response.json()["fields"]


def test_filters_still_filter(cast) -> None:
    admin = login(cast.a.admin)
    body = {"kind": "repair", "category": "repair", "description": "水管漏水了", "channel": "phone"}
    for estate, unit in (("A1", "A1-1-101"), ("A2", "A2-1-101")):
        created = admin.post(
            "/api/v1/complaints/",
            {**body, "estate": cast.a.estates[estate], "unit": cast.a.units[unit]},
            format="json",
        )
        assert created.status_code == 201, created.content
    a1 = admin.get("/api/v1/complaints/", {"estate": cast.a.estates["A1"]}).json()["results"]
    assert {r["estate"] for r in a1} == {cast.a.estates["A1"]}
    both = admin.get("/api/v1/complaints/", {"status": "submitted,accepted"}).json()["results"]
    assert len(both) == 2
    assert admin.get("/api/v1/complaints/", {"status": "closed"}).json()["results"] == []
    assert admin.get("/api/v1/complaints/", {"category": "noise"}).json()["results"] == []
    unread = login(cast.a.resident).get("/api/v1/notifications/", {"unread": "true"})
    assert unread.status_code == 200
