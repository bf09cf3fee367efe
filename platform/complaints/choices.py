from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("投诉")
    REPAIR = "repair", _("报修")
    SUGGESTION = "suggestion", _("建议")


class Category(models.TextChoices):
    REPAIR = "repair", _("维修")
    CLEANING = "cleaning", _("保洁")
    SECURITY = "security", _("安保")
    GREENING = "greening", _("绿化")
    PARKING = "parking", _("停车")
    NOISE = "noise", _("噪音")
    FEES = "fees", _("收费")
    OTHER = "other", _("其他")


class Urgency(models.TextChoices):
    EMERGENCY = "emergency", _("紧急")
    NORMAL = "normal", _("一般")


class Channel(models.TextChoices):
    APP = "app", _("App")
    WEB = "web", _("网页")
    PHONE = "phone", _("电话")
    FRONT_DESK = "front_desk", _("前台")
    WALK_IN = "walk_in", _("上门")
    PAPER = "paper", _("纸质")
    WECHAT = "wechat", _("微信")
    SYSTEM = "system", _("系统")  # the machine's own steps: dispatch, auto-close, escalation


class HotTopicStatus(models.TextChoices):
    SUGGESTED = "suggested", _("待决定")
    ACCEPTED = "accepted", _("已采纳")
    DISMISSED = "dismissed", _("已忽略")


# The channels people use; "system" is the machine's own and never accepted as input.
PEOPLE_CHANNELS = [(value, label) for value, label in Channel.choices if value != Channel.SYSTEM]


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("待受理")
    ACCEPTED = "accepted", _("已受理")
    IN_PROGRESS = "in_progress", _("处理中")
    DEFERRED = "deferred", _("暂缓")
    RESOLVED = "resolved", _("已解决")
    CLOSED = "closed", _("已关闭")
    REJECTED = "rejected", _("已驳回")
    REOPENED = "reopened", _("已重开")
    WITHDRAWN = "withdrawn", _("已撤回")


class ClockKind(models.TextChoices):
    RESPONSE = "response", _("响应")
    PLAN = "plan", _("方案")
    RESOLUTION = "resolution", _("办结")


class ClockState(models.TextChoices):
    """How a clock reads on screen: running or paused, or stopped and then met, missed, or
    stopped for a reason that leaves nothing to judge (a rejection, a withdrawal)."""

    RUNNING = "running", _("计时中")
    PAUSED = "paused", _("计时暂停")
    MET = "met", _("按时完成")
    MISSED = "missed", _("超时完成")
    STOPPED = "stopped", _("已停止")


class StopReason(models.TextChoices):
    """Why a clock stopped before its work was done (blank: it ran to its end)."""

    REJECTED = "rejected", _("已驳回")
    WITHDRAWN = "withdrawn", _("已撤回")


class Colour(models.TextChoices):
    GREEN = "green", _("绿色")
    YELLOW = "yellow", _("黄色")
    RED = "red", _("红色")


class RatingTag(models.TextChoices):
    SLOW = "slow", _("太慢")
    POOR_QUALITY = "poor_quality", _("质量差")
    RUDE = "rude", _("态度差")
    NOT_FIXED = "not_fixed", _("没修好")
    NO_UPDATE = "no_update", _("没有进度通知")
    GOOD = "good", _("服务好")
