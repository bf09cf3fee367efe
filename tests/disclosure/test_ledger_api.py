"""The ledger over the API: drafts change until posted, amounts are Decimal with two places,
who may keep the books."""

from __future__ import annotations

from django_tenants.utils import schema_context

from tests.helpers import login


def _line_body(estate_id: int, **over):
    return {
        "estate": estate_id,
        "kind": "income",
        "category": "parking",
        "occurred_on": "2026-10-03",
        "amount": "1234.50",
        "counterparty": "停车管理公司",
        "description": "地面车位 10 月",
        **over,
    }


def test_manager_drafts_edits_and_posts_a_line(cast, db):
    client = login(cast.a.manager)
    estate = cast.a.estates["A1"]
    created = client.post("/api/v1/disclosure/lines/", _line_body(estate), format="json")
    assert created.status_code == 201, created.content
    line = created.json()
    assert line["status"] == "draft" and line["amount"] == "1234.50" and line["seq"] is None

    changed = client.patch(
        f"/api/v1/disclosure/lines/{line['id']}/", {"amount": "1300.00"}, format="json"
    )
    assert changed.status_code == 200 and changed.json()["amount"] == "1300.00"

    done = client.post(f"/api/v1/disclosure/lines/{line['id']}/post/")
    assert done.status_code == 200, done.content
    body = done.json()
    assert body["status"] == "posted" and body["seq"] == 1 and len(body["line_hash"]) == 64

    refused = client.patch(
        f"/api/v1/disclosure/lines/{line['id']}/", {"amount": "1.00"}, format="json"
    )
    assert refused.status_code == 409 and refused.json()["code"] == "line_posted"
    gone = client.delete(f"/api/v1/disclosure/lines/{line['id']}/")
    assert gone.status_code == 409
    again = client.get(f"/api/v1/disclosure/lines/{line['id']}/").json()
    assert again["amount"] == "1300.00" and again["status"] == "posted"


def test_more_than_two_decimal_places_is_a_400_and_nothing_is_written(cast, db):
    from disclosure.models import LedgerLine

    client = login(cast.a.manager)
    answer = client.post(
        "/api/v1/disclosure/lines/",
        _line_body(cast.a.estates["A1"], amount="10.005"),
        format="json",
    )
    assert answer.status_code == 400
    assert "amount" in answer.json()["fields"]
    with schema_context(cast.a.schema):
        assert not LedgerLine.objects.exists()


def test_committee_and_resident_cannot_post_lines(cast, db):
    from disclosure.models import LedgerLine

    for person in (cast.a.committee, cast.a.resident, cast.a.staff):
        answer = login(person).post(
            "/api/v1/disclosure/lines/", _line_body(cast.a.estates["A1"]), format="json"
        )
        assert answer.status_code == 403, person.role
    with schema_context(cast.a.schema):
        assert not LedgerLine.objects.exists()


def test_manager_cannot_write_to_an_estate_outside_their_own(cast, db):
    from disclosure.models import LedgerLine

    answer = login(cast.a.manager).post(
        "/api/v1/disclosure/lines/", _line_body(cast.a.estates["A2"]), format="json"
    )
    assert answer.status_code == 404
    with schema_context(cast.a.schema):
        assert not LedgerLine.objects.exists()
