"""Thin Celery task: write one export job's archive (sent through the outbox)."""

from __future__ import annotations

from celery import shared_task

from .services import RUN_TASK, export_run


@shared_task(name=RUN_TASK, acks_late=True)
def run_export(job_id: int) -> str:
    return str(export_run(job_id=job_id) or "skipped")
