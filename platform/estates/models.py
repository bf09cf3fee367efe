"""The portfolio (Estate -> Building -> Unit, common areas) and the people attached to it."""

from __future__ import annotations

from decimal import Decimal

import pghistory
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from core.history import audited
from core.models import TimeStampedModel

from .choices import (
    CommitteePosition,
    ImportStatus,
    JoinRelation,
    JoinStatus,
    OccupancyKind,
    UnitUse,
)
from .settings import EstateSettings


def default_estate_settings() -> dict[str, object]:
    """Per-estate configurable defaults (domain.md): `estates.settings.EstateSettings` holds
    them and is how modules read an estate's settings."""
    return EstateSettings().as_json()


@audited(what="an estate and its settings", exclude=["created_at", "updated_at", "join_code"])
class Estate(TimeStampedModel):
    """A residential estate (小区/项目) managed by the firm."""

    name = models.CharField(max_length=100)
    code = models.CharField(max_length=20, unique=True)
    address = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=50, blank=True)
    district = models.CharField(max_length=50, blank=True)
    total_floor_area = models.DecimalField(
        max_digits=12, decimal_places=2, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    household_count = models.PositiveIntegerField(default=0)
    handover_date = models.DateField(null=True, blank=True)
    contract_start = models.DateField(null=True, blank=True)
    contract_end = models.DateField(null=True, blank=True)
    settings = models.JSONField(default=default_estate_settings)
    join_code = models.CharField(max_length=32, unique=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


@audited(what="a building")
class Building(models.Model):
    """A building (楼栋) of an estate, named as residents say it ("1", "3号楼")."""

    estate = models.ForeignKey(Estate, on_delete=models.CASCADE, related_name="buildings")
    name = models.CharField(max_length=30)
    floors = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["estate_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["estate", "name"], name="unique_building_per_estate")
        ]

    def __str__(self) -> str:
        return self.name


@audited(what="a unit")
class Unit(models.Model):
    """A unit (房屋): a home, shop or parking space with its exclusive floor area (专有部分面积)."""

    estate = models.ForeignKey(Estate, on_delete=models.CASCADE, related_name="units")
    building = models.ForeignKey(Building, on_delete=models.CASCADE, related_name="units")
    number = models.CharField(max_length=20)
    floor = models.SmallIntegerField(default=0)
    area = models.DecimalField(max_digits=9, decimal_places=2, validators=[MinValueValidator(0)])
    use = models.CharField(max_length=20, choices=UnitUse.choices, default=UnitUse.RESIDENTIAL)

    class Meta:
        ordering = ["building_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["building", "number"], name="unique_unit_per_building")
        ]
        indexes = [models.Index(fields=["estate", "building", "number"])]

    def __str__(self) -> str:
        return f"{self.building.name}-{self.number}"

    @property
    def label(self) -> str:
        return f"{self.estate.code}-{self.building.name}-{self.number}"


class CommonArea(models.Model):
    """A named shared place ("北门", "B2 车库") used by requests and inspections. `manager` is
    the estate's manager responsible for it: an inspection finding there is assigned to them."""

    estate = models.ForeignKey(Estate, on_delete=models.CASCADE, related_name="common_areas")
    name = models.CharField(max_length=50)
    description = models.CharField(max_length=200, blank=True)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["estate_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["estate", "name"], name="unique_common_area_name")
        ]

    def __str__(self) -> str:
        return self.name


@audited(what="a person's record", exclude=["created_at", "updated_at"])
class Person(TimeStampedModel):
    """A resident or owner as the firm knows them, with or without a login (`user`)."""

    full_name = models.CharField(max_length=100)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    id_number = models.CharField(max_length=30, blank=True)  # 身份证号: masked for most roles
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    # When staff created or manage the account on the person's behalf (e.g. elderly residents).
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["full_name"]
        indexes = [models.Index(fields=["phone"])]

    def __str__(self) -> str:
        return self.full_name


class OwnerRecord(models.Model):
    """An owner of record (业主) of a unit: votes and shares costs by area; `share` in percent."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="owner_records")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="owner_records")
    share = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("100"))
    since = models.DateField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["unit_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "person"], name="unique_owner_per_unit")
        ]

    def __str__(self) -> str:
        return f"owner {self.person_id} of {self.unit_id}"


class Occupancy(models.Model):
    """An occupant or renting tenant of a unit: may submit requests, does not vote."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="occupancies")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="occupancies")
    kind = models.CharField(
        max_length=20, choices=OccupancyKind.choices, default=OccupancyKind.OCCUPANT
    )
    since = models.DateField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["unit_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "person"], name="unique_occupant_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.person_id} of {self.unit_id}"


@audited(what="a staff assignment", exclude=["created_at"])
class StaffAssignment(models.Model):
    """A manager or staff member assigned to an estate."""

    estate = models.ForeignKey(Estate, on_delete=models.CASCADE, related_name="staff_assignments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=20)  # manager | staff
    since = models.DateField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["estate_id", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["estate", "user", "role"], name="unique_staff_assignment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.role} {self.user_id} @ {self.estate_id}"


@pghistory.track(
    attrs={"__doc__": "Every version of a committee seat (pghistory): who held it, when it ended."}
)
class CommitteeMembership(models.Model):
    """A seat on an estate's owners' committee (业委会) or supervision group, for a term.

    A seat is *confirmed* when a filing (备案) confirmed by the platform seated it (`filing`);
    seats from before filings existed have none: read-only access, no supervision powers
    (committee.selectors). A seat ends at once on resignation or when a new confirmed filing
    replaces the roster (`ended_on`, `end_reason`); the firm never changes it. Read access to
    the estate lasts while the seat does; changes are tracked by pghistory and published in
    committee.RosterEvent."""

    estate = models.ForeignKey(Estate, on_delete=models.CASCADE, related_name="committee")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    position = models.CharField(max_length=20, choices=CommitteePosition.choices)
    full_name = models.CharField(max_length=100, blank=True)  # as filed
    term_start = models.DateField()
    term_end = models.DateField()
    filing = models.ForeignKey(
        "committee.Filing",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seats",
    )
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, blank=True)  # committee.choices.SeatEnd
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["estate_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["estate", "user"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_committee_seat",
            ),
            models.CheckConstraint(
                condition=models.Q(term_end__gte=models.F("term_start")),
                name="committee_term_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position} {self.user_id} @ {self.estate_id}"

    @property
    def confirmed(self) -> bool:
        return self.filing_id is not None


class JoinRequest(TimeStampedModel):
    """A resident's claim of a unit through the estate's join QR code, waiting for approval."""

    estate = models.ForeignKey(Estate, on_delete=models.CASCADE, related_name="join_requests")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="join_requests")
    full_name = models.CharField(max_length=100)
    phone = models.CharField(max_length=30)
    email = models.EmailField()
    relation = models.CharField(max_length=20, choices=JoinRelation.choices)
    status = models.CharField(max_length=20, choices=JoinStatus.choices, default=JoinStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"join {self.full_name} -> {self.unit_id}"


class ImportJob(TimeStampedModel):
    """One bulk import of buildings, units, owners and occupants: previewed, then committed."""

    estate = models.ForeignKey(Estate, on_delete=models.CASCADE, related_name="imports")
    file = models.FileField(upload_to="imports/")
    filename = models.CharField(max_length=200)
    status = models.CharField(
        max_length=20, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)  # [{"row": 3, "field": "area", "message": "..."}]
    summary = models.JSONField(default=dict)  # counts created / updated / unchanged
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"import {self.pk} {self.filename}"
