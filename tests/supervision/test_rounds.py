"""Inspection rounds: idempotent writes from the device, read-only once submitted (PostgreSQL
refuses it too), addenda, publication to residents."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction
from django_tenants.utils import schema_context

from tests.helpers import login

from .conftest import JPEG, small_template, submitted_round

pytestmark = pytest.mark.django_db


def _start(client, estate: int, template: int, key: str = "round-key-0001"):
    return client.post(
        "/api/v1/supervision/rounds/",
        {"estate": estate, "template": template, "key": key, "area": "1号楼"},
        format="json",
    )


def test_resent_answers_and_photos_are_kept_exactly_once(cast, a1) -> None:
    from supervision.models import Answer, ClientWrite, Round, RoundPhoto

    template = small_template(a1, photo_on=2)
    client = login(cast.a.committee)
    first = _start(client, a1["estate"].pk, template.pk)
    again = _start(client, a1["estate"].pk, template.pk)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    round_id = first.json()["id"]
    items = [i["id"] for i in first.json()["items"]]
    url = f"/api/v1/supervision/rounds/{round_id}/"
    answer = {"item": items[1], "result": "fail", "key": "answer-key-01", "note": "堆满纸箱"}
    for _ in range(2):
        assert client.post(url + "answers/", answer, format="json").status_code == 200
    # the member changes their mind with a new write; an old resend arriving late changes nothing
    changed = {**answer, "result": "pass", "key": "answer-key-02", "note": ""}
    assert client.post(url + "answers/", changed, format="json").status_code == 200
    assert client.post(url + "answers/", answer, format="json").json()["result"] == "pass"
    codes = []
    for _ in range(2):
        upload = SimpleUploadedFile("p.jpg", JPEG, content_type="image/jpeg")
        codes.append(
            client.post(
                url + "photos/",
                {"item": items[1], "key": "photo-key-01", "file": upload},
                format="multipart",
            ).status_code
        )
    assert codes == [201, 200]
    with schema_context(cast.a.schema):
        assert Round.objects.filter(pk=round_id).count() == 1
        assert Answer.objects.filter(round_id=round_id).count() == 1
        assert Answer.objects.get(round_id=round_id).result == "pass"
        assert ClientWrite.objects.filter(round_id=round_id).count() == 2
        assert RoundPhoto.objects.filter(round_id=round_id).count() == 1


def test_a_round_submits_only_when_complete_with_required_photos(cast, a1) -> None:
    template = small_template(a1, photo_on=1)
    client = login(cast.a.committee)
    round_ = _start(client, a1["estate"].pk, template.pk).json()
    url = f"/api/v1/supervision/rounds/{round_['id']}/"
    items = [i["id"] for i in round_["items"]]
    for n, item in enumerate(items):
        client.post(
            url + "answers/", {"item": item, "result": "pass", "key": f"k-{n:08d}"}, format="json"
        )
    refused = client.post(url + "submit/")
    assert refused.status_code == 400
    assert refused.json()["code"] == "round_incomplete"
    assert refused.json()["fields"] == {f"items.{items[0]}": ["此项须拍照。"]}
    upload = SimpleUploadedFile("p.jpg", JPEG, content_type="image/jpeg")
    client.post(
        url + "photos/",
        {"item": items[0], "key": "photo-key-02", "file": upload},
        format="multipart",
    )
    done = client.post(url + "submit/")
    assert done.status_code == 200
    assert done.json()["status"] == "submitted"
    assert client.post(url + "submit/").status_code == 200  # a resend: the same round


def test_a_submitted_round_is_read_only_for_everyone_and_corrected_by_addenda(cast, a1) -> None:
    from supervision.models import Answer

    round_ = submitted_round(a1)
    item = round_.version.items.order_by("position").first()
    client = login(cast.a.committee)
    url = f"/api/v1/supervision/rounds/{round_.pk}/"
    late = client.post(
        url + "answers/", {"item": item.pk, "result": "fail", "key": "late-key-1"}, format="json"
    )
    assert late.status_code == 409
    assert late.json()["code"] == "round_submitted"
    upload = SimpleUploadedFile("p.jpg", JPEG, content_type="image/jpeg")
    assert (
        client.post(
            url + "photos/",
            {"item": item.pk, "key": "late-key-2", "file": upload},
            format="multipart",
        ).status_code
        == 409
    )
    added = client.post(url + "addenda/", {"text": "第二项应为 3 号楼东侧"}, format="json")
    assert added.status_code == 201
    assert added.json()["addenda"][0]["text"] == "第二项应为 3 号楼东侧"
    with schema_context(cast.a.schema):
        assert Answer.objects.get(round=round_, item=item).result == "pass"


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE supervision_round SET area = 'x' WHERE id = %(round)s",
        "DELETE FROM supervision_round WHERE id = %(round)s",
        "UPDATE supervision_answer SET result = 'pass' WHERE round_id = %(round)s",
        "DELETE FROM supervision_answer WHERE round_id = %(round)s",
        "UPDATE supervision_rectificationevent SET text = 'x' WHERE rectification_id IN "
        "(SELECT id FROM supervision_rectification WHERE round_id = %(round)s)",
        "DELETE FROM supervision_rectificationevent WHERE rectification_id IN "
        "(SELECT id FROM supervision_rectification WHERE round_id = %(round)s)",
        "DELETE FROM supervision_rectification WHERE round_id = %(round)s",
        "UPDATE supervision_templateitem SET title = 'x'",
    ],
)
def test_postgresql_refuses_changing_submitted_records_even_with_raw_sql(a1, sql: str) -> None:
    round_ = submitted_round(a1)
    with (
        pytest.raises(DatabaseError, match="pgtrigger"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, {"round": round_.pk})


def test_an_open_round_may_still_change(a1) -> None:
    from supervision.models import Answer
    from supervision.services import answer_record, round_start

    template = small_template(a1)
    round_, _ = round_start(
        user=a1["committee"], estate=a1["estate"], template_id=template.pk, key="open-round-1"
    )
    item = round_.version.items.first()
    answer_record(
        user=a1["committee"], round=round_, item_id=item.pk, result="fail", key="open-ans-1"
    )
    answer_record(
        user=a1["committee"], round=round_, item_id=item.pk, result="pass", key="open-ans-2"
    )
    assert Answer.objects.get(round=round_).result == "pass"


@pytest.mark.parametrize("who", ["admin", "manager", "staff", "resident"])
def test_no_firm_role_or_resident_writes_any_part_of_a_round(cast, a1, who: str) -> None:
    from supervision.models import Addendum, Answer, Publication, Round

    template = small_template(a1)
    round_ = submitted_round(a1)
    before = (
        Round.objects.count(),
        Answer.objects.count(),
        Addendum.objects.count(),
        Publication.objects.count(),
    )
    item = round_.version.items.first().pk
    client = login(getattr(cast.a, who))
    url = f"/api/v1/supervision/rounds/{round_.pk}/"
    statuses = [
        _start(client, a1["estate"].pk, template.pk, key="firm-key-0001").status_code,
        client.post(
            url + "answers/",
            {"item": item, "result": "pass", "key": "firm-key-0002"},
            format="json",
        ).status_code,
        client.post(url + "addenda/", {"text": "物业补充"}, format="json").status_code,
        client.post(url + "publish/").status_code,
        client.post(url + "submit/").status_code,
    ]
    assert statuses == [403] * 5
    with schema_context(cast.a.schema):
        after = (
            Round.objects.count(),
            Answer.objects.count(),
            Addendum.objects.count(),
            Publication.objects.count(),
        )
    assert after == before


def test_an_unconfirmed_committee_seat_reads_but_cannot_inspect(cast, a1) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from accounts.models import RoleGrant
    from accounts.services import password_set, user_create
    from estates.models import CommitteeMembership
    from supervision.exceptions import NotSupervisor
    from supervision.services import round_start

    today = timezone.localdate()
    template = small_template(a1)
    user = user_create(email="legacy@firm-a.test", role="committee", full_name="旧委员")
    password_set(user=user, password="Legacy#Pass-2026")
    CommitteeMembership.objects.create(
        estate=a1["estate"],
        user=user,
        position="member",
        term_start=today - timedelta(days=10),
        term_end=today + timedelta(days=100),
    )
    RoleGrant.objects.create(
        user=user,
        role="committee",
        estate_id=a1["estate"].pk,
        starts_on=today - timedelta(days=10),
        ends_on=today + timedelta(days=100),
    )
    with pytest.raises(NotSupervisor):
        round_start(user=user, estate=a1["estate"], template_id=template.pk, key="legacy-key-1")


def test_residents_see_only_published_reports_of_their_estate(cast, a1) -> None:
    shown = submitted_round(a1)
    hidden = submitted_round(a1)
    committee = login(cast.a.committee)
    assert committee.post(f"/api/v1/supervision/rounds/{shown.pk}/publish/").status_code == 200
    again = committee.post(f"/api/v1/supervision/rounds/{shown.pk}/publish/")
    assert again.status_code == 409
    resident = login(cast.a.resident)
    listed = resident.get("/api/v1/supervision/rounds/").json()["results"]
    assert [r["id"] for r in listed] == [shown.pk]
    assert resident.get(f"/api/v1/supervision/rounds/{hidden.pk}/").status_code == 404
    report = resident.get(f"/api/v1/supervision/rounds/{shown.pk}/report/")
    assert report.status_code == 200
    assert report.content.startswith(b"%PDF")
    assert login(cast.b.resident).get(f"/api/v1/supervision/rounds/{shown.pk}/").status_code == 404
