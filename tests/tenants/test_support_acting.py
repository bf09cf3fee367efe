"""Acting under support access (domain.md, #14 §5): a platform admin whose grant for a firm runs
enters that firm with a one-time ticket and works there for the grant's time box only: reads
as the firm's admin with residents' phones and ID numbers masked, writes only what onboarding
needs; expired, revoked, another firm's or another admin's grant never lets anything through,
and a refused request changes nothing."""

from __future__ import annotations

import io
import logging
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context
from openpyxl import load_workbook

from accounts.models import User
from estates.models import Estate
from tenants.models import Firm, SupportGrant
from tests.helpers import PUBLIC_HOST, client_at, login

pytestmark = pytest.mark.django_db

PLATFORM = "/api/v1/platform/support-grants/"
FIRM = "/api/v1/support/grants/"
ENTER = "/api/v1/support/enter/"
FULL_PHONE = "13700001111"  # the cast's resident (tests/helpers.make_portfolio)
FULL_ID = "310101199001011234"


def firm(slug: str) -> Firm:
    return Firm.objects.get(slug=slug)


def granted(cast, slug: str = "firm-a", hours: int = 4) -> int:
    """A request of the cast's platform admin to the firm, granted by the firm's admin."""
    asked = login(cast.platform_admin).post(
        PLATFORM, {"firm": firm(slug).pk, "reason": "协助导入小区数据", "hours": hours}
    )
    assert asked.status_code == 201, asked.content
    admin = getattr(cast, slug[-1]).admin
    approved = login(admin).post(f"{FIRM}{asked.json()['id']}/approve/")
    assert approved.status_code == 200, approved.content
    return int(asked.json()["id"])


def host_of(grant_id: int) -> str:
    return f"{SupportGrant.objects.get(pk=grant_id).firm.slug}.localhost"


def ticket(cast, grant_id: int) -> str:
    response = login(cast.platform_admin).post(f"{PLATFORM}{grant_id}/enter/")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["url"] == f"http://{host_of(grant_id)}:8000/support/enter#{body['ticket']}"
    return str(body["ticket"])


def enter(cast, grant_id: int, host: str | None = None):
    client = client_at(host or cast.a.host)
    response = client.post(ENTER, {"ticket": ticket(cast, grant_id)}, format="json")
    connection.set_schema_to_public()
    assert response.status_code == 200, response.content
    return client


def estates_of(schema: str) -> list[str]:
    with schema_context(schema):
        return sorted(Estate.objects.values_list("code", flat=True))


def test_acting_under_a_running_grant_reads_as_the_admin_with_people_masked(cast) -> None:
    grant_id = granted(cast)
    client = enter(cast, grant_id)
    me = client.get("/api/v1/auth/me/").json()
    assert me["support"]["grant"] == grant_id
    assert me["roles"] == [{"role": "support", "estate_id": None, "unit_id": None}]
    assert "estates.create" in me["capabilities"] and "estates.import" in me["capabilities"]
    for never in ("people.contact", "people.id_number", "support.decide", "billing.manage"):
        assert never not in me["capabilities"]
    # every estate of the firm, as its admin sees them
    codes = sorted(e["code"] for e in client.get("/api/v1/estates/").json()["results"])
    assert codes == estates_of(cast.a.schema)
    people = client.get("/api/v1/people/").json()["results"]
    resident = next(p for p in people if p["full_name"] == "住户 resident")
    assert resident["phone"] == "137****1111"
    assert resident["id_number"] == "3101**********1234"
    for person in people:
        assert FULL_PHONE not in str(person) and FULL_ID not in str(person)
    # the firm's users: phones masked, the support identity itself not among the staff
    users = client.get("/api/v1/users/").json()["results"]
    assert users and all("13912345678" not in str(u) for u in users)
    assert not any("support.linli.invalid" in u["email"] for u in users)


def test_the_export_masks_phones_and_id_numbers_too(cast) -> None:
    client = enter(cast, granted(cast))
    estate_id = cast.a.estates["A1"]
    response = client.get(f"/api/v1/estates/{estate_id}/export/")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    cells = " ".join(
        str(cell)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    )
    assert "137****1111" in cells
    assert FULL_PHONE not in cells and FULL_ID not in cells
    # the firm's admin still reads the full number in the same export
    admin = login(cast.a.admin).get(f"/api/v1/estates/{estate_id}/export/")
    admin_book = load_workbook(io.BytesIO(admin.content))
    assert FULL_PHONE in " ".join(
        str(c) for s in admin_book.worksheets for r in s.iter_rows(values_only=True) for c in r
    )


def test_onboarding_writes_work_and_name_the_support_identity(cast) -> None:
    client = enter(cast, granted(cast))
    made = client.post(
        "/api/v1/estates/",
        {"name": "新上线花园", "code": "SUP1", "city": "上海", "district": "徐汇区"},
        format="json",
    )
    assert made.status_code == 201, made.content
    building = client.post(
        "/api/v1/buildings/", {"estate": made.json()["id"], "name": "1", "floors": 6}, format="json"
    )
    assert building.status_code == 201, building.content
    invited = client.post(
        "/api/v1/users/",
        {"email": "new-manager@firm-a.test", "full_name": "新经理", "role": "manager"},
        format="json",
    )
    assert invited.status_code == 201, invited.content
    with schema_context(cast.a.schema):
        new = User.objects.get(email="new-manager@firm-a.test")
        assert new.created_by is not None
        assert new.created_by.platform_user_id == cast.platform_admin.user.pk
    connection.set_schema_to_public()


@pytest.mark.parametrize("role", ["firm_admin", "committee", "resident", "auditor"])
def test_support_never_invites_anyone_but_managers_and_staff(cast, role: str) -> None:
    client = enter(cast, granted(cast))
    response = client.post(
        "/api/v1/users/",
        {"email": f"x-{role}@firm-a.test", "full_name": "x", "role": role},
        format="json",
    )
    assert response.status_code == 400 and "role" in response.json()["fields"]
    with schema_context(cast.a.schema):
        assert not User.objects.filter(email=f"x-{role}@firm-a.test").exists()
    connection.set_schema_to_public()


def test_writes_outside_onboarding_are_refused_and_change_nothing(cast) -> None:
    grant_id = granted(cast)
    client = enter(cast, grant_id)
    staff_id = cast.a.staff.user.pk
    calls = [
        ("post", f"/api/v1/users/{staff_id}/deactivate/", None, "support_write_refused"),
        ("post", f"{FIRM}{grant_id}/revoke/", None, "support_write_refused"),
        ("post", "/api/v1/support/preapprovals/", {"max_hours": 72, "days": 90}, None),
        ("post", "/api/v1/people/", {"full_name": "新住户", "phone": "13800000000"}, None),
        ("post", f"/api/v1/estates/{cast.a.estates['A1']}/rotate-join-code/", None, None),
    ]
    with schema_context(cast.a.schema):
        join_code = Estate.objects.get(pk=cast.a.estates["A1"]).join_code
    connection.set_schema_to_public()
    for method, url, body, code in calls:
        response = getattr(client, method)(url, body, format="json")
        assert response.status_code == 403, (url, response.content)
        if code:
            assert response.json()["code"] == code
    with schema_context(cast.a.schema):
        assert User.objects.get(pk=staff_id).is_active
        assert Estate.objects.get(pk=cast.a.estates["A1"]).join_code == join_code
    connection.set_schema_to_public()
    assert SupportGrant.objects.get(pk=grant_id).status == "active"
    assert not firm("firm-a").support_preapprovals.exists()


def test_before_the_grant_nobody_enters(cast) -> None:
    asked = login(cast.platform_admin).post(
        PLATFORM, {"firm": firm("firm-a").pk, "reason": "x", "hours": 2}
    )
    response = login(cast.platform_admin).post(f"{PLATFORM}{asked.json()['id']}/enter/")
    assert response.status_code == 409 and response.json()["code"] == "support_not_active"
    forged = client_at(cast.a.host).post(ENTER, {"ticket": "forged:ticket"}, format="json")
    assert forged.status_code == 403 and forged.json()["code"] == "support_ticket_invalid"
    assert not User.objects.filter(platform_user_id__isnull=False).exists()


def test_a_ticket_is_used_once(cast) -> None:
    grant_id = granted(cast)
    once = ticket(cast, grant_id)
    first = client_at(cast.a.host).post(ENTER, {"ticket": once}, format="json")
    assert first.status_code == 200
    again = client_at(cast.a.host).post(ENTER, {"ticket": once}, format="json")
    assert again.status_code == 403 and again.json()["code"] == "support_ticket_invalid"


@pytest.mark.parametrize("ending", ["expired", "revoked"])
def test_after_the_grant_ends_the_next_request_is_refused(cast, ending: str) -> None:
    grant_id = granted(cast)
    client = enter(cast, grant_id)
    assert client.get("/api/v1/estates/").status_code == 200
    if ending == "expired":
        SupportGrant.objects.filter(pk=grant_id).update(
            expires_at=timezone.now() - timedelta(seconds=1)
        )
    else:
        assert login(cast.a.admin).post(f"{FIRM}{grant_id}/revoke/").status_code == 200
    before = estates_of(cast.a.schema)
    response = client.post(
        "/api/v1/estates/",
        {"name": "晚到花园", "code": "LATE1", "city": "上海", "district": "徐汇区"},
        format="json",
    )
    assert response.status_code == 401 and response.json()["code"] == "support_ended"
    assert estates_of(cast.a.schema) == before
    # the session is gone: no read either, and the ticket route needs a new ticket
    assert client.get("/api/v1/estates/").status_code == 401
    assert client.get("/api/v1/auth/me/").status_code == 401
    refused = login(cast.platform_admin).post(f"{PLATFORM}{grant_id}/enter/")
    assert refused.status_code == 409


def test_another_firms_grant_never_opens_this_firm(cast) -> None:
    grant_b = granted(cast, "firm-b")
    # a ticket for firm B's grant, redeemed at firm A's host
    response = client_at(cast.a.host).post(ENTER, {"ticket": ticket(cast, grant_b)}, format="json")
    assert response.status_code == 403 and response.json()["code"] == "support_ticket_invalid"
    with schema_context(cast.a.schema):
        assert not User.objects.filter(platform_user_id__isnull=False).exists()
    connection.set_schema_to_public()
    # a session at firm B does not travel to firm A (host-only cookie, the other schema's table)
    inside_b = enter(cast, grant_b, host=cast.b.host)
    assert inside_b.get("/api/v1/estates/").status_code == 200
    stray = client_at(cast.a.host)
    stray.cookies = inside_b.cookies
    assert stray.get("/api/v1/estates/").status_code == 401


def test_a_session_naming_another_firms_grant_is_refused(cast) -> None:
    """The grant named in the session must be this firm's and this admin's: a firm-A session
    whose grant id is one of firm B's (ids shared across firms) lets nothing through."""
    from django.contrib.sessions.backends.db import SessionStore

    grant_a = granted(cast, "firm-a")
    client = enter(cast, grant_a)
    grant_b = granted(cast, "firm-b")
    key = client.cookies["sessionid"].value
    with schema_context(cast.a.schema):
        session = SessionStore(session_key=key)
        session["linli_support_grant"] = grant_b
        session.save()
    connection.set_schema_to_public()
    response = client.get("/api/v1/estates/")
    assert response.status_code == 401 and response.json()["code"] == "support_ended"


def test_a_regular_firm_user_is_untouched_by_support_checks(cast) -> None:
    """A firm user whose id equals the platform admin's id is not a support identity."""
    client = login(cast.a.admin)
    assert client.get("/api/v1/auth/me/").json()["support"] is None


def test_every_request_under_a_grant_names_it_in_the_log(cast, caplog) -> None:
    grant_id = granted(cast)
    client = enter(cast, grant_id)
    with caplog.at_level(logging.INFO, logger="linli.request"):
        client.get("/api/v1/estates/")
    lines = [r for r in caplog.records if r.name == "linli.request"]
    assert lines and getattr(lines[-1], "support_grant", None) == grant_id


def test_the_platform_host_never_accepts_a_ticket(cast) -> None:
    grant_id = granted(cast)
    response = client_at(PUBLIC_HOST).post(ENTER, {"ticket": ticket(cast, grant_id)})
    assert response.status_code == 404


# --- pre-approval ----------------------------------------------------------------------------

PRE = "/api/v1/support/preapprovals/"


def ask(cast, hours: int) -> dict:
    response = login(cast.platform_admin).post(
        PLATFORM, {"firm": firm("firm-a").pk, "reason": "上线导入", "hours": hours}
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_a_request_within_the_pre_approval_is_granted_at_once(cast) -> None:
    admin = login(cast.a.admin)
    made = admin.post(PRE, {"max_hours": 8, "days": 14, "note": "上线导入"}, format="json")
    assert made.status_code == 201, made.content
    assert made.json()["open"] is True
    asked = ask(cast, 6)
    assert asked["status"] == "active" and asked["running"] is True
    assert asked["preapproval"] == made.json()["id"] and asked["decided_by_name"]
    # and it opens the firm like any grant
    assert enter(cast, asked["id"]).get("/api/v1/estates/").status_code == 200


def test_a_request_beyond_the_pre_approval_waits_for_a_decision(cast) -> None:
    login(cast.a.admin).post(PRE, {"max_hours": 4, "days": 7}, format="json")
    asked = ask(cast, 5)
    assert asked["status"] == "pending" and asked["preapproval"] is None


def test_a_pre_approved_grant_never_outlives_the_pre_approval(cast) -> None:
    login(cast.a.admin).post(PRE, {"max_hours": 72, "days": 1}, format="json")
    asked = ask(cast, 72)
    grant = SupportGrant.objects.get(pk=asked["id"])
    assert grant.expires_at == grant.preapproval.valid_until


def test_ending_the_pre_approval_makes_requests_wait_again(cast) -> None:
    admin = login(cast.a.admin)
    made = admin.post(PRE, {"max_hours": 8, "days": 7}, format="json").json()
    ended = admin.post(f"{PRE}{made['id']}/end/")
    assert ended.status_code == 200 and ended.json()["open"] is False
    assert ended.json()["ended_by_name"]
    again = admin.post(f"{PRE}{made['id']}/end/")
    assert again.status_code == 409 and again.json()["code"] == "support_preapproval_ended"
    assert ask(cast, 2)["status"] == "pending"
    listed = admin.get(PRE).json()["results"]
    assert [p["id"] for p in listed] == [made["id"]]


def test_a_new_pre_approval_replaces_the_open_one_and_both_stay(cast) -> None:
    admin = login(cast.a.admin)
    first = admin.post(PRE, {"max_hours": 8, "days": 7}, format="json").json()
    second = admin.post(PRE, {"max_hours": 2, "days": 3}, format="json").json()
    listed = {p["id"]: p["open"] for p in admin.get(PRE).json()["results"]}
    assert listed == {first["id"]: False, second["id"]: True}


def test_pre_approval_is_bounded(cast) -> None:
    admin = login(cast.a.admin)
    for body, field in [
        ({"max_hours": 73, "days": 7}, "max_hours"),
        ({"max_hours": 0, "days": 7}, "max_hours"),
        ({"max_hours": 4, "days": 91}, "days"),
        ({"max_hours": 4, "days": 0}, "days"),
    ]:
        response = admin.post(PRE, body, format="json")
        assert response.status_code == 400 and field in response.json()["fields"]
    assert not firm("firm-a").support_preapprovals.exists()


@pytest.mark.parametrize("role", ["manager", "staff", "committee", "resident"])
def test_only_the_firm_admin_pre_approves(cast, role: str) -> None:
    client = login(getattr(cast.a, role))
    assert client.get(PRE).status_code == 403
    assert client.post(PRE, {"max_hours": 8, "days": 7}, format="json").status_code == 403
    assert not firm("firm-a").support_preapprovals.exists()


def test_another_firms_pre_approval_neither_shows_nor_ends_here(cast) -> None:
    made = login(cast.b.admin).post(PRE, {"max_hours": 8, "days": 7}, format="json").json()
    admin_a = login(cast.a.admin)
    assert admin_a.get(PRE).json()["results"] == []
    assert admin_a.post(f"{PRE}{made['id']}/end/").status_code == 404
    assert firm("firm-b").support_preapprovals.get().ended_at is None
    # and firm B's pre-approval grants nothing at firm A
    assert ask(cast, 2)["status"] == "pending"


def test_the_platform_lists_one_firms_requests(cast) -> None:
    grant_b = granted(cast, "firm-b")
    client = login(cast.platform_admin)
    only_b = client.get(PLATFORM, {"firm": firm("firm-b").pk}).json()["results"]
    assert [g["id"] for g in only_b] == [grant_b]
    assert client.get(PLATFORM, {"firm": firm("firm-a").pk}).json()["results"] == []
    assert client.get(PLATFORM, {"firm": "abc"}).status_code == 400


def test_the_excel_import_previews_and_commits_under_the_grant(cast, settings, tmp_path) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from estates.models import ImportJob, Unit
    from tests.estates.test_import import unit, xlsx

    settings.MEDIA_ROOT = tmp_path / "media"
    client = enter(cast, granted(cast))
    estate = client.post(
        "/api/v1/estates/",
        {"name": "导入花园", "code": "IMPSUP", "city": "上海", "district": "徐汇区"},
        format="json",
    ).json()
    content = xlsx(
        [{"building": "1"}], [unit("1", "101", owner_name="业主甲", owner_phone="13800009999")]
    )
    preview = client.post(
        f"/api/v1/estates/{estate['id']}/imports/",
        {"file": SimpleUploadedFile("units.xlsx", content)},
        format="multipart",
    )
    assert preview.status_code == 201, preview.content
    assert preview.json()["errors"] == []
    committed = client.post(f"/api/v1/imports/{preview.json()['id']}/commit/")
    assert committed.status_code == 200, committed.content
    with schema_context(cast.a.schema):
        assert Unit.objects.filter(building__estate_id=estate["id"], number="101").exists()
        job = ImportJob.objects.get(pk=preview.json()["id"])
        assert job.created_by is not None and job.created_by.platform_user_id is not None
    connection.set_schema_to_public()
    # what it imported, it reads back masked like every other resident
    people = client.get("/api/v1/people/").json()["results"]
    assert "13800009999" not in str(people)
