"""Pure cell rules: turn what a spreadsheet cell holds into a clean value, or say why not.

No ORM here. Each parser returns the clean value or raises CellError with a message in
Chinese and English, which the validation step puts on the row.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, time
from decimal import ROUND_DOWN, Decimal, InvalidOperation

from ..phones import normalize_phone
from .columns import KIND_LABELS, USE_LABELS

MAX_AREA = Decimal("100000")
HUNDRED = Decimal("100")
CENT = Decimal("0.01")

REQUIRED = "缺少必填项 Required field is missing"
BAD_AREA = "面积无效 Invalid area (m², > 0 and < 100000, at most 2 decimals)"
BAD_FLOOR = "楼层无效 Invalid floor (a whole number)"
BAD_FLOORS = "楼层数无效 Invalid number of floors (a whole number 0–300)"
BAD_USE = "用途无效 Invalid use (住宅/商铺/车位/其他 or residential/shop/parking/other)"
BAD_KIND = "住户类型无效 Invalid occupant kind (住户/租户 or occupant/tenant)"
BAD_SHARE = "份额无效 Invalid share (a percentage > 0 and ≤ 100, at most 2 decimals)"
BAD_PHONE = "电话无效 Invalid phone (11-digit mobile or landline with area code)"
BAD_ID_NUMBER = "证件号无效 Invalid ID number: enter it as text, at most 30 characters"
BAD_TEXT = "内容无效 Invalid value"


class CellError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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
        raise CellError(f"内容过长 Too long (at most {max_length} characters)")
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


def whole_number(value: object, *, low: int, high: int, message: str) -> int:
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


def _choice(value: object, labels: dict[str, str], message: str) -> str:
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
