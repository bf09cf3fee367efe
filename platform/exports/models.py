"""The firm's export jobs (firm schema)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .choices import ExportStatus


class ExportJob(models.Model):
    """One archive of the firm's data, asked for by a firm admin (or by the platform's
    offboarding, `requested_by` empty). `active` is True while queued or running and NULL
    after: the unique constraint allows one running job per firm (per schema)."""

    status = models.CharField(
        max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    active = models.BooleanField(null=True, default=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_by_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    datasets_total = models.PositiveIntegerField(default=0)
    datasets_done = models.PositiveIntegerField(default=0)
    archive = models.CharField(max_length=300, blank=True)  # a name in the firm's storage
    size = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    counts = models.JSONField(default=dict, blank=True)  # dataset -> rows, "files" -> files
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["active"], name="exports_one_running_per_firm")
        ]

    def __str__(self) -> str:
        return f"export {self.pk} {self.status}"
