"""Bulk import of buildings, units, owners and occupants from Excel (.xlsx) or CSV, and export
back to Excel in the same layout.

    import_template_xlsx()                       the downloadable template
    import_preview(estate=, filename=, content=, user=)   check everything, write nothing
    import_commit(job=, user=)                   run now (<= 2,000 rows) or queue the task
    import_run(job_id=)                          what the task `estates.run_import` calls
    import_progress(job=)                        live progress of a run (through the cache)
    estate_export_xlsx(estate=)                  the estate in the template's layout

Modules: `columns` (the layout), `reading` (file -> rows), `rules` and `validation` (pure
checks), `planning` (match with the estate's rows, then bulk writes), `workbook` (template and
export), `services` (the flow above), `exceptions`.
"""

from __future__ import annotations

from .exceptions import ImportAlreadyCommitted, ImportFileInvalid, ImportHasErrors
from .services import (
    estate_export_xlsx,
    import_commit,
    import_preview,
    import_progress,
    import_run,
    import_template_xlsx,
)

__all__ = [
    "ImportAlreadyCommitted",
    "ImportFileInvalid",
    "ImportHasErrors",
    "estate_export_xlsx",
    "import_commit",
    "import_preview",
    "import_progress",
    "import_run",
    "import_template_xlsx",
]
