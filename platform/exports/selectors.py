"""Reads of the firm's export jobs. Only firm admins reach them (the API's `firm.export`); a
job id of another firm is simply not in this schema (404)."""

from __future__ import annotations

from typing import IO

from django.core.files.storage import default_storage
from django.db.models import QuerySet

from .choices import ExportStatus
from .exceptions import ExportNotFound, ExportNotReady
from .models import ExportJob


def export_list() -> QuerySet[ExportJob]:
    return ExportJob.objects.order_by("-created_at", "-id")


def export_get(*, pk: int) -> ExportJob:
    job = ExportJob.objects.filter(pk=pk).first()
    if job is None:
        raise ExportNotFound()
    return job


def export_archive(*, pk: int) -> tuple[ExportJob, IO[bytes]]:
    """The finished archive, opened from the firm's storage."""
    job = export_get(pk=pk)
    if job.status != ExportStatus.DONE or not job.archive:
        raise ExportNotReady()
    return job, default_storage.open(job.archive, "rb")
