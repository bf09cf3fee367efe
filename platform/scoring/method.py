"""The score method, version v1 (METHOD.md states it in words). Pure: no ORM, no clock.

`tools/verify_score.py` implements the same arithmetic again with the standard library only,
so an owner can recompute a published score without trusting this code; a test holds the two
to each other."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

METHOD_VERSION = "v1"
CENT = Decimal("0.01")
HUNDRED = Decimal(100)

# input key -> platform default weight (whole numbers summing to 100)
DEFAULT_WEIGHTS: dict[str, int] = {
    "satisfaction": 40,
    "inspection_pass": 15,
    "rectification": 15,
    "complaint_on_time": 10,
    "complaint_reopen": 5,
    "complaint_rating": 10,
    "complaint_response": 5,
}
INPUTS: list[str] = list(DEFAULT_WEIGHTS)
SUPERVISION_INPUTS = frozenset({"inspection_pass", "rectification"})


def q(value: Decimal) -> Decimal:
    """Two places, half up (the verifier rounds the same way)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _rate(numerator: int, denominator: int) -> Decimal:
    return q(Decimal(numerator) * HUNDRED / Decimal(denominator))


def _rating(mean: Decimal) -> Decimal:
    return q((mean - 1) / 4 * HUNDRED)


@dataclass(frozen=True)
class Input:
    key: str
    available: bool
    counts: dict[str, Any]
    value: Decimal | None = None
    score: Decimal | None = None
    reason: str = ""  # why an input is left out ("no_data", "supervision_absent")

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "available": self.available,
            "reason": self.reason,
            "counts": self.counts,
            "value": None if self.value is None else str(self.value),
            "score": None if self.score is None else str(self.score),
        }


def input_from_counts(key: str, counts: Mapping[str, Any], *, reason: str = "") -> Input:
    """Value and 0–100 score of one input from the counts behind it (METHOD.md, "Inputs")."""
    c = dict(counts)
    if reason:
        return Input(key, False, c, reason=reason)
    value: Decimal | None = None
    score: Decimal | None = None
    if key == "satisfaction":
        if c["ratings_count"]:
            value = q(Decimal(c["ratings_sum"]) / Decimal(c["ratings_count"]))
            score = _rating(value)
    elif key == "inspection_pass":
        if c["items_inspected"]:
            value = score = _rate(c["items_passed"], c["items_inspected"])
    elif key == "rectification":
        if c["rectifications_opened"]:
            value = score = _rate(c["rectifications_verified"], c["rectifications_opened"])
    elif key == "complaint_on_time":
        if c["clocks_stopped"]:
            value = score = _rate(c["clocks_on_time"], c["clocks_stopped"])
    elif key == "complaint_reopen":
        if c["ever_resolved"]:
            value = _rate(c["reopened"], c["ever_resolved"])
            score = HUNDRED - value
    elif key == "complaint_rating":
        if c["rated_count"] and c["average_rating"] is not None:
            value = q(Decimal(c["average_rating"]))
            score = _rating(value)
    elif key == "complaint_response":
        if c["answered"] and c["p90_hours"] is not None:
            value = q(Decimal(c["p90_hours"]))
            limit = Decimal(c["limit_hours"])
            score = HUNDRED if value <= limit else q(min(HUNDRED, limit * HUNDRED / value))
    else:
        raise KeyError(key)
    if score is None:
        return Input(key, False, c, reason="no_data")
    return Input(key, True, c, value=value, score=score)


@dataclass(frozen=True)
class Result:
    score: Decimal | None
    inputs: list[Input] = field(default_factory=list)
    weight_used: int = 0  # the sum of the weights of the inputs that are available


def blend(inputs: list[Input], weights: Mapping[str, int]) -> Result:
    """Σ weight × score over the available inputs ÷ Σ of their weights: an input that is left
    out gives its weight to the others in proportion (METHOD.md, "Missing inputs")."""
    used = [i for i in inputs if i.available and weights.get(i.key, 0) > 0]
    total = sum(weights[i.key] for i in used)
    if not total:
        return Result(None, inputs, 0)
    blended = sum(
        (Decimal(weights[i.key]) * i.score for i in used if i.score is not None), Decimal(0)
    )
    return Result(q(blended / Decimal(total)), inputs, total)


def weights_error(weights: object) -> str | None:
    """Why `weights` is not a valid weight set, or None: every input named once, whole numbers
    0–100, summing to 100."""
    if not isinstance(weights, Mapping) or set(weights) != set(INPUTS):
        return "keys"
    for value in weights.values():
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            return "value"
    if sum(weights.values()) != 100:
        return "sum"
    return None
