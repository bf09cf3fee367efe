"""Inside one firm, an estate-scoped user reaches nothing of another estate (issue #7).

Firm A's estate A1 is the estate the cast's manager, staff and committee member work on (their
grants cover only A1); estate A2 is the other estate of the same firm. Denied writes assert
that nothing changed.
"""

from __future__ import annotations

import io

import pytest
from django_tenants.utils import schema_context
from openpyxl import load_workbook

from accounts.models import User
from accounts.services import user_create
from estates import services as estates
from estates.models import Estate, JoinRequest, OwnerRecord, Person, Unit
from tests.conftest import login

pytestmark = pytest.mark.django_db

SCOPED = ["manager", "staff", "committee"]
ID_NUMBER = "310101198001010047"


@pytest.fixture
def two_estate_person(cast) -> int:
    """Owns A2-1-102 (the other estate) and lives in A1-1-102 (the scoped users' estate)."""
    with schema_context(cast.a.schema):
        person = estates.person_create(
            full_name="双城先生", phone="13611110000", id_number=ID_NUMBER
        )
        estates.owner_link(unit=Unit.objects.get(pk=cast.a.units["A2-1-102"]), person=person)
        estates.occupancy_link(unit=Unit.objects.get(pk=cast.a.units["A1-1-102"]), person=person)
        return person.pk


# --- finding 5: a person seen through one estate shows only that estate's links ---------------


@pytest.mark.parametrize("who", SCOPED)
def test_people_seen_through_one_estate_show_only_that_estates_units(
    cast, two_estate_person: int, who: str
) -> None:
    client = login(getattr(cast.a, who))
    listed = client.get("/api/v1/people/", {"search": "双城"})
    detail = client.get(f"/api/v1/people/{two_estate_person}/")
    assert listed.status_code == 200 and detail.status_code == 200
    [row] = listed.json()["results"]
    for body in (row, detail.json()):
        assert body["owned_units"] == []
        assert [u["unit_label"] for u in body["occupied_units"]] == ["A1-1-102"]
    for response in (listed, detail):
        assert "A2" not in response.content.decode()
        assert str(cast.a.units["A2-1-102"]) not in [
            str(u["unit_id"]) for u in response.json().get("owned_units", [])
        ]


def test_the_firm_admin_sees_every_link_of_a_person(cast, two_estate_person: int) -> None:
    body = login(cast.a.admin).get(f"/api/v1/people/{two_estate_person}/").json()
    assert [u["unit_label"] for u in body["owned_units"]] == ["A2-1-102"]
    assert [u["unit_label"] for u in body["occupied_units"]] == ["A1-1-102"]


@pytest.mark.parametrize(
    ("who", "phone"),
    [("manager", "13611110000"), ("staff", "13611110000"), ("committee", "136****0000")],
)
def test_phones_on_people_follow_the_contact_capability(
    cast, two_estate_person: int, who: str, phone: str
) -> None:
    client = login(getattr(cast.a, who))
    assert client.get(f"/api/v1/people/{two_estate_person}/").json()["phone"] == phone
    [row] = client.get("/api/v1/people/", {"search": "双城"}).json()["results"]
    assert row["phone"] == phone


def test_a_person_only_in_another_estate_is_not_found(cast) -> None:
    with schema_context(cast.a.schema):
        person = estates.person_create(full_name="别处业主", phone="13622220000")
        estates.owner_link(unit=Unit.objects.get(pk=cast.a.units["A2-1-101"]), person=person)
    staff = login(cast.a.staff)
    assert staff.get(f"/api/v1/people/{person.pk}/").status_code == 404
    response = staff.patch(f"/api/v1/people/{person.pk}/", {"full_name": "改名"})
    assert response.status_code == 404
    with schema_context(cast.a.schema):
        assert Person.objects.get(pk=person.pk).full_name == "别处业主"


# --- finding 6: an estate manager's user list is their estates' people -----------------------


@pytest.fixture
def other_estate_users(cast) -> tuple[str, str]:
    """A staff member assigned only to A2 and a resident of A2 only."""
    with schema_context(cast.a.schema):
        a2 = Estate.objects.get(pk=cast.a.estates["A2"])
        staff = user_create(email="a2-staff@firm-a.test", role="staff")
        estates.staff_assign(estate=a2, user=staff, role="staff", by=None)
        resident = user_create(email="a2-resident@firm-a.test", role="resident")
        person = estates.person_create(full_name="二期住户", phone="13633330000")
        person.user = resident
        person.save(update_fields=["user"])
        estates.owner_link(unit=Unit.objects.get(pk=cast.a.units["A2-1-101"]), person=person)
    return "a2-staff@firm-a.test", "a2-resident@firm-a.test"


def test_an_estate_manager_lists_only_the_users_of_their_estates(
    cast, other_estate_users: tuple[str, str]
) -> None:
    client = login(cast.a.manager)
    emails = {
        u["email"] for u in client.get("/api/v1/users/", {"page_size": 100}).json()["results"]
    }
    wanted = ["admin", "manager", "staff", "committee", "resident"]
    assert emails == {getattr(cast.a, who).email for who in wanted}
    with schema_context(cast.a.schema):
        outsider = User.objects.get(email=other_estate_users[1]).pk
    assert client.get(f"/api/v1/users/{outsider}/").status_code == 404


def test_the_firm_admin_lists_every_user_of_the_firm(
    cast, other_estate_users: tuple[str, str]
) -> None:
    client = login(cast.a.admin)
    emails = {
        u["email"] for u in client.get("/api/v1/users/", {"page_size": 100}).json()["results"]
    }
    assert set(other_estate_users) <= emails


# --- finding 7: join approval never merges people by phone alone -----------------------------


def _claim(cast, *, full_name: str, phone: str, email: str, unit: str) -> int:
    with schema_context(cast.a.schema):
        return estates.join_request_submit(
            join_code=Estate.objects.get(pk=cast.a.estates["A1"]).join_code,
            unit_id=cast.a.units[unit],
            full_name=full_name,
            phone=phone,
            email=email,
            relation="owner",
        ).pk


def _resident_person(cast) -> Person:
    with schema_context(cast.a.schema):
        return Person.objects.get(user__email=cast.a.resident.email)


def test_a_claim_with_a_known_phone_but_another_name_gets_a_new_person(
    cast, django_capture_on_commit_callbacks
) -> None:
    resident = _resident_person(cast)  # 住户 resident, 13700001111, owns A1-1-101
    claim = _claim(
        cast, full_name="冒名者", phone="13700001111", email="other@home.test", unit="A1-1-102"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = login(cast.a.staff).post(f"/api/v1/join-requests/{claim}/approve/")
    assert response.status_code == 200
    with schema_context(cast.a.schema):
        owner = OwnerRecord.objects.get(unit_id=cast.a.units["A1-1-102"])
        assert owner.person_id != resident.pk
        assert owner.person.full_name == "冒名者"
        assert not OwnerRecord.objects.filter(
            person_id=resident.pk, unit_id=cast.a.units["A1-1-102"]
        ).exists()


def test_a_claim_with_the_same_phone_and_name_is_the_same_person(
    cast, django_capture_on_commit_callbacks
) -> None:
    resident = _resident_person(cast)
    claim = _claim(
        cast,
        full_name=" 住户  resident ",
        phone="13700001111",
        email=cast.a.resident.email,
        unit="A1-1-102",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = login(cast.a.staff).post(f"/api/v1/join-requests/{claim}/approve/")
    assert response.status_code == 200
    with schema_context(cast.a.schema):
        assert OwnerRecord.objects.get(unit_id=cast.a.units["A1-1-102"]).person_id == resident.pk


def test_the_approver_sees_people_with_the_same_phone_and_may_choose_one(
    cast, django_capture_on_commit_callbacks
) -> None:
    resident = _resident_person(cast)
    claim = _claim(
        cast, full_name="住户妻子", phone="13700001111", email="wife@home.test", unit="A1-1-102"
    )
    staff = login(cast.a.staff)
    [row] = staff.get("/api/v1/join-requests/", {"status": "pending"}).json()["results"]
    assert [(c["id"], c["full_name"]) for c in row["candidates"]] == [
        (resident.pk, "住户 resident")
    ]
    assert [u for c in row["candidates"] for u in c["unit_labels"]] == ["A1-1-101"]
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(f"/api/v1/join-requests/{claim}/approve/", {"person": resident.pk})
    assert response.status_code == 200
    with schema_context(cast.a.schema):
        assert OwnerRecord.objects.get(unit_id=cast.a.units["A1-1-102"]).person_id == resident.pk


def test_the_approver_cannot_choose_a_person_who_is_not_a_candidate(
    cast, two_estate_person
) -> None:
    claim = _claim(
        cast, full_name="某人", phone="13900009999", email="x@home.test", unit="A1-1-102"
    )
    with schema_context(cast.a.schema):
        before = (Person.objects.count(), OwnerRecord.objects.count())
    response = login(cast.a.staff).post(
        f"/api/v1/join-requests/{claim}/approve/", {"person": two_estate_person}
    )
    assert response.status_code == 400 and "person" in response.json()["fields"]
    with schema_context(cast.a.schema):
        assert (Person.objects.count(), OwnerRecord.objects.count()) == before
        assert JoinRequest.objects.get(pk=claim).status == "pending"


def test_candidates_from_another_estate_are_not_shown(cast) -> None:
    with schema_context(cast.a.schema):
        person = estates.person_create(full_name="二期业主", phone="13644440000")
        estates.owner_link(unit=Unit.objects.get(pk=cast.a.units["A2-1-101"]), person=person)
    _claim(cast, full_name="一期业主", phone="13644440000", email="y@home.test", unit="A1-1-102")
    [row] = login(cast.a.staff).get("/api/v1/join-requests/").json()["results"]
    assert row["candidates"] == []


# --- finding 8: one masking rule for the API and the export ----------------------------------


def _export_values(client, estate_id: int) -> set[str]:
    response = client.get(f"/api/v1/estates/{estate_id}/export/")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    return {
        str(c)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for c in row
    }


def test_the_export_masks_id_numbers_like_the_api(cast, two_estate_person: int) -> None:
    manager = login(cast.a.manager)
    api_id = manager.get(f"/api/v1/people/{two_estate_person}/").json()["id_number"]
    assert api_id == "3101**********0047"
    with schema_context(cast.a.schema):
        estates.owner_link(
            unit=Unit.objects.get(pk=cast.a.units["A1-1-102"]),
            person=Person.objects.get(pk=two_estate_person),
        )
    values = _export_values(manager, cast.a.estates["A1"])
    assert ID_NUMBER not in values and "310101199001011234" not in values
    assert api_id in values
    assert "13611110000" in values  # managers hold people.contact
    assert ID_NUMBER in _export_values(login(cast.a.admin), cast.a.estates["A1"])


def test_the_export_masks_phones_for_roles_without_the_contact_capability(cast) -> None:
    from estates.importing import estate_export_xlsx
    from estates.selectors import PeopleMasking

    with schema_context(cast.a.schema):
        estate = Estate.objects.get(pk=cast.a.estates["A1"])
        content = estate_export_xlsx(
            estate=estate, masking=PeopleMasking(full_contact=False, full_id_number=False)
        )
    book = load_workbook(io.BytesIO(content), read_only=True)
    values = {str(c) for s in book.worksheets for r in s.iter_rows(values_only=True) for c in r}
    assert "13700001111" not in values and "137****1111" in values


def test_a_masked_export_imports_back_without_changing_id_numbers(
    cast, import_media, two_estate_person: int
) -> None:
    manager = login(cast.a.manager)
    with schema_context(cast.a.schema):
        estates.owner_link(
            unit=Unit.objects.get(pk=cast.a.units["A1-1-102"]),
            person=Person.objects.get(pk=two_estate_person),
        )
    exported = manager.get(f"/api/v1/estates/{cast.a.estates['A1']}/export/").content
    upload = io.BytesIO(exported)
    upload.name = "A1-units.xlsx"
    preview = manager.post(
        f"/api/v1/estates/{cast.a.estates['A1']}/imports/", {"file": upload}, format="multipart"
    )
    assert preview.status_code == 201, preview.content
    assert preview.json()["errors"] == []
    committed = manager.post(f"/api/v1/imports/{preview.json()['id']}/commit/")
    assert committed.json()["status"] == "done"
    with schema_context(cast.a.schema):
        assert Person.objects.get(pk=two_estate_person).id_number == ID_NUMBER
        assert _resident_person(cast).id_number == "310101199001011234"


# --- finding 11: a non-integer id in the path is a 404, never a 500 ---------------------------


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("patch", "/api/v1/estates/abc/"),
        ("delete", "/api/v1/estates/abc/"),
        ("get", "/api/v1/estates/abc/export/"),
        ("post", "/api/v1/estates/abc/rotate-join-code/"),
        ("post", "/api/v1/estates/abc/imports/"),
        ("get", "/api/v1/people/abc/"),
        ("patch", "/api/v1/people/abc/"),
        ("post", "/api/v1/people/abc/link-owner/"),
        ("post", "/api/v1/people/abc/link-occupant/"),
        ("post", "/api/v1/people/abc/end-link/"),
        ("post", "/api/v1/people/abc/create-account/"),
        ("get", "/api/v1/units/1.5/"),
        ("post", "/api/v1/join-requests/abc/approve/"),
        ("get", "/api/v1/users/abc/"),
    ],
)
def test_a_non_integer_id_in_the_path_is_not_found(cast, method: str, url: str) -> None:
    response = getattr(login(cast.a.admin), method)(url, {}, format="json")
    assert response.status_code == 404


# --- the estates side of findings 13 and 17: settings checked on write, the contract kept ------


def _estate_settings(cast, code: str) -> dict:
    with schema_context(cast.a.schema):
        return Estate.objects.get(pk=cast.a.estates[code]).settings


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        ({"escalation": {"yellow_at": "high"}}, "settings.escalation.yellow_at"),
        ({"escalation": {"yellow_at": 1.5}}, "settings.escalation.yellow_at"),
        ({"sla_hours": {"response": True}}, "settings.sla_hours.response"),
        ({"limits": {"requests_per_day": 2.5}}, "settings.limits.requests_per_day"),
        ({"sla_hours": {"response": "\u0000"}}, "settings.sla_hours.response"),
        ({"note\u0000": "x"}, "settings.note\u0000"),
        ({"sla_hours": "24"}, "settings.sla_hours"),
        ({"auto_close_days": None}, "settings.auto_close_days"),
    ],
)
def test_estate_settings_are_checked_on_write(cast, settings: dict, field: str) -> None:
    before = _estate_settings(cast, "A1")
    response = login(cast.a.admin).patch(
        f"/api/v1/estates/{cast.a.estates['A1']}/", {"settings": settings}, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert _estate_settings(cast, "A1") == before


def test_a_settings_update_changes_only_what_it_names(cast) -> None:
    from estates.settings import EstateSettings

    response = login(cast.a.manager).patch(
        f"/api/v1/estates/{cast.a.estates['A1']}/",
        {"settings": {"escalation": {"yellow_at": 0.7}, "sla_hours": {"response": 12}}},
        format="json",
    )
    assert response.status_code == 200
    with schema_context(cast.a.schema):
        settings = EstateSettings.from_estate(Estate.objects.get(pk=cast.a.estates["A1"]))
    assert settings.escalation.yellow_at == 0.7 and settings.escalation.plan_days == 3
    assert settings.sla_hours.response == 12 and settings.sla_hours.plan == 72
    assert response.json()["settings"]["escalation"] == {"yellow_at": 0.7, "plan_days": 3}


def test_stored_settings_that_are_missing_or_wrong_read_as_the_defaults() -> None:
    from estates.settings import EstateSettings

    settings = EstateSettings.from_json(
        {"escalation": {"yellow_at": "x"}, "limits": None, "hot_topics": {"min_requests": 5}}
    )
    assert settings.escalation.yellow_at == 0.8
    assert settings.limits.requests_per_day == 10
    assert settings.hot_topics.min_requests == 5
    assert EstateSettings.from_json(None) == EstateSettings()


def test_owner_shares_are_decimal_strings_as_documented(cast) -> None:
    unit = login(cast.a.admin).get(f"/api/v1/units/{cast.a.units['A1-1-101']}/").json()
    assert [o["share"] for o in unit["owners"]] == ["100.00"]
    person = login(cast.a.admin).get("/api/v1/people/", {"search": "resident"}).json()
    assert person["results"][0]["owned_units"][0]["share"] == "100.00"


def test_the_documented_person_email_admits_an_empty_address() -> None:
    import json
    from pathlib import Path

    schema = json.loads((Path(__file__).parents[2] / "frontend" / "openapi.json").read_text())
    email = schema["components"]["schemas"]["Person"]["properties"]["email"]
    assert "format" not in email
    share = schema["components"]["schemas"]["OwnerBrief"]["properties"]["share"]
    assert share["type"] == "string" and share["format"] == "decimal"


# --- #8 §3: list filters are FilterSets; a bad value is a 400 naming the parameter ------------


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        ("/api/v1/units/", {"estate": "abc"}, "estate"),
        ("/api/v1/units/", {"building": "1.5"}, "building"),
        ("/api/v1/people/", {"estate": "10000000000000000000000"}, "estate"),
        ("/api/v1/buildings/", {"estate": "-1"}, "estate"),
        ("/api/v1/join-requests/", {"status": "maybe"}, "status"),
        ("/api/v1/users/", {"role": "king"}, "role"),
    ],
)
def test_a_bad_list_filter_is_a_400_naming_the_parameter(
    cast, url: str, params: dict, field: str
) -> None:
    response = login(cast.a.admin).get(url, params)
    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_list_filters_still_narrow_the_list(cast) -> None:
    admin = login(cast.a.admin)
    units = admin.get("/api/v1/units/", {"estate": cast.a.estates["A2"], "search": "102"}).json()
    assert [u["id"] for u in units["results"]] == [cast.a.units["A2-1-102"]]
    users = admin.get("/api/v1/users/", {"role": "committee"}).json()["results"]
    assert [u["email"] for u in users] == [cast.a.committee.email]
