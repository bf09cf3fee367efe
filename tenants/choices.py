from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class FirmStatus(models.TextChoices):
    ACTIVE = "active", _("正常")
    SUSPENDED = "suspended", _("已暂停")
    # offboarded: the schema and files are gone, the row stays (tenants.offboarding)
    DELETED = "deleted", _("已删除")


class OffboardingStatus(models.TextChoices):
    """Where an offboarding's archives stand: written by a task after the firm is suspended."""

    WRITING = "writing", _("正在生成档案")
    READY = "ready", _("档案已生成")
    FAILED = "failed", _("档案生成失败，正在重试")


class ProvisioningStatus(models.TextChoices):
    PENDING = "pending", _("开通中")
    READY = "ready", _("已开通")
    FAILED = "failed", _("开通失败")


class FilingStatus(models.TextChoices):
    """Where a committee filing (备案) stands in the platform's review queue."""

    PENDING = "pending", _("待审核")
    CONFIRMED = "confirmed", _("已确认")
    REJECTED = "rejected", _("已驳回")


class FiledBy(models.TextChoices):
    """In what capacity the filing was submitted."""

    CHAIR = "chair", _("业委会主任")
    OWNER = "owner", _("业主")


class SupportStatus(models.TextChoices):
    """Where a platform admin's support access to a firm stands (domain.md: support grant)."""

    PENDING = "pending", _("待批准")
    ACTIVE = "active", _("已批准")
    DECLINED = "declined", _("已拒绝")
    REVOKED = "revoked", _("已撤销")
