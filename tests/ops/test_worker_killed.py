"""A Celery worker process SIGKILLed in the middle of a deadlines sweep (issue #14 §6): the task
is delivered again and finishes the sweep, and nothing is doubled.

On private instances (tests/ops/faults.py): a PostgreSQL and a Valkey the test starts (a copy of
the suite's test database; never the machine's services), a firm of its own there, a prefork
worker (one child) on them, on a queue of its own. The kill is placed by a lock,
not by timing: the test inserts, without committing, the crossing marker of one request's clock,
so the worker's sweep blocks on that row's unique key inside the transaction that escalates the
request; the test waits until PostgreSQL shows the worker waiting on the lock, SIGKILLs the
child that runs the task, then rolls its insert back. The killed child's PostgreSQL backend does
not know its client is gone while it waits on a lock: it takes the row, finds nobody to answer
and ends, rolling back. The test holds the worker's parent (SIGSTOP) until that backend is gone,
so the redelivered sweep does not meet its row lock (it would pass over that request with SKIP
LOCKED and leave it to the next minute's sweep; tests/deadlines/test_sweep_locks.py shows that
case). `acks_late` with `task_reject_on_worker_lost` makes the parent put the message back; the
next child runs the sweep again. The killed transaction left nothing of that request; afterwards
every due clock level has one crossing, one escalation, and the same notifications as every
other.

A worker whose parent process dies too (the whole container) leaves the message unacknowledged
in Redis until the transport's visibility timeout (kombu's default, one hour) makes another
worker take it: that case is not run here.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context

from tests.helpers import ROOT, FirmCast, make_firm, make_portfolio, worker_database_url
from tests.ops.faults import PrivatePostgres, PrivateValkey, django_on, private_folder
from tests.ops.test_outbox import broker_at

QUEUE = f"linli-test-killed-{os.getpid()}"


@pytest.fixture
def db(django_db_blocker) -> Iterator[None]:
    """Database access (no transaction around the test). Named `db` so pytest-django sets up
    the suite's test database: the source of the private copy."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def private(db) -> Iterator[tuple[PrivatePostgres, PrivateValkey]]:
    with private_folder("linli-fault-sweep-") as folder:
        pg = PrivatePostgres(folder / "pg")
        valkey = PrivateValkey(folder / "valkey")
        try:
            pg.init()
            pg.start()
            pg.clone(worker_database_url())
            valkey.start()
            # this thread's Django and Celery: the private servers, for the whole test
            with django_on(pg.url()), broker_at(valkey.url(1)):
                yield pg, valkey
        finally:
            with contextlib.suppress(Exception):
                valkey.stop()
            pg.destroy()


@pytest.fixture
def firm(private, cast) -> FirmCast:
    made = make_firm("firm-kill", [("admin", "firm_admin"), ("manager", "manager"),
                                   ("staff", "staff"), ("resident", "resident")])  # fmt: skip
    make_portfolio(made, ["K1"])
    return made


@pytest.fixture
def worker(private, tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    pg, valkey = private
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": pg.url(),
        "CACHE_URL": valkey.url(0),
        "CELERY_BROKER_URL": valkey.url(1),
        "CELERY_RESULT_BACKEND": valkey.url(2),
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'platform'}",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LINLI_CELERY_QUEUE": QUEUE,
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config.celery", "worker", "-Q", QUEUE,
             "--pool=prefork", "--concurrency=1", "--loglevel=INFO", "--without-gossip",
             "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    process.log = log  # type: ignore[attr-defined]
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _raw() -> psycopg.Connection[Any]:
    cfg = connection.settings_dict
    return psycopg.connect(
        dbname=cfg["NAME"],
        host=cfg.get("HOST") or "127.0.0.1",
        port=cfg.get("PORT") or 5432,
        user=cfg.get("USER") or "postgres",
        password=cfg.get("PASSWORD") or None,
    )


def _alive(backend_pid: int) -> bool:
    with _raw() as watcher, watcher.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [backend_pid])
        return cursor.fetchone() is not None


def _children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(line) for line in out.split()]


def _wait(what: str, check: Any, worker: Any, timeout: float = 120) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        assert worker.poll() is None, worker.log.read_text()[-3000:]
        assert time.monotonic() < deadline, f"{what}:\n" + worker.log.read_text()[-3000:]
        time.sleep(0.1)


def test_a_worker_killed_mid_sweep_is_redone_with_nothing_doubled(firm, worker) -> None:
    from complaints.models import Escalation, ServiceRequest, SlaClock
    from complaints.services import request_submit
    from deadlines.policies import crossed
    from deadlines.registry import kinds
    from deadlines.tasks import sweep_firm
    from estates.models import Estate, Unit
    from notifications.models import Notification

    schema = firm.schema
    submitted = timezone.now() - timedelta(hours=30)
    with schema_context(schema):
        estate = Estate.objects.get(pk=firm.estates["K1"])
        unit = Unit.objects.get(pk=firm.units["K1-1-101"])
        for n in range(6):
            request_submit(
                estate=estate, kind="repair", category="repair", description=f"漏水 {n}",
                channel="app", unit=unit, requester=firm.resident.user, now=submitted,
            )  # fmt: skip
        running = SlaClock.objects.filter(stopped_at__isnull=True, paused_at__isnull=True)
        requests = list(ServiceRequest.objects.order_by("id").values_list("id", flat=True))
        blocked = requests[len(requests) // 2]
        now = timezone.now()
        clock, level = next(
            (c, levels[0])  # red first: the first crossing the sweep writes for this clock
            for c in running.filter(request_id=blocked)
            if (levels := crossed(yellow_at=c.yellow_at, due_at=c.due_at, now=now))
        )
        kind = next(k for k in kinds() if k.model is SlaClock)
        clock_name = str(getattr(clock, kind.clock_field))
    connection.set_schema_to_public()

    holder = _raw()
    try:
        with holder.cursor() as cursor:  # not committed: the worker's insert waits on it
            cursor.execute(
                f'INSERT INTO "{schema}".deadlines_crossing (kind, subject_id, clock, level, at)'
                " VALUES (%s, %s, %s, %s, now())",
                [kind.name, blocked, clock_name, level],
            )
        sent_at = timezone.now()
        with schema_context(schema):
            result = sweep_firm.apply_async(queue=QUEUE)
        connection.set_schema_to_public()

        def waiting_pid() -> int | None:
            with _raw() as watcher, watcher.cursor() as cursor:
                cursor.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = %s AND wait_event_type ="
                    " 'Lock' AND query ILIKE '%%deadlines_crossing%%'",
                    [connection.settings_dict["NAME"]],
                )
                row = cursor.fetchone()
            return int(row[0]) if row else None

        orphan = _wait("the worker never reached the locked crossing", waiting_pid, worker)
        with schema_context(schema):
            assert not Escalation.objects.filter(request_id=blocked).exists()
        children = _children(worker.pid)
        assert len(children) == 1, children
        os.kill(worker.pid, signal.SIGSTOP)  # the parent redelivers once we say so
        try:
            os.kill(children[0], signal.SIGKILL)
            holder.rollback()  # the killed child's backend takes the row, finds no client...
            _wait("the killed child's backend lived on", lambda: not _alive(orphan), worker)
        finally:  # ...and is gone, its transaction rolled back: now the redelivery
            os.kill(worker.pid, signal.SIGCONT)
        _wait(
            "the worker did not replace its killed child",
            lambda: (c := _children(worker.pid)) and c != children,
            worker,
        )
    finally:
        holder.rollback()
        holder.close()

    _wait(
        "the sweep was not run again",
        lambda: f"sweep_firm[{result.id}] succeeded" in worker.log.read_text(),
        worker,
    )
    finished_at = timezone.now()
    log = worker.log.read_text()
    assert "WorkerLostError" in log or "SIGKILL" in log, log[-3000:]

    with schema_context(schema):
        must, may = set(), set()
        for c in running.filter(request_id__in=requests):
            for lvl in crossed(yellow_at=c.yellow_at, due_at=c.due_at, now=sent_at):
                must.add((c.request_id, c.kind, lvl))
            for lvl in crossed(yellow_at=c.yellow_at, due_at=c.due_at, now=finished_at):
                may.add((c.request_id, c.kind, lvl))
        escalations = list(Escalation.objects.filter(request_id__in=requests))
        done = [(e.request_id, e.clock, e.level) for e in escalations]
        assert len(done) == len(set(done))  # nothing doubled
        assert must <= set(done) <= may  # every due level, the killed request's too
        assert any(r == blocked for r, _, _ in done)
        notified = {
            e.pk: Notification.objects.filter(dedupe_key=f"escalation:{e.pk}").count()
            for e in escalations
        }
        by_level: dict[str, set[int]] = {}
        for e in escalations:
            by_level.setdefault(e.level, set()).add(notified[e.pk])
        assert all(len(counts) == 1 and min(counts) > 0 for counts in by_level.values()), by_level
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST
