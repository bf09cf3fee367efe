"""When payment lapses, the firm's management becomes read-only (402 payment_required) while
residents' service and the committee's work go on; paying or an extension restores it at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from billing.models import BillingAccount
from billing.services import account_ensure
from complaints.models import ServiceRequest
from estates.models import Estate, Unit
from tenants.models import Firm
from tests.helpers import login

pytestmark = pytest.mark.django_db


def _account(cast, **fields) -> BillingAccount:
    account = account_ensure(firm=Firm.objects.get(schema_name=cast.a.schema))
    BillingAccount.objects.filter(pk=account.pk).update(**fields)
    account.refresh_from_db()
    return account


@pytest.fixture
def locked(cast) -> BillingAccount:
    return _account(cast, status="unpaid", stripe_subscription_id="sub_lapsed")


def _requests(cast) -> int:
    with schema_context(cast.a.schema):
        return ServiceRequest.objects.count()


def _units(cast) -> int:
    with schema_context(cast.a.schema):
        return Unit.objects.count()


def _submit(client, cast, **extra):
    body = {
        "estate": cast.a.estates["A1"],
        "kind": "repair",
        "category": "repair",
        "unit": cast.a.units["A1-1-101"],
        "description": "卫生间水管漏水",
        "channel": "app",
        **extra,
    }
    return client.post("/api/v1/complaints/", body, format="json")


# --- management: writes answer 402, reads stay open --------------------------------------------


@pytest.mark.parametrize("who", ["admin", "manager"])
def test_management_writes_answer_402_with_the_billing_link_and_change_nothing(
    cast, locked, who
) -> None:
    client = login(getattr(cast.a, who))
    estate = cast.a.estates["A1"]
    before = _units(cast)
    with schema_context(cast.a.schema):
        name = Estate.objects.get(pk=estate).name
        building = Estate.objects.get(pk=estate).buildings.get().pk

    answers = [
        client.patch(f"/api/v1/estates/{estate}/", {"name": "改名"}, format="json"),
        client.post(
            "/api/v1/units/",
            {"building": building, "number": "103", "floor": 1, "area": "80.00"},
            format="json",
        ),
        client.post(
            "/api/v1/complaints/dispatch-groups/",
            {"estate": estate, "name": "新组", "members": []},
            format="json",
        ),
    ]

    assert [r.status_code for r in answers] == [402, 402, 402]
    assert answers[0].json()["code"] == "payment_required"
    assert answers[0].json()["billing_url"] == "/billing"
    assert _units(cast) == before
    with schema_context(cast.a.schema):
        assert Estate.objects.get(pk=estate).name == name
    assert client.get("/api/v1/estates/").status_code == 200
    assert client.get(f"/api/v1/estates/{estate}/").status_code == 200


def test_inviting_users_answers_402(cast, locked) -> None:
    response = login(cast.a.admin).post(
        "/api/v1/users/", {"email": "new@firm-a.test", "role": "staff"}, format="json"
    )
    assert response.status_code == 402


def test_the_firms_analytics_and_exports_answer_402_to_its_staff(cast, locked) -> None:
    manager = login(cast.a.manager)
    estate = cast.a.estates["A1"]

    assert manager.get("/api/v1/complaints/kpis/", {"estate": estate}).status_code == 402
    assert manager.get(f"/api/v1/estates/{estate}/export/").status_code == 402


# --- service and the committee: never locked -----------------------------------------------


def test_residents_still_submit_and_follow_their_requests(cast, locked) -> None:
    resident = login(cast.a.resident)
    before = _requests(cast)

    created = _submit(resident, cast)

    assert created.status_code == 201, created.content
    assert _requests(cast) == before + 1
    assert resident.get(f"/api/v1/complaints/{created.json()['id']}/").status_code == 200
    assert resident.get("/api/v1/complaints/").status_code == 200


def test_staff_still_record_requests_by_phone_and_handle_them(cast, locked) -> None:
    staff = login(cast.a.staff)
    created = _submit(
        staff,
        cast,
        unit=cast.a.units["A1-1-102"],
        channel="phone",
        contact_name="孙奶奶",
        contact_phone="13611112222",
    )
    assert created.status_code == 201, created.content

    accepted = staff.post(f"/api/v1/complaints/{created.json()['id']}/accept/", {})

    assert accepted.status_code == 200, accepted.content


def test_the_committee_still_reads_the_kpis_and_its_own_pages(cast, locked) -> None:
    committee = login(cast.a.committee)
    estate = cast.a.estates["A1"]

    assert committee.get("/api/v1/complaints/kpis/", {"estate": estate}).status_code == 200
    assert committee.get("/api/v1/complaints/hot-topics/", {"estate": estate}).status_code == 200
    assert committee.get(f"/api/v1/estates/{estate}/").status_code == 200
    assert committee.get("/api/v1/statements/", {"estate": estate}).status_code == 200


def test_the_billing_page_stays_open_so_the_firm_can_pay(cast, locked) -> None:
    admin = login(cast.a.admin)

    body = admin.get("/api/v1/billing/").json()

    assert body["standing"] == {
        "status": "unpaid",
        "banner": True,
        "locked": True,
        "grace_ends_at": None,
    }


# --- when it locks and unlocks ----------------------------------------------------------------


def test_past_due_shows_a_banner_and_locks_only_after_the_grace_period(cast) -> None:
    admin = login(cast.a.admin)
    estate = cast.a.estates["A1"]
    _account(cast, status="past_due", past_due_since=timezone.now() - timedelta(days=13))

    in_grace = admin.patch(f"/api/v1/estates/{estate}/", {"name": "宽限期内"}, format="json")
    banner = admin.get("/api/v1/billing/").json()["standing"]
    _account(cast, past_due_since=timezone.now() - timedelta(days=15))
    after = admin.patch(f"/api/v1/estates/{estate}/", {"name": "宽限期后"}, format="json")

    assert in_grace.status_code == 200
    assert banner["banner"] is True and banner["locked"] is False
    assert after.status_code == 402


def test_paying_restores_management_at_once(cast, locked) -> None:
    admin = login(cast.a.admin)
    estate = cast.a.estates["A1"]
    assert (
        admin.patch(f"/api/v1/estates/{estate}/", {"name": "x"}, format="json").status_code == 402
    )

    _account(cast, status="active")

    assert (
        admin.patch(f"/api/v1/estates/{estate}/", {"name": "y"}, format="json").status_code == 200
    )


def test_a_platform_extension_unlocks_until_its_end(cast, locked) -> None:
    admin = login(cast.a.admin)
    estate = cast.a.estates["A1"]
    _account(cast, extended_until=timezone.now() + timedelta(days=3))

    assert (
        admin.patch(f"/api/v1/estates/{estate}/", {"name": "z"}, format="json").status_code == 200
    )


def test_a_trial_that_ended_without_a_subscription_locks(cast) -> None:
    _account(cast, status="none", trial_ends_at=timezone.now() - timedelta(minutes=1))

    response = login(cast.a.admin).patch(
        f"/api/v1/estates/{cast.a.estates['A1']}/", {"name": "z"}, format="json"
    )

    assert response.status_code == 402


def test_another_firms_lapse_never_locks_this_one(cast) -> None:
    account_ensure(firm=Firm.objects.get(schema_name=cast.b.schema))
    BillingAccount.objects.filter(firm__schema_name=cast.b.schema).update(status="canceled")

    response = login(cast.a.admin).patch(
        f"/api/v1/estates/{cast.a.estates['A1']}/", {"name": "A 照常"}, format="json"
    )

    assert response.status_code == 200


def test_a_lapse_deletes_nothing(cast, locked) -> None:
    with schema_context(cast.a.schema):
        counts = (Estate.objects.count(), Unit.objects.count(), ServiceRequest.objects.count())

    login(cast.a.admin).delete(f"/api/v1/units/{cast.a.units['A1-1-102']}/")

    with schema_context(cast.a.schema):
        assert (
            Estate.objects.count(),
            Unit.objects.count(),
            ServiceRequest.objects.count(),
        ) == counts


def test_the_api_document_lists_402_exactly_where_the_lapse_gate_can_answer_it() -> None:
    import json
    from pathlib import Path

    document = json.loads((Path(__file__).parents[2] / "frontend" / "openapi.json").read_text())

    def documented(method: str, path: str) -> bool:
        return "402" in document["paths"][f"/api/v1/{path}"][method]["responses"]

    assert documented("post", "estates/")  # management write
    assert documented("get", "complaints/kpis/")  # analytics
    assert not documented("get", "estates/")  # management read stays open
    assert not documented("post", "complaints/")  # the service to residents is never gated
