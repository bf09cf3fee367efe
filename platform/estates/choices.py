from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitUse(models.TextChoices):
    RESIDENTIAL = "residential", _("Residential")
    SHOP = "shop", _("Shop")
    PARKING = "parking", _("Parking")
    OTHER = "other", _("Other")


class OccupancyKind(models.TextChoices):
    OCCUPANT = "occupant", _("Occupant")  # family member living there
    TENANT = "tenant", _("Renting tenant")


class JoinRelation(models.TextChoices):
    OWNER = "owner", _("Owner")
    OCCUPANT = "occupant", _("Occupant")
    TENANT = "tenant", _("Renting tenant")


class CommitteePosition(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    MEMBER = "member", _("Member")
    SUPERVISION = "supervision", _("Supervision group")


class JoinStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Previewed")
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
