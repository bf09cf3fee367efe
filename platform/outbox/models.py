"""The outbox table. It exists in the public schema and in every firm's schema (the app is in
SHARED_APPS and TENANT_APPS): a row is written in the schema of the change that wants it, so
a firm's work never sits in (or is read from) another schema, and a firm's backup carries its
own pending work."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone


class OutboxMessage(models.Model):
    """One Celery task (by name, with JSON arguments) to run once after the change that wrote
    it commits. `next_attempt_at` is when a drainer may hand it to Celery (again);
    `claimed_until` is set while a worker runs it; `done_at` / `dead_at` end it."""

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list, blank=True)
    kwargs = models.JSONField(default=dict, blank=True)
    # Run in the writing process right after commit (e-mails, as before the outbox) instead of
    # through the broker; the drain retries it through Celery if that fails.
    inline = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField()
    claimed_until = models.DateTimeField(null=True, blank=True)
    # "<host>:<pid>" of the process running it: a redelivery on the same host whose claimer is
    # gone (a worker child killed mid-run) takes the row over before the claim expires
    claimed_by = models.CharField(max_length=300, blank=True, default="")
    attempts = models.PositiveIntegerField(default=0)
    done_at = models.DateTimeField(null=True, blank=True)
    dead_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True, default="")

    class Meta:
        db_table = "outbox_message"
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="outbox_message_pending",
                condition=Q(done_at__isnull=True, dead_at__isnull=True),
            ),
            models.Index(
                fields=["done_at"], name="outbox_message_done", condition=Q(done_at__isnull=False)
            ),
            models.Index(
                fields=["dead_at"],
                name="outbox_message_dead",
                condition=Q(dead_at__isnull=False, done_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task}#{self.pk}"
