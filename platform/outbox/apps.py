"""outbox: work that must happen after a change (e-mails, Celery tasks) is written as a row in
the same transaction as the change, in the change's own schema, and delivered from there.

A broker (or SMTP) outage at commit time no longer loses it: the row waits, and beat's drain
hands it to Celery again with exponential backoff. Each row is delivered once: a drainer takes
rows with `SELECT ... FOR UPDATE SKIP LOCKED`, and the `outbox.deliver` task claims its row
by id before running the work, so a row published twice (two drainers, a retry after a lost
acknowledgement) still runs once. See README "Operations" and `services.py`."""

from __future__ import annotations

from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = "Outbox"
