"""Redis (the cache and the Celery broker) stopped during load (issue #14 §6), on a private
Valkey and PostgreSQL the test starts (tests/ops/faults.py), with gunicorn and a Celery worker
on them.

Four client threads post 60 repair requests. The outage is placed by barriers, not by time: the
client whose request is the 15th accepted stops Valkey, and the clients of the 16th to 44th
accepted wait until it has stopped before they go on; while it is down the firm admin uploads
and commits a 2,001-unit import (larger than the inline limit: it goes to the worker through
the outbox), and a login and `/readyz` are tried; the 45th accepted request's client starts
Valkey again on the same port once that is done. So of the 30 requests accepted between the
two, at most three (one in flight per other client) began before Redis stopped, and the
import's task could not be handed to the broker.

Asserted: every request got its 201 with Redis down as with Redis up (nothing in the request
path needs Redis), each in the database once; the import's commit answered 200 "queued" and
its outbox row waited; after Redis is back the drain (run once, as beat runs it when the row is
due: a failed publish waits `backoff(1)`, 30 s) hands it to the worker, which runs it once: the
job is done, every unit exists once, the outbox row was attempted once. A login during the
outage succeeds (the login throttle fails open while the cache is unreachable, see
api/throttles.py); `/readyz` answers 503 naming the cache and the broker (a load balancer that
routes on it would stop sending traffic during an outage the app rides through). The 30 s
outage under load is bench/faults/run.py (README "Operations").
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from django.conf import settings

from tests.helpers import PASSWORD, Cast, worker_database_url
from tests.ops.faults import ROOT, Load, Rig, django_on, figures, private_rig, stored, workers_of

# pytest-django sets up the suite's test database (the source of the private copy)
pytestmark = pytest.mark.django_db

JOBS = 60
STOP_AT, START_AT = 15, 45
UNITS = 2_001  # > estates.importing.services.INLINE_MAX_ROWS: run by the worker


@pytest.fixture(scope="module")
def on_private(cast: Cast, django_db_blocker) -> Iterator[Rig]:
    with private_rig(
        source_url=worker_database_url(), schema=cast.a.schema, host=cast.a.host,
        admin_email=cast.a.admin.email, estate_code="A1", residents=12,
        base_domain=settings.BASE_DOMAIN, queue="linli-fault-redis", worker="solo",
        unblock=django_db_blocker.unblock,
    ) as made:  # fmt: skip
        yield made


def units_csv(count: int) -> bytes:
    from estates.importing.columns import UNIT_COLUMNS

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.header for c in UNIT_COLUMNS])
    keys = [c.key for c in UNIT_COLUMNS]
    for i in range(count):
        row = {"building": "1", "unit": f"{i + 1:05d}", "floor": i // 20 + 1,
               "area": f"{60 + i % 90}.50", "use": "住宅", "owner_name": f"业主{i}",
               "owner_phone": f"13{i:09d}"}  # fmt: skip
        writer.writerow([row.get(k, "") for k in keys])
    return out.getvalue().encode("utf-8-sig")


def import_estate(rig: Rig) -> int:
    """A fresh estate with building 1 in the private database, for the import."""
    from django_tenants.utils import schema_context

    from estates import services as es

    with schema_context(rig.schema):
        estate = es.estate_create(by=None, name="断线花园", code="FXR", city="上海")
        es.building_create(estate=estate, name="1", floors=120)
        return int(estate.pk)


def next_outbox_id(schema: str) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f'SELECT coalesce(max(id), 0) + 1 FROM "{schema}".outbox_message')
        return int(cursor.fetchone()[0])


def drain_when_due(rig: Rig) -> str:
    """`outbox.drain` once, in a process of the rig (its broker is the private Valkey), at the
    moment a row whose publish failed becomes due (beat's next run after `backoff(1)`)."""
    code = (
        "import django; django.setup()\n"
        "from core import clock\n"
        "from outbox.services import LEASE, backoff, drain\n"
        "print(drain(now=clock.now() + backoff(1) + LEASE))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=rig.env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


def test_redis_stopped_under_load_accepts_everything_and_delivers_the_task_once(
    on_private: Rig, cast: Cast, django_db_blocker
) -> None:
    r = on_private
    with django_db_blocker.unblock(), django_on(r.pg.url()):
        estate = import_estate(r)
        first_row = next_outbox_id(r.schema)
    admin = {"Host": r.host, "Authorization": f"Bearer {r.admin_token}"}
    seen: dict[str, Any] = {}
    window: dict[str, float] = {}
    outage_done = threading.Event()
    redis_down = threading.Event()

    def while_down() -> None:
        # what a user sees with Redis down, besides the load's requests
        login = requests.post(f"{r.base}/api/v1/auth/login/", headers={"Host": r.host},
                              json={"email": cast.a.admin.email, "password": PASSWORD},
                              timeout=30)  # fmt: skip
        seen["login"] = login.status_code
        ready = requests.get(f"{r.base}/readyz", timeout=30)
        seen["readyz"] = (ready.status_code, ready.json())
        upload = requests.post(f"{r.base}/api/v1/estates/{estate}/imports/", headers=admin,
                               files={"file": ("units.csv", units_csv(UNITS), "text/csv")},
                               timeout=120)  # fmt: skip
        seen["preview"] = upload.status_code
        job = upload.json()["id"]
        commit = requests.post(f"{r.base}/api/v1/imports/{job}/commit/", headers=admin, timeout=60)
        seen["commit"] = (commit.status_code, commit.json().get("status"))
        seen["job"] = job

    def barrier(accepted: int) -> None:  # on the client thread of the n-th 201
        if accepted == STOP_AT:
            window["stop"] = time.monotonic()
            r.valkey.stop()
            window["down"] = time.monotonic()
            redis_down.set()
            try:
                while_down()
            finally:
                outage_done.set()
        elif STOP_AT < accepted < START_AT:
            # the other clients' next requests start with Redis down, however long stopping it
            # takes (on a slow machine they could otherwise all be accepted before it stopped)
            assert redis_down.wait(300)
        elif accepted == START_AT:
            assert outage_done.wait(300)
            window["start"] = time.monotonic()
            r.valkey.start()
            window["up"] = time.monotonic()

    before = workers_of(r.web)
    load = Load(base=r.base, host=r.host, estate=r.estate, residents=r.residents, jobs=JOBS,
                clients=4, on_accepted=barrier, key_prefix="redis")  # fmt: skip
    load.run()
    assert "up" in window, r.web.tail()
    # requests that ran from start to end while Redis was down
    during = [a for a in load.attempts if window["down"] <= a.started and a.ended < window["start"]]

    published = drain_when_due(r)
    job = seen["job"]
    deadline = time.monotonic() + 240
    while True:  # waiting for the outcome (the placement was the barriers above)
        state = requests.get(f"{r.base}/api/v1/imports/{job}/", headers=admin, timeout=30).json()
        if state["status"] not in ("queued", "running"):
            break
        assert r.worker is not None and r.worker.popen.poll() is None, r.worker.tail()
        assert time.monotonic() < deadline, r.worker.tail() if r.worker else ""
        time.sleep(0.5)

    with django_db_blocker.unblock(), django_on(r.pg.url()):
        rows = stored(r.schema)
        from django_tenants.utils import schema_context

        from estates.models import Unit
        from outbox.models import OutboxMessage

        with schema_context(r.schema):
            units = Unit.objects.filter(estate_id=estate).count()
            distinct = Unit.objects.filter(estate_id=estate).values("number").distinct().count()
            outbox = list(
                OutboxMessage.objects.filter(pk__gte=first_row).values_list(
                    "pk", "task", "attempts", "done_at", "dead_at"
                )
            )

    print(f"\nRedis stopped under load ({window['start'] - window['down']:.1f} s):")
    print(figures(load, rows, fault_from=window["stop"], fault_to=window["up"]))
    print(
        f"requests run whole while Redis was down: {len(during)},"
        f" accepted {sum(1 for a in during if a.status == 201)}; login {seen['login']},"
        f" /readyz {seen['readyz']},"
        f" import upload {seen['preview']}, commit {seen['commit']}; drain: {published};"
        f" import {state['status']}, {units} units ({UNITS} in the file),"
        f" outbox rows (id, task, attempts, done, dead): {outbox}"
    )

    assert not load.errors and not load.refused
    assert len(load.accepted) == JOBS and load.retries == 0
    assert len(during) >= 20 and all(a.status == 201 for a in during)
    assert all(len(ids) == 1 for ids in rows.values()) and len(rows) == JOBS
    assert {ids[0] for ids in rows.values()} == set(load.accepted.values())
    assert workers_of(r.web) == before
    assert seen["login"] == 200
    assert seen["readyz"] == (503, {"status": "unavailable", "checks": {
        "database": "ok", "cache": "error", "broker": "error", "migrations": "ok"}})  # fmt: skip
    assert seen["preview"] == 201 and seen["commit"] == (200, "queued")
    ((pk, task, attempts, done_at, dead_at),) = outbox  # the import's task, and nothing else
    assert task == "estates.run_import" and attempts == 1 and done_at and not dead_at
    assert published == f"{{'{r.schema}': [{pk}]}}"
    assert state["status"] == "done", state
    assert units == UNITS and distinct == UNITS
