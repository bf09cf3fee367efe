"""A Celery worker process SIGKILLed in the middle of an Excel/CSV import (issue #14 §6), on a
private PostgreSQL and Valkey the test starts (tests/ops/faults.py), with gunicorn and a prefork
worker (one child) on them.

The firm admin uploads 2,001 units and commits through the API (larger than the inline limit:
the import is an outbox row, handed to the worker after commit). The kill is placed by a lock,
not by timing: the test holds the estate's import lock (the transaction-scoped advisory lock
`import_run` takes before it writes anything), so the worker's run blocks inside the
transaction that would write the units; once PostgreSQL shows the worker's backend waiting on
that lock, the test stops the worker's parent (SIGSTOP), SIGKILLs the child, releases its lock
and waits until the killed child's backend is gone (its transaction rolled back: no unit was
written), then lets the parent go on (SIGCONT). `acks_late` + `task_reject_on_worker_lost`:
the parent puts the message back and a new child takes it.

The killed run had claimed the outbox row (platform/outbox/services.py: `claimed_until`, 900 s,
and `claimed_by`, "<host>:<pid>" of the child). The redelivered message, run by the new child
on the same host, finds that the claiming process is gone and takes the row over at once: the
import runs, the job is done, every unit exists once, the row was attempted twice. (Before
`claimed_by`, the redelivery skipped the still-claimed row and the import waited 15 minutes
for the claim to expire and the next drain.)
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest
import requests
from django.conf import settings

from tests.helpers import Cast, worker_database_url
from tests.ops.faults import Process, Rig, django_on, private_rig
from tests.ops.test_fault_redis_outage import import_estate, next_outbox_id, units_csv

pytestmark = pytest.mark.django_db  # the suite's test database: the source of the private copy

UNITS = 2_001


@pytest.fixture(scope="module")
def on_private(cast: Cast, django_db_blocker) -> Iterator[Rig]:
    with private_rig(
        source_url=worker_database_url(), schema=cast.a.schema, host=cast.a.host,
        admin_email=cast.a.admin.email, estate_code="A1", residents=1,
        base_domain=settings.BASE_DOMAIN, queue="linli-fault-import", worker="prefork",
        unblock=django_db_blocker.unblock,
    ) as made:  # fmt: skip
        yield made


def _children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(line) for line in out.split()]


def _wait(what: str, check: Callable[[], Any], worker: Process, timeout: float = 120) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        assert worker.popen.poll() is None, worker.tail()
        assert time.monotonic() < deadline, f"{what}:\n{worker.tail()}"
        time.sleep(0.1)


def test_a_worker_killed_mid_import_leaves_nothing_and_the_import_runs_once(
    on_private: Rig, django_db_blocker
) -> None:
    r = on_private
    assert r.worker is not None
    worker = r.worker
    with django_db_blocker.unblock(), django_on(r.pg.url()):
        estate = import_estate(r)
        first_row = next_outbox_id(r.schema)
    admin = {"Host": r.host, "Authorization": f"Bearer {r.admin_token}"}
    upload = requests.post(f"{r.base}/api/v1/estates/{estate}/imports/", headers=admin,
                           files={"file": ("units.csv", units_csv(UNITS), "text/csv")},
                           timeout=120)  # fmt: skip
    assert upload.status_code == 201, upload.text
    job = upload.json()["id"]

    def sql(query: str, *params: Any) -> list[tuple[Any, ...]]:
        with psycopg.connect(r.pg.url(), autocommit=True) as conn:
            return conn.execute(query, params).fetchall()

    units = lambda: sql(  # noqa: E731
        f'SELECT count(*), count(DISTINCT number) FROM "{r.schema}".estates_unit'
        " WHERE estate_id = %s", estate,
    )[0]  # fmt: skip
    status = lambda: sql(  # noqa: E731
        f'SELECT status FROM "{r.schema}".estates_importjob WHERE id = %s', job
    )[0][0]  # fmt: skip

    holder = psycopg.connect(r.pg.url())  # holds the estate's import lock, in a transaction
    try:
        holder.execute("SELECT pg_advisory_xact_lock(hashtext(%s))",
                       [f"{r.schema}:estates.import:{estate}"])  # fmt: skip
        commit = requests.post(f"{r.base}/api/v1/imports/{job}/commit/", headers=admin, timeout=60)
        assert commit.status_code == 200 and commit.json()["status"] == "queued", commit.text

        def waiting() -> int | None:
            rows = sql(
                "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                " AND wait_event = 'advisory' AND pid <> %s",
                holder.info.backend_pid,
            )
            return int(rows[0][0]) if rows else None

        orphan = _wait("the worker never reached the import lock", waiting, worker)
        children = _children(worker.popen.pid)
        assert len(children) == 1, children
        killed_at = time.monotonic()
        os.kill(worker.popen.pid, signal.SIGSTOP)  # the parent redelivers once we say so
        try:
            os.kill(children[0], signal.SIGKILL)
            holder.rollback()  # the orphan backend takes the lock, finds no client, ends
            _wait("the killed child's backend lived on",
                  lambda: not sql("SELECT 1 FROM pg_stat_activity WHERE pid = %s", orphan),
                  worker)  # fmt: skip
            # while the parent is held: the killed run's transaction left nothing
            assert units() == (0, 0)
            assert status() == "running"  # committed before the run's own transaction
        finally:
            os.kill(worker.popen.pid, signal.SIGCONT)
    finally:
        holder.rollback()
        holder.close()

    _wait("the worker did not replace its killed child",
          lambda: (c := _children(worker.popen.pid)) and c != children, worker)  # fmt: skip
    log = worker.log.read_text()
    assert "WorkerLostError" in log or "SIGKILL" in log, log[-3000:]

    ((row,),) = sql(f'SELECT id FROM "{r.schema}".outbox_message WHERE id >= %s', first_row)
    outbox = lambda: sql(  # noqa: E731
        f'SELECT attempts, done_at, dead_at FROM "{r.schema}".outbox_message WHERE id = %s', row
    )[0]  # fmt: skip
    # the job's "done" commits with the units; the row is marked delivered right after
    _wait("the import did not finish", lambda: outbox()[1] or outbox()[2], worker, 240)
    recovered = time.monotonic() - killed_at
    attempts, done_at, dead_at = outbox()
    assert "its run" in worker.log.read_text()  # the redelivery took the dead run's claim over
    print(
        f"\nworker SIGKILLed mid-import: the redelivered message took the dead run's claim over;"
        f" import {status()} {recovered:.1f} s after the kill,"
        f" units {units()} (count, distinct) of {UNITS}; outbox row attempts {attempts}"
    )
    assert status() == "done"
    assert units() == (UNITS, UNITS)  # every row once
    assert attempts == 2 and done_at is not None and dead_at is None
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST
