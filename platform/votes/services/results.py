"""The published result: every input and the outcome, hashed (tools/verify_vote.py)."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.utils import translation

from accounts.models import User
from estates.models import Building

from .. import selectors
from ..choices import VoteStatus
from ..exceptions import (
    WrongStage,
)
from ..models import Ballot, Result, Vote
from ..policies import (
    PUBLISH_DAYS,
    Rule,
    counted_ballot,
)
from .common import (
    EXPORT_FORMAT,
    _committee,
    _locked,
    _now,
)
from .tell import post_result_notice, tell_published


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def _share(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"


def canonical(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def export_of(vote: Vote) -> dict[str, Any]:
    """Every input of the result and the outcome, without names or ballot order, with the
    SHA-256 of each counted ballot's receipt (an owner finds theirs; it proves inclusion, never
    the choice) and `digest`. A secret vote gives each option's area and headcount (`counts`)
    and the headcount per channel; an open one lists the counted ballots (choice, channel, area;
    sorted, no names)."""
    outcome, found = selectors.live_outcome(vote=vote)
    areas = selectors.elector_areas(vote=vote)
    rule = Rule.from_json(vote.rule)
    receipts: list[str] = []
    for elector_id, facts in selectors.ballots_by_elector(vote=vote).items():
        pick, _conflict = counted_ballot(facts)
        if pick is None:
            continue
        receipt = (
            Ballot.objects.filter(vote=vote, elector_id=elector_id, revision=pick.revision)
            .values_list("receipt", flat=True)
            .get()
        )
        receipts.append(selectors.receipt_hash(receipt))
    counted_ballots: dict[str, Any]
    if vote.secret:
        # per option only: a ballot's area (often one owner's own) never stands next to its
        # choice, nor its channel (a handful of paper ballots would narrow it down)
        counts = [
            {
                "choice": index,
                "heads": sum(1 for c in found.choices.values() if c == index),
                "area": _money(
                    sum(
                        (areas[eid] for eid, c in found.choices.items() if c == index),
                        Decimal("0"),
                    )
                ),
            }
            for index in range(len(vote.options))
        ]
        channels = {
            name: sum(1 for c in found.channels.values() if c == name)
            for name in ("online", "paper")
        }
        counted_ballots = {"counts": counts, "channels": channels}
    else:
        ballots = sorted(
            (
                {"choice": choice, "channel": found.channels[eid], "area": _money(areas[eid])}
                for eid, choice in found.choices.items()
            ),
            key=lambda b: (b["choice"], b["channel"], Decimal(str(b["area"]))),
        )
        counted_ballots = {"ballots": ballots}
    buildings = selectors.turnout_by_building(vote=vote, choices=found.choices)
    names = dict(Building.objects.filter(estate_id=vote.estate_id).values_list("pk", "name"))
    payload: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "vote": {
            "id": vote.pk,
            "estate": vote.estate_id,
            "title": vote.title,
            "options": list(vote.options),
            "matter": vote.matter,
            "kind": vote.kind,
            "secret": vote.secret,
            "building_ids": list(vote.building_ids),
            "opens_at": vote.opens_at.isoformat(),
            "closes_at": vote.closes_at.isoformat(),
            "electorate_day": vote.electorate_day.isoformat() if vote.electorate_day else None,
        },
        "rule": {
            "kind": rule.kind,
            **{
                name: {"share": _share(t.share), "at_least": t.at_least}
                for name, t in (
                    ("turnout_area", rule.turnout_area),
                    ("turnout_heads", rule.turnout_heads),
                    ("pass_area", rule.pass_area),
                    ("pass_heads", rule.pass_heads),
                )
            },
        },
        "rule_text": rule.text(),
        "electorate": sorted(_money(a) for a in areas.values()),
        **counted_ballots,
        "receipts": sorted(receipts),
        "outcome": {
            "electorate_area": _money(outcome.electorate_area),
            "electorate_heads": outcome.electorate_heads,
            "voted_area": _money(outcome.voted_area),
            "voted_heads": outcome.voted_heads,
            "turnout_area_met": outcome.turnout_area_met,
            "turnout_heads_met": outcome.turnout_heads_met,
            "quorum": outcome.quorum,
            "options": [
                {
                    "index": o.index,
                    "label": vote.options[o.index],
                    "area": _money(o.area),
                    "heads": o.heads,
                    "passes": o.passes,
                }
                for o in outcome.options
            ],
            "adopted": outcome.adopted,
            "passed": outcome.passed,
        },
        "buildings": [
            {
                "building": names.get(b.building_id, str(b.building_id)),
                "electorate_area": _money(b.electorate_area),
                "electorate_heads": b.electorate_heads,
                "voted_area": _money(b.voted_area),
                "voted_heads": b.voted_heads,
            }
            for b in buildings
        ],
    }
    payload["digest"] = hashlib.sha256(canonical(payload)).hexdigest()
    return payload


def _publish(locked: Vote, by: User | None, at: datetime) -> Result:
    with translation.override("zh-hans"):  # the published text is fixed, in Chinese
        export = export_of(locked)
    result = Result.objects.create(
        vote=locked,
        export=export,
        digest=export["digest"],
        passed=export["outcome"]["passed"],
        rule_text=export["rule_text"][:500],
        published_by=by,
        published_at=at,
    )
    locked.status = VoteStatus.PUBLISHED
    locked.save(update_fields=["status"])
    tell_published(locked, result)
    post_result_notice(locked, result)
    return result


@transaction.atomic
def vote_publish(*, user: User, vote: Vote, now: datetime | None = None) -> Result:
    """The committee publishes the result with its inputs and digest (never changed after)."""
    _committee(user, vote.estate_id)
    locked = _locked(vote)
    if locked.status != VoteStatus.CLOSED:
        raise WrongStage()
    return _publish(locked, user, _now(now))


def publish_overdue(*, now: datetime) -> int:
    """The deadline engine's timer: a closed vote whose result the committee has not published
    within 7 days of the close is published by the platform (the result is arithmetic; nobody
    may sit on it). Each vote in its own transaction, locked, skipped if already taken."""
    done = 0
    due = Vote.objects.filter(
        status=VoteStatus.CLOSED, closed_at__lte=now - timedelta(days=PUBLISH_DAYS)
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            locked = (
                Vote.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status=VoteStatus.CLOSED)
                .first()
            )
            if locked is not None:
                _publish(locked, None, now)
                done += 1
    return done
