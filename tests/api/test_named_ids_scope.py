"""Ids named inside request bodies, not in the URL: an A1-scoped user (the cast's manager,
staff, committee member or resident of firm A) names an object of estate A2 of the same firm.
The access matrix walks route x role x the object in the URL and the body slots it declares;
this file covers the ids the matrix does not name (an assignee, a building list, a ledger line,
a decision's owner, an area's manager, ...). Every denied write is a 4xx (never 2xx, never a
500) and nothing changed afterwards.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from tests.helpers import FirmCast, login

pytestmark = pytest.mark.django_db

DENIED = {400, 403, 404}


def _other_estate_worker(a: FirmCast, key: str, role: str) -> int:
    """A manager/staff member of firm A who works only on A2."""
    from accounts.services import user_create
    from estates import services as estates
    from estates.models import Estate

    with schema_context(a.schema):
        user = user_create(email=f"{key}@firm-a.test", role=role, full_name=key, phone="")
        estates.staff_assign(
            estate=Estate.objects.get(pk=a.estates["A2"]), user=user, role=role, by=None
        )
        return user.pk


def _a2_building(a: FirmCast) -> int:
    from estates.models import Building

    with schema_context(a.schema):
        return Building.objects.get(estate_id=a.estates["A2"], name="1").pk


def _denied(response: Any) -> None:
    assert response.status_code in DENIED, (response.status_code, response.content)
    assert response.status_code != 500


# --- complaints: an A1 request handed to a staff member who works only A2 --------------------


@pytest.fixture
def a1_request(cast) -> int:
    resident = login(cast.a.resident)
    made = resident.post(
        "/api/v1/complaints/",
        {
            "estate": cast.a.estates["A1"],
            "kind": "repair",
            "category": "other",
            "unit": cast.a.units["A1-1-101"],
            "description": "楼道灯不亮，请尽快维修",
            "channel": "app",
        },
        format="json",
    )
    assert made.status_code == 201, made.content
    return int(made.json()["id"])


def _request_row(cast, pk: int) -> tuple[Any, ...]:
    from complaints.models import ServiceRequest

    with schema_context(cast.a.schema):
        row = ServiceRequest.objects.get(pk=pk)
        return (row.status, row.assignee_id, row.events.count())


@pytest.mark.parametrize("action", ["accept", "reassign"])
def test_a1_request_cannot_go_to_a_staff_member_of_a2(cast, a1_request: int, action: str) -> None:
    outsider = _other_estate_worker(cast.a, "a2-only-staff", "staff")
    manager = login(cast.a.manager)
    if action == "reassign":
        taken = manager.post(f"/api/v1/complaints/{a1_request}/accept/", {}, format="json")
        assert taken.status_code == 200, taken.content
    before = _request_row(cast, a1_request)
    response = manager.post(
        f"/api/v1/complaints/{a1_request}/{action}/",
        {"assignee": outsider, "note": "转给二期"},
        format="json",
    )
    _denied(response)
    assert _request_row(cast, a1_request) == before


def test_bulk_assign_to_a_staff_member_of_a2_assigns_nothing(cast, a1_request: int) -> None:
    outsider = _other_estate_worker(cast.a, "a2-only-staff", "staff")
    before = _request_row(cast, a1_request)
    response = login(cast.a.manager).post(
        "/api/v1/complaints/bulk-assign/",
        {"ids": [a1_request], "assignee": outsider},
        format="json",
    )
    assert response.status_code in DENIED | {200}, response.content
    if response.status_code == 200:
        assert response.json()["assigned"] == []
    assert _request_row(cast, a1_request) == before


# --- estates: a common area of A1 answered for by a manager of A2 ---------------------------


def test_common_area_of_a1_cannot_name_a_manager_of_a2(cast) -> None:
    from estates.models import CommonArea

    outsider = _other_estate_worker(cast.a, "a2-only-manager", "manager")
    client = login(cast.a.manager)
    response = client.post(
        "/api/v1/common-areas/",
        {"estate": cast.a.estates["A1"], "name": "中心花园", "manager": outsider},
        format="json",
    )
    _denied(response)
    with schema_context(cast.a.schema):
        assert not CommonArea.objects.filter(name="中心花园").exists()


def test_common_area_update_cannot_name_a_manager_of_a2(cast) -> None:
    from estates.models import CommonArea, Estate

    outsider = _other_estate_worker(cast.a, "a2-only-manager", "manager")
    with schema_context(cast.a.schema):
        area = CommonArea.objects.create(
            estate=Estate.objects.get(pk=cast.a.estates["A1"]), name="东门广场"
        )
    response = login(cast.a.manager).patch(
        f"/api/v1/common-areas/{area.pk}/", {"manager": outsider}, format="json"
    )
    _denied(response)
    with schema_context(cast.a.schema):
        assert CommonArea.objects.get(pk=area.pk).manager_id is None


def test_unit_of_a1_manager_cannot_be_created_in_a_building_of_a2(cast) -> None:
    from estates.models import Unit

    response = login(cast.a.manager).post(
        "/api/v1/units/",
        {"building": _a2_building(cast.a), "number": "909", "floor": 9, "area": "70.00"},
        format="json",
    )
    _denied(response)
    with schema_context(cast.a.schema):
        assert not Unit.objects.filter(number="909").exists()


# --- votes: a vote of A1 restricted to a building of A2 --------------------------------------


def test_vote_of_a1_cannot_name_a_building_of_a2(cast) -> None:
    from votes.models import Vote

    now = timezone.now()
    response = login(cast.a.committee).post(
        "/api/v1/votes/",
        {
            "estate": cast.a.estates["A1"],
            "title": "是否更换 1 号楼电梯",
            "options": ["同意", "反对"],
            "matter": "fund_use",
            "building_ids": [_a2_building(cast.a)],
            "opens_at": (now + timedelta(days=16)).isoformat(),
            "closes_at": (now + timedelta(days=30)).isoformat(),
        },
        format="json",
    )
    _denied(response)
    assert response.status_code == 400
    assert "building_ids" in response.json()["fields"]
    with schema_context(cast.a.schema):
        assert not Vote.objects.exists()


# --- decisions (决议落实): an A1 decision owned by a manager of A2 -----------------------------


def test_tracked_decision_of_a1_cannot_be_owned_by_a_manager_of_a2(cast) -> None:
    from votes.models import Decision

    outsider = _other_estate_worker(cast.a, "a2-only-manager", "manager")
    response = login(cast.a.committee).post(
        "/api/v1/decisions/",
        {
            "estate": cast.a.estates["A1"],
            "title": "更换电梯",
            "topic": 1,
            "owner_side": "firm",
            "owner": outsider,
            "due_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
        },
        format="json",
    )
    _denied(response)
    assert response.status_code == 400
    assert "owner" in response.json()["fields"]
    with schema_context(cast.a.schema):
        assert not Decision.objects.exists()


# --- disclosure: A1's maintenance fund naming a ledger line of A2 ----------------------------


def _a2_posted_line(cast) -> int:
    from disclosure import services
    from estates.models import Estate

    with schema_context(cast.a.schema):
        line = services.line_draft(
            user=cast.a.admin.user,
            estate=Estate.objects.get(pk=cast.a.estates["A2"]),
            kind="income",
            category="advertising",
            occurred_on=date(2026, 10, 5),
            amount=Decimal("500.00"),
            counterparty="电梯公司",
            description="二期电梯维修",
        )
        return services.line_post(user=cast.a.admin.user, line=line).pk


def test_fund_movement_of_a1_cannot_name_a_ledger_line_of_a2(cast) -> None:
    from disclosure.models import FundMovement

    line = _a2_posted_line(cast)
    response = login(cast.a.manager).post(
        "/api/v1/disclosure/fund/",
        {
            "estate": cast.a.estates["A1"],
            "kind": "deposit",
            "amount": "100.00",
            "occurred_on": timezone.localdate().isoformat(),
            "ledger_line": line,
        },
        format="json",
    )
    _denied(response)
    assert response.status_code == 400
    with schema_context(cast.a.schema):
        assert not FundMovement.objects.exists()


# --- firm B: ids that exist in firm A only never 500 ------------------------------------------


def test_firm_b_manager_naming_firm_a_only_ids_gets_a_4xx(cast) -> None:
    from estates.models import CommonArea

    client = login(cast.b.manager)
    big = max(cast.a.units.values()) + 1000
    response = client.post(
        "/api/v1/common-areas/",
        {"estate": cast.b.estates["B1"], "name": "北门", "manager": big},
        format="json",
    )
    _denied(response)
    with schema_context(cast.b.schema):
        assert not CommonArea.objects.filter(name="北门").exists()


# --- complaints intake: a unit or common area of another estate is an error, not dropped ------


def _common_area(a: FirmCast, code: str, name: str) -> int:
    from estates.models import CommonArea, Estate

    with schema_context(a.schema):
        return CommonArea.objects.create(
            estate=Estate.objects.get(pk=a.estates[code]), name=name
        ).pk


def _submission(cast, **place: int) -> dict[str, Any]:
    return {
        "estate": cast.a.estates["A1"],
        "kind": "repair",
        "category": "other",
        "description": "路灯坏了，晚上看不清路",
        "channel": "app",
        **place,
    }


@pytest.mark.parametrize("who", ["manager", "staff", "resident"])
@pytest.mark.parametrize("named", ["a2_unit_with_a1_area", "a1_unit_with_a2_area"])
def test_request_naming_a_place_of_a2_is_refused_not_filed_without_it(
    cast, who: str, named: str
) -> None:
    """Before: the A2 id was silently dropped and the request filed on the other place (201)."""
    from complaints.models import ServiceRequest

    a1_area = _common_area(cast.a, "A1", "一期花园")
    a2_area = _common_area(cast.a, "A2", "二期花园")
    place = (
        {"unit": cast.a.units["A2-1-101"], "common_area": a1_area}
        if named == "a2_unit_with_a1_area"
        else {"unit": cast.a.units["A1-1-101"], "common_area": a2_area}
    )
    response = login(getattr(cast.a, who)).post(
        "/api/v1/complaints/", _submission(cast, **place), format="json"
    )
    _denied(response)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_place"
    assert set(response.json()["fields"]) == {"unit" if "a2_unit" in named else "common_area"}
    with schema_context(cast.a.schema):
        assert not ServiceRequest.objects.exists()


def test_request_naming_only_an_a2_common_area_is_refused(cast) -> None:
    from complaints.models import ServiceRequest

    a2_area = _common_area(cast.a, "A2", "二期花园")
    response = login(cast.a.manager).post(
        "/api/v1/complaints/", _submission(cast, common_area=a2_area), format="json"
    )
    assert response.status_code == 400, response.content
    assert list(response.json()["fields"]) == ["common_area"]
    with schema_context(cast.a.schema):
        assert not ServiceRequest.objects.exists()


# --- estates: a building of A1 is not moved to A2 by naming it ---------------------------------


def test_building_patch_naming_estate_a2_does_not_move_it(cast) -> None:
    from estates.models import Building

    with schema_context(cast.a.schema):
        building = Building.objects.get(estate_id=cast.a.estates["A1"], name="1")
    response = login(cast.a.manager).patch(
        f"/api/v1/buildings/{building.pk}/", {"estate": cast.a.estates["A2"]}, format="json"
    )
    assert response.status_code != 500
    with schema_context(cast.a.schema):
        assert Building.objects.get(pk=building.pk).estate_id == cast.a.estates["A1"]


# --- scoring: answers naming a unit that is not the answerer's --------------------------------

RATINGS = {"overall": 4, "cleaning": 4, "security": 5, "greening": 3, "repairs": 4, "service": 5}


def _ballots(cast) -> tuple[int, int]:
    from scoring.models import Ballot, Participation

    with schema_context(cast.a.schema):
        return Ballot.objects.count(), Participation.objects.count()


def test_committee_paper_form_cannot_name_a_unit_of_a2(cast) -> None:
    from tests.scoring.conftest import open_survey

    survey = open_survey(cast)
    before = _ballots(cast)
    response = login(cast.a.committee).post(
        f"/api/v1/scoring/surveys/{survey}/paper/",
        {"unit": cast.a.units["A2-1-101"], "ratings": RATINGS},
        format="json",
    )
    _denied(response)
    assert _ballots(cast) == before


@pytest.mark.parametrize("unit", ["A1-1-102", "A2-1-101"])
def test_resident_cannot_answer_for_a_unit_not_theirs(cast, unit: str) -> None:
    from tests.scoring.conftest import open_survey

    survey = open_survey(cast)
    before = _ballots(cast)
    response = login(cast.a.resident).post(
        f"/api/v1/scoring/surveys/{survey}/answer/",
        {"unit": cast.a.units[unit], "ratings": RATINGS},
        format="json",
    )
    _denied(response)
    assert _ballots(cast) == before


# --- supervision: an A1 rectification handed to a manager who works only A2 --------------------


def test_rectification_of_a1_cannot_be_reassigned_to_a_manager_of_a2(cast) -> None:
    from estates.models import Estate
    from supervision.models import Rectification
    from tests.supervision.conftest import submitted_round

    outsider = _other_estate_worker(cast.a, "a2-only-manager", "manager")
    with schema_context(cast.a.schema):
        people = {
            "estate": Estate.objects.get(pk=cast.a.estates["A1"]),
            "manager": cast.a.manager.user,
            "committee": cast.a.committee.user,
        }
        rectification = submitted_round(people).rectifications.first()
        assert rectification is not None
        before = (rectification.assignee_id, rectification.events.count())
    response = login(cast.a.manager).post(
        f"/api/v1/supervision/rectifications/{rectification.pk}/reassign/",
        {"assignee": outsider},
        format="json",
    )
    _denied(response)
    assert response.status_code == 400
    with schema_context(cast.a.schema):
        found = Rectification.objects.get(pk=rectification.pk)
        assert (found.assignee_id, found.events.count()) == before


# --- disclosure: A1's ledger naming a decision of A2 ------------------------------------------


def _a2_decision(cast) -> int:
    from disclosure import services
    from disclosure.uploads import Upload
    from estates.models import Estate

    with schema_context(cast.a.schema):
        return services.decision_record(
            user=cast.a.admin.user,
            estate=Estate.objects.get(pk=cast.a.estates["A2"]),
            title="二期业主大会决议",
            description="",
            decided_on=date(2026, 10, 1),
            document=Upload(
                name="d.pdf", content_type="application/pdf", data=b"%PDF-1.4\n" + b"0" * 200
            ),
        ).pk


def test_ledger_line_of_a1_cannot_name_a_decision_of_a2(cast) -> None:
    from disclosure.models import FundMovement, LedgerLine

    decision = _a2_decision(cast)
    client = login(cast.a.manager)
    line = client.post(
        "/api/v1/disclosure/lines/",
        {
            "estate": cast.a.estates["A1"],
            "kind": "income",
            "category": "advertising",
            "occurred_on": timezone.localdate().isoformat(),
            "amount": "10.00",
            "decision": decision,
        },
        format="json",
    )
    _denied(line)
    assert line.status_code == 400 and "decision" in line.json()["fields"]
    use = client.post(
        "/api/v1/disclosure/fund/",
        {
            "estate": cast.a.estates["A1"],
            "kind": "use",
            "amount": "1.00",
            "occurred_on": timezone.localdate().isoformat(),
            "decision": decision,
        },
        format="json",
    )
    _denied(use)
    assert use.status_code == 400 and "decision" in use.json()["fields"]
    with schema_context(cast.a.schema):
        assert not LedgerLine.objects.filter(estate_id=cast.a.estates["A1"]).exists()
        assert not FundMovement.objects.exists()


# --- people: an account made from A1 for a person who also owns a unit of A2 -------------------


@pytest.fixture
def two_estate_owner(cast) -> int:
    """Owns A2-1-102 (outside the scoped users' estate) and lives in A1-1-102."""
    from estates import services as estates
    from estates.models import Unit

    with schema_context(cast.a.schema):
        person = estates.person_create(
            full_name="两地业主", phone="13622220000", id_number="310101198001010063"
        )
        estates.owner_link(unit=Unit.objects.get(pk=cast.a.units["A2-1-102"]), person=person)
        estates.occupancy_link(unit=Unit.objects.get(pk=cast.a.units["A1-1-102"]), person=person)
        return person.pk


@pytest.mark.parametrize("who", ["manager", "staff"])
@pytest.mark.parametrize("assisted", [True, False])
def test_a1_staff_cannot_open_an_account_that_owns_a_unit_of_a2(
    cast, two_estate_owner: int, who: str, assisted: bool
) -> None:
    """Before: 201, and with `assisted` the answer carried the invitation link: the A1 worker set
    the password and logged in as an owner of A2 (its votes, surveys, disclosures)."""
    from accounts.models import RoleGrant, User
    from estates.models import Person

    response = login(getattr(cast.a, who)).post(
        f"/api/v1/people/{two_estate_owner}/create-account/",
        {"email": "two-estates@firm-a.test", "assisted": assisted},
        format="json",
    )
    _denied(response)
    assert response.status_code == 403
    assert response.json()["code"] == "person_outside_scope"
    assert "invitation_link" not in response.json()
    with schema_context(cast.a.schema):
        assert Person.objects.get(pk=two_estate_owner).user_id is None
        assert not User.objects.filter(email="two-estates@firm-a.test").exists()
        assert not RoleGrant.objects.filter(unit_id=cast.a.units["A2-1-102"]).exists()


def test_the_firm_admin_still_opens_the_account_of_a_two_estate_owner(
    cast, two_estate_owner: int
) -> None:
    from accounts.models import RoleGrant

    response = login(cast.a.admin).post(
        f"/api/v1/people/{two_estate_owner}/create-account/",
        {"email": "two-estates@firm-a.test", "assisted": False},
        format="json",
    )
    assert response.status_code == 201, response.content
    with schema_context(cast.a.schema):
        granted = RoleGrant.objects.filter(
            user__email="two-estates@firm-a.test", unit_id__isnull=False
        )
        assert set(granted.values_list("unit_id", flat=True)) == {
            cast.a.units["A2-1-102"],
            cast.a.units["A1-1-102"],
        }


# --- ids beyond bigint inside bodies: a 4xx, never a database error ----------------------------

BEYOND = 2**70


@pytest.mark.parametrize(
    ("who", "path", "body"),
    [
        ("manager", "/api/v1/common-areas/", {"estate": "A1", "name": "巨号", "manager": BEYOND}),
        ("manager", "/api/v1/units/", {"building": BEYOND, "number": "1", "area": "1.00"}),
        ("admin", "/api/v1/staff-assignments/", {"estate": "A1", "user": BEYOND, "role": "staff"}),
        (
            "manager",
            "/api/v1/disclosure/fund/",
            {
                "estate": "A1",
                "kind": "deposit",
                "amount": "1.00",
                "occurred_on": "2026-10-01",
                "ledger_line": BEYOND,
            },
        ),
        (
            "manager",
            "/api/v1/complaints/",
            {
                "estate": "A1",
                "kind": "repair",
                "category": "other",
                "unit": BEYOND,
                "description": "巨号房屋报修测试",
                "channel": "phone",
            },
        ),
        ("manager", "/api/v1/complaints/bulk-assign/", {"ids": [BEYOND], "assignee": BEYOND}),
    ],
)
def test_ids_beyond_bigint_in_a_body_are_refused(
    cast, who: str, path: str, body: dict[str, Any]
) -> None:
    from estates.models import CommonArea, StaffAssignment, Unit

    def count() -> tuple[int, int, int]:
        with schema_context(cast.a.schema):
            return (
                CommonArea.objects.count(),
                Unit.objects.count(),
                StaffAssignment.objects.count(),
            )

    before = count()
    if body.get("estate") == "A1":
        body = {**body, "estate": cast.a.estates["A1"]}
    response = login(getattr(cast.a, who)).post(path, body, format="json")
    _denied(response)
    assert count() == before


def test_approving_a_claim_as_a_two_estate_owner_opens_no_account_from_a1(
    cast, two_estate_owner: int, django_capture_on_commit_callbacks
) -> None:
    """The same grant by the join path: whoever claims an A1 unit with the two-estate owner's
    name and phone, approved by A1 staff as that person, got an account owning A2-1-102."""
    from accounts.models import RoleGrant, User
    from estates import services as estates
    from estates.models import Estate, JoinRequest, OwnerRecord, Person

    with schema_context(cast.a.schema):
        claim = estates.join_request_submit(
            join_code=Estate.objects.get(pk=cast.a.estates["A1"]).join_code,
            unit_id=cast.a.units["A1-1-102"],
            full_name="两地业主",
            phone="13622220000",
            email="claimant@home.test",
            relation="owner",
        ).pk
        owners_before = OwnerRecord.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = login(cast.a.staff).post(
            f"/api/v1/join-requests/{claim}/approve/", {"person": two_estate_owner}
        )
    _denied(response)
    assert response.json()["code"] == "person_outside_scope"
    with schema_context(cast.a.schema):
        assert JoinRequest.objects.get(pk=claim).status == "pending"
        assert OwnerRecord.objects.count() == owners_before
        assert Person.objects.get(pk=two_estate_owner).user_id is None
        assert not User.objects.filter(email="claimant@home.test").exists()
        assert not RoleGrant.objects.filter(unit_id=cast.a.units["A2-1-102"]).exists()


def test_a_claim_naming_an_existing_account_gets_no_unit_of_a2_through_the_approval(
    cast, two_estate_owner: int, django_capture_on_commit_callbacks
) -> None:
    """The claim's e-mail is an existing account (one without a person yet): approved by A1
    staff as the two-estate owner, that account was given the person, and so A2-1-102."""
    from accounts.models import RoleGrant
    from accounts.services import user_create
    from estates import services as estates
    from estates.models import Estate, JoinRequest, OwnerRecord, Person

    with schema_context(cast.a.schema):
        user_create(email="claimant@home.test", role="resident", full_name="申请人", phone="")
        claim = estates.join_request_submit(
            join_code=Estate.objects.get(pk=cast.a.estates["A1"]).join_code,
            unit_id=cast.a.units["A1-1-102"],
            full_name="两地业主",
            phone="13622220000",
            email="claimant@home.test",
            relation="owner",
        ).pk
        before = (OwnerRecord.objects.count(), RoleGrant.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        response = login(cast.a.staff).post(
            f"/api/v1/join-requests/{claim}/approve/", {"person": two_estate_owner}
        )
    _denied(response)
    assert response.json()["code"] == "person_outside_scope"
    with schema_context(cast.a.schema):
        assert JoinRequest.objects.get(pk=claim).status == "pending"
        assert (OwnerRecord.objects.count(), RoleGrant.objects.count()) == before
        assert Person.objects.get(pk=two_estate_owner).user_id is None
        assert not RoleGrant.objects.filter(unit_id=cast.a.units["A2-1-102"]).exists()


def test_a_claim_naming_an_account_that_already_has_a_person_is_a_4xx_not_a_500(
    cast, django_capture_on_commit_callbacks
) -> None:
    """Before: the approval gave the claimant's new person the account of the cast's resident,
    who already has one: a unique violation, a 500."""
    from accounts.models import RoleGrant
    from estates import services as estates
    from estates.models import Estate, JoinRequest, OwnerRecord, Person

    with schema_context(cast.a.schema):
        claim = estates.join_request_submit(
            join_code=Estate.objects.get(pk=cast.a.estates["A1"]).join_code,
            unit_id=cast.a.units["A1-1-102"],
            full_name="新业主",
            phone="13633330000",
            email=cast.a.resident.email,
            relation="owner",
        ).pk
        before = (Person.objects.count(), OwnerRecord.objects.count(), RoleGrant.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        response = login(cast.a.staff).post(
            f"/api/v1/join-requests/{claim}/approve/", {"person": None}, format="json"
        )
    _denied(response)
    assert response.json()["code"] == "not_assignable"
    with schema_context(cast.a.schema):
        assert JoinRequest.objects.get(pk=claim).status == "pending"
        after = (Person.objects.count(), OwnerRecord.objects.count(), RoleGrant.objects.count())
        assert after == before
