from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Side(models.TextChoices):
    """Who speaks in a notice: the firm, the committee, or the system (a notice posted when a
    statement, a score, an inspection report or a vote result is published; nobody's words,
    nobody edits or retracts it)."""

    FIRM = "firm", _("物业")
    COMMITTEE = "committee", _("业委会")
    SYSTEM = "system", _("系统")


class Kind(models.TextChoices):
    """What a notice is about. People choose among MANUAL_KINDS; SYSTEM_KINDS are posted only
    by the system, when their source is published (a database constraint holds both)."""

    GENERAL = "general", _("通知")
    OUTAGE = "outage", _("停水停电")
    WORKS = "works", _("施工维修")
    MEETING = "meeting", _("会议")
    INSPECTION = "inspection", _("巡查报告")
    STATEMENT = "statement", _("收益公示")
    SCORE = "score", _("服务评分")
    VOTE = "vote", _("表决结果")


MANUAL_KINDS: tuple[str, ...] = (Kind.GENERAL, Kind.OUTAGE, Kind.WORKS, Kind.MEETING)
SYSTEM_KINDS: tuple[str, ...] = (Kind.INSPECTION, Kind.STATEMENT, Kind.SCORE, Kind.VOTE)

# (value, label) pairs: what a person may choose, and the two sides people speak for (the API's
# ActingSideEnum, shared with the responsibility list and vote decisions)
MANUAL_KIND_CHOICES = [(value, label) for value, label in Kind.choices if value in MANUAL_KINDS]
PEOPLE_SIDES = [(value, label) for value, label in Side.choices if value != Side.SYSTEM]
