"""Inside one firm, a user scoped to one estate never writes into another (issue #7, findings
1-4). Firm A has estates A1 and A2; the cast's manager and staff work on A1 only. Here A2 gets
its own technician and resident, the people an A1 user must not be able to reach."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django_tenants.utils import schema_context

from accounts.models import User
from complaints import services
from complaints.models import DispatchGroup, DispatchRule, ServiceRequest, SlaPolicy
from core.exceptions import ValidationFailed
from estates.models import Estate, Person, Unit
from tests.conftest import login

pytestmark = pytest.mark.django_db


@dataclass
class Other:
    """Estate A2's people and configuration, all in firm A's schema."""

    staff_id: int
    resident_id: int
    person_id: int
    unlinked_person_id: int
    group_id: int  # A2's group, member: A2's technician
    a1_group_id: int  # A1's group, member: the cast's staff (A1)
    a1_rule_id: int
    a1_policy_id: int


@pytest.fixture
def other(cast) -> Other:
    from accounts.services import user_create
    from estates.services import owner_link, person_create, staff_assign

    with schema_context(cast.a.schema):
        a1 = Estate.objects.get(pk=cast.a.estates["A1"])
        a2 = Estate.objects.get(pk=cast.a.estates["A2"])
        staff = user_create(email="tech-a2@firm-a.test", role="staff", full_name="A2 师傅")
        staff_assign(estate=a2, user=staff, role="staff", by=None)
        resident = user_create(email="resident-a2@firm-a.test", role="resident", full_name="A2")
        person = person_create(full_name="A2 业主", phone="13800002222")
        person.user = resident
        person.save(update_fields=["user"])
        owner_link(unit=Unit.objects.get(pk=cast.a.units["A2-1-102"]), person=person)
        unlinked = person_create(full_name="无房屋", phone="13800003333")
        group = services.group_create(estate_id=a2.pk, name="A2 维修组", member_ids=[staff.pk])
        a1_group = services.group_create(
            estate_id=a1.pk, name="A1 维修组", member_ids=[cast.a.staff.user.pk]
        )
        rule = services.rule_set(estate_id=a1.pk, category="repair", group=a1_group)
        policy = SlaPolicy.objects.create(
            estate=a1,
            category="repair",
            urgency="",
            response_hours=Decimal("4"),
            plan_hours=Decimal("24"),
            resolution_hours=Decimal("48"),
        )
        return Other(
            staff_id=staff.pk,
            resident_id=resident.pk,
            person_id=person.pk,
            unlinked_person_id=unlinked.pk,
            group_id=group.pk,
            a1_group_id=a1_group.pk,
            a1_rule_id=rule.pk,
            a1_policy_id=policy.pk,
        )


def _config(cast) -> list[tuple[object, ...]]:
    """Every complaints configuration row, to show a denied write changed nothing."""
    with schema_context(cast.a.schema):
        groups = [
            (g.pk, g.estate_id, g.name, tuple(sorted(g.members.values_list("pk", flat=True))))
            for g in DispatchGroup.objects.order_by("pk")
        ]
        rules = list(DispatchRule.objects.order_by("pk").values_list("pk", "estate", "group"))
        policies = list(
            SlaPolicy.objects.order_by("pk").values_list("pk", "estate", "category", "urgency")
        )
    return [*groups, *rules, *policies]


def _requests(cast) -> list[int]:
    with schema_context(cast.a.schema):
        return list(ServiceRequest.objects.order_by("pk").values_list("pk", flat=True))


def _record_for(cast, **extra: object):
    body = {
        "estate": cast.a.estates["A1"],
        "kind": "repair",
        "category": "cleaning",
        "unit": cast.a.units["A1-1-102"],
        "description": "楼道灯坏了好几天",
        "channel": "phone",
    }
    body.update(extra)
    return login(cast.a.staff).post("/api/v1/complaints/", body, format="json")


# --- finding 1: the requester belongs to the request's estate ----------------------------------


def test_staff_cannot_record_a_request_for_a_resident_of_another_estate(cast, other) -> None:
    before = _requests(cast)
    response = _record_for(cast, requester=other.resident_id)
    assert response.status_code == 400, response.content
    assert "requester" in response.json()["fields"]
    assert _requests(cast) == before


def test_staff_cannot_name_a_person_of_another_estate_or_of_none(cast, other) -> None:
    before = _requests(cast)
    for person_id in (other.person_id, other.unlinked_person_id):
        response = _record_for(cast, requester_person=person_id)
        assert response.status_code == 400, response.content
        assert "requester_person" in response.json()["fields"]
    assert _requests(cast) == before


def test_a_requester_id_that_does_not_exist_is_a_field_error(cast, other) -> None:
    before = _requests(cast)
    response = _record_for(cast, requester=999_999)
    assert response.status_code == 400
    assert "requester" in response.json()["fields"]
    assert _requests(cast) == before


def test_the_intake_service_itself_refuses_a_requester_of_another_estate(cast, other) -> None:
    with schema_context(cast.a.schema):
        estate = Estate.objects.get(pk=cast.a.estates["A1"])
        unit = Unit.objects.get(pk=cast.a.units["A1-1-102"])
        for kwargs in (
            {"requester": User.objects.get(pk=other.resident_id)},
            {"requester_person": Person.objects.get(pk=other.person_id)},
        ):
            with pytest.raises(ValidationFailed) as exc:
                services.request_submit(
                    estate=estate,
                    kind="repair",
                    category="repair",
                    unit=unit,
                    description="水管漏水",
                    channel="phone",
                    **kwargs,
                )
            assert set(exc.value.fields) == set(kwargs)
        assert not ServiceRequest.objects.exists()


def test_staff_still_record_for_a_resident_of_their_own_estate(cast, other) -> None:
    resident = cast.a.resident.user
    with schema_context(cast.a.schema):
        person_id = Person.objects.get(user=resident).pk
    response = _record_for(cast, requester_person=person_id)
    assert response.status_code == 201, response.content
    assert (
        login(cast.a.resident).get(f"/api/v1/complaints/{response.json()['id']}/").status_code
        == 200
    )


# --- finding 2: a rule's group belongs to the rule's estate ------------------------------------


def test_a_manager_cannot_point_a_rule_at_another_estates_group(cast, other) -> None:
    manager = login(cast.a.manager)
    before = _config(cast)
    created = manager.post(
        "/api/v1/complaints/dispatch-rules/",
        {"estate": cast.a.estates["A1"], "category": "cleaning", "group": other.group_id},
        format="json",
    )
    assert created.status_code == 400, created.content
    assert "group" in created.json()["fields"]
    changed = manager.patch(
        f"/api/v1/complaints/dispatch-rules/{other.a1_rule_id}/",
        {"group": other.group_id},
        format="json",
    )
    assert changed.status_code == 400, changed.content
    assert "group" in changed.json()["fields"]
    assert _config(cast) == before


# --- finding 3: configuration never moves out of the user's estates ------------------------------


@pytest.mark.parametrize(
    "path,attr",
    [
        ("dispatch-groups", "a1_group_id"),
        ("dispatch-rules", "a1_rule_id"),
        ("sla-policies", "a1_policy_id"),
    ],
)
def test_a_manager_cannot_move_configuration_into_another_estate(cast, other, path, attr) -> None:
    before = _config(cast)
    response = login(cast.a.manager).patch(
        f"/api/v1/complaints/{path}/{getattr(other, attr)}/",
        {"estate": cast.a.estates["A2"]},
        format="json",
    )
    assert response.status_code == 404, response.content
    assert _config(cast) == before


@pytest.mark.parametrize(
    "path,body",
    [
        ("dispatch-groups", {"name": "外来组", "members": []}),
        (
            "sla-policies",
            {
                "category": "noise",
                "response_hours": "1",
                "plan_hours": "2",
                "resolution_hours": "3",
            },
        ),
    ],
)
def test_a_manager_cannot_create_configuration_in_another_estate(cast, other, path, body) -> None:
    before = _config(cast)
    response = login(cast.a.manager).post(
        f"/api/v1/complaints/{path}/", {**body, "estate": cast.a.estates["A2"]}, format="json"
    )
    assert response.status_code == 404, response.content
    assert _config(cast) == before


def test_a_manager_can_neither_change_nor_delete_another_estates_group(cast, other) -> None:
    manager = login(cast.a.manager)
    before = _config(cast)
    url = f"/api/v1/complaints/dispatch-groups/{other.group_id}/"
    assert manager.patch(url, {"name": "改名"}, format="json").status_code == 404
    assert manager.delete(url).status_code == 404
    assert _config(cast) == before


def test_the_firm_admin_moves_a_group_only_with_members_of_the_new_estate(cast, other) -> None:
    admin = login(cast.a.admin)
    before = _config(cast)
    # A1's group has A1's technician and a rule of A1: it cannot simply move to A2
    moved = admin.patch(
        f"/api/v1/complaints/dispatch-groups/{other.a1_group_id}/",
        {"estate": cast.a.estates["A2"]},
        format="json",
    )
    assert moved.status_code == 400, moved.content
    assert _config(cast) == before
    # A2's group, with A2's technician and no rule, may move to... A2 (no change) and be renamed
    renamed = admin.patch(
        f"/api/v1/complaints/dispatch-groups/{other.group_id}/",
        {"estate": cast.a.estates["A2"], "name": "A2 新名"},
        format="json",
    )
    assert renamed.status_code == 200, renamed.content
    assert renamed.json()["name"] == "A2 新名"


# --- finding 4: group members are eligible for the group's estate ---------------------------------


def test_a_manager_cannot_fill_a_group_with_staff_of_another_estate(cast, other) -> None:
    manager = login(cast.a.manager)
    before = _config(cast)
    for members in ([other.staff_id], [cast.a.committee.user.pk], [cast.a.resident.user.pk]):
        created = manager.post(
            "/api/v1/complaints/dispatch-groups/",
            {"estate": cast.a.estates["A1"], "name": "外援组", "members": members},
            format="json",
        )
        assert created.status_code == 400, created.content
        assert "members" in created.json()["fields"]
        changed = manager.patch(
            f"/api/v1/complaints/dispatch-groups/{other.a1_group_id}/",
            {"members": members},
            format="json",
        )
        assert changed.status_code == 400, changed.content
        assert "members" in changed.json()["fields"]
    assert _config(cast) == before


def test_a_manager_configures_their_own_estate(cast, other) -> None:
    manager = login(cast.a.manager)
    group = manager.post(
        "/api/v1/complaints/dispatch-groups/",
        {"estate": cast.a.estates["A1"], "name": "保洁组", "members": [cast.a.staff.user.pk]},
        format="json",
    )
    assert group.status_code == 201, group.content
    rule = manager.post(
        "/api/v1/complaints/dispatch-rules/",
        {"estate": cast.a.estates["A1"], "category": "cleaning", "group": group.json()["id"]},
        format="json",
    )
    assert rule.status_code == 201, rule.content
    policy = manager.patch(
        f"/api/v1/complaints/sla-policies/{other.a1_policy_id}/",
        {"response_hours": "6.00"},
        format="json",
    )
    assert policy.status_code == 200, policy.content
    assert policy.json()["response_hours"] == "6.00"
    assert (
        manager.delete(f"/api/v1/complaints/dispatch-rules/{rule.json()['id']}/").status_code == 204
    )
