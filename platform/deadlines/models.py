"""The engine's tables: the fields every clock has (abstract) and the exactly-once marker."""

from __future__ import annotations

from django.db import models

from .choices import Level


class ClockFields(models.Model):
    """What every clock stores; an app's clock model inherits it and adds its subject and name.

    Due time = start + budget + time paused. `due_at` and `yellow_at` are derived (kept for the
    sweep's index): None while paused; `yellow_at` is None once stopped."""

    budget_seconds = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_seconds = models.PositiveIntegerField(default=0)
    stopped_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)  # kept for the sweep's index
    yellow_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class Crossing(models.Model):
    """A clock of a registered kind reached a level (yellow or red). Unique per (kind, subject,
    clock, level) and written in the same transaction as the kind's handler: the marker that makes
    each handler (and so each notification) happen exactly once."""

    kind = models.CharField(max_length=50)
    subject_id = models.PositiveBigIntegerField()
    clock = models.CharField(max_length=30)
    level = models.CharField(max_length=10, choices=Level.choices)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_id", "clock", "level"], name="cross_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.subject_id}:{self.clock} {self.level}"
