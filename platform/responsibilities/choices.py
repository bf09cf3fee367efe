from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Party(models.TextChoices):
    """Who is responsible for a matter."""

    FIRM = "firm", _("物业服务企业")
    COMMITTEE = "committee", _("业主委员会")
    RESIDENTS_COMMITTEE = "residents_committee", _("居民委员会")
    OWNERS = "owners", _("业主（业主大会）")


class Side(models.TextChoices):
    """The two sides that edit the list together."""

    FIRM = "firm", _("物业")
    COMMITTEE = "committee", _("业委会")


class RevisionStatus(models.TextChoices):
    PROPOSED = "proposed", _("待对方确认")
    AGREED = "agreed", _("已生效")
    DECLINED = "declined", _("未获同意")
    SUPERSEDED = "superseded", _("已被新提议取代")
