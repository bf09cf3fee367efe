from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """Where a clock stands: green while under the yellow point, yellow from it, red at breach."""

    GREEN = "green", _("绿色")
    YELLOW = "yellow", _("黄色")
    RED = "red", _("红色")
