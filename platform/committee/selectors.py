"""Who holds the committee's supervision powers: the ONE place that decides it."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from accounts.models import User
from estates.models import CommitteeMembership


def supervised_estate_ids(user: User, *, today: date | None = None) -> frozenset[int]:
    """The estates in which `user` holds a current committee seat with supervision powers."""
    if not user.is_authenticated:
        return frozenset()
    cache_key = "_linli_supervised"
    cached = getattr(user, cache_key, None)
    if cached is not None and today is None:
        return cached
    day = today or timezone.localdate()
    ids = frozenset(
        CommitteeMembership.objects.filter(
            user_id=user.pk, term_start__lte=day, term_end__gte=day
        ).values_list("estate_id", flat=True)
    )
    if today is None:
        setattr(user, cache_key, ids)
    return ids


def is_supervisor(user: User, estate_id: int, *, today: date | None = None) -> bool:
    """True when `user` may act for the committee of `estate_id` (inspect, verify, sign off)."""
    return estate_id in supervised_estate_ids(user, today=today)
