"""The outbox (platform/outbox): work written with the change, delivered once, never lost to a
broker or SMTP outage, and a firm's rows only ever read and run in that firm's schema.

The first tests run inside the rolled-back test transaction and deliver in this process. The
ones marked `celery_worker` commit, point Celery's broker at a closed port (the shared Redis
keeps running), and let the real worker process deliver; they delete what they wrote."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django_tenants.utils import schema_context

from accounts.models import User
from config.celery import app as celery_app
from core import clock
from notifications.models import Notification
from notifications.services import DELIVER_EMAIL, notify
from outbox import selectors, services
from outbox.models import OutboxMessage
from tests.helpers import free_port

CLOSED_SMTP = {
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_PORT": 1,  # nothing listens there: connection refused
    "EMAIL_TIMEOUT": 2,
}


@contextmanager
def broker_at(url: str) -> Iterator[None]:
    """This process publishes to `url` (a closed port: the broker is down for it) while the
    shared Redis and the worker keep running."""
    old = celery_app.conf.broker_url

    def reset() -> None:
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    celery_app.conf.broker_url = url
    reset()
    try:
        yield
    finally:
        celery_app.conf.broker_url = old
        reset()


def closed_broker() -> str:
    return f"redis://127.0.0.1:{free_port()}/0"  # bound and released: nothing listens


def _note(user: User, title: str, *, pk: int | None = None) -> Notification:
    return Notification.objects.create(
        pk=pk, user=user, kind="request.status", title=title, dedupe_key=f"outbox-test:{title}"
    )


# --- in this process ---------------------------------------------------------------------------


def test_a_rolled_back_change_leaves_no_outbox_row(db, cast) -> None:
    with schema_context(cast.a.schema):
        before = OutboxMessage.objects.count()
        with pytest.raises(RuntimeError), transaction.atomic():
            notify(users=[cast.a.manager.user], kind="request.status", title="t", dedupe_key="rb")
            assert OutboxMessage.objects.count() == before + 1  # same transaction as the change
            raise RuntimeError("the change fails")
        assert OutboxMessage.objects.count() == before
        assert not Notification.objects.filter(dedupe_key="rb").exists()


def test_an_email_refused_by_smtp_is_retried_with_backoff_and_sent_once(
    db, cast, django_capture_on_commit_callbacks
) -> None:
    with schema_context(cast.a.schema):
        manager = cast.a.manager.user
        with override_settings(**CLOSED_SMTP), django_capture_on_commit_callbacks(execute=True):
            (note,) = notify(
                users=[manager], kind="request.status", title="SMTP 挂了", dedupe_key="s1"
            )
        message = OutboxMessage.objects.get(task=DELIVER_EMAIL, kwargs__notification_ids=[note.pk])
        assert (message.attempts, message.done_at, message.inline) == (1, None, True)
        assert message.last_error.startswith("ConnectionRefusedError")
        assert message.next_attempt_at > clock.now() + timedelta(seconds=25)  # backed off
        note.refresh_from_db()
        assert note.emailed_at is None and mail.outbox == []

        # not due yet: the drain leaves it; once due, it is delivered (here, in this process)
        assert message.pk not in selectors.due_ids(now=clock.now())
        later = message.next_attempt_at + timedelta(seconds=1)
        assert selectors.due_ids(now=later) == [message.pk]
        assert services.deliver(message_id=message.pk, now=later) == "done"
        assert services.deliver(message_id=message.pk, now=later) == "skipped"  # a duplicate
        assert [m.to for m in mail.outbox] == [[manager.email]]
        message.refresh_from_db()
        assert message.attempts == 2 and message.done_at is not None
        assert message.kwargs == {} and message.last_error == ""
        note.refresh_from_db()
        assert note.emailed_at is not None


def test_backoff_doubles_up_to_an_hour_and_a_row_is_given_up_after_ten_attempts(db, cast) -> None:
    assert [services.backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert services.backoff(20) == timedelta(hours=1)
    with schema_context(cast.a.schema), override_settings(**CLOSED_SMTP):
        note = _note(cast.a.manager.user, "gives-up")
        message = OutboxMessage.objects.create(
            task=DELIVER_EMAIL,
            kwargs={"notification_ids": [note.pk]},
            next_attempt_at=clock.now(),
        )
        now = clock.now()
        results = []
        for _ in range(services.MAX_ATTEMPTS):
            results.append(services.deliver(message_id=message.pk, now=now))
            message.refresh_from_db()
            now = message.next_attempt_at
        assert results == ["failed"] * (services.MAX_ATTEMPTS - 1) + ["dead"]
        assert message.dead_at is not None and message.attempts == services.MAX_ATTEMPTS
        assert services.deliver(message_id=message.pk, now=now + timedelta(days=1)) == "skipped"
        assert message.pk not in selectors.due_ids(now=now + timedelta(days=1))


def test_a_row_being_run_is_not_run_again_until_its_claim_expires(db, cast) -> None:
    """A worker killed mid-run leaves its claim; the row runs again only after it expires."""
    with schema_context(cast.a.schema):
        note = _note(cast.a.manager.user, "claimed")
        message = OutboxMessage.objects.create(
            task=DELIVER_EMAIL, kwargs={"notification_ids": [note.pk]}, next_attempt_at=clock.now()
        )
        now = clock.now()
        claimed = now + timedelta(seconds=900)
        OutboxMessage.objects.filter(pk=message.pk).update(claimed_until=claimed, attempts=1)
        assert services.deliver(message_id=message.pk, now=now) == "skipped"
        assert mail.outbox == []
        assert services.deliver(message_id=message.pk, now=claimed) == "done"
        assert len(mail.outbox) == 1


def test_a_claim_of_a_process_gone_on_this_host_is_taken_over_at_once(db, cast) -> None:
    """A worker child killed mid-run: the message Celery redelivers finds the claim of a process
    that no longer exists on this host and runs the row now. A live claimer's, or another
    host's, claim stands until it expires."""
    import socket
    import subprocess

    gone = subprocess.Popen(["true"])
    gone.wait()  # its pid is free now
    with schema_context(cast.a.schema):
        note = _note(cast.a.manager.user, "claim-taken-over")
        message = OutboxMessage.objects.create(
            task=DELIVER_EMAIL, kwargs={"notification_ids": [note.pk]}, next_attempt_at=clock.now()
        )
        now = clock.now()
        claimed = now + timedelta(seconds=900)
        host = socket.gethostname()
        for live in (f"{host}:1", f"other-host:{gone.pid}", f"{host}:not-a-pid"):
            OutboxMessage.objects.filter(pk=message.pk).update(
                claimed_until=claimed, claimed_by=live, attempts=1
            )
            assert services.deliver(message_id=message.pk, now=now) == "skipped"
        assert mail.outbox == []
        OutboxMessage.objects.filter(pk=message.pk).update(claimed_by=f"{host}:{gone.pid}")
        assert services.deliver(message_id=message.pk, now=now) == "done"
        assert len(mail.outbox) == 1
        message.refresh_from_db()
        assert message.attempts == 2 and message.claimed_by == "" and message.done_at


def test_a_row_is_delivered_only_in_its_own_firms_schema(db, cast) -> None:
    """Firm A's row names A's notification 990001; firm B has a notification with the same id.
    Delivered in A, A's person gets A's e-mail; B's row and notification are untouched."""
    with schema_context(cast.b.schema):
        note_b = _note(cast.b.manager.user, "firm-b-only", pk=990001)
        row_b = OutboxMessage.objects.create(
            task=DELIVER_EMAIL, kwargs={"notification_ids": [990001]}, next_attempt_at=clock.now()
        )
    with schema_context(cast.a.schema):
        _note(cast.a.manager.user, "firm-a-only", pk=990001)
        row_a = OutboxMessage.objects.create(
            pk=row_b.pk,  # the same row id in both schemas
            task=DELIVER_EMAIL,
            kwargs={"notification_ids": [990001]},
            next_attempt_at=clock.now(),
        )
        assert services.deliver(message_id=row_a.pk) == "done"
    assert [(m.subject, m.to) for m in mail.outbox] == [("firm-a-only", [cast.a.manager.email])]
    with schema_context(cast.b.schema):
        row_b.refresh_from_db()
        note_b.refresh_from_db()
        assert row_b.done_at is None and row_b.attempts == 0 and note_b.emailed_at is None


def test_the_operator_lists_given_up_rows_and_makes_them_due_again(db, cast) -> None:
    from io import StringIO

    from django.core.management import call_command

    now = clock.now()
    with schema_context(cast.a.schema):
        note = _note(cast.a.manager.user, "revived")
        dead = OutboxMessage.objects.create(
            task=DELIVER_EMAIL,
            kwargs={"notification_ids": [note.pk]},
            next_attempt_at=now,
            attempts=10,
            dead_at=now,
            last_error="SMTPServerDisconnected: gone",
        )
    with schema_context(cast.b.schema):
        other = OutboxMessage.objects.create(
            task="core.ping", next_attempt_at=now, attempts=10, dead_at=now
        )

    out = StringIO()
    call_command("outbox", stdout=out)
    line = f"{cast.a.schema}\t{DELIVER_EMAIL}\tdead 1\tSMTPServerDisconnected: gone"
    assert line in out.getvalue()
    with schema_context(cast.a.schema):
        assert selectors.due_ids(now=now + timedelta(days=1)) == []  # dead: not retried

    out = StringIO()
    call_command("outbox", "--retry-dead", "--schema", cast.a.schema, stdout=out)
    assert "1 rows due again" in out.getvalue()
    with schema_context(cast.a.schema):
        dead.refresh_from_db()
        assert (dead.dead_at, dead.attempts) == (None, 0)
        assert selectors.due_ids(now=clock.now()) == [dead.pk]
        assert services.deliver(message_id=dead.pk) == "done"
    assert [m.to for m in mail.outbox] == [[cast.a.manager.email]]
    with schema_context(cast.b.schema):
        other.refresh_from_db()
        assert other.dead_at is not None  # another firm's rows are left as they are
