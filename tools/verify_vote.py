#!/usr/bin/env python3
"""Recompute a published owners' vote from its export, offline, with the standard library only.

    python3 tools/verify_vote.py export.json [--receipt CODE]

The export is what GET /api/v1/votes/<id>/export/ returns. Checked here a second time on
purpose, so that an owner need not trust the platform's code:
- the digest: SHA-256 of the export (without `digest`) as canonical JSON;
- the rule: the matter's kind (Civil Code art. 278 items 6-8 are special) and thresholds no
  looser than the law (turnout >= 2/3 of area and headcount; ordinary > 1/2, special >= 3/4);
- the tally: electorate area and headcount, participation, each option's area and headcount,
  the quorum, which option passed — from the electorate and the counted ballots (an open
  vote's list of ballots; a secret vote's per-option sums, each checked possible against the
  electorate's areas), in exact fractions (no floating point);
- one receipt hash per counted ballot; with --receipt, that the receipt's ballot is included
  (the receipt proves inclusion, never the choice).
Prints the result when every figure agrees (exit 0), else each figure that differs (exit 1).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from decimal import Decimal
from fractions import Fraction

SPECIAL_MATTERS = {"fund_raise", "rebuild", "common_use"}
NAMES = ("turnout_area", "turnout_heads", "pass_area", "pass_heads")


def legal(kind: str) -> dict[str, tuple[Fraction, bool]]:
    turnout = (Fraction(2, 3), True)
    passing = (Fraction(3, 4), True) if kind == "special" else (Fraction(1, 2), False)
    return {
        "turnout_area": turnout,
        "turnout_heads": turnout,
        "pass_area": passing,
        "pass_heads": passing,
    }


def as_strict_as(mine: tuple[Fraction, bool], law: tuple[Fraction, bool]) -> bool:
    if mine[0] != law[0]:
        return mine[0] > law[0]
    return law[1] or not mine[1]


def met(threshold: tuple[Fraction, bool], part: Fraction, whole: Fraction) -> bool:
    if whole <= 0:
        return False
    ratio = part / whole
    return ratio >= threshold[0] if threshold[1] else ratio > threshold[0]


def money(value: Fraction) -> str:
    return f"{Decimal(value.numerator) / Decimal(value.denominator):.2f}"


def area(text: str) -> Fraction:
    return Fraction(Decimal(text))


def counts_problems(counts: list[dict], electorate: list[Fraction], options: int) -> list[str]:
    """A secret vote's per-option sums: each option once, and each sum possible in the
    electorate (h ballots weigh at least the h smallest areas and at most the h largest)."""
    problems: list[str] = []
    if sorted(c["choice"] for c in counts) != list(range(options)):
        problems.append("counts: 每个选项须恰好出现一次")
    ordered = sorted(electorate)
    for c in counts:
        h, a = int(c["heads"]), area(c["area"])
        if h < 0 or h > len(ordered):
            problems.append(f"counts: 选项 {c['choice']} 的人数 {h} 不可能")
            continue
        low = sum(ordered[:h], Fraction(0))
        high = sum(ordered[len(ordered) - h :], Fraction(0))
        if not low <= a <= high:
            problems.append(f"counts: 选项 {c['choice']} 的 {h} 人面积 {c['area']} 与业主名册不符")
    return problems


def check(data: dict, receipt: str | None = None) -> list[str]:
    """Every figure of the export that differs from the recomputation (empty: all agree)."""
    problems: list[str] = []
    claimed = data.get("digest")
    body = {k: v for k, v in data.items() if k != "digest"}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode()).hexdigest()
    if digest != claimed:
        problems.append(f"digest: 导出写的是 {claimed}，重算为 {digest}（导出内容被改动过）")

    vote, rule, outcome = data["vote"], data["rule"], data["outcome"]
    kind = "special" if vote["matter"] in SPECIAL_MATTERS else "ordinary"
    if rule["kind"] != kind or vote["kind"] != kind:
        problems.append(f"rule.kind: 导出写的是 {rule['kind']}，该事项应为 {kind}")
    law = legal(kind)
    thresholds = {}
    for name in NAMES:
        th = (Fraction(rule[name]["share"]), bool(rule[name]["at_least"]))
        thresholds[name] = th
        if not as_strict_as(th, law[name]) or th[0] > 1:
            problems.append(f"rule.{name}: {rule[name]} 低于法定标准")

    electorate = [area(a) for a in data["electorate"]]
    total_area, heads = sum(electorate, Fraction(0)), len(electorate)
    options = vote["options"]
    # per option: (area, heads); an open vote lists its ballots, a secret one only these sums
    per_option: dict[int, tuple[Fraction, int]] = {}
    if "counts" in data:
        problems += counts_problems(data["counts"], electorate, len(options))
        for c in data["counts"]:
            per_option[c["choice"]] = (area(c["area"]), int(c["heads"]))
        if sum(data.get("channels", {}).values()) != sum(h for _a, h in per_option.values()):
            problems.append("channels: 各渠道人数之和与选票数不一致")
    else:
        ballots = data["ballots"]
        if any(not 0 <= b["choice"] < len(options) for b in ballots):
            problems.append("ballots: 有选票的选项不存在")
        for index in range(len(options)):
            mine = [b for b in ballots if b["choice"] == index]
            per_option[index] = (sum((area(b["area"]) for b in mine), Fraction(0)), len(mine))
    voted_area = sum((a for a, _h in per_option.values()), Fraction(0))
    voted_heads = sum(h for _a, h in per_option.values())
    if voted_heads > heads:
        problems.append(f"ballots: {voted_heads} 张选票多于 {heads} 位业主")
    if len(data["receipts"]) != voted_heads:
        problems.append(f"receipts: {len(data['receipts'])} 个回执摘要，应为 {voted_heads} 个")
    turnout_area = met(thresholds["turnout_area"], voted_area, total_area)
    turnout_heads = met(thresholds["turnout_heads"], Fraction(voted_heads), Fraction(heads))
    expected = {
        "electorate_area": money(total_area),
        "electorate_heads": heads,
        "voted_area": money(voted_area),
        "voted_heads": voted_heads,
        "turnout_area_met": turnout_area,
        "turnout_heads_met": turnout_heads,
        "quorum": turnout_area and turnout_heads,
    }
    adopted = None
    recomputed_options = []
    for index, label in enumerate(options):
        o_area, o_heads = per_option.get(index, (Fraction(0), 0))
        passes = (
            turnout_area
            and turnout_heads
            and met(thresholds["pass_area"], o_area, voted_area)
            and met(thresholds["pass_heads"], Fraction(o_heads), Fraction(voted_heads))
        )
        if passes and adopted is None:
            adopted = index
        recomputed_options.append(
            {
                "index": index,
                "label": label,
                "area": money(o_area),
                "heads": o_heads,
                "passes": passes,
            }
        )
    expected["options"] = recomputed_options
    expected["adopted"] = adopted
    expected["passed"] = adopted is not None
    for key, value in expected.items():
        if outcome.get(key) != value:
            problems.append(f"outcome.{key}: 导出写的是 {outcome.get(key)!r}，重算为 {value!r}")

    if receipt is not None:
        mine = hashlib.sha256(receipt.strip().encode()).hexdigest()
        if mine not in set(data["receipts"]):
            problems.append("receipt: 这张回执的选票不在公布的结果中")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="重算业主大会表决结果（离线，仅用标准库）")
    parser.add_argument("export", help="表决结果导出文件（JSON）")
    parser.add_argument("--receipt", help="您的投票回执码：核对您的选票已计入")
    args = parser.parse_args(argv)
    with open(args.export, encoding="utf-8") as handle:
        data = json.load(handle)
    problems = check(data, args.receipt)
    if problems:
        for line in problems:
            print(line)
        return 1
    outcome = data["outcome"]
    verdict = (
        f"通过：「{data['vote']['options'][outcome['adopted']]}」"
        if outcome["passed"]
        else ("未达到参与表决人数要求" if not outcome["quorum"] else "未通过")
    )
    print(f"{data['vote']['title']}：{verdict}")
    print(
        f"参与表决 {outcome['voted_heads']}/{outcome['electorate_heads']} 人，"
        f"专有部分面积 {outcome['voted_area']}/{outcome['electorate_area']} 平方米"
    )
    print(f"规则：{data['rule_text']}")
    if args.receipt:
        print("回执已计入（回执只证明选票被计入，不显示投票内容）")
    print(f"摘要 {data['digest']} 核对一致")
    return 0


if __name__ == "__main__":
    sys.exit(main())
