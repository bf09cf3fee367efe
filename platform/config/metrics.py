"""Prometheus metrics: `GET /metrics` in the text format, for the scraper only.

- Not public: answered only with `Authorization: Bearer <LINLI_METRICS_TOKEN>`; without the
  setting, or with a missing or wrong token, it is a 404 like any unknown path (nothing tells
  a prober it exists). Answered on any host before firm routing, like the probes (health.py).
- Requests: a count and a latency histogram per view, labelled by the URL route's name
  (`resolver_match.view_name`, e.g. `complaints-detail`), the method and the status. Never a
  raw path, an id or a firm: the label set is bounded by the URL confs. Requests no route
  matched are `<unmatched>`, the probes `<probe>`.
- At each scrape: Celery queue depth (Redis LLEN of each queue in LINLI_METRICS_QUEUES), the
  outbox backlog (pending and dead rows over all schemas, as totals) and the tasks finished per
  task name and state (SUCCESS, FAILURE, RETRY...): workers add to one Redis hash next to the
  queues (TASKS_KEY) when a task ends, since their processes are not scraped.
- Several gunicorn workers: set PROMETHEUS_MULTIPROC_DIR (an empty directory, before start) and
  every worker's counts are summed at each scrape (infra/gunicorn.conf.py removes the files of
  a worker that exits).
"""

from __future__ import annotations

import hmac
import logging
import os
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from core import clock

logger = logging.getLogger("linli.metrics")

METRICS_PATH = "/metrics"
PROBE_PATHS = frozenset({"/healthz", "/readyz", METRICS_PATH})

REGISTRY = CollectorRegistry()
REQUESTS = Counter(
    "linli_http_requests",
    "HTTP requests answered, by route name, method and status.",
    ["view", "method", "status"],
    registry=REGISTRY,
)
LATENCY = Histogram(
    "linli_http_request_duration_seconds",
    "Time to answer an HTTP request, by route name and method.",
    ["view", "method"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
    registry=REGISTRY,
)
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def view_label(request: HttpRequest) -> str:
    if request.path in PROBE_PATHS:
        return "<probe>"
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "<unmatched>"
    return match.view_name or match.route or "<unnamed>"


class RequestMetricsMiddleware:
    """Outermost middleware: counts and times every answer, including the firm middleware's own
    (unknown host, suspended firm) and the probes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        try:
            view = view_label(request)
            method = request.method if request.method in _METHODS else "other"
            LATENCY.labels(view, method).observe(time.perf_counter() - started)
            REQUESTS.labels(view, method, str(response.status_code)).inc()
        except Exception:  # metrics never break a request
            logger.warning("request metrics not recorded", exc_info=True)
        return response


class OperationsCollector(Collector):
    """Read at each scrape: the Celery queues' depth and the outbox backlog. A source that does
    not answer is reported by `linli_metrics_source_up{source=...} 0`, not by an error."""

    def collect(self) -> Iterator[GaugeMetricFamily | CounterMetricFamily]:
        up = GaugeMetricFamily(
            "linli_metrics_source_up", "Whether a source answered this scrape.", labels=["source"]
        )
        depth = GaugeMetricFamily(
            "linli_celery_queue_length", "Messages waiting in a Celery queue.", labels=["queue"]
        )
        try:
            for queue, length in queue_lengths().items():
                depth.add_metric([queue], length)
            up.add_metric(["broker"], 1)
        except Exception:
            logger.warning("queue depth not read", exc_info=True)
            up.add_metric(["broker"], 0)
        yield depth
        tasks = CounterMetricFamily(
            "linli_celery_tasks",
            "Celery tasks finished, by task name and state (counted by the workers).",
            labels=["task", "state"],
        )
        try:
            for (task, state), count in task_counts().items():
                tasks.add_metric([task, state], count)
        except Exception:
            logger.warning("task counts not read", exc_info=True)
        yield tasks
        outbox = GaugeMetricFamily(
            "linli_outbox_messages", "Outbox rows over all schemas, by state.", labels=["state"]
        )
        oldest = GaugeMetricFamily(
            "linli_outbox_oldest_pending_seconds",
            "Age of the oldest outbox row not delivered yet (0 when none).",
        )
        due = GaugeMetricFamily(
            "linli_deadlines_firms_due",
            "Active firms whose next due moment (clocks, timers) has passed: the sweep's queue.",
        )
        lag = GaugeMetricFamily(
            "linli_deadlines_sweep_lag_seconds",
            "How long the most overdue firm has waited for its deadlines sweep (0 when none).",
        )
        try:
            from outbox.selectors import backlog

            now = clock.now()
            totals = backlog()
            for state in ("pending", "dead"):
                outbox.add_metric([state], totals[state])
            first = totals["oldest_pending"]
            oldest.add_metric([], max((now - first).total_seconds(), 0) if first else 0)
            count, earliest = sweep_backlog(now)
            due.add_metric([], count)
            lag.add_metric([], max((now - earliest).total_seconds(), 0) if earliest else 0)
            up.add_metric(["database"], 1)
        except Exception:
            logger.warning("outbox backlog not read", exc_info=True)
            up.add_metric(["database"], 0)
        yield outbox
        yield oldest
        yield due
        yield lag
        yield up


TASKS_KEY = "linli:metrics:tasks"  # hash "<task>|<state>" -> count, in the broker's Redis


def _broker_redis() -> Any:
    import redis

    return redis.Redis.from_url(
        settings.CELERY_BROKER_URL, socket_timeout=2, socket_connect_timeout=2
    )


def sweep_backlog(now: datetime) -> tuple[int, datetime | None]:
    """Active firms due for the deadlines sweep (Firm.next_due_at <= now; the sweep raises it
    when done), and the earliest of those moments: read from the public table, never a name."""
    from django.db.models import Count, Min

    from tenants.choices import FirmStatus
    from tenants.models import Firm

    row = Firm.objects.filter(status=FirmStatus.ACTIVE, next_due_at__lte=now).aggregate(
        n=Count("pk"), first=Min("next_due_at")
    )
    return int(row["n"]), row["first"]


def queue_lengths() -> dict[str, int]:
    client = _broker_redis()
    try:
        return {queue: int(client.llen(queue)) for queue in settings.LINLI_METRICS_QUEUES}
    finally:
        client.close()


def task_counts() -> dict[tuple[str, str], int]:
    client = _broker_redis()
    try:
        raw = client.hgetall(TASKS_KEY)
    finally:
        client.close()
    counts: dict[tuple[str, str], int] = {}
    for field, value in raw.items():
        task, _, state = field.decode().rpartition("|")
        counts[(task, state)] = int(value)
    return counts


def _task_finished(task: Any = None, state: str | None = None, **_: Any) -> None:
    """task_postrun: one HINCRBY, also for a task the outbox runs inline (in a request or inside
    `outbox.deliver`). Task names are the registered ones (bounded); a Redis outage loses the
    count, never the task."""
    name = getattr(task, "name", None)
    if not name:
        return
    try:
        client = _broker_redis()
        try:
            client.hincrby(TASKS_KEY, f"{name}|{state or 'UNKNOWN'}", 1)
        finally:
            client.close()
    except Exception:
        logger.warning("task count not recorded", exc_info=True)


def connect_task_metrics() -> None:
    from celery import signals

    signals.task_postrun.connect(_task_finished, weak=False, dispatch_uid="linli_task_metrics")


def render() -> bytes:
    """The exposition: this process's request metrics (or every gunicorn worker's, summed, in
    multiprocess mode) and the operations gauges read now."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        requests = CollectorRegistry()
        multiprocess.MultiProcessCollector(requests)  # type: ignore[no-untyped-call]
    else:
        requests = REGISTRY
    operations = CollectorRegistry()
    operations.register(OperationsCollector())
    return generate_latest(requests) + generate_latest(operations)


def authorised(request: HttpRequest) -> bool:
    token = str(getattr(settings, "LINLI_METRICS_TOKEN", "") or "")
    header = request.headers.get("Authorization", "")
    if not token or not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header.removeprefix("Bearer ").encode(), token.encode())


def metrics(request: HttpRequest) -> HttpResponse:
    from core.db import use_public_schema

    if not authorised(request) or request.method not in ("GET", "HEAD"):
        return HttpResponse("Not Found", status=404, content_type="text/plain; charset=utf-8")
    use_public_schema()
    return HttpResponse(render(), content_type=CONTENT_TYPE_LATEST)
