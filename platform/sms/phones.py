"""Mainland mobile numbers: one canonical form (11 digits) for whatever people type."""

from __future__ import annotations

import re

_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def normalize(raw: str) -> str | None:
    """'+86 139-1234-5678', '0086 13912345678', '139 1234 5678' -> '13912345678'; None if it
    is not a mainland mobile number."""
    digits = re.sub(r"[\s\-()（）]", "", raw or "")
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits if _MOBILE.match(digits) else None
