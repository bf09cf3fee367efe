"""Submitting a committee filing (备案) from the estate to the platform's review queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context

from accounts.models import User
from core.db import current_schema
from core.exceptions import constraint_name
from estates.models import Estate
from tenants.choices import FiledBy
from tenants.models import CommitteeFiling, Firm

from .. import selectors
from ..exceptions import (
    FilingInvalid,
    FilingNotAllowed,
    FilingPending,
    MemberNotEligible,
    ReceiptRejected,
)
from .eligibility import ineligible_reason

RECEIPT_MAX = 10 * 1024 * 1024
RECEIPT_TYPES = {"image/jpeg", "image/png", "application/pdf"}
MAX_TERM_YEARS = 5  # 业主委员会任期不超过五年
POSITIONS = {"chair", "vice_chair", "member", "supervision"}
PENDING_INDEX = "one_pending_filing_per_estate"


@dataclass(frozen=True)
class MemberInput:
    full_name: str
    email: str
    position: str


@dataclass(frozen=True)
class FilingInput:
    number: str
    street_authority: str
    housing_authority: str
    election_date: date
    filed_on: date
    term_start: date
    term_end: date
    members: list[MemberInput]


@dataclass(frozen=True)
class Receipt:
    name: str
    data: bytes


def sniff_receipt(data: bytes) -> str | None:
    """What the scanned receipt really is (magic bytes), or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def _check_dates(data: FilingInput, today: date) -> None:
    problems: dict[str, list[str]] = {}
    if data.election_date > today:
        problems["election_date"] = [_("选举日期不能晚于今天。")]
    if data.filed_on > today:
        problems["filed_on"] = [_("备案日期不能晚于今天。")]
    elif data.filed_on < data.election_date:
        problems["filed_on"] = [_("备案日期不能早于选举日期。")]
    if data.term_end <= data.term_start:
        problems["term_end"] = [_("任期结束须晚于任期开始。")]
    elif data.term_end > _years_after(data.term_start, MAX_TERM_YEARS):
        problems["term_end"] = [_("业委会任期不超过五年。")]
    if data.term_start < data.election_date:
        problems["term_start"] = [_("任期不能早于选举日期开始。")]
    if problems:
        raise FilingInvalid(fields=problems)


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _check_members(members: list[MemberInput]) -> list[dict[str, str]]:
    if not members:
        raise FilingInvalid(fields={"members": [_("请填写业委会成员。")]})
    cleaned: list[dict[str, str]] = []
    seen: set[str] = set()
    problems: list[str] = []
    for member in members:
        email = User.objects.normalize_email(member.email).strip().lower()
        name = member.full_name.strip()
        if not name or not email or "@" not in email or member.position not in POSITIONS:
            problems.append(_("每位成员须有姓名、邮箱和职务。"))
            continue
        if email in seen:
            problems.append(_("%(email)s 重复。") % {"email": email})
            continue
        seen.add(email)
        reason = ineligible_reason(email=email)
        if reason:
            raise MemberNotEligible(fields={"members": [f"{email}: {reason}"]})
        cleaned.append({"full_name": name, "email": email, "position": member.position})
    if problems:
        raise FilingInvalid(fields={"members": problems})
    if sum(1 for m in cleaned if m["position"] == "chair") != 1:
        raise FilingInvalid(fields={"members": [_("须有且只有一位主任。")]})
    return cleaned


def _check_receipt(receipt: Receipt) -> str:
    kind = sniff_receipt(receipt.data)
    if kind not in RECEIPT_TYPES or not receipt.data or len(receipt.data) > RECEIPT_MAX:
        raise ReceiptRejected(fields={"receipt": [ReceiptRejected.default_detail]})
    return str(kind)


def filed_as(*, user: User, estate: Estate, today: date | None = None) -> str | None:
    """In what capacity `user` may file for `estate`: the current confirmed chair, or an owner
    of record (no firm role) while the estate has no seated chair (a first filing, a term
    that ended, a chair who resigned). None: may not file."""
    if selectors.is_chair(user, estate.pk, today=today):
        return FiledBy.CHAIR
    if not selectors.has_chair(estate.pk, today=today) and selectors.is_owner_of_record(
        user, estate.pk, today=today
    ):
        return FiledBy.OWNER
    return None


def filing_submit(
    *, estate: Estate, by: User, data: FilingInput, receipt: Receipt, today: date | None = None
) -> CommitteeFiling:
    """Send a filing to the platform's review queue (public schema). Runs in the firm's schema;
    the receipt is stored with the filing, under the public prefix, where the platform reads
    it. Nothing changes on the roster until a platform admin confirms it."""
    today = today or timezone.localdate()
    capacity = filed_as(user=by, estate=estate, today=today)
    if capacity is None:
        raise FilingNotAllowed()
    _check_dates(data, today)
    members = _check_members(data.members)
    receipt_type = _check_receipt(receipt)
    number = data.number.strip()
    if not number:
        raise FilingInvalid(fields={"number": [_("请填写备案编号。")]})
    firm = Firm.all_objects.get(schema_name=current_schema())
    with transaction.atomic(), schema_context("public"):
        if CommitteeFiling.objects.filter(
            firm=firm, estate_id=estate.pk, status="pending"
        ).exists():
            raise FilingPending()
        filing = CommitteeFiling(
            firm=firm,
            estate_id=estate.pk,
            estate_name=estate.name,
            number=number,
            street_authority=data.street_authority.strip(),
            housing_authority=data.housing_authority.strip(),
            election_date=data.election_date,
            filed_on=data.filed_on,
            term_start=data.term_start,
            term_end=data.term_end,
            members=members,
            receipt_type=receipt_type,
            submitted_by_id=by.pk,
            submitted_by_name=by.full_name or by.email,
            submitted_as=capacity,
        )
        extension = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}
        filing.receipt.save(
            f"receipt.{extension[receipt_type]}", ContentFile(receipt.data), save=False
        )
        try:
            with transaction.atomic():
                filing.save()
        except IntegrityError as exc:
            # a partial unique index (not a pg_constraint row): named here, not in `constraints`
            if constraint_name(exc) == PENDING_INDEX:
                raise FilingPending() from exc
            raise
    return filing
