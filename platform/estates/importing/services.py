"""The import's flow: preview (check everything, write nothing), commit (run now or queue),
run (all or nothing, in one transaction), progress, and the template and export downloads."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.db import current_schema
from outbox.services import outbox_send

from ..choices import ImportStatus
from ..models import Estate, ImportJob, Person
from ..selectors import PeopleMasking
from ..services import resident_grants_sync
from . import workbook
from .exceptions import ImportAlreadyCommitted, ImportFileInvalid, ImportHasErrors
from .planning import Existing, apply_plan, load_existing, plan_import
from .reading import open_source
from .validation import Checker, FileData

logger = logging.getLogger(__name__)

INLINE_MAX_ROWS = 2_000  # larger files run in the Celery task `estates.run_import`
MAX_STORED_ERRORS = 1_000  # the job keeps the first ones; summary["errors_total"] counts all
PROGRESS_EVERY = 500
PROGRESS_TTL = 24 * 60 * 60
READ_SHARE = 0.4  # share of the progress bar for re-reading the file; writing takes the rest

EMPTY = _("文件中没有数据行。")
FAILED = _("导入失败，已全部回滚，未写入任何数据。")
MISSING_FILE = _("找不到已上传的文件。")


class _RowErrors(Exception):
    def __init__(self, data: FileData) -> None:
        super().__init__("row errors")
        self.data = data


def import_template_xlsx() -> bytes:
    """The downloadable template: Buildings and Units sheets with one example row, and Help."""
    return workbook.template_xlsx()


def estate_export_xlsx(*, estate: Estate, masking: PeopleMasking) -> bytes:
    """The estate's buildings, units, owners and occupants in the template's layout (plus the
    estate's code), phones and ID numbers masked as the reader sees them in the app
    (`masking`): importing it back changes nothing (a masked cell keeps the stored value)."""
    return workbook.export_xlsx(estate=estate, masking=masking)


def _check(
    *, estate: Estate, filename: str, content: bytes, on_rows: Callable[[int], None] | None = None
) -> tuple[FileData, Existing]:
    existing = load_existing(estate=estate)
    checker = Checker(estate_code=estate.code, existing_buildings=set(existing.buildings))
    with open_source(filename=filename, content=content) as source:
        source.counter.on_rows = on_rows
        source.counter.every = PROGRESS_EVERY
        if source.buildings is not None:
            for raw in source.buildings.rows():
                checker.building_row(raw)
        for raw in source.units.rows():
            checker.unit_row(raw)
    data = checker.finish()
    if data.rows == 0:
        raise ImportFileInvalid(str(EMPTY))
    return data, existing


def _errors(data: FileData) -> list[dict[str, Any]]:
    return [e.as_dict() for e in data.errors[:MAX_STORED_ERRORS]]


def _stored_name(filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    return f"{uuid.uuid4().hex}{suffix if suffix in ('.xlsx', '.xlsm', '.csv', '.txt') else ''}"


def import_preview(
    *, estate: Estate, filename: str, content: bytes, user: User | None
) -> ImportJob:
    """Read and check the whole file and work out what the import would do, writing nothing to
    the portfolio. Stores the file and the findings on a new ImportJob ("previewed").
    Raises ImportFileInvalid when the file as a whole cannot be imported."""
    data, existing = _check(estate=estate, filename=filename, content=content)
    plan = plan_import(estate=estate, data=data, existing=existing)
    summary: dict[str, Any] = {**plan.summary, "errors_total": len(data.errors)}
    with transaction.atomic():
        job = ImportJob(
            estate=estate,
            filename=filename[:200],
            status=ImportStatus.PREVIEWED,
            total_rows=data.rows,
            errors=_errors(data),
            summary=summary,
            created_by=user,
        )
        # The firm's storage puts it under the firm's prefix (core.storage).
        job.file.save(_stored_name(filename), ContentFile(content), save=False)
        job.save()
    return job


def import_commit(*, job: ImportJob, user: User | None) -> ImportJob:
    """Apply a clean preview: now for small files, through the Celery task for larger ones
    (status "queued", sent once this transaction commits).
    Raises ImportAlreadyCommitted unless the job is "previewed", ImportHasErrors when the
    preview found errors."""
    with transaction.atomic():
        locked = ImportJob.objects.select_for_update().get(pk=job.pk)
        if locked.status != ImportStatus.PREVIEWED:
            raise ImportAlreadyCommitted()
        if locked.errors:
            raise ImportHasErrors()
        locked.status = ImportStatus.QUEUED
        locked.summary = {
            **locked.summary,
            "committed_by": user.pk if user is not None else None,
            "committed_at": timezone.now().isoformat(),
        }
        locked.save(update_fields=["status", "summary", "updated_at"])
        _publish(locked, 0)
        if locked.total_rows > INLINE_MAX_ROWS:
            outbox_send(task=RUN_IMPORT, args=[locked.pk])  # the worker runs it after commit
            return locked
    return import_run(job_id=locked.pk)


RUN_IMPORT = "estates.run_import"  # estates.tasks; by name, as estates.tasks imports this module


def import_run(*, job_id: int) -> ImportJob:
    """Re-read the stored file and apply it in ONE transaction: status "done" with the real
    counts, or "failed" with the errors and nothing written. A job that is not queued (or left
    "running" by a worker that died, whose transaction rolled back) is returned untouched."""
    with transaction.atomic():
        job = (
            ImportJob.objects.select_for_update(of=("self",))
            .select_related("estate")
            .get(pk=job_id)
        )
        if job.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):
            return job
        job.status = ImportStatus.RUNNING
        job.processed_rows = 0
        job.save(update_fields=["status", "processed_rows", "updated_at"])
    _publish(job, 0)
    try:
        with transaction.atomic():
            # Holding the row serialises a duplicate delivery of the task: it waits, then
            # finds the job done.
            locked = ImportJob.objects.select_for_update().get(pk=job_id)
            if locked.status != ImportStatus.RUNNING:
                return locked
            _lock_estate(job.estate)
            _apply(job)
    except _RowErrors as exc:
        _fail(job, _errors(exc.data), total=len(exc.data.errors))
    except ImportFileInvalid as exc:
        _fail(job, [{"sheet": "", "row": None, "field": "file", "message": exc.detail}])
    except Exception:
        logger.exception("import %s failed and was rolled back", job_id)
        _fail(job, [{"sheet": "", "row": None, "field": "", "message": str(FAILED)}])
    _publish(job, job.processed_rows)
    return job


def _apply(job: ImportJob) -> None:
    total = max(job.total_rows, 1)

    def on_rows(count: int) -> None:
        _publish(job, min(int(count * READ_SHARE), total))

    def on_writes(done: int, writes: int) -> None:
        share = READ_SHARE + (1 - READ_SHARE) * done / max(writes, 1)
        _publish(job, min(int(total * share), total))

    try:
        with job.file.open("rb") as handle:
            content = handle.read()
    except (FileNotFoundError, ValueError):
        raise ImportFileInvalid(str(MISSING_FILE)) from None
    data, existing = _check(
        estate=job.estate, filename=job.filename, content=content, on_rows=on_rows
    )
    if data.errors:  # the estate changed since the preview
        raise _RowErrors(data)
    plan = plan_import(estate=job.estate, data=data, existing=existing)
    apply_plan(plan=plan, on_progress=on_writes)
    # Residents with a login see the units they own or occupy: the estates services keep
    # those grants; only people who already had an account can be concerned.
    for person in Person.objects.filter(pk__in=plan.grants_for):
        resident_grants_sync(person=person)
    job.status = ImportStatus.DONE
    job.total_rows = job.processed_rows = data.rows
    job.errors = []
    job.summary = {
        **plan.summary,
        "errors_total": 0,
        **{k: job.summary[k] for k in ("committed_by", "committed_at") if k in job.summary},
        "finished_at": timezone.now().isoformat(),
    }
    # Saved in the same transaction as the rows: "done" exactly when they are there.
    job.save(
        update_fields=["status", "total_rows", "processed_rows", "errors", "summary", "updated_at"]
    )


def _lock_estate(estate: Estate) -> None:
    """One import at a time per estate (a transaction-scoped advisory lock, keyed by schema)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtext(%s))",
            [f"{current_schema()}:estates.import:{estate.pk}"],
        )


def _fail(job: ImportJob, errors: list[dict[str, Any]], *, total: int | None = None) -> None:
    job.status = ImportStatus.FAILED
    job.errors = errors
    job.processed_rows = 0
    job.summary = {**job.summary, "errors_total": len(errors) if total is None else total}
    ImportJob.objects.filter(pk=job.pk).update(
        status=job.status,
        errors=errors,
        processed_rows=0,
        summary=job.summary,
        updated_at=timezone.now(),
    )


def _progress_key(job_id: int) -> str:
    return f"estates:import:{job_id}:progress"  # the cache's key function adds the firm


def _publish(job: ImportJob, processed: int) -> None:
    """Progress can't be read from the job row while the run's transaction is open: it goes
    through the cache. Best effort: a cache outage must not fail the import."""
    value = {"status": str(job.status), "processed_rows": processed, "total_rows": job.total_rows}
    try:
        cache.set(_progress_key(job.pk), value, PROGRESS_TTL)
    except Exception:
        logger.warning("import progress not published", exc_info=True)


def import_progress(*, job: ImportJob) -> dict[str, Any]:
    """{"status", "total_rows", "processed_rows", "percent"} of a job, live during a run."""
    row = (
        ImportJob.objects.filter(pk=job.pk).values("status", "total_rows", "processed_rows").first()
    ) or {"status": job.status, "total_rows": job.total_rows, "processed_rows": job.processed_rows}
    status, total, processed = row["status"], row["total_rows"], row["processed_rows"]
    if status in (ImportStatus.QUEUED, ImportStatus.RUNNING):
        try:
            live = cache.get(_progress_key(job.pk))
        except Exception:
            live = None
        if live:
            processed = int(live.get("processed_rows", processed))
    if status == ImportStatus.DONE:
        percent = 100
    else:
        percent = min(99, processed * 100 // total) if total else 0
    return {
        "status": str(status),
        "total_rows": total,
        "processed_rows": processed,
        "percent": percent,
    }
