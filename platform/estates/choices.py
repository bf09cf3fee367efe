from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitUse(models.TextChoices):
    RESIDENTIAL = "residential", _("住宅")
    SHOP = "shop", _("商铺")
    PARKING = "parking", _("车位")
    OTHER = "other", _("其他")


class OccupancyKind(models.TextChoices):
    OCCUPANT = "occupant", _("住户")  # family member living there
    TENANT = "tenant", _("租户")


class JoinRelation(models.TextChoices):
    OWNER = "owner", _("业主")
    OCCUPANT = "occupant", _("住户")
    TENANT = "tenant", _("租户")


class CommitteePosition(models.TextChoices):
    CHAIR = "chair", _("主任")
    VICE_CHAIR = "vice_chair", _("副主任")
    MEMBER = "member", _("委员")
    SUPERVISION = "supervision", _("监督小组")


class JoinStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已通过")
    REJECTED = "rejected", _("已驳回")


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("已预览")
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("导入中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")
