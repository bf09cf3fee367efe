"""One log line per request and per task (config.logs): JSON with the request id, the firm's
schema, the user, the route name, the status and the duration; readable in development
(LINLI_LOG_FORMAT=text); the request id travels from the request to the tasks it sends."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django_tenants.utils import schema_context

from config import logs
from core.logging import FirmContextFilter
from core.tasks import ping
from tests.helpers import ROOT, client_at, login, worker_database_url

pytestmark = pytest.mark.django_db


@contextmanager
def captured(logger: str, formatter: logging.Formatter) -> Iterator[io.StringIO]:
    """The handler production uses (same filters), writing to a buffer."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(FirmContextFilter())
    handler.addFilter(logs.RequestIdFilter())
    handler.setFormatter(formatter)
    log = logging.getLogger(logger)
    old_level = log.level
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        log.removeHandler(handler)
        log.setLevel(old_level)


def _lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_each_request_is_one_json_line_with_id_firm_user_view_status_and_duration(cast) -> None:
    manager = login(cast.a.manager)
    estate_id = cast.a.estates["A1"]
    with captured("linli.request", logs.JsonFormatter()) as stream:
        response = manager.get(f"/api/v1/estates/{estate_id}/")
        missing = manager.get("/api/v1/estates/999999/")
    assert response.status_code == 200 and missing.status_code == 404
    ok, not_found = _lines(stream)
    assert ok["request_id"] == response["X-Request-ID"] and len(response["X-Request-ID"]) == 32
    assert not_found["request_id"] == missing["X-Request-ID"] != ok["request_id"]
    assert {k: ok[k] for k in ("logger", "message", "firm", "view", "method", "status")} == {
        "logger": "linli.request",
        "message": "request",
        "firm": cast.a.schema,
        "view": "estate-detail",
        "method": "GET",
        "status": 200,
    }
    assert ok["user_id"] == cast.a.manager.user.pk
    assert isinstance(ok["duration_ms"], float) and ok["duration_ms"] >= 0
    assert not_found["status"] == 404
    # no path: it may hold ids or tokens (an invitation link)
    assert "/api/" not in stream.getvalue() and "999999" not in stream.getvalue()


def test_anonymous_and_unknown_host_requests_are_logged_without_a_user(cast) -> None:
    with captured("linli.request", logs.JsonFormatter()) as stream:
        assert client_at(cast.b.host).get("/api/v1/auth/me/").status_code == 401
        assert client_at("unknown.example.org").get("/api/v1/estates/").status_code == 404
    me, unknown = _lines(stream)
    assert (me["firm"], me["view"], me["status"], me["user_id"]) == (
        cast.b.schema,
        "auth-me",
        401,
        None,
    )
    assert (unknown["firm"], unknown["view"], unknown["status"]) == ("public", "<unmatched>", 404)


def test_a_sane_request_id_from_the_proxy_is_kept_and_a_bad_one_replaced(cast) -> None:
    client = client_at(cast.a.host)
    with captured("linli.request", logs.JsonFormatter()) as stream:
        kept = client.get("/healthz", HTTP_X_REQUEST_ID="lb-0123456789abcdef")
        replaced = client.get("/healthz", HTTP_X_REQUEST_ID='x"; DROP\n')
    assert kept["X-Request-ID"] == "lb-0123456789abcdef"
    assert replaced["X-Request-ID"] != 'x"; DROP\n' and len(replaced["X-Request-ID"]) == 32
    assert [line["request_id"] for line in _lines(stream)] == [
        "lb-0123456789abcdef",
        replaced["X-Request-ID"],
    ]


def test_the_readable_form_says_the_same_on_one_line(cast) -> None:
    manager = login(cast.a.manager)
    with captured("linli.request", logs.ReadableFormatter()) as stream:
        response = manager.get("/api/v1/auth/me/")
    (line,) = stream.getvalue().splitlines()
    assert f"[firm={cast.a.schema} req={response['X-Request-ID']}] linli.request: request" in line
    assert "view=auth-me method=GET status=200" in line
    assert f"user_id={cast.a.manager.user.pk}" in line


def test_each_task_is_one_line_with_its_firm_state_and_duration(cast) -> None:
    with captured("linli.task", logs.JsonFormatter()) as stream, schema_context(cast.a.schema):
        assert ping.apply(headers={"_schema_name": cast.a.schema}).get() == cast.a.schema
    (line,) = _lines(stream)
    assert {k: line[k] for k in ("logger", "task", "state", "firm")} == {
        "logger": "linli.task",
        "task": "core.ping",
        "state": "SUCCESS",
        "firm": cast.a.schema,
    }
    assert isinstance(line["duration_ms"], float)


def test_the_format_is_switched_by_an_environment_variable() -> None:
    code = "import logging; logging.getLogger('linli.test').warning('你好 %s', 'world')"

    def run(**env: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "config.settings.local",
                "DATABASE_URL": worker_database_url(),
                **env,
            },
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return next(ln for ln in result.stderr.splitlines() if "linli.test" in ln)

    line = json.loads(run(LINLI_LOG_FORMAT="json"))
    assert {k: line[k] for k in ("level", "logger", "message", "firm")} == {
        "level": "WARNING",
        "logger": "linli.test",
        "message": "你好 world",
        "firm": "public",
    }
    assert run().endswith("WARNING [firm=public req=-] linli.test: 你好 world")  # development


def test_a_task_sent_by_a_request_logs_that_requests_id_in_the_worker(cast, celery_worker) -> None:
    """The id goes in the task's headers; the worker's line for the task carries it."""
    token = logs._request_id.set("req-from-test-0001")
    try:
        with schema_context(cast.b.schema):
            assert ping.delay().get(timeout=30) == cast.b.schema
    finally:
        logs._request_id.reset(token)
    deadline = time.monotonic() + 10
    while True:
        lines = [
            ln
            for ln in celery_worker.log.read_text().splitlines()
            if "linli.task: task" in ln and "req=req-from-test-0001" in ln
        ]
        if lines or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert len(lines) == 1, celery_worker.log.read_text()[-3000:]
    assert f"[firm={cast.b.schema} req=req-from-test-0001]" in lines[0]
    assert "task=core.ping" in lines[0] and "state=SUCCESS" in lines[0]


def test_library_extras_such_as_a_tasks_arguments_are_not_written() -> None:
    """Celery logs each task with its arguments in `extra` (an invitation link); Django's
    request warnings carry the request and its path."""
    secret = "http://firm-a.localhost/invite/SECRET-TOKEN"
    for formatter in (logs.JsonFormatter(), logs.ReadableFormatter()):
        with captured("celery.app.trace", formatter) as stream:
            logging.getLogger("celery.app.trace").info(
                "Task %s succeeded", "x", extra={"data": {"kwargs": {"link": secret}}}
            )
        with captured("django.request", formatter) as warnings:
            logging.getLogger("django.request").warning(
                "Unauthorized", extra={"status_code": 401, "request": f"GET {secret}"}
            )
        assert "SECRET-TOKEN" not in stream.getvalue() + warnings.getvalue()
        assert "Task x succeeded" in stream.getvalue() and "401" in warnings.getvalue()
