"""PostgreSQL restarted under load (issue #14 §6), on a private PostgreSQL the test starts.

The private server (tests/ops/faults.py: initdb in a temporary folder, a free port) gets a copy
of the suite's test database (pg_dump | psql: the migrated schemas and the cast), sixteen
residents of estate A1 with API tokens, and gunicorn as the image runs it (2 workers x 4
threads, CONN_MAX_AGE 60: persistent connections), on a private Valkey too. Four client threads
post 80 repair requests, each with a marker in its description; a client that gets an error
(a 5xx or no answer) tries the same request again with a short backoff, as a user would.

The restart is placed by a barrier: the 24th accepted request's client stops PostgreSQL
(`pg_ctl stop -m fast`: sessions ended, open transactions rolled back) and starts it again,
while the other clients go on posting. Asserted: every request got its 201 in the end, each
201's request is in the database and each marker exactly once (nothing lost, nothing doubled);
every error a user saw was an attempt that overlapped the downtime (none after PostgreSQL was
back: the workers' persistent connections, dead after the restart, are checked before use,
CONN_HEALTH_CHECKS); the same gunicorn workers answer before and after (no restart of the app).
The figures are printed (`-s` shows them) and are in README "Operations".
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from django.conf import settings

from tests.helpers import Cast, worker_database_url
from tests.ops.faults import Load, Rig, django_on, figures, private_rig, stored, workers_of

# marks the module's tests so that pytest-django sets up the suite's test database (the source
# of the private copy); the test itself reads and writes only the private server
pytestmark = pytest.mark.django_db

JOBS = 80
RESTART_AT = 24


@pytest.fixture(scope="module")
def on_private(cast: Cast, django_db_blocker) -> Iterator[Rig]:
    with private_rig(
        source_url=worker_database_url(), schema=cast.a.schema, host=cast.a.host,
        admin_email=cast.a.admin.email, estate_code="A1", residents=16,
        base_domain=settings.BASE_DOMAIN, queue="linli-fault-pg", unblock=django_db_blocker.unblock,
    ) as made:  # fmt: skip
        yield made


def test_postgres_restarted_under_load_loses_and_doubles_nothing(
    on_private: Rig, django_db_blocker
) -> None:
    rig = on_private
    window: dict[str, float] = {}
    restarted = threading.Event()

    def restart(accepted: int) -> None:  # on the client thread that got the RESTART_AT-th 201
        if accepted != RESTART_AT:
            return
        window["stop"] = time.monotonic()
        rig.pg.stop("fast")
        window["down"] = time.monotonic()
        rig.pg.start()
        window["up"] = time.monotonic()
        restarted.set()

    before = workers_of(rig.web)
    load = Load(base=rig.base, host=rig.host, estate=rig.estate, residents=rig.residents,
                jobs=JOBS, clients=4, on_accepted=restart)  # fmt: skip
    load.run()
    assert restarted.is_set()
    assert workers_of(rig.web) == before, rig.web.tail()  # recovered without restarting the app

    with django_db_blocker.unblock(), django_on(rig.pg.url()):
        rows = stored(rig.schema)

    errors = load.errors
    after_up = [a for a in load.attempts if a.started >= window["up"]]
    print(f"\nPostgreSQL restarted under load (stop took {window['down'] - window['stop']:.2f} s):")
    print(figures(load, rows, fault_from=window["stop"], fault_to=window["up"]))

    assert not load.refused, load.refused
    assert len(load.accepted) == JOBS
    assert all(len(ids) == 1 for ids in rows.values()), {
        k: v for k, v in rows.items() if len(v) > 1
    }
    assert set(rows) == {load.description(job) for job in range(JOBS)}  # nothing lost
    assert {ids[0] for ids in rows.values()} == set(load.accepted.values())
    # every error overlapped the downtime: none once PostgreSQL was back
    late = [
        (a.status, a.started - window["up"], a.detail[:200])
        for a in errors
        if a.started >= window["up"]
    ]
    assert all(a.started < window["up"] and a.ended > window["stop"] for a in errors), late
    assert after_up and all(a.status == 201 for a in after_up)
