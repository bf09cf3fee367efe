"""Thin Celery tasks: fetch, call a service."""

from __future__ import annotations

import logging

from celery import shared_task

from .importing import import_run
from .importing.services import RUN_IMPORT
from .models import ImportJob

logger = logging.getLogger(__name__)


@shared_task(name=RUN_IMPORT, acks_late=True)
def run_import(job_id: int) -> str:
    """Apply a queued import (sent by `import_commit` once its transaction has committed)."""
    try:
        return str(import_run(job_id=job_id).status)
    except ImportJob.DoesNotExist:  # deleted, or never committed: nothing to do
        logger.warning("import job %s not found", job_id)
        return "missing"
