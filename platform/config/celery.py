"""The Celery app. tenant-schemas-celery makes every task run in the schema it was sent from."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_root = Path(__file__).resolve().parents[2]
for _path in (str(_root), str(_root / "platform")):
    if _path not in sys.path:
        sys.path.insert(0, _path)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

from tenant_schemas_celery.app import CeleryApp  # noqa: E402

app = CeleryApp("linli")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

from config.logs import connect_task_signals  # noqa: E402
from config.metrics import connect_task_metrics  # noqa: E402

connect_task_signals()  # one log line per task, with the request id that sent it
connect_task_metrics()  # tasks finished per name and state, for /metrics
