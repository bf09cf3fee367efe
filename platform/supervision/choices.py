from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceLine(models.TextChoices):
    """The property services a checklist covers."""

    SECURITY = "security", _("安保")
    CLEANING = "cleaning", _("保洁")
    GREENING = "greening", _("绿化")
    MAINTENANCE = "maintenance", _("维修")
    FIRE = "fire", _("消防")
    PARKING = "parking", _("停车")
    SERVICE = "service", _("客服")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("每周")
    MONTHLY = "monthly", _("每月")
    ONCE = "once", _("一次性")


class Result(models.TextChoices):
    PASS = "pass", _("合格")
    FAIL = "fail", _("不合格")
    NA = "na", _("不适用")


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("进行中")
    SUBMITTED = "submitted", _("已提交")


class RectificationStatus(models.TextChoices):
    """Derived from the events: open (nothing answered yet or rejected), answered (waiting for
    the committee), verified (closed by the committee)."""

    OPEN = "open", _("待整改")
    ANSWERED = "answered", _("待验收")
    VERIFIED = "verified", _("已验收")


class EventKind(models.TextChoices):
    OPENED = "opened", _("发起整改")
    ANSWER = "answer", _("物业答复")
    VERIFY = "verify", _("验收通过")
    REJECT = "reject", _("验收不通过")
    REASSIGN = "reassign", _("改派")


class PhotoStage(models.TextChoices):
    BEFORE = "before", _("整改前")
    AFTER = "after", _("整改后")


OPEN_STATUSES = (RectificationStatus.OPEN, RectificationStatus.ANSWERED)
