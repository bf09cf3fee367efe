"""Offboarding a firm (#14 §4, tenants.offboarding): suspended at once, its firm-wide export and
one handover archive per estate (that estate's records only, the verifiers, the witness heads)
kept in the platform's storage; its schema and files deleted only after the grace period, the
deletion recorded and never editable; no other firm touched. These tests commit (a firm of
their own, dropped after) like tests/tenants/test_backup.py."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import pgtrigger
import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django_tenants.utils import schema_context

from core.exceptions import DomainError
from exports.archive import check
from tenants.backup import database_url, table_rows
from tenants.choices import FirmStatus
from tenants.models import CommitteeFiling, Domain, Firm, FirmDeletion, Offboarding
from tenants.offboarding import VERIFIERS, Actor, offboarding_delete, offboarding_start
from tests.helpers import PUBLIC_HOST, FirmCast, client_at, login, make_firm, make_portfolio

SLUG = "firm-off"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x01" * 120
O1_LEAK = "O1-卫生间漏水-移交测试"
O2_LIFT = "O2-电梯异响-移交测试"
B_FILE = "contracts/firm-b-keeps-this.txt"
SIGNED = datetime(2026, 11, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _drop(slug: str) -> None:
    connection.set_schema_to_public()
    firm = Firm.all_objects.filter(slug=slug).first()
    if firm is None:
        return
    with pgtrigger.ignore():  # the test's own records: the triggers refuse this anywhere else
        FirmDeletion.objects.filter(firm=firm).delete()
        Offboarding.objects.filter(firm=firm).delete()
        from witness.models import WitnessedHead

        WitnessedHead.objects.filter(schema_name=firm.schema_name).delete()
        CommitteeFiling.objects.filter(firm=firm).delete()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{firm.schema_name}" CASCADE')
    Domain.objects.filter(tenant=firm).delete()
    firm.delete()


def _records(off: FirmCast) -> None:
    """Two estates, each with a request of its own (O1's with a photo); O1's ledger with a
    published statement."""
    from complaints import services as complaints
    from complaints.uploads import Upload
    from estates.models import Estate, Unit

    with schema_context(off.schema):
        o1 = Estate.objects.get(pk=off.estates["O1"])
        o2 = Estate.objects.get(pk=off.estates["O2"])
        complaints.request_submit(
            estate=o1,
            kind="repair",
            category="repair",
            description=O1_LEAK,
            channel="app",
            unit=Unit.objects.get(pk=off.units["O1-1-101"]),
            requester=off.resident.user,
            uploads=[Upload(name="leak.jpg", content_type="image/jpeg", data=JPEG)],
        )
        complaints.request_submit(
            estate=o2,
            kind="repair",
            category="repair",
            description=O2_LIFT,
            channel="phone",
            unit=Unit.objects.get(pk=off.units["O2-1-101"]),
            contact_name="王女士",
            contact_phone="13900001111",
            entered_by=off.people["admin"].user,
        )
        _published_statement(o1, off.people["manager"].user, off.people["committee"].user)


def _published_statement(estate: Any, manager: Any, committee: Any) -> None:
    """Two posted October lines in the estate's ledger, the statement published (the platform
    witnesses its head), as tests/disclosure/test_tamper_evidence.py does it."""
    from deadlines.services import firm_sweep
    from disclosure import services
    from tests.disclosure.conftest import posted

    for i in range(2):
        posted(estate, manager, amount=f"{100 * (i + 1)}.00", day=date(2026, 10, 1 + i))
    statement = services.statement_draft(
        user=manager, estate=estate, kind="monthly", period_start=date(2026, 10, 1)
    )
    services.statement_submit(user=manager, statement=statement, now=SIGNED - timedelta(hours=1))
    services.statement_sign_off(user=committee, statement=statement, now=SIGNED)
    firm_sweep(now=SIGNED + timedelta(minutes=1), names=["disclosure.publish"])
    statement.refresh_from_db()
    assert statement.status == "published"


def test_offboarding_needs_a_reason_and_a_firm_not_the_platform(db, cast) -> None:
    """(Also the first test of this module: it creates the test database and the cast, which the
    committing tests below use without pytest-django's per-test transaction.)"""
    firm = Firm.objects.get(slug=cast.b.slug)
    with pytest.raises(DomainError) as no_reason:
        offboarding_start(firm=firm, by=Actor(), reason="  ")
    assert no_reason.value.status == 400
    platform = Firm.all_objects.get(schema_name="public")
    with pytest.raises(DomainError) as itself:
        offboarding_start(firm=platform, by=Actor(), reason="x")
    assert itself.value.status == 400
    pending = Firm.all_objects.create(
        name="开通中物业", slug="off-pending", schema_name="firm_off_pending"
    )
    with pytest.raises(DomainError) as not_ready:
        offboarding_start(firm=pending, by=Actor(), reason="x")
    assert not_ready.value.status == 400
    firm.refresh_from_db()
    assert firm.status == FirmStatus.ACTIVE
    assert not Offboarding.objects.exists()


@pytest.fixture(scope="module")
def media(tmp_path_factory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("offboarding") / "media"
    with override_settings(MEDIA_ROOT=root):
        yield root


@pytest.fixture(scope="module")
def off(cast, django_db_blocker, media) -> Iterator[FirmCast]:
    """Firm `firm-off` (committed) with estates O1 and O2 and a request in each; firm B holds
    a file of its own in the same storage."""
    with django_db_blocker.unblock():
        _drop(SLUG)
        try:
            firm = make_firm(
                SLUG,
                [
                    ("admin", "firm_admin"),
                    ("manager", "manager"),
                    ("committee", "committee"),
                    ("resident", "resident"),
                ],
            )
            make_portfolio(firm, ["O1", "O2"])
            _records(firm)
            with schema_context(cast.b.schema):
                if not default_storage.exists(B_FILE):
                    default_storage.save(B_FILE, ContentFile("乙方的合同".encode()))
            connection.set_schema_to_public()
            yield firm
        finally:
            _drop(SLUG)


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def _public_path(media: Path, name: str) -> Path:
    return media / "public" / name


def _rows(members: dict[str, bytes], dataset: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(members[f"data/{dataset}.json"])
    return rows


def _undo(record: Offboarding, media: Path) -> None:
    """Back to an active firm with no offboarding: the next test starts it through the API."""
    for facts in [record.firm_archive, *record.handovers]:
        if facts:
            _public_path(media, facts["name"]).unlink()
    with pgtrigger.ignore():
        Offboarding.objects.filter(pk=record.pk).delete()
    Firm.all_objects.filter(slug=SLUG).update(status=FirmStatus.ACTIVE)


def _offboarding_files(media: Path) -> list[Path]:
    folder = media / "public" / "offboarding"
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def _deliver_public() -> list[str]:
    """Run the platform's pending outbox rows here, as the worker would (outbox.deliver)."""
    from outbox.models import OutboxMessage
    from outbox.services import deliver

    connection.set_schema_to_public()
    due = OutboxMessage.objects.filter(done_at__isnull=True, dead_at__isnull=True)
    return [deliver(message_id=pk) for pk in due.values_list("pk", flat=True)]


def test_two_starts_at_once_one_wins_and_the_other_writes_nothing(
    cast, off, media, django_db_blocker
) -> None:
    """Two platform admins start the same firm's offboarding at the same moment: the second
    waits on the firm's row, finds the first's record and is refused with 409 before writing
    anything; the winner's archives are all there with the recorded hashes."""
    same_second = datetime(2026, 12, 4, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    together = threading.Barrier(2, timeout=60)
    outcomes: dict[str, object] = {}

    def start(name: str) -> None:
        try:
            firm = Firm.all_objects.get(slug=SLUG)
            together.wait()
            outcomes[name] = offboarding_start(
                firm=firm, by=Actor(), reason=f"{name} 发起", now=same_second
            )
        except DomainError as exc:
            outcomes[name] = exc
        finally:
            connection.close()

    with django_db_blocker.unblock():
        before = _offboarding_files(media)
        threads = [threading.Thread(target=start, args=(n,)) for n in ("甲", "乙")]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=300)
        connection.set_schema_to_public()
        won = [o for o in outcomes.values() if isinstance(o, Offboarding)]
        lost = [o for o in outcomes.values() if isinstance(o, DomainError)]
        assert len(won) == 1 and len(lost) == 1, outcomes
        assert lost[0].status == 409
        record = Offboarding.objects.get(firm__slug=SLUG)
        assert record.pk == won[0].pk and record.status == "ready"
        recorded = [record.firm_archive, *record.handovers]
        assert len(recorded) == 3  # the firm-wide export and O1's and O2's handovers
        for facts in recorded:
            path = _public_path(media, facts["name"])
            assert hashlib.sha256(path.read_bytes()).hexdigest() == facts["sha256"]
        new = sorted(set(_offboarding_files(media)) - set(before))
        assert new == sorted(_public_path(media, f["name"]) for f in recorded)  # no loser's file
        _undo(record, media)


@pytest.mark.parametrize("resume_with_command", [False, True], ids=["outbox", "command"])
def test_the_consoles_start_writes_in_a_task_that_retries_and_deletion_waits_for_it(
    cast, off, media, django_db_blocker, resume_with_command: bool
) -> None:
    """From the console the archives are written by a task (a large firm's take longer than a
    request may): the firm is suspended at once and the offboarding is `writing`. A failed
    attempt leaves no file, says why (`failed`), and deletion is refused (409, nothing dropped)
    even after the grace period; the outbox's next attempt writes them (`ready`), or the
    operator's `firm_offboard <slug>` does, and the outbox's run after it changes nothing."""
    from tenants import offboarding

    write = offboarding._write_handover
    broken = {"on": True}

    def flaky(*args: Any, **kwargs: Any) -> Path:
        if broken["on"]:
            raise OSError("No space left on device")
        return write(*args, **kwargs)

    with (
        django_db_blocker.unblock(),
        mock.patch("outbox.services._publish_now"),  # no worker: the test delivers it here
        mock.patch.object(offboarding, "_write_handover", flaky),
    ):
        connection.set_schema_to_public()
        firm = Firm.all_objects.get(slug=SLUG)
        before = _offboarding_files(media)
        record = offboarding_start(firm=firm, by=Actor(), reason="合同到期", write="task")
        assert record.status == "writing" and record.handovers == []
        firm.refresh_from_db()
        assert firm.status == FirmStatus.SUSPENDED

        assert _deliver_public() == ["failed"]
        record.refresh_from_db()
        assert record.status == "failed"
        assert record.error == "OSError: No space left on device"
        assert _offboarding_files(media) == before  # the firm-wide archive it wrote is removed
        schemas_before = _schemas()
        with pytest.raises(DomainError) as early:
            offboarding_delete(offboarding=record, by=Actor(), now=record.grace_until + DAY)
        assert early.value.code == "offboarding_not_ready"
        assert _schemas() == schemas_before
        assert not FirmDeletion.objects.filter(firm=firm).exists()

        broken["on"] = False
        if resume_with_command:  # an operator does not wait for the outbox's backoff
            call_command("firm_offboard", SLUG, stdout=io.StringIO())
            connection.set_schema_to_public()
            record.refresh_from_db()
            assert record.status == "ready"
            written = _offboarding_files(media)
            assert _deliver_public() == ["done"]  # the outbox's late run leaves it as it is
            assert _offboarding_files(media) == written
        else:
            assert _deliver_public() == ["done"]
        record.refresh_from_db()
        assert record.status == "ready" and record.error == ""
        assert record.archived_at is not None
        assert [h["estate_code"] for h in record.handovers] == ["O1", "O2"]
        for facts in [record.firm_archive, *record.handovers]:
            path = _public_path(media, facts["name"])
            assert hashlib.sha256(path.read_bytes()).hexdigest() == facts["sha256"]
        assert len(_offboarding_files(media)) == len(before) + 3
        assert _deliver_public() == []  # delivered once
        _undo(record, media)


def _schemas() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nspname FROM pg_namespace")
        return {row[0] for row in cursor.fetchall()}


DAY = timedelta(days=1)


def test_offboarding_suspends_the_firm_and_hands_each_estate_its_own_records(
    cast, off, media, django_db_blocker, tmp_path
) -> None:
    with django_db_blocker.unblock():
        admin = login(off.people["admin"])
        assert admin.get("/api/v1/auth/me/").status_code == 200
        firm = Firm.objects.get(slug=SLUG)

        url = f"/api/v1/platform/firms/{firm.pk}/offboard/"
        assert client_at(PUBLIC_HOST).post(url, {"reason": "x"}).status_code in (401, 403)
        assert login(cast.platform_admin).post(url, {}).status_code == 400  # no reason
        with mock.patch("outbox.services._publish_now"):  # no worker: delivered here
            answer = login(cast.platform_admin).post(url, {"reason": "合同到期，不再续约"})
        connection.set_schema_to_public()
        assert answer.status_code == 202, answer.content
        assert answer.json()["status"] == "writing"
        assert answer.json()["handovers"] == []
        assert _deliver_public() == ["done"]
        record = Offboarding.objects.get(firm=firm)
        assert record.status == "ready"
        shown = login(cast.platform_admin).get(f"/api/v1/platform/firms/{firm.pk}/offboarding/")
        connection.set_schema_to_public()
        assert shown.json()["status"] == "ready"
        assert shown.json()["handovers"] == record.handovers
        assert shown.json()["deletion"] is None
        assert record.started_by_email == cast.platform_admin.email

        firm.refresh_from_db()
        assert firm.status == FirmStatus.SUSPENDED
        refused = admin.get("/api/v1/auth/me/")
        assert refused.status_code == 403
        assert refused.json()["code"] == "firm_suspended"
        assert record.grace_until - record.started_at == timedelta(days=30)

        # a second start, or reactivating the firm, is refused
        with pytest.raises(DomainError) as again:
            offboarding_start(firm=firm, by=Actor(), reason="again")
        assert again.value.status == 409
        from tenants.services import firm_set_status

        with pytest.raises(DomainError) as reactivate:
            firm_set_status(firm=firm, status=FirmStatus.ACTIVE)
        assert reactivate.value.status == 409

        # the firm-wide export, in the platform's storage, its hash recorded
        whole = _public_path(media, record.firm_archive["name"])
        assert whole.is_file()
        assert check(whole) == []
        from exports.archive import file_sha256

        assert file_sha256(whole) == record.firm_archive["sha256"]
        assert whole.stat().st_size == record.firm_archive["size"]
        firm_rows = _rows(_members(whole), "service_requests")
        assert {r["description"] for r in firm_rows} == {O1_LEAK, O2_LIFT}

        # one handover archive per estate: its own records, the verifiers, the witness heads
        by_code = {h["estate_code"]: h for h in record.handovers}
        assert sorted(by_code) == ["O1", "O2"]
        for code, mine, other in (("O1", O1_LEAK, O2_LIFT), ("O2", O2_LIFT, O1_LEAK)):
            facts = by_code[code]
            path = _public_path(media, facts["name"])
            assert file_sha256(path) == facts["sha256"]
            assert path.stat().st_size == facts["size"]
            assert check(path) == []
            members = _members(path)
            manifest = json.loads(members["manifest.json"])
            assert manifest["kind"] == "estate_handover"
            assert manifest["estate"]["code"] == code
            assert set(manifest["members"]) == set(members) - {"manifest.json"}
            estate_id = off.estates[code]
            assert [r["id"] for r in _rows(members, "estates")] == [estate_id]
            requests = _rows(members, "service_requests")
            assert [r["description"] for r in requests] == [mine]
            assert all(r["estate_id"] == estate_id for r in _rows(members, "units"))
            everything = b"".join(members.values()).decode("utf-8", "replace")
            assert other not in everything
            # firm-wide datasets (people, users, staff) are never handed over
            assert not any(n.startswith(("data/people", "data/users")) for n in members)
            for script in VERIFIERS:
                assert members[f"verify/{script}"] == (Path("tools") / script).read_bytes()
            assert "民法典" in members["README.txt"].decode("utf-8")
            heads = json.loads(members["witness/heads.json"])
            assert len(heads) == (1 if code == "O1" else 0)
        o1 = _members(_public_path(media, by_code["O1"]["name"]))
        photos = [n for n in o1 if n.startswith("files/")]
        assert len(photos) == 1 and o1[photos[0]] == JPEG
        # the platform admin downloads each archive, byte for byte what was recorded
        console = login(cast.platform_admin)
        base = f"/api/v1/platform/firms/{firm.pk}/offboarding"
        for path, facts in (
            (f"{base}/firm-archive/", record.firm_archive),
            (f"{base}/handovers/{off.estates['O2']}/", by_code["O2"]),
        ):
            download = console.get(path)
            assert download.status_code == 200, path
            assert download["Content-Type"] == "application/zip"
            body = b"".join(download.streaming_content)
            assert hashlib.sha256(body).hexdigest() == facts["sha256"]
        assert console.get(f"{base}/handovers/999999/").status_code == 404
        assert client_at(PUBLIC_HOST).get(f"{base}/firm-archive/").status_code in (401, 403)
        connection.set_schema_to_public()

        # O1's ledger: checked offline by the verifier in the archive, against the witness
        chains = [n for n in o1 if n.startswith("checks/ledger-statement-")]
        assert len(chains) == 1
        assert len(_rows(o1, "ledger_lines")) == 2
        witnessed = json.loads(o1["witness/heads.json"])[0]
        unpacked = tmp_path / "o1"
        with zipfile.ZipFile(_public_path(media, by_code["O1"]["name"])) as z:
            z.extractall(unpacked)
        offline = subprocess.run(
            [
                sys.executable,
                str(unpacked / "verify" / "verify_ledger.py"),
                str(unpacked / chains[0]),
                "--head",
                f"{witnessed['seq']}:{witnessed['head']}",
            ],
            capture_output=True,
            text=True,
            check=False,
            env={"PATH": "/usr/bin:/bin"},  # no Django, no project: the standard library
        )
        assert offline.returncode == 0, offline.stdout + offline.stderr
        o2 = _members(_public_path(media, by_code["O2"]["name"]))
        assert not [n for n in o2 if n.startswith("checks/")]
        assert _rows(o2, "ledger_lines") == []
        assert not [n for n in o2 if n.startswith("files/")]
        assert json.loads(o2["data/service_requests.json"])[0]["contact_phone"] != "13900001111"


def test_deletion_waits_for_the_grace_period_then_drops_only_this_firm(
    cast, off, media, django_db_blocker
) -> None:
    url = database_url()
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        firm = Firm.all_objects.get(slug=SLUG)
        record = Offboarding.objects.filter(firm=firm).first() or offboarding_start(
            firm=firm, by=Actor(), reason="合同到期"
        )
        schema = firm.schema_name
        b_before = table_rows(url, cast.b.schema)
        a_before = table_rows(url, cast.a.schema)
        own_before = table_rows(url, schema)
        assert (media / schema).is_dir()  # O1's photo

        # before the grace period: 409 (API, command, service), nothing changes
        console = login(cast.platform_admin)
        early_api = console.post(f"/api/v1/platform/firms/{firm.pk}/offboarding/delete/")
        connection.set_schema_to_public()
        assert early_api.status_code == 409
        assert early_api.json()["code"] == "offboarding_grace_not_over"
        with pytest.raises(CommandError, match="offboarding_grace_not_over"):
            call_command("firm_offboard_delete", SLUG)
        with pytest.raises(DomainError) as early:
            offboarding_delete(offboarding=record, by=Actor(email="ops@linli.test"))
        assert early.value.status == 409
        assert table_rows(url, schema) == own_before
        assert (media / schema).is_dir()
        assert not FirmDeletion.objects.filter(firm=firm).exists()

        deletion = offboarding_delete(
            offboarding=record,
            by=Actor(id=7, email="ops@linli.test"),
            now=record.grace_until + timedelta(seconds=1),
        )

        connection.set_schema_to_public()
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_namespace WHERE nspname = %s", [schema])
            assert cursor.fetchone()[0] == 0
        assert not (media / schema).exists()
        firm = Firm.all_objects.get(slug=SLUG)
        assert firm.status == FirmStatus.DELETED
        assert not Firm.objects.filter(slug=SLUG).exists()  # django-tenants never lists it
        assert not Domain.objects.filter(tenant=firm).exists()
        saved = FirmDeletion.objects.get(firm=firm)
        assert saved.pk == deletion.pk
        assert saved.deleted_by_email == "ops@linli.test"
        assert saved.schema_name == schema
        assert saved.tables == len(own_before)
        assert saved.files == 1
        assert saved.archives["firm"]["sha256"] == record.firm_archive["sha256"]
        assert [h["sha256"] for h in saved.archives["handovers"]] == [
            h["sha256"] for h in record.handovers
        ]
        # the archives stay with the platform
        for facts in (record.firm_archive, *record.handovers):
            assert _public_path(media, facts["name"]).is_file()
        kept = console.get(
            f"/api/v1/platform/firms/{firm.pk}/offboarding/handovers/{off.estates['O1']}/"
        )
        connection.set_schema_to_public()
        assert kept.status_code == 200
        handover_o1 = next(h for h in record.handovers if h["estate_code"] == "O1")
        body = b"".join(kept.streaming_content)
        assert hashlib.sha256(body).hexdigest() == handover_o1["sha256"]

        shown = console.get(f"/api/v1/platform/firms/{firm.pk}/offboarding/")
        connection.set_schema_to_public()
        assert shown.status_code == 200
        assert shown.json()["deletion"]["id"] == deletion.pk
        assert shown.json()["deletion"]["files"] == 1

        # a second deletion is refused
        with pytest.raises(DomainError) as twice:
            offboarding_delete(
                offboarding=record, by=Actor(), now=record.grace_until + timedelta(days=1)
            )
        assert twice.value.status == 409

        # the deletion record is never edited nor deleted, even in raw SQL
        with psycopg.connect(url, autocommit=True) as conn:
            for statement in (
                "UPDATE tenants_firmdeletion SET deleted_by_email = 'x' WHERE id = %s",
                "DELETE FROM tenants_firmdeletion WHERE id = %s",
            ):
                with pytest.raises(psycopg.errors.RaiseException):
                    conn.execute(statement, [deletion.pk])
        assert FirmDeletion.objects.get(pk=deletion.pk).deleted_by_email == "ops@linli.test"

        # other firms: every row and firm B's file unchanged
        assert table_rows(url, cast.b.schema) == b_before
        assert table_rows(url, cast.a.schema) == a_before
        with schema_context(cast.b.schema):
            assert default_storage.exists(B_FILE)
        connection.set_schema_to_public()
        assert Firm.objects.get(slug=cast.b.slug).status == FirmStatus.ACTIVE


def test_the_commands_name_an_unknown_firm(db, cast) -> None:
    with pytest.raises(CommandError, match="no-such-firm"):
        call_command("firm_offboard", "no-such-firm", "--reason", "x")
    with pytest.raises(CommandError, match="no-such-firm"):
        call_command("firm_offboard_delete", "no-such-firm")
    # a firm not offboarding has nothing to delete
    with pytest.raises(CommandError, match="firm-b"):
        call_command("firm_offboard_delete", cast.b.slug)
