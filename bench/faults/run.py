#!/usr/bin/env python3
"""Redis stopped for 30 s under load (issue #14 §6), with beat draining the outbox for real.

    python3 dev.py bench faults [--outage 30] [--jobs 240] [--clients 4]

The in-suite fault tests (tests/ops/test_fault_*.py) place every fault with a barrier and run
the outbox's drain themselves; this script runs the long version on the same rig
(tests/ops/faults.py), end to end in real time:

- a private PostgreSQL (initdb in a temporary folder, a free port; migrated, one firm with its
  estate, 24 residents with API tokens, the firm admin's token) and a private Valkey, never
  the machine's services; gunicorn as the image runs it (2 workers x 4 threads), a Celery
  worker (solo) and beat (the outbox drain every 15 s, as configured);
- `--clients` threads post `--jobs` repair requests, each with its idempotency key, retried
  on an error as a user would;
- the client whose request is the 20th accepted stops Valkey (a barrier); while it is down the
  firm admin uploads and commits a 2,001-unit import (an outbox row: the worker runs it) and
  a login is tried; Valkey is started again `--outage` seconds later on the same port;
- then the script waits for the import to finish and the outbox to be empty.

Prints what users saw (sent, accepted, errors, retries), how long after Redis was back the
import's task ran, and the goals. Exits 1 if a goal is missed.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
for path in (str(ROOT), str(ROOT / "platform")):
    if path not in sys.path:
        sys.path.insert(0, path)

UNITS = 2_001
STOP_AT = 20


def log(message: str) -> None:
    print(message, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--outage", type=float, default=30, help="seconds Redis is down (30)")
    parser.add_argument("--jobs", type=int, default=240, help="requests to post (240)")
    parser.add_argument("--clients", type=int, default=4, help="client threads (4)")
    args = parser.parse_args()

    from tests.ops.faults import PrivatePostgres, PrivateValkey, private_folder

    with private_folder("linli-bench-faults-") as folder:
        pg = PrivatePostgres(folder / "pg")
        valkey = PrivateValkey(folder / "valkey")
        processes: list[Any] = []
        try:
            t0 = time.monotonic()
            pg.init()
            pg.start()
            pg.psql('CREATE DATABASE "linli"')
            valkey.start()
            for name, value in {
                "CACHE_URL": valkey.url(0),
                "CELERY_BROKER_URL": valkey.url(1),
                "CELERY_RESULT_BACKEND": valkey.url(2),
                "LINLI_MEDIA_ROOT": str(folder / "media"),
                "LINLI_CELERY_QUEUE": "linli-bench-faults",
            }.items():
                os.environ[name] = value
            from bench import common

            common.setup_django(pg.url(), settings_module="config.settings.test")
            log(f"private PostgreSQL on :{pg.port}, Valkey on :{valkey.port}; migrating ...")
            common.migrate_platform()
            return run(args, folder, pg, valkey, processes, t0)
        finally:
            from django.db import connections

            connections.close_all()
            for process in reversed(processes):
                process.stop()
            valkey.stop()
            pg.destroy()


def run(args: Any, folder: Path, pg: Any, valkey: Any, processes: list[Any], t0: float) -> int:
    import requests
    from django.conf import settings
    from django.db import connections

    from tests.helpers import PASSWORD, make_firm, make_portfolio
    from tests.ops.faults import (
        Load,
        Process,
        app_env,
        figures,
        make_residents,
        start_web,
        start_worker,
        stored,
        token_for,
    )
    from tests.ops.test_fault_redis_outage import import_estate, units_csv

    firm = make_firm("firm-a", [("admin", "firm_admin"), ("resident", "resident")])
    make_portfolio(firm, ["A1"])
    estate, residents = make_residents(schema=firm.schema, estate_code="A1", count=24)
    admin_token = token_for(schema=firm.schema, email=firm.admin.email)

    class _Rig:  # what import_estate needs
        schema = firm.schema

    import_to = import_estate(_Rig())  # type: ignore[arg-type]
    connections.close_all()
    for name in ("mail", "media"):
        (folder / name).mkdir(exist_ok=True)
    env = app_env(
        database_url=pg.url(),
        redis=valkey,
        mail_dir=folder / "mail",
        media_dir=folder / "media",
        queue="linli-bench-faults",
        base_domain=settings.BASE_DOMAIN,
    )
    web, base = start_web(env, folder / "web.log")
    processes.append(web)
    processes.append(start_worker(env, folder / "worker.log", "linli-bench-faults"))
    processes.append(
        Process(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config.celery",
                "beat",
                "--loglevel=INFO",
                "--schedule",
                str(folder / "beat-schedule"),
            ],
            env,
            folder / "beat.log",
        )
    )
    log(f"ready in {time.monotonic() - t0:.0f} s: gunicorn {base}, worker, beat")

    admin = {"Host": firm.host, "Authorization": f"Bearer {admin_token}"}
    window: dict[str, float] = {}
    seen: dict[str, Any] = {}

    def outage() -> None:
        window["stop"] = time.monotonic()
        valkey.stop()
        window["down"] = time.monotonic()
        login = requests.post(
            f"{base}/api/v1/auth/login/",
            headers={"Host": firm.host},
            json={"email": firm.admin.email, "password": PASSWORD},
            timeout=30,
        )
        seen["login"] = login.status_code
        upload = requests.post(
            f"{base}/api/v1/estates/{import_to}/imports/",
            headers=admin,
            files={"file": ("units.csv", units_csv(UNITS), "text/csv")},
            timeout=120,
        )
        seen["upload"] = upload.status_code
        seen["job"] = upload.json().get("id")
        commit = requests.post(
            f"{base}/api/v1/imports/{seen['job']}/commit/", headers=admin, timeout=60
        )
        seen["commit"] = (commit.status_code, commit.json().get("status"))
        rest = window["down"] + args.outage - time.monotonic()
        time.sleep(max(rest, 0))  # the fault's length is time by definition
        window["start"] = time.monotonic()
        valkey.start()
        window["up"] = time.monotonic()

    fault = threading.Thread(target=outage)

    def barrier(accepted: int) -> None:
        if accepted == STOP_AT:
            fault.start()

    load = Load(
        base=base,
        host=firm.host,
        estate=estate,
        residents=residents,
        jobs=args.jobs,
        clients=args.clients,
        on_accepted=barrier,
        key_prefix="bench",
    )
    log(
        f"{args.clients} clients post {args.jobs} requests; Redis down for {args.outage:.0f} s"
        f" from the {STOP_AT}th accepted ..."
    )
    load.run()
    fault.join()
    if load.attempts[-1].ended < window["up"]:
        log("note: the load ended before Redis was back (raise --jobs)")

    # the import, handed over by beat's drain once Redis is back
    job_done = None
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        state = requests.get(f"{base}/api/v1/imports/{seen['job']}/", headers=admin, timeout=30)
        if state.json()["status"] not in ("queued", "running"):
            job_done = time.monotonic()
            break
        time.sleep(0.5)
    from django_tenants.utils import schema_context

    from estates.models import ImportJob, Unit
    from outbox.models import OutboxMessage

    time.sleep(2)  # the row is marked delivered right after the job's commit
    rows = stored(firm.schema)
    with schema_context(firm.schema):
        status = ImportJob.objects.get(pk=seen["job"]).status
        units = Unit.objects.filter(estate_id=import_to).count()
        distinct = Unit.objects.filter(estate_id=import_to).values("number").distinct().count()
        imports = list(
            OutboxMessage.objects.filter(task="estates.run_import").values_list(
                "attempts", "done_at", "dead_at"
            )
        )
        pending = OutboxMessage.objects.filter(done_at__isnull=True).count()
    down = [a for a in load.attempts if window["down"] <= a.started and a.ended < window["start"]]

    log(
        f"\nRedis down {window['start'] - window['down']:.1f} s (stopping took"
        f" {window['down'] - window['stop']:.2f} s,"
        f" starting {window['up'] - window['start']:.2f} s)"
    )
    log(figures(load, rows, fault_from=window["stop"], fault_to=window["up"]))
    log(
        f"requests run whole while Redis was down: {len(down)},"
        f" accepted {sum(1 for a in down if a.status == 201)}; a login then: {seen['login']};"
        f" the import's upload {seen['upload']}, commit {seen['commit']}"
    )
    after = f"{job_done - window['up']:.1f} s after Redis was back" if job_done else "never"
    log(
        f"import: {status} {after}; {units} units ({distinct} distinct) of {UNITS};"
        f" outbox rows of the import (attempts, done, dead):"
        f" {[(a, bool(d), bool(x)) for a, d, x in imports]};"
        f" outbox rows pending now: {pending}"
    )

    lost = sum(1 for j in load.accepted if load.description(j) not in rows)
    doubled = sum(1 for v in rows.values() if len(v) > 1)
    ok_stored = lost == 0 and doubled == 0 and len(load.accepted) == args.jobs
    ok_errors = not load.errors and all(a.status == 201 for a in down) and len(down) > 0
    ok_import = (
        status == "done"
        and units == distinct == UNITS
        and len(imports) == 1
        and imports[0][0] == 1
        and imports[0][1] is not None
    )
    print(
        f"goal: every request accepted and stored once -> {'met' if ok_stored else 'MISSED'}"
        f" ({len(load.accepted)}/{args.jobs} accepted, lost {lost},"
        f" doubled {doubled})"
    )
    print(
        f"goal: 0 errors while Redis was down -> {'met' if ok_errors else 'MISSED'}"
        f" ({len(load.errors)} errors, {len(down)} requests during the outage)"
    )
    print(
        f"goal: the import committed during the outage runs once after it -> "
        f"{'met' if ok_import else 'MISSED'} ({status}, {after}, {units} units)"
    )
    return 0 if ok_stored and ok_errors and ok_import else 1


if __name__ == "__main__":
    sys.exit(main())
