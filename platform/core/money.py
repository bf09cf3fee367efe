"""Money: CNY as Decimal with two places, never float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def cny(value: Decimal | int | str) -> Decimal:
    if isinstance(value, float):
        raise TypeError("Money must not be a float; pass a str or Decimal.")
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def format_cny(value: Decimal) -> str:
    return f"¥{cny(value):,.2f}"
