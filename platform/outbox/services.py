"""Writing to the outbox and delivering from it.

- `outbox_send(task=..., args=..., kwargs=...)`: inside the caller's transaction, in the
  caller's schema. After commit it is handed on at once (published to Celery, or run in this
  process for `inline=True`); if that fails (broker or SMTP down), the row waits for the drain.
- `drain()` (beat, `outbox.drain`): for each schema with due rows, take them with
  `FOR UPDATE SKIP LOCKED`, lease them (`next_attempt_at` moves on by LEASE, so a second
  drainer does not take them again), commit, then publish `outbox.deliver(id)` from that schema.
- `deliver(message_id=...)` (the `outbox.deliver` task, in the row's schema): claim the row
  (skip it if it is done, dead, or claimed by a run in progress), run the task's body, mark
  it done; on an error, back off exponentially and give up after MAX_ATTEMPTS (`dead_at`).

Exactly once per row: publishing twice is harmless (the claim makes the second run a no-op).
A worker killed between running the work and marking it done leaves its claim: the message
Celery redelivers (acks_late, reject_on_worker_lost) takes the row over at once when it runs
on the same host and the claiming process is gone (`claimed_by`, "<host>:<pid>"); otherwise
(another host, a whole container gone) the claim expires and the drain hands the row on. Either
way the row runs again: the tasks sent through the outbox are idempotent for that reason (an
import job runs only while queued, a notification is e-mailed only while `emailed_at` is null).
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from celery import current_app
from celery.exceptions import NotRegistered
from django.conf import settings
from django.db import transaction
from django_tenants.utils import schema_context

from core import clock
from core.db import current_schema

from .models import OutboxMessage
from .selectors import schemas_with_due, schemas_with_table

logger = logging.getLogger("linli.outbox")

DELIVER = "outbox.deliver"  # outbox.tasks; by name, as tasks imports this module
LEASE = timedelta(seconds=60)  # a published row is not published again before this
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_CAP = timedelta(hours=1)
MAX_ATTEMPTS = 10
BATCH = 200
KEEP_DONE = timedelta(days=7)
ERROR_MAX = 2_000


def _claim_for() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "LINLI_OUTBOX_CLAIM_SECONDS", 900)))


def claimer() -> str:
    """This process, as a claim names it."""
    return f"{socket.gethostname()}:{os.getpid()}"


def claimer_gone(claimed_by: str) -> bool:
    """True only when the claim names a process of this host that no longer exists (a killed
    worker child): a claim from another host, or of a live process, stands until it expires."""
    host, _, pid = claimed_by.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return False


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, ... capped at one hour, after the `attempts`-th failure."""
    return min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_CAP)


def outbox_send(
    *,
    task: str,
    args: Sequence[Any] = (),
    kwargs: dict[str, Any] | None = None,
    inline: bool = False,
) -> OutboxMessage:
    """Record that `task` must run once this transaction commits (nothing if it rolls back).
    The arguments must be JSON: ids, not model instances."""
    now = clock.now()
    message = OutboxMessage.objects.create(
        task=task,
        args=list(args),
        kwargs=kwargs or {},
        inline=inline,
        created_at=now,
        # handed on right after commit; the drain only steps in if that did not happen
        next_attempt_at=now + LEASE,
    )
    schema = current_schema()
    pk = message.pk
    if inline:
        transaction.on_commit(lambda: _deliver_now(schema, pk))
    else:
        transaction.on_commit(lambda: _publish_now(schema, pk))
    return message


def _deliver_now(schema: str, pk: int) -> None:
    try:
        with schema_context(schema):
            deliver(message_id=pk)
    except Exception:  # the drain delivers it later; the change itself has committed
        logger.warning("outbox %s#%s: inline delivery failed", schema, pk, exc_info=True)


def _publish_now(schema: str, pk: int) -> None:
    if publish(schema=schema, message_ids=[pk]):
        return
    # Broker down: the drain takes it after the backoff of a first failure (30 s).
    try:
        with schema_context(schema):
            OutboxMessage.objects.filter(pk=pk, done_at__isnull=True).update(
                next_attempt_at=clock.now() + backoff(1)
            )
    except Exception:
        logger.warning("outbox %s#%s: could not reschedule", schema, pk, exc_info=True)


def publish(*, schema: str, message_ids: Iterable[int]) -> list[int]:
    """Send `outbox.deliver(id)` for each row, from `schema` (the task runs there). Stops at the
    first broker error and returns the ids that were sent; the rest wait for the drain."""
    task = _task(DELIVER)
    sent: list[int] = []
    with schema_context(schema):
        for pk in message_ids:
            try:
                task.apply_async(args=[pk], task_id=f"outbox:{schema}:{pk}", retry=False)
            except Exception:
                logger.warning("outbox %s#%s: broker unreachable, left for the drain", schema, pk)
                break
            sent.append(pk)
    return sent


def _task(name: str) -> Any:
    try:
        return current_app.tasks[name]
    except NotRegistered:  # outside a worker, the apps' tasks modules load on first use
        current_app.loader.import_default_modules()
        return current_app.tasks[name]


def _run(message: OutboxMessage, schema: str) -> None:
    """Run the task's body here, as Celery would (its signals fire, with the schema header the
    worker would have seen), and raise what it raises."""
    task = _task(message.task)
    task.apply(
        args=message.args,
        kwargs=message.kwargs,
        task_id=f"outbox:{schema}:{message.pk}:run",
        headers={"_schema_name": schema},
        throw=True,
    )


def deliver(*, message_id: int, now: datetime | None = None) -> str:
    """Run one row of the current schema once. Returns "done", "failed" (retried later),
    "dead" (given up) or "skipped" (done, dead, unknown, or being run by someone else)."""
    now = now or clock.now()
    schema = current_schema()
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, done_at__isnull=True, dead_at__isnull=True)
            .first()
        )
        if message is None:
            return "skipped"
        claimed = message.claimed_until is not None and message.claimed_until > now
        if claimed and not claimer_gone(message.claimed_by):
            return "skipped"  # being run (or a run whose end we cannot see: it expires)
        if claimed:
            logger.warning(
                "outbox %s#%s: its run (%s) is gone, run again", schema, message.pk,
                message.claimed_by,
            )  # fmt: skip
        message.attempts += 1
        message.claimed_until = now + _claim_for()
        message.claimed_by = claimer()
        message.next_attempt_at = message.claimed_until  # the drain leaves it alone meanwhile
        message.save(update_fields=["attempts", "claimed_until", "claimed_by", "next_attempt_at"])
    try:
        _run(message, schema)
    except Exception as exc:
        failed_at = clock.now()
        dead = message.attempts >= MAX_ATTEMPTS
        OutboxMessage.objects.filter(pk=message.pk).update(
            claimed_until=None,
            claimed_by="",
            next_attempt_at=failed_at + backoff(message.attempts),
            dead_at=failed_at if dead else None,
            last_error=f"{type(exc).__name__}: {exc}"[:ERROR_MAX],
        )
        log = logger.error if dead else logger.warning
        log(
            "outbox %s#%s (%s) failed, attempt %s%s",
            schema,
            message.pk,
            message.task,
            message.attempts,
            ": given up" if dead else "",
            exc_info=True,
        )
        return "dead" if dead else "failed"
    # The arguments may carry secrets (an invitation link): not kept once delivered.
    OutboxMessage.objects.filter(pk=message.pk).update(
        done_at=clock.now(), claimed_until=None, claimed_by="", args=[], kwargs={}, last_error=""
    )
    return "done"


def relay(
    *,
    now: datetime | None = None,
    limit: int = BATCH,
    on_locked: Callable[[list[int]], None] | None = None,
) -> list[int]:
    """Publish the due rows of the current schema (see the module docstring). `on_locked` is
    called with the ids while their locks are held (a test's barrier)."""
    now = now or clock.now()
    with transaction.atomic():
        due = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(done_at__isnull=True, dead_at__isnull=True, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        if not due:
            return []
        OutboxMessage.objects.filter(pk__in=due).update(next_attempt_at=now + LEASE)
        if on_locked is not None:
            on_locked(due)
    return publish(schema=current_schema(), message_ids=due)


def prune(*, now: datetime | None = None) -> int:
    """Delete the current schema's rows delivered more than KEEP_DONE ago."""
    now = now or clock.now()
    deleted, _ = OutboxMessage.objects.filter(done_at__lt=now - KEEP_DONE).delete()
    return deleted


def drain(
    *,
    now: datetime | None = None,
    limit: int = BATCH,
    on_locked: Callable[[list[int]], None] | None = None,
) -> dict[str, list[int]]:
    """Publish every due row of every schema, each from its own schema. Returns what was sent."""
    now = now or clock.now()
    sent: dict[str, list[int]] = {}
    for schema in schemas_with_due(now=now):
        with schema_context(schema):
            published = relay(now=now, limit=limit, on_locked=on_locked)
        if published:
            sent[schema] = published
    return sent


def prune_all(*, now: datetime | None = None) -> int:
    """Daily: delete delivered rows older than KEEP_DONE in every schema (dead rows stay for an
    operator to look at)."""
    total = 0
    for schema in schemas_with_table():
        with schema_context(schema):
            total += prune(now=now)
    return total


def revive_dead(*, task: str | None = None) -> int:
    """An operator's retry of the current schema's given-up rows (after fixing the cause): they
    are due now with a fresh count of attempts."""
    rows = OutboxMessage.objects.filter(dead_at__isnull=False, done_at__isnull=True)
    if task:
        rows = rows.filter(task=task)
    return rows.update(dead_at=None, attempts=0, claimed_until=None, next_attempt_at=clock.now())
