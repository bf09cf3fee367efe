"""Chinese phone numbers in one canonical form (pure): people are recorded, imported and
matched by it."""

from __future__ import annotations

import re
import unicodedata

_PHONE_NOISE = re.compile(r"[\s\-()（）—–.]")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{9,11}")


def normalize_phone(raw: str) -> str | None:
    """The canonical form of a Chinese phone number, or None when it is not one.

    Mobiles are 11 digits (13912345678); landlines keep their area code with a dash
    (010-12345678, 0571-87654321): 010 and 02x are the three-digit area codes."""
    digits = _PHONE_NOISE.sub("", unicodedata.normalize("NFKC", raw))
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix) :]
    if len(digits) == 13 and digits.startswith("861"):
        digits = digits[2:]
    if _MOBILE.fullmatch(digits):
        return digits
    if _LANDLINE.fullmatch(digits):
        code = 3 if digits[1] in "12" else 4
        local = digits[code:]
        if 7 <= len(local) <= 8:
            return f"{digits[:code]}-{local}"
    return None
