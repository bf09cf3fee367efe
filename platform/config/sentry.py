"""Sentry wiring: off unless SENTRY_DSN is set; every event is tagged with the firm's schema."""

from __future__ import annotations

from typing import Any


def current_schema_name() -> str:
    from django.db import connection

    tenant = getattr(connection, "tenant", None)
    return str(getattr(tenant, "schema_name", None) or getattr(connection, "schema_name", "public"))


def tag_event_with_firm(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    """before_send hook: put the firm's schema on the event so support can filter by firm."""
    event.setdefault("tags", {})
    tags = event["tags"]
    schema = current_schema_name()
    if isinstance(tags, dict):
        tags["firm"] = schema
    else:  # sentry also accepts a list of pairs
        tags.append(["firm", schema])
    return event


def init_sentry(dsn: str, *, environment: str = "development", **extra: Any) -> bool:
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        before_send=tag_event_with_firm,  # type: ignore[arg-type]
        send_default_pii=False,
        **extra,
    )
    return True
