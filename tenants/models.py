"""Firms and their domains (public schema)."""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.db import models
from django_tenants.models import DomainMixin, TenantMixin

from .choices import (
    FiledBy,
    FilingStatus,
    FirmStatus,
    OffboardingStatus,
    ProvisioningStatus,
    SupportStatus,
)


class ProvisionedFirmManager(models.Manager["Firm"]):
    """Only firms whose schema exists. django-tenants iterates `Firm.objects` (migrations,
    tenant commands), so a pending or failed firm must never be listed there."""

    def get_queryset(self) -> models.QuerySet[Firm]:
        return (
            super()
            .get_queryset()
            .filter(provisioning_status=ProvisioningStatus.READY)
            .exclude(status=FirmStatus.DELETED)  # offboarded: the schema is gone
        )


class Firm(TenantMixin):
    """A property-management firm: one PostgreSQL schema holding all of its data.

    The row is written before its schema exists (status `pending`) so onboarding progress is
    visible; it becomes `ready` in the same transaction that creates the schema.
    """

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=40, unique=True)
    contact_name = models.CharField(max_length=100, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=30, blank=True)
    admin_email = models.EmailField(blank=True)
    admin_name = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=20, choices=FirmStatus.choices, default=FirmStatus.ACTIVE)
    provisioning_status = models.CharField(
        max_length=20, choices=ProvisioningStatus.choices, default=ProvisioningStatus.PENDING
    )
    provisioning_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    provisioned_at = models.DateTimeField(null=True, blank=True)
    # The earliest moment something in this firm's schema is due (a clock's yellow point or due
    # time, a timer): beat sends a sweep only to firms with next_due_at <= now. Kept by the
    # deadlines engine (`tenants.fanout`); it may be early (one idle sweep), never late.
    next_due_at = models.DateTimeField(null=True, blank=True)

    auto_create_schema = False  # the onboarding service creates it, inside its transaction
    auto_drop_schema = False

    all_objects: models.Manager[Firm] = models.Manager()
    objects = ProvisionedFirmManager()

    class Meta:
        ordering = ["-created_at"]
        base_manager_name = "all_objects"
        indexes = [
            models.Index(
                fields=["next_due_at"],
                condition=models.Q(next_due_at__isnull=False),
                name="firm_next_due",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.slug})"


class Domain(DomainMixin):
    """A host name that routes to a firm (or to the public platform site)."""

    def __str__(self) -> str:
        return self.domain


class CommitteeFiling(models.Model):
    """A committee filing (备案) of one firm's estate in the platform's review queue.

    Kept in the public schema so a platform admin reviews it (receipt included) without
    entering the firm's data. The chair of the current committee, or for a first filing an
    owner of record, submits it from the firm's host; only a confirmed filing seats members
    (committee.services). `members` is what was filed: [{"full_name", "email", "position"}].
    """

    firm = models.ForeignKey(Firm, on_delete=models.PROTECT, related_name="committee_filings")
    estate_id = models.BigIntegerField()
    estate_name = models.CharField(max_length=100)
    number = models.CharField(max_length=60)  # 备案编号
    street_authority = models.CharField(max_length=100)  # 街道办事处 / 乡镇人民政府
    housing_authority = models.CharField(max_length=100)  # 区（县）房地产行政主管部门
    election_date = models.DateField()
    filed_on = models.DateField()
    term_start = models.DateField()
    term_end = models.DateField()
    members = models.JSONField(default=list)
    receipt = models.FileField(upload_to="committee-filings/%Y/%m/")
    receipt_type = models.CharField(max_length=100)
    submitted_by_id = models.BigIntegerField()  # a user id in the firm's schema
    submitted_by_name = models.CharField(max_length=100, blank=True)
    submitted_as = models.CharField(max_length=10, choices=FiledBy.choices)
    status = models.CharField(
        max_length=10, choices=FilingStatus.choices, default=FilingStatus.PENDING
    )
    reason = models.TextField(blank=True)  # why it was rejected
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["firm", "estate_id"],
                condition=models.Q(status="pending"),
                name="one_pending_filing_per_estate",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.status})"

    @property
    def filed_late(self) -> bool:
        """Filed more than 30 days after the election (the legal window)."""
        return (self.filed_on - self.election_date).days > 30


SUPPORT_MAX_HOURS = 72


class SupportGrant(models.Model):
    """A platform admin's support access to one firm (domain.md): asked for with a reason and a
    duration of at most 72 hours, granted (or declined, later revoked) by one of the firm's
    admins, who read every request. Kept in the public schema next to the firm so the platform
    asks without entering the firm's data; rows are never deleted (pgtrigger), so the firm's
    admins always see who had access, why and until when."""

    firm = models.ForeignKey(Firm, on_delete=models.PROTECT, related_name="support_grants")
    requested_by_id = models.BigIntegerField()  # a platform admin (public schema user)
    requested_by_email = models.EmailField()
    reason = models.TextField()
    hours = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=10, choices=SupportStatus.choices, default=SupportStatus.PENDING
    )
    decided_by_id = models.BigIntegerField(null=True, blank=True)  # a firm admin (firm schema)
    decided_by_name = models.CharField(max_length=200, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # who ended it early (a firm admin, firm schema); `decided_by` stays whoever granted it
    revoked_by_id = models.BigIntegerField(null=True, blank=True)
    revoked_by_name = models.CharField(max_length=200, blank=True)
    # set when the firm's standing pre-approval granted the request at once
    preapproval = models.ForeignKey(
        "SupportPreapproval",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="grants",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["firm"],
                condition=models.Q(status="pending"),
                name="one_pending_support_request_per_firm",
            ),
            models.CheckConstraint(
                condition=models.Q(hours__gte=1, hours__lte=SUPPORT_MAX_HOURS),
                name="support_hours_bounded",
            ),
        ]
        triggers = [
            pgtrigger.Protect(name="support_grant_never_deleted", operation=pgtrigger.Delete)
        ]

    def __str__(self) -> str:
        return f"support {self.firm_id} {self.status}"


SUPPORT_PREAPPROVAL_MAX_DAYS = 90


class SupportPreapproval(models.Model):
    """A firm admin's standing answer to support requests (domain.md): any platform admin's
    request of at most `max_hours` made before `valid_until` is granted at once (e.g. for the
    weeks of onboarding). One open at a time per firm; ended early by a firm admin or replaced
    by a new one; rows are never deleted (pgtrigger), like the grants it gives."""

    firm = models.ForeignKey(Firm, on_delete=models.PROTECT, related_name="support_preapprovals")
    max_hours = models.PositiveSmallIntegerField()
    valid_until = models.DateTimeField()
    note = models.CharField(max_length=200, blank=True)  # what for: "上线导入"
    created_by_id = models.BigIntegerField()  # a firm admin (firm schema)
    created_by_name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["firm"],
                condition=models.Q(ended_at__isnull=True),
                name="one_open_support_preapproval_per_firm",
            ),
            models.CheckConstraint(
                condition=models.Q(max_hours__gte=1, max_hours__lte=SUPPORT_MAX_HOURS),
                name="support_preapproval_hours_bounded",
            ),
        ]
        triggers = [
            pgtrigger.Protect(name="support_preapproval_never_deleted", operation=pgtrigger.Delete)
        ]

    def __str__(self) -> str:
        return f"support pre-approval {self.firm_id} until {self.valid_until:%Y-%m-%d}"


class Offboarding(models.Model):
    """A firm leaving the platform (#14 §4, tenants.offboarding): suspended at `started_at`;
    its firm-wide export and one handover archive per estate (for the estate's committee, Civil
    Code art. 949) are then written by a task (`status`) into the platform's own storage
    (`public/offboarding/...`, which survives the schema), each with its SHA-256 and size. Its
    data may be deleted once the archives are there and `grace_until` has passed; one per
    firm, ever."""

    firm = models.OneToOneField(Firm, on_delete=models.PROTECT, related_name="offboarding")
    reason = models.TextField()
    started_by_id = models.BigIntegerField(null=True, blank=True)  # a platform admin; none: CLI
    started_by_email = models.CharField(max_length=254, blank=True)
    started_at = models.DateTimeField()
    grace_until = models.DateTimeField()
    # {"name", "sha256", "size"} of the firm-wide archive in the platform's storage
    firm_archive = models.JSONField(default=dict)
    # [{"estate_id", "estate_code", "estate_name", "name", "sha256", "size"}], one per estate
    handovers = models.JSONField(default=list)
    # the archives are written by a task after the suspension commits (tenants.offboarding)
    status = models.CharField(
        max_length=10, choices=OffboardingStatus.choices, default=OffboardingStatus.WRITING
    )
    error = models.CharField(max_length=2000, blank=True)  # the last failed attempt's, if any
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        triggers = [pgtrigger.Protect(name="offboarding_never_deleted", operation=pgtrigger.Delete)]

    def __str__(self) -> str:
        return f"offboarding {self.firm_id} from {self.started_at:%Y-%m-%d}"


class FirmDeletion(models.Model):
    """The record that a firm's schema and files were deleted: who, when, and the hashes of the
    archives kept for the firm and for each estate's committee. Never edited or deleted: a
    trigger refuses UPDATE and DELETE."""

    offboarding = models.OneToOneField(
        Offboarding, on_delete=models.PROTECT, related_name="deletion"
    )
    firm = models.OneToOneField(Firm, on_delete=models.PROTECT, related_name="deletion")
    slug = models.CharField(max_length=40)
    schema_name = models.CharField(max_length=63)
    deleted_by_id = models.BigIntegerField(null=True, blank=True)  # a platform admin; none: CLI
    deleted_by_email = models.CharField(max_length=254, blank=True)
    deleted_at = models.DateTimeField()
    tables = models.PositiveIntegerField()  # in the schema when it was dropped
    files = models.PositiveIntegerField()  # removed from the firm's storage
    archives = models.JSONField()  # {"firm": {...}, "handovers": [...]}, as in Offboarding

    class Meta:
        ordering = ["-deleted_at", "-id"]
        triggers = [
            pgtrigger.Protect(
                name="firm_deletion_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"deletion of {self.slug} at {self.deleted_at:%Y-%m-%d %H:%M}"
