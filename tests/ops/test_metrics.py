"""GET /metrics: Prometheus text for the scraper only (a bearer token, else 404), answered on any
host, with request counts and latencies per route name (never a path, an id or a firm), the
Celery queue depth read from Redis and the outbox backlog."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import redis
from django.conf import settings
from django.test import override_settings
from django_tenants.utils import schema_context

from config.celery import app as celery_app
from core import clock
from core.tasks import ping
from outbox.models import OutboxMessage
from tests.helpers import PUBLIC_HOST, client_at, free_port, login

pytestmark = pytest.mark.django_db

TOKEN = "metrics-test-token-0123456789"
AUTH = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}


def _scrape(host: str = PUBLIC_HOST) -> str:
    response = client_at(host).get("/metrics", **AUTH)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain; version=")
    return response.content.decode()


def _value(text: str, name: str, **labels: str) -> float:
    """The sample `name{labels}` (labels in any order, others allowed); 0 when absent."""
    total = 0.0
    for line in text.splitlines():
        if line.startswith(name + " "):
            found: dict[str, str] = {}
        elif line.startswith(name + "{"):
            found = dict(re.findall(r'(\w+)="([^"]*)"', line[: line.rindex("}")]))
        else:
            continue
        if all(found.get(k) == v for k, v in labels.items()):
            total += float(line.rsplit(" ", 1)[1])
    return total


@override_settings(LINLI_METRICS_TOKEN=TOKEN)
def test_without_the_token_metrics_is_a_404_like_any_unknown_path(cast) -> None:
    for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer wrong"}, {"HTTP_AUTHORIZATION": TOKEN}):
        for host in (PUBLIC_HOST, cast.a.host, "unknown.example.org"):
            response = client_at(host).get("/metrics", **headers)
            assert response.status_code == 404, (host, headers)
            assert b"linli_" not in response.content
    assert client_at(PUBLIC_HOST).post("/metrics", **AUTH).status_code == 404


def test_with_no_token_configured_metrics_is_off(cast) -> None:
    with override_settings(LINLI_METRICS_TOKEN=""):
        response = client_at(PUBLIC_HOST).get("/metrics", HTTP_AUTHORIZATION="Bearer ")
    assert response.status_code == 404


@override_settings(LINLI_METRICS_TOKEN=TOKEN)
def test_requests_are_counted_per_route_name_without_paths_ids_or_firms(cast) -> None:
    before = _scrape()
    manager = login(cast.a.manager)
    with schema_context(cast.a.schema):
        estate_id = cast.a.estates["A1"]
    for _ in range(3):
        assert manager.get(f"/api/v1/estates/{estate_id}/").status_code == 200
    assert manager.get("/api/v1/estates/999999/").status_code == 404
    assert client_at("unknown.example.org").get("/api/v1/estates/").status_code == 404
    assert client_at(cast.b.host).get("/healthz").status_code == 200

    text = _scrape(cast.a.host)  # any host
    detail = {"view": "estate-detail", "method": "GET"}
    assert _value(text, "linli_http_requests_total", **detail, status="200") - _value(
        before, "linli_http_requests_total", **detail, status="200"
    ) == pytest.approx(3)
    assert _value(text, "linli_http_requests_total", **detail, status="404") - _value(
        before, "linli_http_requests_total", **detail, status="404"
    ) == pytest.approx(1)
    assert _value(text, "linli_http_request_duration_seconds_count", **detail) - _value(
        before, "linli_http_request_duration_seconds_count", **detail
    ) == pytest.approx(4)
    assert _value(text, "linli_http_requests_total", view="<unmatched>", status="404") > 0
    assert _value(text, "linli_http_requests_total", view="<probe>", status="200") > 0
    # the label set is route names only: no path, no id, no firm
    views = set(re.findall(r'view="([^"]*)"', text))
    assert {"estate-detail", "auth-login", "<unmatched>", "<probe>"} <= views
    assert all(re.fullmatch(r"[a-z][a-z0-9_.:-]*|<[a-z]+>", v) for v in views), views
    # (ids are looked for in the labels: a sample's value may contain the digits by chance)
    labels = "\n".join(re.findall(r"\{[^}]*\}", text))
    assert "/api/" not in text and "999999" not in labels
    # a slug as a name of its own (route names such as platform-firm-activate hold "firm-a")
    for firm in (cast.a, cast.b):
        for name in (firm.slug, firm.schema):
            assert not re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text), name


@override_settings(LINLI_METRICS_TOKEN=TOKEN, LINLI_METRICS_QUEUES=["ops-metrics-test"])
def test_queue_depth_is_read_from_the_broker(cast) -> None:
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.delete("ops-metrics-test")
    try:
        client.rpush("ops-metrics-test", "a", "b", "c")
        text = _scrape()
        assert _value(text, "linli_celery_queue_length", queue="ops-metrics-test") == 3
        assert _value(text, "linli_metrics_source_up", source="broker") == 1
    finally:
        client.delete("ops-metrics-test")
        client.close()


@override_settings(LINLI_METRICS_TOKEN=TOKEN)
def test_a_broker_that_does_not_answer_is_reported_not_an_error(cast) -> None:
    with override_settings(CELERY_BROKER_URL=f"redis://127.0.0.1:{free_port()}/0"):
        text = _scrape()
    assert _value(text, "linli_metrics_source_up", source="broker") == 0
    assert _value(text, "linli_metrics_source_up", source="database") == 1
    assert "linli_celery_queue_length{" not in text


@override_settings(LINLI_METRICS_TOKEN=TOKEN)
def test_the_outbox_backlog_sums_every_firm(cast) -> None:
    before = _scrape()
    now = clock.now()
    for schema, count in ((cast.a.schema, 2), (cast.b.schema, 1)):
        with schema_context(schema):
            for _ in range(count):
                OutboxMessage.objects.create(task="core.ping", next_attempt_at=now)
    with schema_context(cast.b.schema):
        OutboxMessage.objects.create(task="core.ping", next_attempt_at=now, dead_at=now)
    text = _scrape()
    assert _value(text, "linli_outbox_oldest_pending_seconds") >= 0
    for state, added in (("pending", 3), ("dead", 1)):
        assert _value(text, "linli_outbox_messages", state=state) - _value(
            before, "linli_outbox_messages", state=state
        ) == pytest.approx(added)


@celery_app.task(name="tests.ops.always_fails")
def always_fails() -> None:
    raise RuntimeError("this task fails")


@override_settings(LINLI_METRICS_TOKEN=TOKEN)
def test_finished_tasks_are_counted_by_name_and_state(cast) -> None:
    from config.metrics import TASKS_KEY

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    before = _scrape()
    try:
        for _ in range(2):
            always_fails.apply()
        with schema_context(cast.a.schema):
            assert ping.apply(headers={"_schema_name": cast.a.schema}).get() == cast.a.schema
        text = _scrape()
        failures = {"task": "tests.ops.always_fails", "state": "FAILURE"}
        assert _value(text, "linli_celery_tasks_total", **failures) == 2
        assert _value(text, "linli_celery_tasks_total", task="core.ping", state="SUCCESS") - _value(
            before, "linli_celery_tasks_total", task="core.ping", state="SUCCESS"
        ) == pytest.approx(1)
    finally:
        client.hdel(TASKS_KEY, "tests.ops.always_fails|FAILURE")
        client.close()


@override_settings(LINLI_METRICS_TOKEN=TOKEN)
def test_an_old_pending_row_shows_as_the_outbox_age(cast) -> None:
    with schema_context(cast.b.schema):
        OutboxMessage.objects.create(
            task="core.ping",
            created_at=clock.now() - timedelta(hours=2),
            next_attempt_at=clock.now(),
        )
    assert _value(_scrape(), "linli_outbox_oldest_pending_seconds") >= 2 * 3600


@override_settings(LINLI_METRICS_TOKEN=TOKEN)
def test_the_deadlines_sweep_lag_is_the_most_overdue_firms_wait(cast) -> None:
    from tenants.models import Firm

    Firm.all_objects.update(next_due_at=None)
    text = _scrape()
    assert _value(text, "linli_deadlines_firms_due") == 0
    assert _value(text, "linli_deadlines_sweep_lag_seconds") == 0

    Firm.all_objects.filter(schema_name=cast.a.schema).update(
        next_due_at=clock.now() - timedelta(seconds=120)
    )
    Firm.all_objects.filter(schema_name=cast.b.schema).update(
        next_due_at=clock.now() + timedelta(hours=1)  # not due yet
    )
    text = _scrape()
    assert _value(text, "linli_deadlines_firms_due") == 1
    assert 120 <= _value(text, "linli_deadlines_sweep_lag_seconds") < 180
    assert cast.a.schema not in text
