"""The hash chain over an estate's posted ledger lines: pure, standard library only.

THE FORMAT, BYTE FOR BYTE (tools/verify_ledger.py and the README repeat it; change all three
together, never one):

1. Every posted line of an estate has a sequence number `seq`: 1, 2, 3, ... in posting order,
   without gaps.
2. The line's canonical serialisation is a JSON object with exactly these eleven keys:

   | key            | value                                                                  |
   |----------------|------------------------------------------------------------------------|
   | `amount`       | string: the signed amount in CNY with exactly two decimals, `-` for a  |
   |                | negative (reversing) amount, no `+`, no spaces or separators:          |
   |                | `"1200.00"`, `"-35.50"`                                                |
   | `attachments`  | array of strings `"<kind>:<sha256 of the file, 64 lowercase hex>"`,     |
   |                | sorted ascending (kind is `contract`, `receipt` or `other`); `[]` if none |
   | `category`     | string: the category code (`advertising`, `repairs`, ...)              |
   | `counterparty` | string                                                                 |
   | `date`         | string `YYYY-MM-DD`: the day the income or cost occurred              |
   | `decision`     | integer id of the authorising decision, or `null`                      |
   | `description`  | string                                                                 |
   | `estate`       | integer id of the estate inside the firm                               |
   | `kind`         | string `income` or `expense`                                           |
   | `reverses`     | integer `seq` of the line this one reverses, or `null`                 |
   | `seq`          | integer                                                                |

   written with the keys in that (ascending code-point) order, no whitespace at all (separators
   `,` and `:`), strings with JSON escapes only for `"`, `\\` and control characters below
   U+0020 (`\\b \\f \\n \\r \\t`, others `\\u00XX` in lowercase hex), every other character as
   itself, and the whole text encoded as UTF-8. This is exactly Python's
   `json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")`.
3. The head after line n is the lowercase hex SHA-256 of the ASCII bytes of the head after line
   n-1 (64 characters) immediately followed by line n's canonical bytes:
       head_n = hex(SHA-256(ascii(head_{n-1}) || canonical_n))
   The head before the first line (`GENESIS`) is 64 ASCII zeros.

A line's stored `line_hash` is head_n; a statement records (head_seq, head_hash); the witness
table in the public schema records the same pair when the statement is published.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

GENESIS = "0" * 64
KEYS = (
    "amount",
    "attachments",
    "category",
    "counterparty",
    "date",
    "decision",
    "description",
    "estate",
    "kind",
    "reverses",
    "seq",
)


def amount_text(amount: Decimal) -> str:
    """`Decimal("-35.5")` -> `"-35.50"`; refuses what is not a whole number of cents."""
    if isinstance(amount, float):
        raise TypeError("amounts are Decimal, never float")
    quantized = amount.quantize(Decimal("0.01"))
    if quantized != amount:
        raise ValueError(f"{amount} has more than two decimal places")
    text = f"{quantized:.2f}"
    return "0.00" if text == "-0.00" else text


def canonical_object(
    *,
    seq: int,
    estate: int,
    kind: str,
    category: str,
    occurred_on: date | str,
    amount: Decimal,
    counterparty: str,
    description: str,
    decision: int | None,
    reverses: int | None,
    attachments: Iterable[str] = (),
) -> dict[str, Any]:
    return {
        "amount": amount_text(amount),
        "attachments": sorted(attachments),
        "category": category,
        "counterparty": counterparty,
        "date": occurred_on if isinstance(occurred_on, str) else occurred_on.isoformat(),
        "decision": decision,
        "description": description,
        "estate": estate,
        "kind": kind,
        "reverses": reverses,
        "seq": seq,
    }


def canonical_text(obj: Mapping[str, Any]) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_bytes(obj: Mapping[str, Any]) -> bytes:
    return canonical_text(obj).encode("utf-8")


def link(previous_head: str, canonical: bytes) -> str:
    """head_n from head_{n-1} and line n's canonical bytes."""
    return hashlib.sha256(previous_head.encode("ascii") + canonical).hexdigest()


@dataclass(frozen=True)
class Mismatch:
    seq: int
    line_id: int | None
    expected: str  # what the stored line says
    computed: str  # what its content hashes to


@dataclass(frozen=True)
class ChainCheck:
    checked: int
    head: str  # the recomputed head after the last line checked
    first_mismatch: Mismatch | None
    gap_at: int | None  # the first seq that was missing or out of order


def walk(
    rows: Iterable[Sequence[Any]], *, start_head: str = GENESIS, start_seq: int = 0
) -> ChainCheck:
    """Recompute the chain over rows of (seq, line_id, stored_hash, canonical_bytes) in seq
    order from seq start_seq + 1, starting from `start_head` (the genesis, or a checkpoint: a
    head the witness holds for seq start_seq). Carries on past a mismatch from the RECOMPUTED
    head (so every later stored hash mismatches too): the first mismatch is the line to look
    at."""
    head, count, first, gap = start_head, 0, None, None
    for seq, line_id, stored, canonical in rows:
        count += 1
        if gap is None and seq != start_seq + count:
            gap = start_seq + count
        head = link(head, canonical)
        if first is None and head != stored:
            first = Mismatch(seq=seq, line_id=line_id, expected=stored, computed=head)
    return ChainCheck(checked=count, head=head, first_mismatch=first, gap_at=gap)
