from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubscriptionStatus(models.TextChoices):
    """Stripe's subscription statuses, plus `none` (never subscribed: the local trial)."""

    NONE = "none", _("未订阅")
    TRIALING = "trialing", _("试用中")
    ACTIVE = "active", _("正常")
    PAST_DUE = "past_due", _("逾期未付")
    UNPAID = "unpaid", _("欠费")
    CANCELED = "canceled", _("已取消")
    INCOMPLETE = "incomplete", _("待完成")
    INCOMPLETE_EXPIRED = "incomplete_expired", _("已失效")
    PAUSED = "paused", _("已暂停")


class CollectionMethod(models.TextChoices):
    CHARGE_AUTOMATICALLY = "charge_automatically", _("自动扣款")
    SEND_INVOICE = "send_invoice", _("发送账单（银行转账）")


class Interval(models.TextChoices):
    MONTH = "month", _("按月")
    YEAR = "year", _("按年")


class EventState(models.TextChoices):
    RECEIVED = "received", _("已接收")
    PROCESSED = "processed", _("已处理")
    IGNORED = "ignored", _("已忽略")
    FAILED = "failed", _("处理失败")


class ActionKind(models.TextChoices):
    """What a platform admin did to a firm's billing (the audit trail)."""

    COLLECTION = "collection", _("更改收款方式")
    PAID_OUT_OF_BAND = "paid_out_of_band", _("登记线下付款")
    EXTENSION = "extension", _("手动延期")
