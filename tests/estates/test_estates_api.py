"""The estates role matrix: every endpoint x every role of firm A, and firm B's cast.
Allowed or denied as designed; on denial nothing changed."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from estates.models import (
    Building,
    CommitteeMembership,
    CommonArea,
    Estate,
    Person,
    StaffAssignment,
    Unit,
)
from tests.conftest import client_at, login

pytestmark = pytest.mark.django_db

ROLES = ["admin", "manager", "staff", "committee", "resident"]


def _counts(schema: str) -> tuple[int, ...]:
    with schema_context(schema):
        return (
            Estate.objects.count(),
            Building.objects.count(),
            Unit.objects.count(),
            CommonArea.objects.count(),
            Person.objects.count(),
            StaffAssignment.objects.count(),
            CommitteeMembership.objects.count(),
        )


def _ids(response) -> set[int]:
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    return {r["id"] for r in rows}


# --- reading ---------------------------------------------------------------------------------

EXPECTED_ESTATES = {
    "admin": {"A1", "A2"},
    "manager": {"A1"},
    "staff": {"A1"},
    "committee": {"A1"},
    "resident": {"A1"},
}


@pytest.mark.parametrize("who", ROLES)
def test_each_role_lists_exactly_the_estates_in_its_scope(cast, who: str) -> None:
    response = login(getattr(cast.a, who)).get("/api/v1/estates/")
    assert response.status_code == 200
    assert _ids(response) == {cast.a.estates[c] for c in EXPECTED_ESTATES[who]}


@pytest.mark.parametrize("who", ["manager", "staff", "committee", "resident"])
def test_an_estate_outside_scope_is_not_found(cast, who: str) -> None:
    client = login(getattr(cast.a, who))
    assert client.get(f"/api/v1/estates/{cast.a.estates['A2']}/").status_code == 404
    assert client.get("/api/v1/units/", {"estate": cast.a.estates["A2"]}).json()["count"] == 0


def test_firm_b_sees_only_its_own_estates_and_never_firm_a_rows(cast) -> None:
    b = login(cast.b.admin)
    assert _ids(b.get("/api/v1/estates/")) == {cast.b.estates["B1"]}
    a_only = set(cast.a.estates.values()) - set(cast.b.estates.values())
    for estate_id in a_only:
        assert b.get(f"/api/v1/estates/{estate_id}/").status_code == 404
    assert "A1" not in b.get("/api/v1/units/").content.decode()


def test_firm_b_session_is_refused_at_firm_a_for_every_estates_endpoint(cast) -> None:
    before = _counts(cast.a.schema)
    intruder = login(cast.b.admin)
    intruder.defaults["HTTP_HOST"] = cast.a.host
    for url in ["/api/v1/estates/", "/api/v1/units/", "/api/v1/people/", "/api/v1/me/home/"]:
        assert intruder.get(url).status_code == 401, url
    assert intruder.post("/api/v1/estates/", {"name": "x", "code": "X1"}).status_code == 401
    assert _counts(cast.a.schema) == before


@pytest.mark.parametrize("who", ["admin", "manager", "staff", "committee"])
def test_people_who_run_or_supervise_the_estate_see_all_its_units(cast, who: str) -> None:
    units = login(getattr(cast.a, who)).get("/api/v1/units/", {"estate": cast.a.estates["A1"]})
    assert _ids(units) == {cast.a.units["A1-1-101"], cast.a.units["A1-1-102"]}


def test_a_resident_sees_only_their_own_unit(cast) -> None:
    client = login(cast.a.resident)
    assert _ids(client.get("/api/v1/units/")) == {cast.a.units["A1-1-101"]}
    assert client.get(f"/api/v1/units/{cast.a.units['A1-1-102']}/").status_code == 404
    home = client.get("/api/v1/me/home/").json()
    assert [u["id"] for u in home] == [cast.a.units["A1-1-101"]]
    assert home[0]["estate_name"] == "A1 花园"


@pytest.mark.parametrize(
    ("who", "status"),
    [("admin", 200), ("manager", 200), ("staff", 200), ("committee", 200), ("resident", 403)],
)
def test_who_may_list_owners_and_occupants(cast, who: str, status: int) -> None:
    response = login(getattr(cast.a, who)).get("/api/v1/people/")
    assert response.status_code == status


def test_phone_and_id_numbers_are_masked_for_roles_that_do_not_need_them(cast) -> None:
    def first_person(who: str) -> dict:
        return login(getattr(cast.a, who)).get("/api/v1/people/").json()["results"][0]

    admin, staff, committee = (
        first_person("admin"),
        first_person("staff"),
        first_person("committee"),
    )
    assert admin["phone"] == "13700001111" and admin["id_number"] == "310101199001011234"
    assert staff["phone"] == "13700001111" and staff["id_number"] == "3101**********1234"
    assert committee["phone"] == "137****1111" and committee["id_number"] == "3101**********1234"


def test_join_code_is_shown_only_to_people_who_review_joins(cast) -> None:
    url = f"/api/v1/estates/{cast.a.estates['A1']}/"
    assert login(cast.a.staff).get(url).json()["join_code"]
    assert login(cast.a.resident).get(url).json()["join_code"] == ""


# --- writing ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ROLES)
def test_only_the_firm_admin_creates_estates(cast, who: str) -> None:
    before = _counts(cast.a.schema)
    response = login(getattr(cast.a, who)).post(
        "/api/v1/estates/", {"name": "新城花园", "code": "XC01", "total_floor_area": "12000.50"}
    )
    if who == "admin":
        assert response.status_code == 201
        assert response.json()["settings"]["sla_hours"]["response"] == 24
    else:
        assert response.status_code == 403
        assert _counts(cast.a.schema) == before


@pytest.mark.parametrize(
    ("who", "status"),
    [("admin", 200), ("manager", 200), ("staff", 403), ("committee", 403), ("resident", 403)],
)
def test_who_may_edit_an_estate(cast, who: str, status: int) -> None:
    url = f"/api/v1/estates/{cast.a.estates['A1']}/"
    response = login(getattr(cast.a, who)).patch(url, {"address": "浦东大道 1 号"})
    assert response.status_code == status
    with schema_context(cast.a.schema):
        address = Estate.objects.get(pk=cast.a.estates["A1"]).address
    assert (address == "浦东大道 1 号") == (status == 200)


def test_a_manager_cannot_edit_an_estate_they_do_not_run(cast) -> None:
    response = login(cast.a.manager).patch(
        f"/api/v1/estates/{cast.a.estates['A2']}/", {"address": "x"}
    )
    assert response.status_code == 404
    with schema_context(cast.a.schema):
        assert Estate.objects.get(pk=cast.a.estates["A2"]).address == ""


@pytest.mark.parametrize(
    ("who", "status"),
    [("admin", 201), ("manager", 201), ("staff", 403), ("committee", 403), ("resident", 403)],
)
def test_who_may_add_units(cast, who: str, status: int) -> None:
    with schema_context(cast.a.schema):
        building = Building.objects.get(estate_id=cast.a.estates["A1"], name="1")
    before = _counts(cast.a.schema)
    response = login(getattr(cast.a, who)).post(
        "/api/v1/units/", {"building": building.pk, "number": "201", "floor": 2, "area": "95.20"}
    )
    assert response.status_code == status
    assert _counts(cast.a.schema)[2] == before[2] + (1 if status == 201 else 0)


def test_unit_input_errors_are_field_messages(cast) -> None:
    with schema_context(cast.a.schema):
        building = Building.objects.get(estate_id=cast.a.estates["A1"], name="1")
    client = login(cast.a.admin)
    bad = client.post(
        "/api/v1/units/", {"building": building.pk, "number": "", "area": "-3", "use": "castle"}
    )
    assert bad.status_code == 400
    assert set(bad.json()["fields"]) >= {"number", "area", "use"}
    duplicate = client.post(
        "/api/v1/units/", {"building": building.pk, "number": "101", "area": "80"}
    )
    assert duplicate.status_code == 409


def test_estate_codes_are_unique_and_deleting_a_populated_estate_is_refused(cast) -> None:
    client = login(cast.a.admin)
    assert client.post("/api/v1/estates/", {"name": "重复", "code": "A1"}).status_code == 409
    assert client.delete(f"/api/v1/estates/{cast.a.estates['A1']}/").status_code == 409
    empty = client.post("/api/v1/estates/", {"name": "空小区", "code": "EMPTY"}).json()
    assert client.delete(f"/api/v1/estates/{empty['id']}/").status_code == 204


@pytest.mark.parametrize("who", ["manager", "staff", "committee", "resident"])
def test_only_the_firm_admin_assigns_staff(cast, who: str) -> None:
    before = _counts(cast.a.schema)
    client = login(getattr(cast.a, who))
    staff_id = cast.a.staff.user.id
    assert (
        client.post(
            "/api/v1/staff-assignments/",
            {"estate": cast.a.estates["A2"], "user": staff_id, "role": "staff"},
        ).status_code
        == 403
    )
    assert _counts(cast.a.schema) == before


def test_staff_assignment_extends_a_staff_members_scope(cast) -> None:
    admin = login(cast.a.admin)
    response = admin.post(
        "/api/v1/staff-assignments/",
        {"estate": cast.a.estates["A2"], "user": cast.a.staff.user.id, "role": "staff"},
    )
    assert response.status_code == 201
    assert _ids(login(cast.a.staff).get("/api/v1/estates/")) == set(cast.a.estates.values())
    admin.delete(f"/api/v1/staff-assignments/{response.json()['id']}/")
    assert _ids(login(cast.a.staff).get("/api/v1/estates/")) == {cast.a.estates["A1"]}


def test_a_resident_cannot_be_assigned_as_staff(cast) -> None:
    response = login(cast.a.admin).post(
        "/api/v1/staff-assignments/",
        {"estate": cast.a.estates["A1"], "user": cast.a.resident.user.id, "role": "staff"},
    )
    assert response.status_code == 400


# Committee seats (seating, ending, eligibility, invitations) are the committee app's:
# tests/committee. The firm only reads them.


# --- people, joining, my data -------------------------------------------------------------------


def test_staff_record_an_elderly_resident_and_create_an_assisted_account(cast) -> None:
    staff = login(cast.a.staff)
    person = staff.post("/api/v1/people/", {"full_name": "孙奶奶", "phone": "13611112222"}).json()
    linked = staff.post(
        f"/api/v1/people/{person['id']}/link-owner/", {"unit": cast.a.units["A1-1-102"]}
    )
    assert linked.status_code == 200
    created = staff.post(
        f"/api/v1/people/{person['id']}/create-account/",
        {"email": "sun@elder.test", "assisted": True},
    ).json()
    assert created["person"]["assisted"] is True and "/invite/" in created["invitation_link"]
    with schema_context(cast.a.schema):
        user = Person.objects.get(pk=person["id"]).user
        assert user.created_by.email == cast.a.staff.email  # recorded as entered by staff
    token = created["invitation_link"].rsplit("/", 1)[1]
    elder = client_at(cast.a.host)
    elder.post(f"/api/v1/auth/invitations/{token}/accept/", {"password": "Sun-Nainai-88"})
    assert [u["id"] for u in elder.get("/api/v1/me/home/").json()] == [cast.a.units["A1-1-102"]]


def test_staff_cannot_link_people_to_units_of_another_estate(cast) -> None:
    staff = login(cast.a.staff)
    person = staff.post("/api/v1/people/", {"full_name": "路人"}).json()
    response = staff.post(
        f"/api/v1/people/{person['id']}/link-owner/", {"unit": cast.a.units["A2-1-101"]}
    )
    assert response.status_code == 404
    with schema_context(cast.a.schema):
        assert not Person.objects.get(pk=person["id"]).owner_records.exists()


def test_join_by_qr_code_then_staff_approve(cast, django_capture_on_commit_callbacks) -> None:
    with schema_context(cast.a.schema):
        code = Estate.objects.get(pk=cast.a.estates["A1"]).join_code
    anonymous = client_at(cast.a.host)
    info = anonymous.get(f"/api/v1/join/{code}/").json()
    assert info["estate_name"] == "A1 花园" and info["buildings"][0]["units"]
    assert "13700001111" not in str(info)  # no personal data behind the QR code
    submitted = anonymous.post(
        f"/api/v1/join/{code}/",
        {
            "unit": cast.a.units["A1-1-102"],
            "full_name": "周先生",
            "phone": "13955556666",
            "email": "zhou@home.test",
            "relation": "tenant",
        },
    )
    assert submitted.status_code == 201
    assert client_at(cast.b.host).get(f"/api/v1/join/{code}/").status_code == 404

    assert login(cast.a.resident).get("/api/v1/join-requests/").status_code == 403
    staff = login(cast.a.staff)
    pending = staff.get("/api/v1/join-requests/", {"status": "pending"}).json()["results"]
    assert [p["full_name"] for p in pending] == ["周先生"]
    with django_capture_on_commit_callbacks(execute=True):
        approved = staff.post(f"/api/v1/join-requests/{pending[0]['id']}/approve/")
    assert approved.json()["status"] == "approved"
    assert staff.post(f"/api/v1/join-requests/{pending[0]['id']}/approve/").status_code == 409
    from django.core import mail

    assert mail.outbox[0].to == ["zhou@home.test"]


def test_join_with_a_bad_code_or_unit_is_refused_and_nothing_written(cast) -> None:
    anonymous = client_at(cast.a.host)
    assert anonymous.get("/api/v1/join/not-a-code/").status_code == 404
    with schema_context(cast.a.schema):
        code = Estate.objects.get(pk=cast.a.estates["A1"]).join_code
    wrong_unit = anonymous.post(
        f"/api/v1/join/{code}/",
        {
            "unit": cast.a.units["A2-1-101"],
            "full_name": "x",
            "phone": "13900000000",
            "email": "x@y.test",
            "relation": "owner",
        },
    )
    assert wrong_unit.status_code == 404
    bad = anonymous.post(f"/api/v1/join/{code}/", {"unit": "abc", "phone": "?"})
    assert bad.status_code == 400 and {"unit", "phone", "email"} <= set(bad.json()["fields"])


def test_a_resident_downloads_their_own_personal_data(cast) -> None:
    response = login(cast.a.resident).get("/api/v1/me/personal-data/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = response.json()
    assert data["account"]["email"] == cast.a.resident.email
    assert data["person"]["id_number"] == "310101199001011234"  # their own, unmasked
    assert [u["unit"] for u in data["owned_units"]] == ["A1-1-101"]


@pytest.mark.parametrize("who", ["admin", "manager", "staff", "committee"])
def test_building_unit_counts_are_right_for_every_role(cast, who: str) -> None:
    buildings = login(getattr(cast.a, who)).get(
        "/api/v1/buildings/", {"estate": cast.a.estates["A1"]}
    )
    assert [(b["name"], b["unit_count"]) for b in buildings.json()["results"]] == [("1", 2)]


def test_people_and_join_pages_do_not_query_per_row(cast, django_assert_max_num_queries) -> None:
    with schema_context(cast.a.schema):
        from decimal import Decimal

        from estates import services as estates

        estate = Estate.objects.get(pk=cast.a.estates["A1"])
        building = estates.building_create(estate=estate, name="9", floors=30)
        for n in range(12):
            unit = estates.unit_create(building=building, number=f"{n + 1:02d}01", area=Decimal(80))
            estates.owner_link(unit=unit, person=estates.person_create(full_name=f"业主{n}"))
        code = estate.join_code
    admin = login(cast.a.admin)
    anonymous = client_at(cast.a.host)
    # django-tenants sends `SET search_path` before each query, so every query counts twice here
    with django_assert_max_num_queries(16):
        assert admin.get("/api/v1/people/", {"page_size": 50}).json()["count"] >= 13
    with django_assert_max_num_queries(8):
        assert len(anonymous.get(f"/api/v1/join/{code}/").json()["buildings"]) == 2


def _request_about(schema: str, *, unit: Unit | None = None, area: CommonArea | None = None):
    from complaints.services.intake import request_submit

    with schema_context(schema):
        estate = (unit or area).estate  # type: ignore[union-attr]
        return request_submit(
            estate=estate,
            kind="repair",
            category="repair",
            description="灯坏了",
            channel="phone",
            unit=unit,
            common_area=area,
            contact_name="王",
            contact_phone="13800000000",
        )


def test_deleting_a_common_area_that_a_request_names_is_a_conflict_and_keeps_it(cast) -> None:
    with schema_context(cast.a.schema):
        area = CommonArea.objects.create(estate_id=cast.a.estates["A1"], name="东门岗亭")
    _request_about(cast.a.schema, area=area)
    before = _counts(cast.a.schema)
    response = login(cast.a.admin).delete(f"/api/v1/common-areas/{area.pk}/")
    assert response.status_code == 409
    assert response.json()["code"] == "in_use"
    assert _counts(cast.a.schema) == before


def test_an_area_names_its_responsible_manager_only_among_the_estates_managers(cast) -> None:
    with schema_context(cast.a.schema):
        area = CommonArea.objects.create(estate_id=cast.a.estates["A1"], name="地下车库")
    url = f"/api/v1/common-areas/{area.pk}/"
    admin = login(cast.a.admin)
    for outsider in (cast.a.staff.user.id, cast.a.resident.user.id, 999999):
        refused = admin.patch(url, {"manager": outsider}, format="json")
        assert refused.status_code == 400, refused.content
        assert "manager" in refused.json()["fields"]
    with schema_context(cast.a.schema):
        assert CommonArea.objects.get(pk=area.pk).manager_id is None
    named = admin.patch(url, {"manager": cast.a.manager.user.id}, format="json")
    assert named.status_code == 200
    assert named.json()["manager_name"] == cast.a.manager.user.full_name
    listed = admin.get("/api/v1/common-areas/", {"estate": cast.a.estates["A1"]}).json()
    assert [a["manager"] for a in listed["results"] if a["id"] == area.pk] == [
        cast.a.manager.user.id
    ]
    cleared = admin.patch(url, {"manager": None}, format="json")
    assert cleared.status_code == 200 and cleared.json()["manager"] is None


def test_deleting_a_unit_that_a_request_names_is_a_conflict_and_keeps_it(cast) -> None:
    with schema_context(cast.a.schema):
        building = Building.objects.filter(estate_id=cast.a.estates["A1"]).first()
        assert building is not None
        unit = Unit.objects.create(
            estate_id=building.estate_id, building=building, number="空置-1", area=50
        )
    _request_about(cast.a.schema, unit=unit)
    before = _counts(cast.a.schema)
    response = login(cast.a.admin).delete(f"/api/v1/units/{unit.pk}/")
    assert response.status_code == 409
    assert response.json()["code"] == "in_use"
    assert _counts(cast.a.schema) == before


def test_an_estate_whose_committee_has_records_cannot_be_deleted_by_the_firm(cast) -> None:
    client = login(cast.a.admin)
    empty = client.post("/api/v1/estates/", {"name": "空小区", "code": "EMPTY"}).json()
    with schema_context(cast.a.schema):
        CommitteeMembership.objects.create(
            estate_id=empty["id"],
            user=cast.a.committee.user,
            position="chair",
            term_start="2026-01-01",
            term_end="2030-12-31",
        )
    before = _counts(cast.a.schema)
    response = client.delete(f"/api/v1/estates/{empty['id']}/")
    assert response.status_code == 409
    assert _counts(cast.a.schema) == before
