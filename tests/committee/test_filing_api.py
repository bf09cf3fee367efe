"""Filings (备案) over HTTP, end to end through both hosts: the chair (or, for a first filing,
an owner of record) submits on the firm's host; a platform admin reviews it on the platform
host, reading only the public-schema record and its receipt; a confirmed filing seats the
members and replaces the roster; residents read the roster and its history; the chair records
a resignation. No firm role files, reviews, resigns anyone or reads a receipt, and a denied
action changes nothing."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context

from tests.helpers import PUBLIC_HOST, client_at, login

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n% receipt\n" + b"0" * 64
NEW_MEMBER = "wang.member@owners-a.test"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _today() -> date:
    return timezone.localdate()


def _form(
    estate_id: int,
    members: list[dict[str, str]],
    *,
    number: str = "浦东-备-2026-017",
    receipt: bytes = PNG,
    name: str = "receipt.png",
) -> dict[str, Any]:
    today = _today()
    return {
        "estate": estate_id,
        "number": number,
        "street_authority": "花木街道办事处",
        "housing_authority": "浦东新区住房和城乡建设委员会",
        "election_date": (today - timedelta(days=20)).isoformat(),
        "filed_on": (today - timedelta(days=5)).isoformat(),
        "term_start": (today - timedelta(days=19)).isoformat(),
        "term_end": (today + timedelta(days=365 * 5 - 30)).isoformat(),
        "members": json.dumps(members, ensure_ascii=False),
        "receipt": SimpleUploadedFile(name, receipt),
    }


def _members(cast) -> list[dict[str, str]]:
    return [
        {"full_name": "李主任", "email": cast.a.committee.email, "position": "chair"},
        {"full_name": "王委员", "email": NEW_MEMBER, "position": "member"},
    ]


def _platform():
    return login(_admin_person())


def _admin_person():
    from tests.helpers import Person

    return Person(email="root@linli.test", role="platform_admin", host=PUBLIC_HOST, schema="public")


def _public_filings() -> list[tuple[int, str]]:
    from tenants.models import CommitteeFiling

    connection.set_schema_to_public()
    return list(CommitteeFiling.objects.order_by("pk").values_list("pk", "status"))


def _roster_state(schema: str, estate_id: int) -> list[tuple[Any, ...]]:
    from committee.models import RosterEvent
    from estates.models import CommitteeMembership

    with schema_context(schema):
        seats = list(
            CommitteeMembership.objects.filter(estate_id=estate_id)
            .order_by("pk")
            .values_list("pk", "user_id", "position", "ended_on", "end_reason", "filing_id")
        )
        events = RosterEvent.objects.filter(estate_id=estate_id).count()
    connection.set_schema_to_public()
    return [*seats, ("events", events)]


def _submit(client, cast, estate: str = "A1", members=None, **kwargs) -> Any:
    form = _form(cast.a.estates[estate], members or _members(cast), **kwargs)
    return client.post("/api/v1/committee/filings/", form, format="multipart")


# --- submit → confirm → seated -------------------------------------------------------------


def test_the_chair_files_the_platform_confirms_and_the_members_are_seated(cast) -> None:
    chair = login(cast.a.committee)
    sent = _submit(chair, cast)
    assert sent.status_code == 201, sent.content
    filing = sent.json()
    assert filing["status"] == "pending"
    assert filing["submitted_as"] == "chair"
    assert [m["email"] for m in filing["members"]] == [cast.a.committee.email, NEW_MEMBER]
    assert "receipt" not in json.dumps(filing)  # the submitter's copy never carries the scan

    mine = chair.get("/api/v1/committee/filings/").json()
    assert [f["id"] for f in mine["results"]] == [filing["id"]]
    roster = chair.get(f"/api/v1/committee/rosters/{cast.a.estates['A1']}/").json()
    assert roster["filing_pending"] is True
    assert [s["full_name"] for s in roster["seats"]] == ["committee"]  # nothing changed yet

    platform = _platform()
    queue = platform.get("/api/v1/platform/filings/?status=pending").json()
    assert filing["id"] in [f["id"] for f in queue["results"]]
    detail = platform.get(f"/api/v1/platform/filings/{filing['id']}/").json()
    assert detail["firm_slug"] == cast.a.slug
    assert detail["estate_name"] == "A1 花园"
    receipt = platform.get(detail["receipt_url"])
    assert receipt.status_code == 200
    assert receipt["Content-Type"] == "image/png"
    assert b"".join(receipt.streaming_content) == PNG

    confirmed = platform.post(f"/api/v1/platform/filings/{filing['id']}/confirm/")
    assert confirmed.status_code == 200, confirmed.content
    assert confirmed.json()["status"] == "confirmed"
    assert confirmed.json()["reviewed_by_name"] == "Root"

    roster = login(cast.a.resident).get(f"/api/v1/committee/rosters/{cast.a.estates['A1']}/")
    assert roster.status_code == 200
    body = roster.json()
    assert body["filing"]["number"] == "浦东-备-2026-017"
    assert [(s["full_name"], s["position"], s["confirmed"]) for s in body["seats"]] == [
        ("李主任", "chair", True),
        ("王委员", "member", True),
    ]
    assert all(s["filing_number"] == "浦东-备-2026-017" for s in body["seats"])
    assert "email" not in json.dumps(body)  # residents read names and positions, no contacts
    assert body["can_resign"] is False and body["can_file"] is False
    mine = chair.get(f"/api/v1/committee/filings/{filing['id']}/").json()
    assert mine["status"] == "confirmed"


def test_a_new_member_gets_an_account_and_supervises_once_confirmed(cast) -> None:
    from accounts.models import User
    from committee.selectors import is_supervisor

    sent = _submit(login(cast.a.committee), cast).json()
    with schema_context(cast.a.schema):
        assert not User.objects.filter(email=NEW_MEMBER).exists()
    _platform().post(f"/api/v1/platform/filings/{sent['id']}/confirm/")
    with schema_context(cast.a.schema):
        member = User.objects.get(email=NEW_MEMBER)
        assert is_supervisor(member, cast.a.estates["A1"])
        assert member.invitations.count() == 1
    connection.set_schema_to_public()


def test_a_replacing_filing_ends_the_old_roster_and_the_history_says_so(cast) -> None:
    estate = cast.a.estates["A1"]
    chair = login(cast.a.committee)
    before = chair.get(f"/api/v1/committee/rosters/{estate}/").json()["seats"]
    old_seat = before[0]["id"]
    sent = _submit(chair, cast).json()
    _platform().post(f"/api/v1/platform/filings/{sent['id']}/confirm/")

    roster = chair.get(f"/api/v1/committee/rosters/{estate}/").json()
    assert old_seat not in [s["id"] for s in roster["seats"]]
    assert [s["position"] for s in roster["seats"]] == ["chair", "member"]
    assert roster["can_resign"] is True  # the chair of the new roster
    with schema_context(cast.a.schema):
        from estates.models import CommitteeMembership

        ended = CommitteeMembership.objects.get(pk=old_seat)
        assert (ended.ended_on, ended.end_reason) == (_today(), "replaced")
    connection.set_schema_to_public()

    history = login(cast.a.resident).get(f"/api/v1/committee/rosters/{estate}/history/").json()
    kinds = [e["kind"] for e in history["results"]]
    # newest first; events of one confirmation share their moment and keep their order
    assert kinds == [
        "seated",
        "seated",
        "replaced",
        "filing_confirmed",
        "seated",
        "filing_confirmed",
    ]
    replaced = history["results"][2]
    assert (replaced["member_name"], replaced["filing_number"]) == ("committee", "A1-备-001")


def test_the_platform_rejects_with_a_reason_the_submitter_reads(cast) -> None:
    estate = cast.a.estates["A1"]
    chair = login(cast.a.committee)
    sent = _submit(chair, cast).json()
    before = _roster_state(cast.a.schema, estate)
    platform = _platform()

    blank = platform.post(
        f"/api/v1/platform/filings/{sent['id']}/reject/", {"reason": ""}, format="json"
    )
    assert blank.status_code == 400
    assert "reason" in blank.json()["fields"]
    assert _public_filings()[-1] == (sent["id"], "pending")

    rejected = platform.post(
        f"/api/v1/platform/filings/{sent['id']}/reject/",
        {"reason": "回执不清晰，请重新扫描。"},
        format="json",
    )
    assert rejected.status_code == 200
    assert rejected.json()["status"] == "rejected"
    mine = chair.get(f"/api/v1/committee/filings/{sent['id']}/").json()
    assert (mine["status"], mine["reason"]) == ("rejected", "回执不清晰，请重新扫描。")
    assert _roster_state(cast.a.schema, estate) == before

    again = platform.post(f"/api/v1/platform/filings/{sent['id']}/confirm/")
    assert again.status_code == 409
    assert again.json()["code"] == "filing_reviewed"
    assert _roster_state(cast.a.schema, estate) == before
    # the chair may file again once the previous one is reviewed
    assert _submit(chair, cast).status_code == 201


def test_one_pending_filing_per_estate(cast) -> None:
    chair = login(cast.a.committee)
    assert _submit(chair, cast).status_code == 201
    second = _submit(chair, cast, number="浦东-备-2026-018")
    assert second.status_code == 409
    assert second.json()["code"] == "filing_pending"
    assert len([f for f in _public_filings() if f[1] == "pending"]) == 1


def test_a_first_filing_comes_from_an_owner_of_record(cast) -> None:
    from estates import services as estates
    from estates.models import Person, Unit

    with schema_context(cast.a.schema):
        person = Person.objects.get(user__email=cast.a.resident.email)
        estates.owner_link(unit=Unit.objects.get(pk=cast.a.units["A2-1-101"]), person=person)
    connection.set_schema_to_public()
    resident = login(cast.a.resident)
    roster = resident.get(f"/api/v1/committee/rosters/{cast.a.estates['A2']}/").json()
    assert (roster["can_file"], roster["filed_as"], roster["seats"]) == (True, "owner", [])
    members = [{"full_name": "赵业主", "email": cast.a.resident.email, "position": "chair"}]
    sent = _submit(resident, cast, estate="A2", members=members, receipt=PDF, name="r.pdf")
    assert sent.status_code == 201, sent.content
    assert sent.json()["submitted_as"] == "owner"
    confirmed = _platform().post(f"/api/v1/platform/filings/{sent.json()['id']}/confirm/")
    assert confirmed.status_code == 200
    roster = resident.get(f"/api/v1/committee/rosters/{cast.a.estates['A2']}/").json()
    assert [s["full_name"] for s in roster["seats"]] == ["赵业主"]


def test_an_owner_cannot_file_while_the_estate_has_a_chair(cast) -> None:
    before = _public_filings()
    refused = _submit(login(cast.a.resident), cast)
    assert refused.status_code == 403
    assert refused.json()["code"] == "filing_not_allowed"
    assert _public_filings() == before


def test_bad_input_is_a_400_naming_the_field_and_writes_nothing(cast) -> None:
    chair = login(cast.a.committee)
    before = _public_filings()
    fake = _submit(chair, cast, receipt=b"MZ\x90\x00 not a scan", name="receipt.png")
    assert fake.status_code == 400
    assert fake.json()["code"] == "receipt_rejected"
    assert "receipt" in fake.json()["fields"]
    form = _form(cast.a.estates["A1"], _members(cast))
    form["members"] = "not json"
    garbled = chair.post("/api/v1/committee/filings/", form, format="multipart")
    assert garbled.status_code == 400
    assert "members" in garbled.json()["fields"]
    form = _form(
        cast.a.estates["A1"], [{"full_name": "无主任", "email": NEW_MEMBER, "position": "member"}]
    )
    no_chair = chair.post("/api/v1/committee/filings/", form, format="multipart")
    assert no_chair.status_code == 400
    assert "members" in no_chair.json()["fields"]
    staffer = [
        {"full_name": "李主任", "email": cast.a.committee.email, "position": "chair"},
        {"full_name": "物业经理", "email": cast.a.manager.email, "position": "member"},
    ]
    firm_side = _submit(chair, cast, members=staffer)
    assert firm_side.status_code == 400
    assert firm_side.json()["code"] == "member_not_eligible"
    assert _public_filings() == before


# --- no firm role: not filing, not reviewing, not resigning, not reading receipts --------------

FIRM_ROLES = ["admin", "manager", "staff"]


@pytest.mark.parametrize("who", FIRM_ROLES)
def test_no_firm_role_can_submit_or_read_filings(cast, who: str) -> None:
    before = _public_filings()
    client = login(getattr(cast.a, who))
    members = [{"full_name": "物业指定", "email": getattr(cast.a, who).email, "position": "chair"}]
    for estate in ("A1", "A2"):
        refused = _submit(client, cast, estate=estate, members=members)
        assert refused.status_code == 403
    assert client.get("/api/v1/committee/filings/").status_code == 403
    assert _public_filings() == before


@pytest.mark.parametrize("who", FIRM_ROLES)
def test_no_firm_role_can_reach_the_review_queue_or_a_receipt(cast, who: str) -> None:
    sent = _submit(login(cast.a.committee), cast).json()
    before = _public_filings()
    client = login(getattr(cast.a, who))
    # the queue is no route of the firm's host at all
    for path in ("", f"{sent['id']}/", f"{sent['id']}/receipt/"):
        assert client.get(f"/api/v1/platform/filings/{path}").status_code == 404
    assert client.post(f"/api/v1/platform/filings/{sent['id']}/confirm/").status_code == 404
    # and on the platform host the firm's session is nobody
    public = client_at(PUBLIC_HOST)
    public.cookies = client.cookies
    assert public.get("/api/v1/platform/filings/").status_code == 401
    assert public.get(f"/api/v1/platform/filings/{sent['id']}/receipt/").status_code == 401
    assert public.post(f"/api/v1/platform/filings/{sent['id']}/confirm/").status_code == 401
    assert _public_filings() == before


@pytest.mark.parametrize("who", ["admin", "manager", "staff", "resident"])
def test_nobody_but_the_chair_records_a_resignation(cast, who: str) -> None:
    estate = cast.a.estates["A1"]
    seat = login(cast.a.committee).get(f"/api/v1/committee/rosters/{estate}/").json()["seats"][0]
    before = _roster_state(cast.a.schema, estate)
    refused = login(getattr(cast.a, who)).post(f"/api/v1/committee/seats/{seat['id']}/resign/")
    assert refused.status_code == 403
    assert _roster_state(cast.a.schema, estate) == before


def test_the_chair_records_a_resignation_which_ends_the_seat_at_once(cast) -> None:
    from committee.selectors import is_supervisor

    estate = cast.a.estates["A1"]
    chair = login(cast.a.committee)
    sent = _submit(chair, cast).json()
    _platform().post(f"/api/v1/platform/filings/{sent['id']}/confirm/")
    seats = chair.get(f"/api/v1/committee/rosters/{estate}/").json()["seats"]
    member = next(s for s in seats if s["position"] == "member")
    resigned = chair.post(f"/api/v1/committee/seats/{member['id']}/resign/")
    assert resigned.status_code == 200
    assert resigned.json()["ended_on"] == _today().isoformat()
    roster = login(cast.a.resident).get(f"/api/v1/committee/rosters/{estate}/").json()
    assert [s["full_name"] for s in roster["seats"]] == ["李主任"]
    history = chair.get(f"/api/v1/committee/rosters/{estate}/history/").json()["results"]
    assert (history[0]["kind"], history[0]["member_name"]) == ("resigned", "王委员")
    with schema_context(cast.a.schema):
        from accounts.models import User

        assert not is_supervisor(User.objects.get(email=NEW_MEMBER), estate)
    connection.set_schema_to_public()
    again = chair.post(f"/api/v1/committee/seats/{member['id']}/resign/")
    assert again.status_code == 409
    assert again.json()["code"] == "seat_not_open"


def test_the_firm_reads_the_roster_and_history_but_residents_of_other_estates_do_not(
    cast,
) -> None:
    estate = cast.a.estates["A1"]
    for who in ("admin", "manager", "staff", "committee", "resident"):
        client = login(getattr(cast.a, who))
        roster = client.get(f"/api/v1/committee/rosters/{estate}/")
        assert roster.status_code == 200, who
        assert roster.json()["can_file"] is (who == "committee")
        assert client.get(f"/api/v1/committee/rosters/{estate}/history/").status_code == 200
    # A2 is outside the manager's, the staff's, the committee's and the resident's scope
    for who in ("manager", "staff", "committee", "resident"):
        client = login(getattr(cast.a, who))
        assert client.get(f"/api/v1/committee/rosters/{cast.a.estates['A2']}/").status_code == 404
    assert (
        login(cast.b.resident).get(f"/api/v1/committee/rosters/{estate + 10**6}/").status_code
        == 404
    )


# --- other firms' ids ------------------------------------------------------------------------


def test_another_firms_filing_and_seat_are_404(cast) -> None:
    from committee.demo import seed_confirmed_filing
    from estates.models import CommitteeMembership, Estate

    own = _submit(login(cast.a.committee), cast).json()
    with schema_context(cast.b.schema):
        top = max(
            CommitteeMembership.objects.order_by("-pk").values_list("pk", flat=True)[:1] or [0]
        )
        with connection.cursor() as cursor:
            # a seat id firm A does not have (A's seats are below B's next id + 10000)
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('estates_committeemembership', 'id'), %s)",
                [top + 10_000],
            )
        b_filing = seed_confirmed_filing(
            estate=Estate.objects.get(code="B1"),
            members=[("chair@owners-b.test", "B 主任", "chair")],
            number="B1-备-001",
            term_start=_today() - timedelta(days=3),
            term_end=_today() + timedelta(days=300),
        )
        b_seat = b_filing.seats.get().pk
    with schema_context(cast.a.schema):
        assert not CommitteeMembership.objects.filter(pk=b_seat).exists()
    connection.set_schema_to_public()
    before_a = _roster_state(cast.a.schema, cast.a.estates["A1"])
    chair = login(cast.a.committee)
    assert chair.post(f"/api/v1/committee/seats/{b_seat}/resign/").status_code == 404
    assert chair.get(f"/api/v1/committee/filings/{b_filing.public_id}/").status_code == 404
    assert _roster_state(cast.a.schema, cast.a.estates["A1"]) == before_a
    # firm B's resident never sees firm A's filing either
    assert login(cast.b.resident).get(f"/api/v1/committee/filings/{own['id']}/").status_code == 404
    for bad in ("abc", "99999999999999999999"):
        assert chair.get(f"/api/v1/committee/filings/{bad}/").status_code == 404
        assert chair.get(f"/api/v1/committee/rosters/{bad}/").status_code == 404


def test_the_firm_admin_has_no_way_left_to_seat_or_end_a_member(cast) -> None:
    estate = cast.a.estates["A1"]
    seat = login(cast.a.committee).get(f"/api/v1/committee/rosters/{estate}/").json()["seats"][0]
    before = _roster_state(cast.a.schema, estate)
    admin = login(cast.a.admin)
    seat_someone = {"estate": estate, "user": cast.a.staff.user.pk, "position": "member"}
    assert (
        admin.post("/api/v1/committee-memberships/", seat_someone, format="json").status_code == 405
    )
    for method in ("patch", "delete"):
        response = getattr(admin, method)(f"/api/v1/committee-memberships/{seat['id']}/")
        assert response.status_code == 404
    assert admin.post(f"/api/v1/committee-memberships/{seat['id']}/end/").status_code == 404
    assert admin.post(f"/api/v1/committee/seats/{seat['id']}/resign/").status_code == 403
    assert _roster_state(cast.a.schema, estate) == before


def test_a_member_who_became_firm_staff_before_the_review_is_not_seated(cast) -> None:
    """The firm cannot slip its own account onto the committee by creating a staff account at
    a filed address while the filing waits: the confirmation refuses and changes nothing."""
    from accounts.services import user_create

    estate = cast.a.estates["A1"]
    sent = _submit(login(cast.a.committee), cast).json()
    with schema_context(cast.a.schema):
        user_create(email=NEW_MEMBER, role="staff", full_name="物业员工")
    connection.set_schema_to_public()
    before = _roster_state(cast.a.schema, estate)
    refused = _platform().post(f"/api/v1/platform/filings/{sent['id']}/confirm/")
    assert refused.status_code == 400
    assert refused.json()["code"] == "member_not_eligible"
    assert _public_filings()[-1] == (sent["id"], "pending")
    assert _roster_state(cast.a.schema, estate) == before


def test_a_blank_reason_is_no_reason(cast) -> None:
    sent = _submit(login(cast.a.committee), cast).json()
    response = _platform().post(
        f"/api/v1/platform/filings/{sent['id']}/reject/", {"reason": "   "}, format="json"
    )
    assert response.status_code == 400
    assert "reason" in response.json()["fields"]
    assert _public_filings()[-1] == (sent["id"], "pending")


@pytest.mark.parametrize("who", ["committee", "resident"])
def test_residents_and_the_committee_never_read_a_receipt(cast, who: str) -> None:
    sent = _submit(login(cast.a.committee), cast).json()
    client = login(getattr(cast.a, who))
    assert client.get(f"/api/v1/platform/filings/{sent['id']}/receipt/").status_code == 404
    public = client_at(PUBLIC_HOST)
    public.cookies = client.cookies
    assert public.get(f"/api/v1/platform/filings/{sent['id']}/receipt/").status_code == 401


def test_the_review_queue_reads_the_public_record_only(cast) -> None:
    """The list, the detail and the receipt never touch the firm's schema or its tables: the
    review is no support look inside the firm."""
    from django.test.utils import CaptureQueriesContext

    sent = _submit(login(cast.a.committee), cast).json()
    platform = _platform()
    with CaptureQueriesContext(connection) as queries:
        assert platform.get("/api/v1/platform/filings/").status_code == 200
        assert platform.get(f"/api/v1/platform/filings/{sent['id']}/").status_code == 200
        receipt = platform.get(f"/api/v1/platform/filings/{sent['id']}/receipt/")
        assert receipt.status_code == 200
        assert b"".join(receipt.streaming_content) == PNG
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "tenants_committeefiling" in sql
    for firm_only in (cast.a.schema, "estates_", "committee_"):
        assert firm_only not in sql
    # while confirming does enter it, to seat the members (and the capture would say so)
    with CaptureQueriesContext(connection) as queries:
        assert platform.post(f"/api/v1/platform/filings/{sent['id']}/confirm/").status_code == 200
    assert cast.a.schema in " ".join(q["sql"] for q in queries.captured_queries)
