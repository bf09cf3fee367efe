#!/usr/bin/env python3
"""Recompute a published estate score from its export, offline, with the standard library only.

    python3 tools/verify_score.py export.json

Method v1 (platform/scoring/METHOD.md) is implemented here a second time on purpose: an owner
need not trust the platform's code. Prints the score when every figure agrees, else the first
line of the export whose figure differs, what it says and what it should say (exit status 1).
"""

from __future__ import annotations

import json
import sys
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
INPUTS = [
    "satisfaction",
    "inspection_pass",
    "rectification",
    "complaint_on_time",
    "complaint_reopen",
    "complaint_rating",
    "complaint_response",
]


def q(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def rate(num: int, den: int) -> Decimal:
    return q(Decimal(num) * HUNDRED / Decimal(den))


def recompute(key: str, c: dict) -> tuple[Decimal | None, Decimal | None]:
    """(value, score) of one input from its counts; (None, None) when there is no data."""
    if key == "satisfaction" and c["ratings_count"]:
        value = q(Decimal(c["ratings_sum"]) / Decimal(c["ratings_count"]))
        return value, q((value - 1) / 4 * HUNDRED)
    if key == "inspection_pass" and c["items_inspected"]:
        value = rate(c["items_passed"], c["items_inspected"])
        return value, value
    if key == "rectification" and c["rectifications_opened"]:
        value = rate(c["rectifications_verified"], c["rectifications_opened"])
        return value, value
    if key == "complaint_on_time" and c["clocks_stopped"]:
        value = rate(c["clocks_on_time"], c["clocks_stopped"])
        return value, value
    if key == "complaint_reopen" and c["ever_resolved"]:
        value = rate(c["reopened"], c["ever_resolved"])
        return value, HUNDRED - value
    if key == "complaint_rating" and c["rated_count"] and c["average_rating"] is not None:
        value = q(Decimal(c["average_rating"]))
        return value, q((value - 1) / 4 * HUNDRED)
    if key == "complaint_response" and c["answered"] and c["p90_hours"] is not None:
        value = q(Decimal(c["p90_hours"]))
        limit = Decimal(c["limit_hours"])
        return value, HUNDRED if value <= limit else q(min(HUNDRED, limit * HUNDRED / value))
    return None, None


class Mismatch(Exception):
    pass


def _line_of(lines: list[str], needles: list[str]) -> int:
    """The first line holding each needle in turn (1-based), for the report."""
    at = 0
    for needle in needles:
        for n in range(at, len(lines)):
            if needle in lines[n]:
                at = n
                break
    return at + 1


def check(text: str) -> Decimal | None:
    doc = json.loads(text)
    lines = text.splitlines()

    def differ(needles: list[str], what: str, said: object, should: object) -> None:
        line = _line_of(lines, needles)
        raise Mismatch(f"line {line}: {what}: the export says {said!r}, recomputed {should!r}")

    if doc.get("method") != "v1":
        differ(['"method"'], "method", doc.get("method"), "v1")
    weights = doc["weights"]
    if sorted(weights) != sorted(INPUTS) or sum(weights.values()) != 100:
        differ(['"weights"'], "weights", weights, "one whole number per input, summing to 100")
    total_weight = 0
    blended = Decimal(0)
    for item in doc["inputs"]:
        key = item["key"]
        anchor = f'"key": "{key}"'
        if item["available"]:
            value, score = recompute(key, item["counts"])
            if score is None:
                differ([anchor, '"available"'], f"{key}.available", True, False)
            if item["value"] != str(value):
                differ([anchor, '"value"'], f"{key}.value", item["value"], str(value))
            if item["score"] != str(score):
                differ([anchor, '"score"'], f"{key}.score", item["score"], str(score))
            if weights[key] > 0:
                total_weight += weights[key]
                blended += Decimal(weights[key]) * Decimal(item["score"])
        elif item.get("reason") != "supervision_absent":
            value, score = recompute(key, item["counts"])
            if score is not None:
                differ([anchor, '"available"'], f"{key}.available", False, True)
    score = q(blended / Decimal(total_weight)) if total_weight else None
    said = doc["score"]
    should = None if score is None else str(score)
    if said != should:
        top = next((n for n, text in enumerate(lines) if text.startswith('  "score"')), 0)
        raise Mismatch(f"line {top + 1}: score: the export says {said!r}, recomputed {should!r}")
    return score


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        text = f.read()
    try:
        score = check(text)
    except Mismatch as exc:
        print(f"DIFFERS {exc}")
        return 1
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        print(f"DIFFERS the export cannot be read: {exc!r}")
        return 1
    doc = json.loads(text)
    weights_note = (
        "agreed by firm and committee"
        if doc.get("weights_source") == "agreed"
        else "platform default"
    )
    supervision = "included" if doc.get("supervision_included") else "absent (weights shared out)"
    print(f"weights: {weights_note}; supervision: {supervision}")
    print(f"score {score if score is not None else 'null'} (method v1): the same as published")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
