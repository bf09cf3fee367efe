"""Pure billing rules (no ORM; `now` is passed in)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .choices import SubscriptionStatus

LOCKED_STATUSES = frozenset(
    {SubscriptionStatus.UNPAID, SubscriptionStatus.CANCELED, SubscriptionStatus.INCOMPLETE_EXPIRED}
)
# a subscription in one of these is the firm's: a second checkout is refused
LIVE_STATUSES = frozenset(
    {
        SubscriptionStatus.TRIALING,
        SubscriptionStatus.ACTIVE,
        SubscriptionStatus.PAST_DUE,
        SubscriptionStatus.UNPAID,
        SubscriptionStatus.INCOMPLETE,
        SubscriptionStatus.PAUSED,
    }
)
# a sync sends the count again within a day only when it grew by more than this
QUANTITY_JUMP = 0.05
QUANTITY_PERIOD = timedelta(days=1)


@dataclass(frozen=True)
class Standing:
    """Where a firm stands: `banner` for firm admins (past due, in grace), `locked` = its
    management features are read-only."""

    status: str
    banner: bool
    locked: bool
    grace_ends_at: datetime | None


def standing(
    *,
    status: str,
    past_due_since: datetime | None,
    grace_days: int,
    trial_ends_at: datetime | None,
    extended_until: datetime | None,
    now: datetime,
) -> Standing:
    """Past due: a banner, locked once the grace period is over. Unpaid, canceled, expired:
    locked. Never subscribed: locked once the local trial is over. A platform admin's
    extension unlocks until its end. Nothing here ever deletes anything."""
    extended = extended_until is not None and now < extended_until
    grace_ends_at = None
    if status == SubscriptionStatus.PAST_DUE:
        grace_ends_at = (past_due_since or now) + timedelta(days=grace_days)
        locked = now >= grace_ends_at
        return Standing(status, True, locked and not extended, grace_ends_at)
    if status in LOCKED_STATUSES:
        return Standing(status, True, not extended, None)
    if status == SubscriptionStatus.NONE:
        over = trial_ends_at is not None and now >= trial_ends_at
        return Standing(status, over, over and not extended, None)
    return Standing(status, False, False, None)


def quantity_due(
    *, counted: int, sent: int | None, sent_at: datetime | None, now: datetime
) -> bool:
    """Send the count when it differs from what Stripe has, at most once a day, unless it grew
    by more than 5 % (a big import is billed at once)."""
    if sent is None:
        return True
    if counted == sent:
        return False
    if sent_at is None or now - sent_at >= QUANTITY_PERIOD:
        return True
    return counted > sent * (1 + QUANTITY_JUMP)


def graduated_amount(*, tiers: list[dict[str, int | None]], quantity: int) -> int:
    """The amount of `quantity` units at graduated tiers ([{"up_to", "unit_amount"}], the last
    with up_to None), in the currency's minor unit."""
    total = 0
    floor = 0
    for tier in tiers:
        up_to = tier.get("up_to")
        top = quantity if up_to is None else min(quantity, int(up_to))
        if top > floor:
            total += (top - floor) * int(tier.get("unit_amount") or 0)
            floor = top
        if up_to is None or quantity <= int(up_to):
            break
    return total
