"""Pure cell rules: turn what a spreadsheet cell holds into a clean value, or say why not.

No ORM here. Each parser returns the clean value or raises CellError with a message (gettext,
Chinese source) that the validation step puts on the row in the user's language.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, time
from decimal import ROUND_DOWN, Decimal, InvalidOperation

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..phones import normalize_phone
from .columns import KIND_LABELS, USE_LABELS

MAX_AREA = Decimal("100000")
HUNDRED = Decimal("100")
CENT = Decimal("0.01")

REQUIRED = _("缺少必填项")
BAD_AREA = _("面积无效（平方米，大于 0、小于 100000，最多两位小数）")
BAD_FLOOR = _("楼层无效（应为整数）")
BAD_FLOORS = _("楼层数无效（应为 0–300 的整数）")
BAD_USE = _("用途无效（住宅、商铺、车位或其他）")
BAD_KIND = _("住户类型无效（住户或租户）")
BAD_SHARE = _("份额无效（百分比，大于 0、不超过 100，最多两位小数）")
BAD_PHONE = _("电话无效（11 位手机号或带区号的固定电话）")
BAD_ID_NUMBER = _("证件号无效：请以文本格式填写，最多 30 个字符")
BAD_TEXT = _("内容无效")


class CellError(ValueError):
    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = str(message)


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _plain(value: object) -> str:
    """Text as typed with a Chinese input method made plain: full-width digits, letters and
    punctuation (１０１, （）, ％) become their ASCII forms."""
    return unicodedata.normalize("NFKC", str(value)).strip()


def text(value: object, *, max_length: int) -> str:
    """A cell as text: Excel gives 101 or 101.0 for "101"; whitespace runs become one space."""
    if value is None:
        return ""
    if isinstance(value, bool | datetime | date | time):
        raise CellError(BAD_TEXT)
    if isinstance(value, float):
        value = int(value) if value.is_integer() else repr(value)
    result = " ".join(_plain(value).split())
    if len(result) > max_length:
        raise CellError(_("内容过长（最多 %(max)s 个字）") % {"max": max_length})
    return result


def _decimal(value: object) -> Decimal:
    if isinstance(value, bool | datetime | date | time):
        raise InvalidOperation
    if isinstance(value, float):
        return Decimal(repr(value))  # the shortest repr: 89.5, never 89.4999999
    if isinstance(value, int | Decimal):
        return Decimal(value)
    return Decimal(_plain(value).replace(",", ""))


def _two_places(number: Decimal) -> bool:
    return number.is_finite() and number == number.quantize(CENT)


_AREA_UNITS = ("平方米", "平米", "m2")


def area(value: object) -> Decimal:
    if isinstance(value, str):
        value = _plain(value).lower()
        for suffix in _AREA_UNITS:  # "89.5㎡" and "89.5平米" mean 89.5
            value = value.removesuffix(suffix).strip()
    try:
        number = _decimal(value)
    except (InvalidOperation, ValueError):
        raise CellError(BAD_AREA) from None
    if not _two_places(number) or not (0 < number < MAX_AREA):
        raise CellError(BAD_AREA)
    return number.quantize(CENT)


def whole_number(value: object, *, low: int, high: int, message: str | Promise) -> int:
    try:
        number = _decimal(value)
    except (InvalidOperation, ValueError):
        raise CellError(message) from None
    if not number.is_finite() or number != number.to_integral_value() or not low <= number <= high:
        raise CellError(message)
    return int(number)


def floor(value: object) -> int:
    return whole_number(value, low=-20, high=300, message=BAD_FLOOR)


def floors(value: object) -> int:
    return whole_number(value, low=0, high=300, message=BAD_FLOORS)


def _choice(value: object, labels: dict[str, str], message: str | Promise) -> str:
    word = _plain(value)
    if word in labels:
        return labels[word]
    if word.lower() in labels.values():
        return word.lower()
    raise CellError(message)


def use(value: object) -> str:
    return _choice(value, USE_LABELS, BAD_USE)


def occupant_kind(value: object) -> str:
    return _choice(value, KIND_LABELS, BAD_KIND)


def share(value: object) -> Decimal:
    raw = _plain(value).rstrip("%").strip() if isinstance(value, str) else value
    try:
        number = _decimal(raw)
    except (InvalidOperation, ValueError):
        raise CellError(BAD_SHARE) from None
    if not _two_places(number) or not (0 < number <= HUNDRED):
        raise CellError(BAD_SHARE)
    return number.quantize(CENT)


def split_share(remaining: Decimal, ways: int) -> Decimal:
    """Equal shares of what is left, rounded down to the cent so the total never passes 100."""
    return (remaining / ways).quantize(CENT, rounding=ROUND_DOWN)


def is_masked(value: object) -> bool:
    """A masked value from an export (137****1111, 3101**********0047): the reader could not
    see the stored one, so importing the file back keeps it, as a blank cell does."""
    return isinstance(value, str) and "**" in value


def phone(value: object) -> str:
    if is_masked(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise CellError(BAD_PHONE)
    normalized = normalize_phone(str(value))
    if normalized is None:
        raise CellError(BAD_PHONE)
    return normalized


def id_number(value: object) -> str:
    # A float means Excel stored it as a number and already dropped the digits after the 15th.
    if is_masked(value):
        return ""
    if isinstance(value, float):
        raise CellError(BAD_ID_NUMBER)
    try:
        return text(value, max_length=30).upper()
    except CellError:
        raise CellError(BAD_ID_NUMBER) from None
