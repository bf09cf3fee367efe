"""The clock: one place to ask for `now`, so policies can take it as an argument and tests can
pass a fixed time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

SHANGHAI = ZoneInfo("Asia/Shanghai")


def now() -> datetime:
    return timezone.now()


def local(dt: datetime) -> datetime:
    return dt.astimezone(SHANGHAI)
