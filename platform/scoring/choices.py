from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    OPEN = "open", _("进行中")
    CLOSED = "closed", _("已结束")


class Dimension(models.TextChoices):
    """The template's dimensions, in the order a resident answers them."""

    OVERALL = "overall", _("总体")
    CLEANING = "cleaning", _("保洁")
    SECURITY = "security", _("安保")
    GREENING = "greening", _("绿化")
    REPAIRS = "repairs", _("维修")
    SERVICE = "service", _("客服")


DIMENSIONS: list[str] = [d.value for d in Dimension]


class Voice(models.TextChoices):
    OWNER = "owner", _("业主")
    OCCUPANT = "occupant", _("住户")


class Channel(models.TextChoices):
    ONLINE = "online", _("线上")
    PAPER = "paper", _("纸质（业委会录入）")


class Side(models.TextChoices):
    FIRM = "firm", _("物业公司")
    COMMITTEE = "committee", _("业委会")


class AlertKind(models.TextChoices):
    IMPROVEMENT_PLAN = "improvement_plan", _("整改提升计划")
    RETENDER = "retender", _("建议业主大会考虑重新选聘")
