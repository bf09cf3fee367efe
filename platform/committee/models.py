"""The estate's copy of its confirmed committee filings and the public roster history."""

from __future__ import annotations

import pgtrigger
from django.db import models

from .choices import RosterChange


class Filing(models.Model):
    """A confirmed committee filing (备案) of an estate, as the estate sees it: copied from the
    platform's review queue (tenants.CommitteeFiling) when a platform admin confirms it. The
    latest one is the current committee's; none is ever edited or deleted."""

    # No database constraint: the record outlives the estate (an audit trail, not a child).
    estate = models.ForeignKey(
        "estates.Estate", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    public_id = models.BigIntegerField(unique=True)  # tenants.CommitteeFiling
    number = models.CharField(max_length=60)
    street_authority = models.CharField(max_length=100)
    housing_authority = models.CharField(max_length=100)
    election_date = models.DateField()
    filed_on = models.DateField()
    term_start = models.DateField()
    term_end = models.DateField()
    confirmed_at = models.DateTimeField()

    class Meta:
        ordering = ["estate_id", "-confirmed_at", "-id"]
        indexes = [models.Index(fields=["estate", "confirmed_at"])]
        triggers = [
            pgtrigger.Protect(
                name="committee_filing_append_only",
                operation=pgtrigger.Update | pgtrigger.Delete,
            )
        ]

    def __str__(self) -> str:
        return self.number


class RosterEvent(models.Model):
    """One change to an estate's committee roster (a filing confirmed, a member seated, a
    resignation, a seat ended by a new filing), public to the estate's residents.
    Append-only: PostgreSQL refuses UPDATE and DELETE (pgtrigger.Protect)."""

    estate = models.ForeignKey(
        "estates.Estate", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=RosterChange.choices)
    filing = models.ForeignKey(
        Filing,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    membership_id = models.BigIntegerField(null=True, blank=True)
    member_name = models.CharField(max_length=100, blank=True)
    position = models.CharField(max_length=20, blank=True)
    filing_number = models.CharField(max_length=60, blank=True)
    term_start = models.DateField(null=True, blank=True)
    term_end = models.DateField(null=True, blank=True)
    recorded_by = models.CharField(max_length=100, blank=True)  # a name, kept as written
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["estate", "at"])]
        triggers = [
            pgtrigger.Protect(
                name="committee_roster_event_append_only",
                operation=pgtrigger.Update | pgtrigger.Delete,
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.member_name} @ {self.estate_id}"
