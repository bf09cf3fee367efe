"""The witnessed heads (public schema)."""

from __future__ import annotations

import pgtrigger
from django.db import models


class WitnessedHead(models.Model):
    """The chain head a firm's published statement ended in, as the platform saw it at
    publication. Insert-only: a trigger refuses UPDATE and DELETE."""

    schema_name = models.CharField(max_length=63)
    estate_id = models.BigIntegerField()
    statement_id = models.BigIntegerField()
    head_seq = models.PositiveBigIntegerField()
    head = models.CharField(max_length=64)
    published_at = models.DateTimeField()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["schema_name", "estate_id", "head_seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["schema_name", "statement_id"], name="witness_one_head_per_statement"
            )
        ]
        indexes = [models.Index(fields=["schema_name", "estate_id", "head_seq"])]
        triggers = [
            pgtrigger.Protect(
                name="witness_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"{self.schema_name}/{self.estate_id}@{self.head_seq}"
