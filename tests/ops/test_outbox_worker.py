"""The outbox against the real Celery worker: the broker down for this process during a change
(Celery's broker pointed at a closed port; the shared Redis and the worker keep running), and
two drainers at once. These tests commit (the worker sees only committed rows) and delete what
they wrote."""

from __future__ import annotations

import email
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from email.message import Message as EmailMessage
from pathlib import Path

import pytest
from django.db import connection, transaction
from django_tenants.utils import schema_context

from accounts.tasks import SEND_INVITATION
from config.celery import app as celery_app
from core import clock
from notifications.models import Notification
from notifications.services import DELIVER_EMAIL
from outbox import services
from outbox.models import OutboxMessage
from tests.helpers import Worker
from tests.ops.test_outbox import _note, broker_at, closed_broker


@pytest.fixture
def db(django_db_blocker) -> Iterator[None]:
    """Committed database access (no transaction around the test): the worker process must see
    the rows. Named `db` so pytest-django sets up the test database for the session."""
    with django_db_blocker.unblock():
        yield


# --- against the real worker, with the broker down for this process ---------------------------


def _mails(worker: Worker) -> list[EmailMessage]:
    """Every e-mail the worker wrote (the file backend: messages separated by a dashed line)."""
    found = []
    for path in Path(worker.mail_dir).glob("*"):
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                found.append(email.message_from_string(chunk.strip() + "\n"))
    return found


def _mails_to(worker: Worker, address: str) -> int:
    return sum(1 for m in _mails(worker) if m["To"] == address)


def _wait_done(schema: str, ids: list[int], worker: Worker, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    with schema_context(schema):
        while OutboxMessage.objects.filter(pk__in=ids, done_at__isnull=True).exists():
            assert time.monotonic() < deadline, worker.log.read_text()[-3000:]
            time.sleep(0.2)


def test_a_change_made_while_the_broker_is_down_is_delivered_once_when_it_is_back(
    db, cast, celery_worker
) -> None:
    address = "outbox-broker-down@example.com"
    with schema_context(cast.a.schema):
        ids: list[int] = []
        try:
            with broker_at(closed_broker()):
                with transaction.atomic():  # the change and its outbox row, committed together
                    note = _note(cast.a.manager.user, "broker-down-change")
                    message = services.outbox_send(
                        task=SEND_INVITATION,
                        kwargs={
                            "to": address,
                            "link": f"http://firm-a.localhost/note/{note.pk}",
                            "firm_name": "A",
                            "full_name": "Outbox",
                            "language": "en",
                        },
                    )
                    ids.append(message.pk)
                # after commit: publishing failed, the change stands and the row waits
                message.refresh_from_db()
                assert Notification.objects.filter(pk=note.pk).exists()
                assert message.done_at is None and message.attempts == 0
                assert message.next_attempt_at > clock.now() + timedelta(seconds=25)
                # the drain cannot publish either, and loses nothing
                later = message.next_attempt_at + timedelta(seconds=1)
                assert services.drain(now=later) == {}
                message.refresh_from_db()
                assert message.done_at is None

            time.sleep(1)  # the worker would have had time to run anything (nothing was sent)
            assert _mails_to(celery_worker, address) == 0
            much_later = later + services.LEASE + timedelta(seconds=1)
            assert services.drain(now=much_later) == {cast.a.schema: [message.pk]}
            assert services.drain(now=much_later) == {}  # leased: not published twice
            _wait_done(cast.a.schema, ids, celery_worker)

            # a duplicate publish (a drainer that died before its lease was saved) runs nothing
            duplicate = celery_app.tasks[services.DELIVER].apply_async(
                args=[message.pk], task_id=f"outbox-test-duplicate-{message.pk}"
            )
            assert duplicate.get(timeout=30) == "skipped"
            message.refresh_from_db()
            assert message.attempts == 1
            assert _mails_to(celery_worker, address) == 1
        finally:
            OutboxMessage.objects.filter(pk__in=ids).delete()
            Notification.objects.filter(dedupe_key__startswith="outbox-test:").delete()


def test_two_drainers_in_parallel_publish_each_row_once_each_from_its_own_firm(
    db, cast, celery_worker
) -> None:
    """Drainer 1 holds the locks on ten of firm A's rows while drainer 2 runs: drainer 2 skips
    them (SKIP LOCKED) and takes the rest. Every row is then delivered once, in its firm."""
    rows: dict[str, list[int]] = {}
    notes: dict[str, list[int]] = {}
    people = {cast.a.schema: cast.a.manager, cast.b.schema: cast.b.manager}
    try:
        past = clock.now() - timedelta(seconds=1)
        for schema, count in ((cast.a.schema, 20), (cast.b.schema, 6)):
            with schema_context(schema):
                user = people[schema].user
                made = [_note(user, f"par-{schema}-{i}") for i in range(count)]
                notes[schema] = [n.pk for n in made]
                rows[schema] = [
                    m.pk
                    for m in OutboxMessage.objects.bulk_create(
                        OutboxMessage(
                            task=DELIVER_EMAIL,
                            kwargs={"notification_ids": [n.pk]},
                            next_attempt_at=past,
                        )
                        for n in made
                    )
                ]

        locked = threading.Event()
        second_done = threading.Event()
        results: dict[str, dict[str, list[int]]] = {}

        def hold_first(ids: list[int]) -> None:
            if not locked.is_set():
                locked.set()
                assert second_done.wait(60)

        def first() -> None:
            try:
                results["first"] = services.drain(limit=10, on_locked=hold_first)
            finally:
                connection.close()

        def second() -> None:
            try:
                assert locked.wait(60)
                results["second"] = services.drain()
            finally:
                second_done.set()
                connection.close()

        threads = [threading.Thread(target=first), threading.Thread(target=second)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)

        a, b = cast.a.schema, cast.b.schema
        first_a, second_a = results["first"].get(a, []), results["second"].get(a, [])
        assert len(first_a) == 10 and len(second_a) == 10
        assert sorted(first_a + second_a) == sorted(rows[a])  # each once
        assert sorted(results["second"][b]) == sorted(rows[b])
        assert b not in results["first"]  # leased by the second: not published again

        for schema in (a, b):
            _wait_done(schema, rows[schema], celery_worker)
            with schema_context(schema):
                assert set(
                    OutboxMessage.objects.filter(pk__in=rows[schema]).values_list(
                        "attempts", flat=True
                    )
                ) == {1}
                assert not Notification.objects.filter(
                    pk__in=notes[schema], emailed_at__isnull=True
                ).exists()
        # one e-mail per notification, each to its own firm's person
        sent = [(m["Subject"], m["To"]) for m in _mails(celery_worker)]
        for schema in (a, b):
            for i in range(len(notes[schema])):
                subject = f"par-{schema}-{i}"
                assert [to for s, to in sent if s == subject] == [people[schema].email]
    finally:
        for schema in rows:
            with schema_context(schema):
                OutboxMessage.objects.filter(pk__in=rows[schema]).delete()
                Notification.objects.filter(pk__in=notes[schema]).delete()
