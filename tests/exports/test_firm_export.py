"""The firm's data as one archive (#14 §4): asked for by a firm admin, written by a task through
the outbox with progress, downloadable by that firm's admins only, masked as in the API and
never holding a survey answer, a ballot or another firm's data."""

from __future__ import annotations

import io
import json
import time
import zipfile
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tenants.utils import schema_context

from exports import datasets
from exports.archive import check
from tests.helpers import client_at, login

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 200
SURVEY_COMMENT = "问卷意见-只属于这一户"
A_MARKER = "甲方住户-导出测试"
B_MARKER = "乙方独有住户-不可出现"
B_PHONE = "13955556666"


@pytest.fixture
def media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield tmp_path / "media"


def _firm_a_data(cast) -> dict[str, Any]:
    """In firm A: a person with a phone and ID number, a repair request with a photo, a survey
    a household answered and an open vote a resident cast a ballot in."""
    from complaints import services as complaints
    from complaints.uploads import Upload
    from estates import services as estates
    from estates.models import Estate, Unit
    from scoring import services as scoring
    from votes import services as votes

    now = timezone.now()
    with schema_context(cast.a.schema):
        estate = Estate.objects.get(pk=cast.a.estates["A1"])
        unit = Unit.objects.get(pk=cast.a.units["A1-1-101"])
        manager, committee = cast.a.manager.user, cast.a.committee.user
        resident = cast.a.resident.user
        estates.person_create(
            full_name=A_MARKER, phone="13811112222", id_number="31010119800101999X"
        )
        request = complaints.request_submit(
            estate=estate,
            kind="repair",
            category="repair",
            description="卫生间漏水",
            channel="app",
            unit=unit,
            requester=resident,
            uploads=[Upload(name="leak.jpg", content_type="image/jpeg", data=JPEG)],
        )
        survey = scoring.survey_draft(user=manager, estate=estate, period_start=date(2024, 1, 1))
        scoring.survey_open(user=committee, survey=survey)
        scoring.ballot_submit(
            user=resident,
            survey=survey,
            unit_id=unit.pk,
            ratings=dict.fromkeys(
                ("overall", "cleaning", "security", "greening", "repairs", "service"), 4
            ),
            comment=SURVEY_COMMENT,
        )
        vote = votes.vote_create(
            user=committee,
            estate=estate,
            data=votes.VoteInput(
                title="更换电梯",
                options=["同意", "反对"],
                matter="fund_use",
                opens_at=now - timedelta(days=4),
                closes_at=now + timedelta(days=3),
            ),
            now=now - timedelta(days=20),
        )
        votes.vote_announce(user=committee, vote=vote, now=now - timedelta(days=20))
        votes.vote_open(user=committee, vote=vote, now=now)
        ballot = votes.ballot_cast(user=resident, vote=vote, choice=0)
        attachment = request.attachments.get()
        facts = {
            "receipt": ballot.receipt,
            "attachment": attachment.file.name,
            "request": request.pk,
            "vote": vote.pk,
        }
    connection.set_schema_to_public()
    return facts


def _firm_b_data(cast) -> None:
    from estates import services as estates

    with schema_context(cast.b.schema):
        estates.person_create(full_name=B_MARKER, phone=B_PHONE)
    connection.set_schema_to_public()


def _run_outbox(schema: str) -> None:
    """Deliver the firm's pending outbox rows here, as the worker would (outbox.deliver)."""
    from outbox.models import OutboxMessage
    from outbox.services import deliver

    with schema_context(schema):
        for pk in OutboxMessage.objects.filter(done_at__isnull=True).values_list("pk", flat=True):
            assert deliver(message_id=pk) == "done"
    connection.set_schema_to_public()


def _archive(client, pk: int) -> zipfile.ZipFile:
    response = client.get(f"/api/v1/exports/{pk}/download/")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _requested(cast) -> tuple[Any, int]:
    admin = login(cast.a.admin)
    response = admin.post("/api/v1/exports/")
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "queued"
    return admin, response.json()["id"]


def test_a_firm_admin_gets_the_whole_firm_as_one_checked_archive(db, cast, media) -> None:
    facts = _firm_a_data(cast)
    _firm_b_data(cast)
    admin, pk = _requested(cast)
    # before the task has run: progress 0 of N, and no archive yet (409)
    queued = admin.get(f"/api/v1/exports/{pk}/").json()
    assert (queued["datasets_done"], queued["datasets_total"]) == (0, len(datasets.DATASETS) + 1)
    assert admin.get(f"/api/v1/exports/{pk}/download/").json()["code"] == "export_not_ready"

    started = time.perf_counter()
    _run_outbox(cast.a.schema)
    seconds = time.perf_counter() - started

    done = admin.get(f"/api/v1/exports/{pk}/").json()
    assert done["status"] == "done"
    assert done["datasets_done"] == done["datasets_total"]
    archive = _archive(admin, pk)
    print(
        f"\nfirm export: {done['size']} bytes, {len(archive.namelist())} members, {seconds:.2f} s"
    )

    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["firm"] == cast.a.schema
    members = manifest["members"]
    assert set(members) | {"manifest.json"} == set(archive.namelist())
    # every member's digest and row count hold
    for name, member in members.items():
        assert member["size"] == len(archive.read(name))
    with (media / "check.zip").open("wb") as f:
        f.write(archive.fp.getvalue())  # type: ignore[union-attr]
    assert check(media / "check.zip") == []
    for dataset in datasets.DATASETS:
        rows = json.loads(archive.read(f"data/{dataset.name}.json"))
        assert members[f"data/{dataset.name}.json"]["rows"] == len(rows)
        assert manifest["counts"][dataset.name] == len(rows)
    # the firm's own rows are in, its files too
    people = json.loads(archive.read("data/people.json"))
    mine = next(p for p in people if p["full_name"] == A_MARKER)
    # masked as the firm admin reads it in the API: full phone and ID number (people.contact,
    # people.id_number), and the API's own answer agrees
    assert mine["phone"] == "13811112222"
    assert mine["id_number"] == "31010119800101999X"
    requests = json.loads(archive.read("data/service_requests.json"))
    assert [r["id"] for r in requests] == [facts["request"]]
    assert "client_key" not in requests[0]
    assert archive.read(f"files/{facts['attachment']}") == JPEG
    users = json.loads(archive.read("data/users.json"))
    assert all(
        set(u) == {"id", "email", "full_name", "phone", "is_active", "created_by_id"} for u in users
    )
    assert {u["email"] for u in users} >= {cast.a.admin.email, cast.a.resident.email}


def test_the_archive_holds_no_survey_answer_ballot_or_other_firm(db, cast, media) -> None:
    facts = _firm_a_data(cast)
    _firm_b_data(cast)
    admin, pk = _requested(cast)
    _run_outbox(cast.a.schema)
    archive = _archive(admin, pk)
    names = archive.namelist()
    assert not [n for n in names if any(w in n for w in ("ballot", "participation", "elector"))]
    blob = b"".join(archive.read(n) for n in names)
    text = blob.decode("utf-8", errors="replace")
    # scanning every byte: no survey answer, no ballot receipt, no firm-B person or phone
    for secret in (SURVEY_COMMENT, facts["receipt"], B_MARKER, B_PHONE, "password", "token_hash"):
        assert secret not in text, secret
    for member in (n for n in names if n.endswith(".json") and n.startswith("data/")):
        for row in json.loads(archive.read(member)):
            assert not {"voter", "receipt", "choice", "key_hash"} & set(row), member
    # the vote is there (announced), its ballots are not; firm B's rows with the same ids are not
    votes = json.loads(archive.read("data/votes.json"))
    assert [v["id"] for v in votes] == [facts["vote"]]
    estates = json.loads(archive.read("data/estates.json"))
    assert {e["code"] for e in estates} == {"A1", "A2"}
    with schema_context(cast.b.schema):
        from estates.models import Estate

        b_ids = set(Estate.objects.values_list("pk", flat=True))
    connection.set_schema_to_public()
    assert b_ids & {e["id"] for e in estates}  # the ids overlap, the rows are firm A's


def test_no_listed_dataset_is_one_the_firm_may_never_read() -> None:
    listed = {d.model for d in datasets.DATASETS}
    assert not listed & datasets.NEVER
    for name, _ in datasets.FILES:
        datasets.by_name(name)


@pytest.mark.parametrize(
    "who",
    ["b_admin", "manager", "staff", "resident", "committee", "anon"],
)
def test_nobody_but_the_firms_admins_reaches_its_archive(db, cast, media, who) -> None:
    _firm_a_data(cast)
    admin, pk = _requested(cast)
    _run_outbox(cast.a.schema)
    assert admin.get(f"/api/v1/exports/{pk}/download/").status_code == 200
    if who == "anon":
        client = client_at(cast.a.host)
        expected = 401
    elif who == "b_admin":
        # firm B's admin on firm A's host: not a login there; on their own host the id is not theirs
        client = login(cast.b.admin)
        for path in (f"/api/v1/exports/{pk}/", f"/api/v1/exports/{pk}/download/"):
            assert client.get(path).status_code == 404
        assert client.get("/api/v1/exports/").json() == []
        # and firm A's host does not know firm B's admin
        stranger = client_at(cast.a.host).post(
            "/api/v1/auth/login/",
            {"email": cast.b.admin.email, "password": cast.b.admin.password},
            format="json",
        )
        assert stranger.status_code in (400, 401)
        return
    else:
        client = login(getattr(cast.a, who))
        expected = 403
    for path in ("/api/v1/exports/", f"/api/v1/exports/{pk}/", f"/api/v1/exports/{pk}/download/"):
        assert client.get(path).status_code == expected, path
    assert client.post("/api/v1/exports/").status_code == expected


def test_a_second_request_while_one_runs_is_a_409(db, cast, media) -> None:
    admin, _ = _requested(cast)
    second = admin.post("/api/v1/exports/")
    assert second.status_code == 409
    assert second.json()["code"] == "export_running"
    from exports.models import ExportJob

    with schema_context(cast.a.schema):
        assert ExportJob.objects.count() == 1
    connection.set_schema_to_public()
    # firm B is not blocked by firm A's running job
    assert login(cast.b.admin).post("/api/v1/exports/").status_code == 201
    # once done, the next one is accepted
    _run_outbox(cast.a.schema)
    assert admin.post("/api/v1/exports/").status_code == 201


def test_progress_counts_datasets_as_they_are_written(db, cast, media) -> None:
    from exports.models import ExportJob
    from exports.services import export_request, export_run

    seen: list[int] = []
    with schema_context(cast.a.schema):
        job = export_request(user=cast.a.admin.user)
        assert (
            export_run(job_id=job.pk, on_progress=lambda j: seen.append(j.datasets_done)) == "done"
        )
        assert export_run(job_id=job.pk) is None  # done: a redelivery runs nothing
        job = ExportJob.objects.get(pk=job.pk)
    connection.set_schema_to_public()
    assert seen == list(range(1, len(datasets.DATASETS) + 1))
    assert job.datasets_done == job.datasets_total and job.active is None
