from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SeatEnd(models.TextChoices):
    """Why a committee seat ended before its term."""

    RESIGNED = "resigned", _("辞职")
    REPLACED = "replaced", _("新备案替换")


class RosterChange(models.TextChoices):
    """One kind of change to an estate's committee roster (public history)."""

    FILING_CONFIRMED = "filing_confirmed", _("备案确认")
    SEATED = "seated", _("就任")
    RESIGNED = "resigned", _("辞职")
    REPLACED = "replaced", _("卸任（新备案）")
