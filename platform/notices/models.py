"""An estate's notices (公告), their retractions and who read them."""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.db import models

from .choices import Side

USER = settings.AUTH_USER_MODEL


class Notice(models.Model):
    """A notice to an estate's residents, from the firm or from the committee. A firm notice may
    be edited by the firm side; a committee notice never changes (PostgreSQL refuses UPDATE of
    it); no notice is deleted: it is retracted (`Retraction`) and stays on record."""

    estate = models.ForeignKey("estates.Estate", on_delete=models.PROTECT, related_name="+")
    side = models.CharField(max_length=10, choices=Side.choices)
    title = models.CharField(max_length=100)
    body = models.TextField()
    pinned = models.BooleanField(default=False)
    expires_on = models.DateField(null=True, blank=True)  # last day it shows to residents
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField()
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-pinned", "-published_at", "-id"]
        indexes = [models.Index(fields=["estate", "published_at"])]
        triggers = [
            pgtrigger.Protect(
                name="notices_committee_final",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(old__side="committee"),
            ),
            pgtrigger.Protect(name="notices_no_delete", operation=pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"{self.estate_id} {self.title}"


class Retraction(models.Model):
    """A notice taken down by the side that published it, with the reason. Append-only."""

    notice = models.OneToOneField(Notice, on_delete=models.PROTECT, related_name="retraction")
    by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    reason = models.CharField(max_length=500)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["notice"], name="notices_retract_once")]
        triggers = [
            pgtrigger.Protect(
                name="notices_retraction_final", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"retraction of {self.notice_id}"


class Read(models.Model):
    """A read receipt: this person opened this notice (once)."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["notice", "user"], name="notices_read_once")]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.notice_id}"
