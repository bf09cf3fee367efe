"""Asking for the firm's archive and writing it.

- `export_request(user=...)`: the ExportJob row and its outbox row in one transaction; a
  second request while one is queued or running is a 409 (`ExportRunning`, also when two
  requests race: the unique constraint on `active`).
- `export_run(job_id=...)` (the `exports.run` task): writes the archive into the firm's storage,
  counting datasets done as it goes; it runs while the job is queued (or running: a worker
  killed mid-run leaves it running, and the outbox's redelivery starts it again from scratch),
  never again once done or failed.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

from accounts.capabilities import ROLE_CAPABILITIES
from accounts.choices import Role
from accounts.models import User
from core import clock
from core.db import current_schema
from estates.selectors import PeopleMasking
from outbox.services import outbox_send

from .archive import ArchiveWriter, file_sha256
from .choices import ExportStatus
from .datasets import DATASETS, FILES, Dataset, by_name, records, render, rows_of
from .exceptions import ExportRunning
from .models import ExportJob

logger = logging.getLogger("linli.exports")

RUN_TASK = "exports.run"  # exports.tasks; by name, as tasks imports this module


def firm_masking() -> PeopleMasking:
    """What the firm's admin reads in the API (the archive is theirs)."""
    return PeopleMasking.for_capabilities(ROLE_CAPABILITIES[Role.FIRM_ADMIN])


def export_request(*, user: User | None) -> ExportJob:
    """Queue an archive of the whole firm. Raises ExportRunning (409) while one is running."""
    try:
        with transaction.atomic():
            if ExportJob.objects.select_for_update().filter(active=True).exists():
                raise ExportRunning()
            job = ExportJob.objects.create(
                requested_by=user,
                requested_by_name=(user.full_name or user.email) if user else "",
                created_at=clock.now(),
                datasets_total=len(DATASETS) + 1,  # + the files
            )
            outbox_send(task=RUN_TASK, args=[job.pk])
    except IntegrityError as exc:  # a concurrent request won
        raise ExportRunning() from exc
    return job


def write_datasets(
    writer: ArchiveWriter,
    datasets: tuple[Dataset, ...],
    *,
    masking: PeopleMasking,
    estate_id: int | None = None,
    firm: bool = True,
    prefix: str = "data/",
    after_each: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Each dataset as `<prefix><name>.csv` and `.json`; returns the row counts."""
    counts: dict[str, int] = {}
    for done, dataset in enumerate(datasets, start=1):
        rows = list(records(dataset, rows_of(dataset, estate_id=estate_id, firm=firm), masking))
        as_csv, as_json = render(dataset, rows)
        writer.add_bytes(f"{prefix}{dataset.name}.csv", as_csv, rows=len(rows))
        writer.add_bytes(f"{prefix}{dataset.name}.json", as_json, rows=len(rows))
        counts[dataset.name] = len(rows)
        if after_each is not None:
            after_each(done)
    return counts


def write_files(
    writer: ArchiveWriter,
    *,
    names: set[str] | None = None,
    estate_id: int | None = None,
    firm: bool = True,
) -> tuple[int, list[str]]:
    """The files of the listed datasets (`names`, default all), from the current schema's
    storage, as `files/<storage name>`. Returns how many, and the names that were missing."""
    written = 0
    missing: list[str] = []
    seen: set[str] = set()
    for dataset_name, field_name in FILES:
        if names is not None and dataset_name not in names:
            continue
        dataset = by_name(dataset_name)
        stored = rows_of(dataset, estate_id=estate_id, firm=firm).values_list(field_name, flat=True)
        for name in stored:
            if not name or name in seen:
                continue
            seen.add(name)
            try:
                with default_storage.open(name, "rb") as source:
                    writer.add_stream(f"files/{name}", source)
            except FileNotFoundError:
                missing.append(name)
                continue
            written += 1
    return written, missing


def archive_name(job: ExportJob) -> str:
    stamp = clock.local(job.created_at).strftime("%Y%m%d-%H%M")
    return f"exports/{job.pk}/linli-{current_schema()}-{stamp}.zip"


def export_run(
    *, job_id: int, on_progress: Callable[[ExportJob], None] | None = None
) -> str | None:
    """Write the job's archive. Returns its status, or None when there was nothing to run."""
    job = ExportJob.objects.filter(
        pk=job_id, status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING]
    ).first()
    if job is None:
        return None
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.RUNNING, started_at=clock.now(), datasets_done=0
    )

    def progress(done: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(datasets_done=done)
        if on_progress is not None:
            on_progress(ExportJob.objects.get(pk=job.pk))

    try:
        with tempfile.TemporaryDirectory(prefix="linli-export-") as tmp:
            path = Path(tmp) / "archive.zip"
            writer = ArchiveWriter(path)
            counts: dict[str, Any] = write_datasets(
                writer, DATASETS, masking=firm_masking(), after_each=progress
            )
            files, missing = write_files(writer)
            counts["files"] = files
            writer.close(
                kind="firm",
                firm=current_schema(),
                created_at=clock.now().isoformat(),
                counts=counts,
                missing_files=missing,
            )
            name = archive_name(job)
            if default_storage.exists(name):  # a run again after a killed one
                default_storage.delete(name)
            with path.open("rb") as f:
                saved = default_storage.save(name, File(f, name=path.name))
            size = path.stat().st_size
            digest = file_sha256(path)
    except Exception as exc:
        logger.exception("export %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportStatus.FAILED,
            active=None,
            finished_at=clock.now(),
            error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        return ExportStatus.FAILED
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.DONE,
        active=None,
        finished_at=clock.now(),
        datasets_done=job.datasets_total,
        archive=saved,
        size=size,
        sha256=digest,
        counts=counts,
    )
    return ExportStatus.DONE
