"""Who holds the committee's supervision powers (the ONE place that decides it), and what the
estate reads about its committee: the current roster, its filing, the public history."""

from __future__ import annotations

from datetime import date

from django.db.models import Case, F, Q, QuerySet, Value, When
from django.utils import timezone

from accounts.choices import Role
from accounts.models import User
from estates.models import CommitteeMembership, Estate, OwnerRecord
from tenants.choices import FilingStatus
from tenants.models import CommitteeFiling

from .models import Filing, RosterEvent


def _open_on(day: date) -> Q:
    """Seats in force on `day`: within the term and not ended (a seat ended on `day` is gone
    that very day: a resignation takes effect at once)."""
    return Q(term_start__lte=day, term_end__gte=day) & (
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )


def confirmed_seats(*, day: date | None = None) -> QuerySet[CommitteeMembership]:
    """Seats confirmed by a filing, term current, not resigned or replaced."""
    day = day or timezone.localdate()
    return CommitteeMembership.objects.filter(_open_on(day), filing__isnull=False)


def supervised_estate_ids(user: User, *, today: date | None = None) -> frozenset[int]:
    """The estates in which `user` holds a seat with supervision powers: a seat confirmed by a
    filing, term current, not resigned (unconfirmed seats only read, via scope_for)."""
    if not user.is_authenticated:
        return frozenset()
    cache_key = "_linli_supervised"
    cached = getattr(user, cache_key, None)
    if cached is not None and today is None:
        return cached
    ids = frozenset(
        confirmed_seats(day=today).filter(user_id=user.pk).values_list("estate_id", flat=True)
    )
    if today is None:
        setattr(user, cache_key, ids)
    return ids


def supervisors_of(*, estate_id: int) -> list[User]:
    """The active accounts holding a confirmed seat of the estate today: who speaks for its
    committee and is told what needs the committee."""
    ids = confirmed_seats().filter(estate_id=estate_id).values_list("user_id", flat=True)
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("id"))


def is_supervisor(user: User, estate_id: int, *, today: date | None = None) -> bool:
    """True when `user` may act for the committee of `estate_id` (inspect, verify, sign off)."""
    return estate_id in supervised_estate_ids(user, today=today)


def is_chair(user: User, estate_id: int, *, today: date | None = None) -> bool:
    """True when `user` is the confirmed, current chair of the estate's committee."""
    if not user.is_authenticated:
        return False
    return (
        confirmed_seats(day=today)
        .filter(user_id=user.pk, estate_id=estate_id, position="chair")
        .exists()
    )


def has_chair(estate_id: int, *, today: date | None = None) -> bool:
    return confirmed_seats(day=today).filter(estate_id=estate_id, position="chair").exists()


def is_owner_of_record(user: User, estate_id: int, *, today: date | None = None) -> bool:
    """An account linked to a unit of the estate as its owner (never a firm role)."""
    if not user.is_authenticated:
        return False
    if user.role_grants.filter(role__in=[Role.FIRM_ADMIN, Role.MANAGER, Role.STAFF]).exists():
        return False
    day = today or timezone.localdate()
    return (
        OwnerRecord.objects.filter(person__user_id=user.pk, unit__estate_id=estate_id)
        .filter(Q(until__isnull=True) | Q(until__gte=day))
        .exists()
    )


def current_filing(*, estate: Estate) -> Filing | None:
    """The latest confirmed filing of the estate (the current committee's)."""
    return Filing.objects.filter(estate=estate).order_by("-confirmed_at", "-id").first()


def roster(*, estate: Estate, today: date | None = None) -> list[CommitteeMembership]:
    """The estate's committee today: confirmed seats first, then seats awaiting a filing."""
    day = today or timezone.localdate()
    seats = (
        CommitteeMembership.objects.filter(_open_on(day), estate=estate)
        .select_related("user", "filing")
        .order_by("filing_id", "position", "id")
    )
    order = {"chair": 0, "vice_chair": 1, "member": 2, "supervision": 3}
    return sorted(seats, key=lambda s: (s.filing_id is None, order.get(s.position, 9), s.pk))


def roster_history(*, estate: Estate) -> QuerySet[RosterEvent]:
    """Every change to the estate's roster, newest first (append-only)."""
    return RosterEvent.objects.filter(estate=estate).order_by("-at", "-id")


def seat_get(*, pk: int) -> CommitteeMembership | None:
    return CommitteeMembership.objects.select_related("user", "estate").filter(pk=pk).first()


def seat_visible(*, user: User, pk: int) -> CommitteeMembership | None:
    """A seat of an estate the user sees (residents: their home estates), or None."""
    from estates.selectors import scope_for

    seat = seat_get(pk=pk)
    if seat is None:
        return None
    scope = scope_for(user=user)
    if not scope.all_estates and seat.estate_id not in scope.visible_estate_ids:
        return None
    return seat


# --- the platform's review queue (public schema; never the firm's data) ----------------------


def filings_submitted(*, firm_id: int, user_id: int) -> QuerySet[CommitteeFiling]:
    """The filings `user_id` (an account of the firm) submitted, newest first."""
    return CommitteeFiling.objects.filter(firm_id=firm_id, submitted_by_id=user_id).order_by(
        "-created_at", "-id"
    )


def filing_pending(*, firm_id: int, estate_id: int) -> bool:
    """Whether a filing of the estate waits for the platform's review."""
    return CommitteeFiling.objects.filter(
        firm_id=firm_id, estate_id=estate_id, status=FilingStatus.PENDING
    ).exists()


def filing_queue() -> QuerySet[CommitteeFiling]:
    """Every firm's filings for the platform admin: the pending ones first, oldest first (the
    order they are worked through), then the reviewed ones, newest first."""
    pending = Q(status=FilingStatus.PENDING)
    return (
        CommitteeFiling.objects.select_related("firm", "reviewed_by")
        .annotate(
            _reviewed=Case(When(pending, then=Value(0)), default=Value(1)),
            _waiting_since=Case(When(pending, then=F("created_at"))),
        )
        .order_by("_reviewed", F("_waiting_since").asc(nulls_last=True), "-created_at", "-id")
    )


# --- the two sides of an estate's shared records ------------------------------------------------


def acting_side(*, user: User, estate_id: int) -> str | None:
    """The side a user speaks for on an estate's shared records (the responsibility list,
    notices): "committee" for a confirmed supervisor of the estate, "firm" for the firm admin or
    a manager of the estate, None for everyone else (staff, residents, other estates)."""
    from accounts.selectors import active_grants

    if is_supervisor(user, estate_id):
        return "committee"
    for g in active_grants(user=user):
        if g.role == Role.FIRM_ADMIN or (g.role == Role.MANAGER and g.estate_id == estate_id):
            return "firm"
    return None


def side_speakers(*, side: str, estate_id: int) -> list[User]:
    """Everyone `acting_side` puts on `side` of the estate today: its confirmed supervisors, or
    the firm's admins and the estate's managers (active accounts only)."""
    if side == "committee":
        return supervisors_of(estate_id=estate_id)
    today = timezone.localdate()
    grants = (
        (
            Q(role_grants__role=Role.FIRM_ADMIN)
            | Q(role_grants__role=Role.MANAGER, role_grants__estate_id=estate_id)
        )
        & (Q(role_grants__starts_on__isnull=True) | Q(role_grants__starts_on__lte=today))
        & (Q(role_grants__ends_on__isnull=True) | Q(role_grants__ends_on__gte=today))
    )
    return list(User.objects.filter(grants, is_active=True).distinct().order_by("id"))


def estate_seen_by(*, user: User, pk: int) -> Estate | None:
    """The estate if the user sees it at all: the firm side in scope, its residents, and its
    confirmed supervisors."""
    from estates.selectors import scope_for

    scope = scope_for(user=user)
    if scope.all_estates or pk in scope.visible_estate_ids or pk in supervised_estate_ids(user):
        return Estate.objects.filter(pk=pk).first()
    return None
