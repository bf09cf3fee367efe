"""Health-check task: answers with the schema it ran in (used by `manage.py check_worker`)."""

from __future__ import annotations

from celery import shared_task

from core.db import current_schema


@shared_task(name="core.ping")
def ping() -> str:
    return current_schema()
