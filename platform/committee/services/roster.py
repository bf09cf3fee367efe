"""The roster: seating the members of a confirmed filing (replacing the previous roster) and
the chair's one change within a term, recording a resignation. Each writes the scoped
committee RoleGrant (read access lasts while the seat does) and a public RosterEvent."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import RoleGrant, User
from accounts.services import invitation_issue, user_create
from estates.models import CommitteeMembership, Estate
from tenants.models import CommitteeFiling

from .. import selectors
from ..choices import RosterChange, SeatEnd
from ..exceptions import FilingEstateGone, MemberNotEligible, NotChair, SeatNotOpen
from ..models import Filing, RosterEvent
from .eligibility import ineligible_reason


def committee_grant_sync(*, user_id: int, estate_id: int, by: User | None = None) -> None:
    """One committee grant per (user, estate) spanning the user's seats there; a seat ended
    (resigned, replaced) stops counting the day it ended."""
    seats = list(CommitteeMembership.objects.filter(user_id=user_id, estate_id=estate_id))
    if not seats:
        RoleGrant.objects.filter(user_id=user_id, role=Role.COMMITTEE, estate_id=estate_id).delete()
        return
    grant, _created = RoleGrant.objects.get_or_create(
        user_id=user_id,
        role=Role.COMMITTEE,
        estate_id=estate_id,
        unit_id=None,
        defaults={"granted_by": by},
    )

    def last_day(seat: CommitteeMembership) -> date:
        if seat.ended_on is not None:
            return min(seat.term_end, seat.ended_on - timedelta(days=1))
        return seat.term_end

    grant.starts_on = min(s.term_start for s in seats)
    grant.ends_on = max(last_day(s) for s in seats)
    grant.save(update_fields=["starts_on", "ends_on"])
    # scope and powers are cached on user objects per request: the next request reads afresh


def _event(
    *,
    estate_id: int,
    kind: str,
    at: datetime,
    recorded_by: str,
    seat: CommitteeMembership | None = None,
    filing: Filing | None = None,
) -> RosterEvent:
    source = filing or (seat.filing if seat else None)
    return RosterEvent.objects.create(
        estate_id=estate_id,
        kind=kind,
        filing=source,
        membership_id=seat.pk if seat else None,
        member_name=(seat.full_name or seat.user.full_name) if seat else "",
        position=seat.position if seat else "",
        filing_number=source.number if source else "",
        term_start=seat.term_start if seat else (source.term_start if source else None),
        term_end=seat.term_end if seat else (source.term_end if source else None),
        recorded_by=recorded_by,
        at=at,
    )


def _member_account(*, email: str, full_name: str, base_url: str, firm_name: str) -> User:
    """The holder's account: an existing one (never firm staff, never an assisted account),
    or a new one whose invitation goes to the filed address."""
    reason = ineligible_reason(email=email)
    if reason:
        raise MemberNotEligible(fields={"members": [f"{email}: {reason}"]})
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = user_create(email=email, full_name=full_name, role=Role.COMMITTEE)
        invitation_issue(user=user, invited_by=None, base_url=base_url, firm_name=firm_name)
    return user


@transaction.atomic
def roster_seat_filing(
    *, filing: CommitteeFiling, now: datetime, base_url: str, firm_name: str
) -> Filing:
    """Seat the members of a confirmed filing (call inside the firm's schema). The estate's
    open seats, confirmed or not, end today (replaced); the filed members take their seats."""
    estate = Estate.objects.filter(pk=filing.estate_id).first()
    if estate is None:
        raise FilingEstateGone()
    today = timezone.localdate(now)
    platform = _("平台审核")
    local = Filing.objects.create(
        estate=estate,
        public_id=filing.pk,
        number=filing.number,
        street_authority=filing.street_authority,
        housing_authority=filing.housing_authority,
        election_date=filing.election_date,
        filed_on=filing.filed_on,
        term_start=filing.term_start,
        term_end=filing.term_end,
        confirmed_at=now,
    )
    _event(
        estate_id=estate.pk,
        kind=RosterChange.FILING_CONFIRMED,
        at=now,
        recorded_by=platform,
        filing=local,
    )
    for seat in (
        CommitteeMembership.objects.select_for_update(of=("self",))
        .select_related("user", "filing")
        .filter(estate=estate, ended_on__isnull=True)
    ):
        seat.ended_on = today
        seat.end_reason = SeatEnd.REPLACED
        seat.save(update_fields=["ended_on", "end_reason"])
        committee_grant_sync(user_id=seat.user_id, estate_id=estate.pk)
        _event(
            estate_id=estate.pk,
            kind=RosterChange.REPLACED,
            at=now,
            recorded_by=platform,
            seat=seat,
        )
    for member in filing.members:
        user = _member_account(
            email=member["email"],
            full_name=member["full_name"],
            base_url=base_url,
            firm_name=firm_name,
        )
        seat = CommitteeMembership.objects.create(
            estate=estate,
            user=user,
            position=member["position"],
            full_name=member["full_name"],
            term_start=filing.term_start,
            term_end=filing.term_end,
            filing=local,
        )
        committee_grant_sync(user_id=user.pk, estate_id=estate.pk)
        _event(
            estate_id=estate.pk, kind=RosterChange.SEATED, at=now, recorded_by=platform, seat=seat
        )
    return local


@transaction.atomic
def seat_resign(
    *, seat: CommitteeMembership, by: User, now: datetime | None = None
) -> CommitteeMembership:
    """The chair records a member's resignation (their own included): the seat ends at once.
    Every other change to the roster is a new filing."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if not selectors.is_chair(by, seat.estate_id, today=today):
        raise NotChair()
    seat = (
        CommitteeMembership.objects.select_for_update(of=("self",))
        .select_related("user", "filing")
        .get(pk=seat.pk)
    )
    if seat.filing_id is None or seat.ended_on is not None or seat.term_end < today:
        raise SeatNotOpen()
    seat.ended_on = today
    seat.end_reason = SeatEnd.RESIGNED
    seat.save(update_fields=["ended_on", "end_reason"])
    committee_grant_sync(user_id=seat.user_id, estate_id=seat.estate_id)
    _event(
        estate_id=seat.estate_id,
        kind=RosterChange.RESIGNED,
        at=now,
        recorded_by=by.full_name or by.email,
        seat=seat,
    )
    return seat
