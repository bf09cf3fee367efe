"""An estate's responsibility list (权责清单), kept as numbered revisions."""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q

from .choices import RevisionStatus, Side

USER = settings.AUTH_USER_MODEL


class Revision(models.Model):
    """One version of an estate's list, proposed by one side (the firm or the committee) and in
    force once the other side agrees. `items` is the whole list as proposed:
    [{"matter", "party", "detail"}]. Only a proposal changes (to agreed, declined or
    superseded); once decided, PostgreSQL refuses UPDATE, and DELETE always."""

    estate = models.ForeignKey("estates.Estate", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField()
    items = models.JSONField(default=list)
    note = models.CharField(max_length=500, blank=True)  # what the proposal changes, and why
    status = models.CharField(
        max_length=12, choices=RevisionStatus.choices, default=RevisionStatus.PROPOSED
    )
    proposed_side = models.CharField(max_length=10, choices=Side.choices)
    proposed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(max_length=500, blank=True)  # why it was declined

    class Meta:
        ordering = ["estate_id", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["estate", "number"], name="responsibilities_number_once"
            ),
            models.UniqueConstraint(
                fields=["estate"],
                condition=Q(status="proposed"),
                name="responsibilities_one_proposal",
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="responsibilities_decided_final",
                operation=pgtrigger.Update,
                condition=~pgtrigger.Q(old__status="proposed"),
            ),
            pgtrigger.Protect(name="responsibilities_no_delete", operation=pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"{self.estate_id} #{self.number} ({self.status})"
