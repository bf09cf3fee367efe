"""A submit's idempotency key (`client_key`): a resident who presses submit again after an error
that came after the request was saved (a database restart between the commit and the answer,
tests/ops/test_fault_postgres_restart.py) gets the request the first send saved, not a second
one. A key that names another user's request is a 409 and shows nothing of that request."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django_tenants.utils import schema_context

from complaints import services
from complaints.models import ServiceRequest
from tests.conftest import login

pytestmark = pytest.mark.django_db

KEY = "0123456789abcdef0123456789abcdef"


def _body(cast, **extra):
    body = {
        "estate": cast.a.estates["A1"],
        "kind": "repair",
        "category": "repair",
        "unit": cast.a.units["A1-1-101"],
        "description": "卫生间水管漏水",
        "channel": "app",
        "client_key": KEY,
    }
    body.update(extra)
    return body


def _rows(cast) -> int:
    with schema_context(cast.a.schema):
        return ServiceRequest.objects.count()


def test_the_same_key_sent_again_answers_the_saved_request_and_makes_none(cast) -> None:
    client = login(cast.a.resident)
    before = _rows(cast)
    first = client.post("/api/v1/complaints/", _body(cast), format="json")
    assert first.status_code == 201, first.json()
    assert "Idempotent-Replayed" not in first
    again = client.post("/api/v1/complaints/", _body(cast), format="json")
    assert again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["number"] == first.json()["number"]
    assert _rows(cast) == before + 1
    # without a key (older clients) every send is a new request, as before
    other = client.post("/api/v1/complaints/", _body(cast, client_key="", description="客厅灯不亮"),
                        format="json")  # fmt: skip
    assert other.status_code == 201 and other.json()["id"] != first.json()["id"]
    assert _rows(cast) == before + 2


def test_a_key_of_another_users_request_is_a_conflict_that_reveals_nothing(cast, neighbour) -> None:
    first = login(cast.a.resident).post("/api/v1/complaints/", _body(cast), format="json")
    assert first.status_code == 201
    before = _rows(cast)
    body = _body(cast, unit=cast.a.units["A1-1-102"], description="别人的编号")
    for person in (neighbour, cast.a.staff):
        response = login(person).post("/api/v1/complaints/", body, format="json")
        assert response.status_code == 409, response.json()
        assert response.json()["code"] == "client_key_reused"
        assert first.json()["number"] not in response.content.decode()
    assert _rows(cast) == before


def test_a_bad_key_is_a_400_naming_the_field(cast) -> None:
    response = login(cast.a.resident).post(
        "/api/v1/complaints/", _body(cast, client_key="x y"), format="json"
    )
    assert response.status_code == 400
    assert "client_key" in response.json()["fields"]


def test_two_saves_racing_with_one_key_meet_the_unique_constraint(cast, a1) -> None:
    """Past the look-up (two sends at once): the database keeps one, the other is the 409."""
    services.request_submit(
        estate=a1["estate"], kind="repair", category="repair", description="漏水了",
        channel="app", unit=a1["unit"], requester=a1["resident"], client_key=KEY,
    )  # fmt: skip
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        services.request_submit(
            estate=a1["estate"], kind="repair", category="repair", description="灯坏了",
            channel="app", unit=a1["unit"], requester=a1["resident"], client_key=KEY,
        )  # fmt: skip
    from core.exceptions import conflict_for

    assert conflict_for(caught.value).code == "client_key_reused"
