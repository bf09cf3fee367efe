from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Side(models.TextChoices):
    """Who speaks in a notice."""

    FIRM = "firm", _("物业")
    COMMITTEE = "committee", _("业委会")
