"""PgBouncer (Debian's /usr/sbin/pgbouncer) between the app and the machine's PostgreSQL, in
session mode and in transaction mode (issue #14 §3).

Each test starts a private pgbouncer on a free port with a small pool (`default_pool_size`) and
runs firm A's and firm B's requests through it: the Django test client, each client on a thread
of its own whose database connection goes to pgbouncer instead of PostgreSQL (the cast is
committed, so those connections see it). The interleaving is fixed by events, not by timing:
firm A's request stops just before it reads the estates, firm B's request runs from start to
end, then A's goes on.

- Session mode: a client keeps its server connection until it disconnects, and pgbouncer runs
  `DISCARD ALL` before handing the connection to the next client, so the `search_path` a client
  set is its own. A's request sees A's estates; under load (clients of both firms coming and
  going over two server connections) every answer holds only its firm's estates.
- Transaction mode: the server connection goes back to the pool after every transaction, and
  Django runs in autocommit, so every statement may land on a server connection whose
  `search_path` another client set. django-tenants sets the path once per connection and firm
  (`SET search_path`, a separate statement before the first query); B's `SET` is still on the
  shared server connection when A's request goes on, and **A's request answers with firm B's
  estates**. The test asserts that leak: it is why Linli requires session mode
  (infra/README.md). `SET LOCAL` per transaction does not make it sound: outside an explicit
  transaction each statement is its own transaction, so the path would have to be sent with
  every autocommit statement and every transaction (requests, Celery tasks, management
  commands), which the app does not do.
"""

from __future__ import annotations

import copy
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from django.db import connection, connections

from tests.helpers import Cast, Person, free_port, login

pytestmark = pytest.mark.django_db  # the cast is committed; pgbouncer's clients see only that

PGBOUNCER = Path("/usr/sbin/pgbouncer")
T = TypeVar("T")


@dataclass
class Bouncer:
    port: int
    mode: str
    log: Path


def _start_pgbouncer(mode: str, pool_size: int) -> Iterator[Bouncer]:
    if not PGBOUNCER.exists():
        pytest.fail(
            "pgbouncer is missing: `python3 dev.py test` installs the Debian package "
            "(SYSTEM_PACKAGES), or run `apt-get install pgbouncer`",
            pytrace=False,
        )
    upstream = connection.settings_dict
    host = upstream.get("HOST") or "127.0.0.1"
    port = upstream.get("PORT") or 5432
    user = upstream.get("USER") or "postgres"
    folder = Path(tempfile.mkdtemp(prefix="linli-pgbouncer-"))
    folder.chmod(0o755)  # pgbouncer drops root for the postgres user and must read its files
    listen = free_port()
    (folder / "users.txt").write_text(f'"{user}" "{upstream.get("PASSWORD") or ""}"\n')
    (folder / "pgbouncer.ini").write_text(
        "\n".join(
            [
                "[databases]",
                f"* = host={host} port={port}",
                "[pgbouncer]",
                "listen_addr = 127.0.0.1",
                f"listen_port = {listen}",
                "unix_socket_dir =",
                "auth_type = trust",
                f"auth_file = {folder / 'users.txt'}",
                f"pool_mode = {mode}",
                f"default_pool_size = {pool_size}",
                "max_client_conn = 200",
                "server_reset_query = DISCARD ALL",
                "",
            ]
        )
    )
    for name in ("users.txt", "pgbouncer.ini"):
        (folder / name).chmod(0o644)
    log = folder / "pgbouncer.log"
    command = [str(PGBOUNCER), str(folder / "pgbouncer.ini")]
    if os.geteuid() == 0:
        command[1:1] = ["-u", "postgres"]  # pgbouncer refuses to run as root
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, log.read_text()
            try:
                socket.create_connection(("127.0.0.1", listen), timeout=0.5).close()
                break
            except OSError:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.05)
        yield Bouncer(port=listen, mode=mode, log=log)
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def session_bouncer(cast: Cast) -> Iterator[Bouncer]:
    yield from _start_pgbouncer("session", pool_size=2)


@pytest.fixture
def transaction_bouncer(cast: Cast) -> Iterator[Bouncer]:
    yield from _start_pgbouncer("transaction", pool_size=1)


def _disconnect() -> None:
    connection.close()  # this thread's connection (the proxy is resolved here, not by the caller)


class Client:
    """One web client on a thread of its own, whose database connection goes through
    pgbouncer (Django's connections are per thread)."""

    def __init__(self, bouncer: Bouncer, person: Person) -> None:
        self.person = person
        self.settings = copy.deepcopy(connection.settings_dict)
        self.settings.update(HOST="127.0.0.1", PORT=str(bouncer.port))
        self.wrapper_class = type(connections["default"])
        self.thread = ThreadPoolExecutor(max_workers=1)
        self.run(self._connect).result(timeout=60)
        self.api = self.run(login, person).result(timeout=60)
        self.run(_disconnect).result(timeout=30)  # give the server connection back

    def _connect(self) -> None:
        connections["default"] = self.wrapper_class(self.settings, "default")

    def run(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        return self.thread.submit(fn, *args)

    def estates(self) -> set[str]:
        return self.estates_later().result(timeout=60)

    def estates_later(
        self, pause_before_reading: Callable[[], None] | None = None
    ) -> Future[set[str]]:
        """The estate codes this client's firm admin is shown (GET /api/v1/estates/), on the
        client's thread; `pause_before_reading` runs just before the estates are read."""

        def get() -> set[str]:
            paused = False

            def hook(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
                nonlocal paused
                if pause_before_reading and not paused and '"estates_estate"' in sql:
                    paused = True
                    pause_before_reading()
                return execute(sql, params, many, context)

            with connection.execute_wrapper(hook):
                response = self.api.get("/api/v1/estates/")
            assert response.status_code == 200, response.content
            return {row["code"] for row in response.json()["results"]}

        return self.run(get)

    def close(self) -> None:
        self.run(_disconnect).result(timeout=30)
        self.thread.shutdown()


def _interleaved(bouncer: Bouncer, cast: Cast) -> tuple[set[str], set[str]]:
    """A's request stops before it reads the estates; B's request runs whole; A's goes on.
    Returns (what A was shown, what B was shown)."""
    a = Client(bouncer, cast.a.admin)
    b = Client(bouncer, cast.b.admin)
    try:
        assert a.estates() == set(cast.a.estates)  # both connected, each path set once
        assert b.estates() == set(cast.b.estates)
        a_paused, b_done = threading.Event(), threading.Event()

        def pause() -> None:
            a_paused.set()
            assert b_done.wait(timeout=60)

        seen_by_a = a.estates_later(pause)
        assert a_paused.wait(timeout=60), bouncer.log.read_text()
        seen_by_b = b.estates()
        b_done.set()
        return seen_by_a.result(timeout=60), seen_by_b
    finally:
        a.close()
        b.close()


def test_in_session_mode_a_request_sees_only_its_firm_while_another_firm_runs_between(
    session_bouncer: Bouncer, cast: Cast
) -> None:
    seen_by_a, seen_by_b = _interleaved(session_bouncer, cast)
    assert seen_by_a == set(cast.a.estates)
    assert seen_by_b == set(cast.b.estates)


def test_in_session_mode_under_load_every_answer_holds_only_its_firms_estates(
    session_bouncer: Bouncer, cast: Cast
) -> None:
    """Six clients (three per firm) over two server connections, each disconnecting after
    every request (CONN_MAX_AGE=0 in effect), so server connections pass from one firm's client
    to the other's all the time; all start together at a barrier."""
    clients = [Client(session_bouncer, p) for p in (cast.a.admin, cast.b.admin) * 3]
    expected = {cast.a.admin.email: set(cast.a.estates), cast.b.admin.email: set(cast.b.estates)}
    start = threading.Barrier(len(clients))
    rounds = 15

    def work(client: Client) -> list[set[str]]:
        start.wait(timeout=60)
        seen = []
        for _ in range(rounds):
            seen.append(_estates_here(client))
            connection.close()
        return seen

    try:
        futures = [client.run(work, client) for client in clients]
        results = [future.result(timeout=300) for future in futures]
    finally:
        for client in clients:
            client.close()
    for client, seen in zip(clients, results, strict=True):
        assert len(seen) == rounds
        assert all(codes == expected[client.person.email] for codes in seen), seen


def _estates_here(client: Client) -> set[str]:
    response = client.api.get("/api/v1/estates/")
    assert response.status_code == 200, response.content
    return {row["code"] for row in response.json()["results"]}


def test_in_transaction_mode_one_firms_search_path_reaches_another_firms_request(
    transaction_bouncer: Bouncer, cast: Cast
) -> None:
    """Why Linli requires session mode: firm A's request, on firm A's host with firm A's
    session, is answered with firm B's estates."""
    seen_by_a, seen_by_b = _interleaved(transaction_bouncer, cast)
    assert seen_by_b == set(cast.b.estates)
    assert seen_by_a == set(cast.b.estates)
    assert not seen_by_a & set(cast.a.estates)
