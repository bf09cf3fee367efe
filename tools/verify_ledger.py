#!/usr/bin/env python3
"""Check a Linli disclosure-ledger export offline: `python3 tools/verify_ledger.py export.jsonl`.

Standard library only: an owner runs it on their own computer against the file they downloaded
from a statement's page ("下载校验文件", GET /api/v1/statements/{id}/chain/), without trusting
the firm or the platform. Exit status 0 when every line and every head matches, 1 when
something does not (the first line that does not match is named), 2 when the file cannot be
read. `--head SEQ:HEX` adds a head to compare with, e.g. the one printed in the QR code of the
paper notice on the board (repeatable).

THE FORMAT, BYTE FOR BYTE (platform/disclosure/chain.py and the README say the same):

1. Every posted line of an estate has a sequence number `seq`: 1, 2, 3, ... in posting order,
   without gaps.
2. The line's canonical serialisation is a JSON object with exactly these eleven keys, in this
   (ascending code-point) order:
     amount       string, the signed amount in CNY with exactly two decimals, "-" for a
                  negative (reversing) amount, no "+", no spaces or separators: "1200.00"
     attachments  array of strings "<kind>:<sha256 of the file, 64 lowercase hex>", sorted
                  ascending (kind: contract, receipt or other); [] if none
     category     string, the category code (advertising, parking, repairs, ...)
     counterparty string
     date         string YYYY-MM-DD, the day the income or cost occurred
     decision     integer id of the authorising decision, or null
     description  string
     estate       integer id of the estate inside the firm
     kind         string "income" or "expense"
     reverses     integer seq of the line this one reverses, or null
     seq          integer
   written with no whitespace at all (separators "," and ":"), strings with JSON escapes only
   for '"', '\\' and control characters below U+0020 (\\b \\f \\n \\r \\t, others \\u00XX in
   lowercase hex), every other character as itself, encoded as UTF-8. This is exactly Python's
   json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8").
3. head_n = lowercase hex SHA-256( ASCII bytes of head_{n-1} (64 characters) || canonical_n ),
   and head_0 (the genesis) is 64 ASCII zeros "000...0".

THE EXPORT (JSON lines, one object per line, format "linli-ledger/1"):
  {"type": "header", "format": "linli-ledger/1", "firm": ..., "estate": {...}, "genesis": ...}
  {"type": "line", "seq": n, "id": ..., "hash": head_n as stored, "canonical": "<text>"}
  {"type": "head", "source": "statement" | "witness", "statement": id, "seq": n, "head": hex}
The verifier recomputes every head from the canonical texts, compares each with the hash stored
with the line (the first line that does not match is named, with why: not canonical, wrong seq,
or content that changed), and checks every head record (the statement's, the platform
witness's, and any --head) against the recomputed chain.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys

GENESIS = "0" * 64
KEYS = [
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
]


def canonical_text(obj: dict) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def link(previous_head: str, canonical: bytes) -> str:
    return hashlib.sha256(previous_head.encode("ascii") + canonical).hexdigest()


def line_problem(seq: int, text: str) -> str | None:
    """Why `text` is not the canonical form of line `seq`, or None."""
    try:
        obj = json.loads(text)
    except ValueError:
        return "the line is not JSON"
    if not isinstance(obj, dict) or sorted(obj) != KEYS:
        return "the line does not have exactly the eleven fields"
    if canonical_text(obj) != text:
        return "the line is not in canonical form"
    if obj["seq"] != seq:
        return f"the line says seq {obj['seq']}"
    return None


def verify(path: str, extra_heads: list[tuple[int, str]], out=sys.stdout) -> int:
    heads_at: dict[int, str] = {0: GENESIS}
    claims: list[tuple[str, int, str, object]] = []
    head, expected_seq, first_bad, header = GENESIS, 1, None, None
    try:
        handle = open(path, encoding="utf-8")  # noqa: SIM115 (the `with` below closes it)
    except OSError as exc:
        print(f"cannot read {path}: {exc}", file=out)
        return 2
    with handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except ValueError:
                print(f"file line {number}: not JSON", file=out)
                return 2
            kind = record.get("type")
            if kind == "header":
                header = record
                if record.get("format") != "linli-ledger/1":
                    print(f"unknown format {record.get('format')!r}", file=out)
                    return 2
            elif kind == "line":
                seq, text, stored = record["seq"], record["canonical"], record["hash"]
                problem = None
                if seq != expected_seq:
                    problem = f"expected seq {expected_seq} here (a line is missing or moved)"
                head = link(head, text.encode("utf-8"))
                heads_at[seq] = head
                if problem is None and head != stored:
                    problem = (
                        line_problem(seq, text)
                        or "its content does not hash to the head stored with it"
                    )
                if problem is not None and first_bad is None:
                    first_bad = (seq, record.get("id"), problem, text)
                expected_seq = seq + 1
            elif kind == "head":
                claims.append(
                    (
                        record.get("source", "?"),
                        record["seq"],
                        record["head"],
                        record.get("statement"),
                    )
                )
    for seq, value in extra_heads:
        claims.append(("given", seq, value, None))
    if header is not None:
        estate = header.get("estate") or {}
        print(
            f"firm {header.get('firm')} estate {estate.get('code', '')} {estate.get('name', '')}: "
            f"{expected_seq - 1} lines",
            file=out,
        )
    ok = first_bad is None
    if first_bad is not None:
        seq, line_id, problem, text = first_bad
        print(f"MISMATCH first at line seq {seq} (id {line_id}): {problem}", file=out)
        print(f"  content: {text}", file=out)
    for source, seq, value, statement in claims:
        computed = heads_at.get(seq)
        label = (
            f"{source} head"
            + (f" of statement {statement}" if statement else "")
            + f" at seq {seq}"
        )
        if computed is None:
            print(f"MISMATCH {label}: the export has no line {seq}", file=out)
            ok = False
        elif computed != value:
            print(f"MISMATCH {label}: expected {value}, the lines give {computed}", file=out)
            ok = False
        else:
            print(f"ok {label}: {value}", file=out)
    print("OK: every line and every head matches" if ok else "FAILED", file=out)
    return 0 if ok else 1


def _head(text: str) -> tuple[int, str]:
    seq, _, value = text.partition(":")
    if not seq.isdigit() or len(value) != 64:
        raise argparse.ArgumentTypeError("use SEQ:HEX, e.g. 1024:3fa9...")
    return int(seq), value.lower()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("export", help="the .jsonl file downloaded from the statement")
    parser.add_argument(
        "--head", action="append", type=_head, default=[], help="SEQ:HEX from a paper notice"
    )
    args = parser.parse_args(argv)
    return verify(args.export, args.head)


if __name__ == "__main__":
    sys.exit(main())
