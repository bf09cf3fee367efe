from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class FirmStatus(models.TextChoices):
    ACTIVE = "active", _("正常")
    SUSPENDED = "suspended", _("已暂停")


class ProvisioningStatus(models.TextChoices):
    PENDING = "pending", _("开通中")
    READY = "ready", _("已开通")
    FAILED = "failed", _("开通失败")
