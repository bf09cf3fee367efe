"""The disclosure ledger (公共收益公示): decisions, ledger lines with attachments, the per-estate
chain head, split rules, statements with their query thread, and the maintenance fund.

Append-only is enforced by PostgreSQL (django-pgtrigger triggers in the migrations, so every
firm schema has them): posted lines, decisions, fund movements, answered queries and published
statements refuse UPDATE and DELETE even from the application's own role."""

from __future__ import annotations

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models

from estates.models import Estate

from .choices import (
    ALL_CATEGORIES,
    AttachmentKind,
    FundMovementKind,
    LineKind,
    LineStatus,
    StatementKind,
    StatementStatus,
)

_USER = settings.AUTH_USER_MODEL


class Decision(models.Model):
    """An authorising decision (an owners' assembly or committee resolution) with its document.
    Lines and maintenance-fund uses point at it. Never changed once recorded."""

    estate = models.ForeignKey(Estate, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    decided_on = models.DateField()
    document = models.FileField(upload_to="disclosure/decisions/%Y/%m/")
    document_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(_USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-id"]
        indexes = [models.Index(fields=["estate", "-decided_on"])]
        triggers = [
            pgtrigger.Protect(
                name="decision_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return self.title


class LedgerLine(models.Model):
    """One income or expense line of an estate. A draft may change or go; posting gives it the
    next `seq` and its chain hash, and from then on the database refuses to change or delete
    it. A correction is a new posted line whose `reverses` points at the corrected one, with
    the negated amount."""

    estate = models.ForeignKey(Estate, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=LineStatus.choices, default=LineStatus.DRAFT)
    kind = models.CharField(max_length=10, choices=LineKind.choices)
    category = models.CharField(max_length=20, choices=ALL_CATEGORIES)
    occurred_on = models.DateField()
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    counterparty = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="lines"
    )
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    seq = models.PositiveBigIntegerField(null=True, blank=True)
    line_hash = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(_USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    posted_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    posted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["estate_id", "seq", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["estate", "seq"],
                condition=models.Q(seq__isnull=False),
                name="disclosure_line_seq_unique",
            ),
            models.CheckConstraint(
                condition=~models.Q(amount=0), name="disclosure_line_amount_nonzero"
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft", seq__isnull=True)
                | models.Q(status="posted", seq__isnull=False),
                name="disclosure_line_posted_has_seq",
            ),
        ]
        indexes = [
            # a statement's lines: posted, by date, within a seq range
            models.Index(
                fields=["estate", "occurred_on", "seq"],
                condition=models.Q(status="posted"),
                name="disclosure_line_posted_date",
            ),
            models.Index(fields=["estate", "status", "-created_at"]),
        ]
        triggers = [
            # posted lines never change or go; drafts may (the condition reads the OLD row)
            pgtrigger.Protect(
                name="posted_line_append_only",
                operation=pgtrigger.Update | pgtrigger.Delete,
                condition=pgtrigger.Q(old__status="posted"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.estate_id}#{self.seq or 'draft'} {self.amount}"


_ATTACHMENT_GUARD = """
    IF EXISTS (SELECT 1 FROM disclosure_ledgerline WHERE id = OLD.line_id AND status = 'posted')
    THEN
        RAISE EXCEPTION 'pgtrigger: Cannot delete or update rows from % table', TG_TABLE_NAME;
    END IF;
    RETURN OLD;
"""


class LineAttachment(models.Model):
    """A contract or receipt on a ledger line. Added to drafts only; its SHA-256 is part of the
    line's canonical serialisation, so swapping the file after posting breaks the chain."""

    line = models.ForeignKey(LedgerLine, on_delete=models.PROTECT, related_name="attachments")
    kind = models.CharField(max_length=10, choices=AttachmentKind.choices)
    file = models.FileField(upload_to="disclosure/lines/%Y/%m/")
    name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(_USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        triggers = [
            pgtrigger.Protect(name="attachment_never_updated", operation=pgtrigger.Update),
            pgtrigger.Trigger(
                name="attachment_of_posted_line_kept",
                when=pgtrigger.Before,
                operation=pgtrigger.Delete,
                func=_ATTACHMENT_GUARD,
            ),
        ]

    def __str__(self) -> str:
        return self.name


class LedgerChain(models.Model):
    """The current head of an estate's chain, locked while a line is posted (one posting at a
    time per estate). A convenience: verification never trusts it, it recomputes."""

    estate = models.OneToOneField(Estate, on_delete=models.PROTECT, related_name="+")
    seq = models.PositiveBigIntegerField(default=0)
    head = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"{self.estate_id}@{self.seq}"


@pghistory.track(
    attrs={"__doc__": "Every version of an estate's split rule (pghistory): what was agreed, when."}
)
class SplitRule(models.Model):
    """How an estate's common-part income is split, each as a percentage of the period's gross
    income: the firm's agreed cost share, the owners' share, the reinvestment target (反哺,
    at least), the staff-cost cap (at most), an optional minimum to the maintenance fund.
    Changes are kept by django-pghistory; a statement copies the rule it was checked against."""

    estate = models.OneToOneField(Estate, on_delete=models.PROTECT, related_name="+")
    firm_cost_share = models.DecimalField(max_digits=5, decimal_places=2)
    owners_share = models.DecimalField(max_digits=5, decimal_places=2)
    reinvestment_target = models.DecimalField(max_digits=5, decimal_places=2, default=30)
    staff_cost_cap = models.DecimalField(max_digits=5, decimal_places=2, default=8)
    maintenance_fund_minimum = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True
    )
    updated_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.estate_id}: {self.firm_cost_share}/{self.owners_share}"


class Statement(models.Model):
    """A period statement (monthly detail or quarterly pack) of one estate.

    draft (the firm) -> in_review (submitted: the chain head and the totals are frozen; the
    committee signs off or raises queries the firm answers; the firm may resubmit) ->
    signed_off (the committee; the deadlines engine publishes within 24 h, the firm cannot
    hold it back) -> published (readable by every resident; never changes again).

    Lines of a statement: posted lines with seq <= head_seq, dated on or before period_end,
    and either dated in the period or not shown by the previous statement of the same kind
    (seq > base_seq): a late line or a correction appears in the next statement."""

    estate = models.ForeignKey(Estate, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=StatementKind.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(
        max_length=12, choices=StatementStatus.choices, default=StatementStatus.DRAFT
    )
    note = models.TextField(blank=True)
    base_seq = models.PositiveBigIntegerField(default=0)
    head_seq = models.PositiveBigIntegerField(null=True, blank=True)
    head_hash = models.CharField(max_length=64, blank=True)
    summary = models.JSONField(default=dict, blank=True)  # totals, split, warnings (frozen)
    created_by = models.ForeignKey(_USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    publish_due_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-period_start", "kind", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["estate", "kind", "period_start"], name="disclosure_statement_period"
            )
        ]
        indexes = [models.Index(fields=["status", "signed_off_at"])]
        triggers = [
            pgtrigger.Protect(
                name="published_statement_frozen",
                operation=pgtrigger.Update | pgtrigger.Delete,
                condition=pgtrigger.Q(old__status="published"),
            ),
            # once signed off only the publication may touch it: nobody un-signs or edits it
            pgtrigger.Protect(
                name="signed_off_statement_only_published",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(old__status="signed_off")
                & ~pgtrigger.Q(new__status="published"),
            ),
            pgtrigger.Protect(
                name="reviewed_statement_kept",
                operation=pgtrigger.Delete,
                condition=~pgtrigger.Q(old__status="draft"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.estate_id} {self.kind} {self.period_start}"


class StatementQuery(models.Model):
    """A query (质询) a committee member raises on a statement under review, and the firm's
    answer. The statement cannot be signed off while a query is unanswered. Never deleted; an
    answered query never changes."""

    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="queries")
    question = models.TextField()
    raised_by = models.ForeignKey(_USER, null=True, on_delete=models.SET_NULL, related_name="+")
    raised_at = models.DateTimeField()
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["raised_at", "id"]
        triggers = [
            pgtrigger.Protect(name="query_never_deleted", operation=pgtrigger.Delete),
            pgtrigger.Protect(
                name="answered_query_frozen",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(old__answered_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"query {self.pk} on {self.statement_id}"


class FundMovement(models.Model):
    """A movement of the estate's maintenance fund (维修资金): an opening balance, a deposit
    (e.g. the transfer line of the ledger), interest, or a use, which must name the owners'
    decision that authorised it. Never changed: a mistake is corrected by a new movement."""

    estate = models.ForeignKey(Estate, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=FundMovementKind.choices)
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    occurred_on = models.DateField()
    description = models.TextField(blank=True)
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="fund_movements"
    )
    ledger_line = models.ForeignKey(
        LedgerLine, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(_USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="disclosure_fund_amount_positive"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="use") | models.Q(decision__isnull=False),
                name="disclosure_fund_use_has_decision",
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="fund_movement_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"{self.estate_id} {self.kind} {self.amount}"
