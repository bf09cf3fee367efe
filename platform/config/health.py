"""Probes for the load balancer and the orchestrator, answered on ANY host before firm routing.

- `/healthz`: the process is alive. Touches nothing (no database, no cache), so a slow database
  never makes the orchestrator kill healthy web processes.
- `/readyz`: the database, the cache and the broker answer and the public schema has no
  unapplied migrations; 503 naming the failing check otherwise. It never names a firm, a host
  or an error message (those go to the log), so a probe from outside learns nothing else.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse

from core.db import use_public_schema

logger = logging.getLogger("linli.health")

# /metrics (config.metrics) is answered here too: on any host, before firm routing.
HEALTH_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
_migrated = False  # once the public schema is current, it stays so for this process's code


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    cache.set("readyz", "1", timeout=10)
    if cache.get("readyz") != "1":
        raise RuntimeError("cache did not keep a value")


def _broker() -> None:
    from kombu import Connection

    with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


def _migrations() -> None:
    global _migrated
    if _migrated:
        return
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise RuntimeError("unapplied migrations in the public schema")
    _migrated = True


CHECKS: dict[str, Callable[[], None]] = {
    "database": _database,
    "cache": _cache,
    "broker": _broker,
    "migrations": _migrations,
}


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def readyz(request: HttpRequest) -> JsonResponse:
    use_public_schema()
    results: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("readiness check %s failed", name)
            results[name] = "error"
        else:
            results[name] = "ok"
    ready = all(v == "ok" for v in results.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": results},
        status=200 if ready else 503,
    )


def answer(request: HttpRequest) -> HttpResponse:
    if request.path == "/metrics":
        from config.metrics import metrics

        return metrics(request)
    return healthz(request) if request.path == "/healthz" else readyz(request)
