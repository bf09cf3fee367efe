"""Writes of the responsibility list: propose a version, agree to or decline the other side's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from committee.selectors import side_speakers
from core.exceptions import Message
from estates.models import Estate
from notifications.choices import NotificationKind
from notifications.services import notify

from .choices import Party, RevisionStatus, Side
from .exceptions import ItemsInvalid, NotAParty, NotPending, SameSide
from .models import Revision
from .selectors import side_of

MAX_ITEMS = 100
MATTER_MAX = 100
DETAIL_MAX = 500


@dataclass(frozen=True)
class ItemInput:
    matter: str
    party: str
    detail: str = ""


def _check_items(items: list[ItemInput]) -> list[dict[str, str]]:
    if not items:
        raise ItemsInvalid(fields={"items": [_("权责清单至少要有一项。")]})
    if len(items) > MAX_ITEMS:
        raise ItemsInvalid(fields={"items": [_("权责清单最多 100 项。")]})
    errors: list[Message] = []
    cleaned = []
    for n, item in enumerate(items, start=1):
        matter, detail = item.matter.strip(), item.detail.strip()
        if not matter or len(matter) > MATTER_MAX:
            errors.append(_("第 %(n)d 项：事项不能为空，且不超过 100 字。") % {"n": n})
        if item.party not in Party.values:
            errors.append(_("第 %(n)d 项：请选择责任方。") % {"n": n})
        if len(detail) > DETAIL_MAX:
            errors.append(_("第 %(n)d 项：说明不超过 500 字。") % {"n": n})
        cleaned.append({"matter": matter, "party": item.party, "detail": detail})
    if errors:
        raise ItemsInvalid(fields={"items": errors})
    return cleaned


@transaction.atomic
def revision_propose(
    *,
    user: User,
    estate: Estate,
    items: list[ItemInput],
    note: str = "",
    now: datetime | None = None,
) -> Revision:
    """One side proposes the whole list; a pending proposal of either side is superseded."""
    side = side_of(user=user, estate_id=estate.pk)
    if side is None:
        raise NotAParty()
    cleaned = _check_items(items)
    Estate.objects.select_for_update().filter(pk=estate.pk).first()  # one proposal at a time
    Revision.objects.filter(estate_id=estate.pk, status=RevisionStatus.PROPOSED).update(
        status=RevisionStatus.SUPERSEDED, decided_at=now or timezone.now()
    )
    last = Revision.objects.filter(estate_id=estate.pk).aggregate(n=Max("number"))["n"] or 0
    revision = Revision.objects.create(
        estate=estate,
        number=last + 1,
        items=cleaned,
        note=note.strip()[:500],
        proposed_side=side,
        proposed_by=user,
        proposed_at=now or timezone.now(),
    )
    other = Side.FIRM if side == Side.COMMITTEE else Side.COMMITTEE
    notify(
        users=[u for u in side_speakers(side=other, estate_id=estate.pk) if u.pk != user.pk],
        kind=NotificationKind.DUTIES_PROPOSED,
        title=format_lazy(_("权责清单第 {n} 版待您确认"), n=revision.number),
        body=estate.name,
        link=f"/responsibilities?estate={estate.pk}",
        dedupe_key=f"duties.proposed:{revision.pk}",
    )
    return revision


def _tell_proposer(revision: Revision) -> None:
    agreed = revision.status == RevisionStatus.AGREED
    notify(
        users=[revision.proposed_by],
        kind=NotificationKind.DUTIES_DECIDED,
        title=format_lazy(
            _("权责清单第 {n} 版已获同意，即日生效") if agreed else _("权责清单第 {n} 版未获同意"),
            n=revision.number,
        ),
        body=revision.reason,
        link=f"/responsibilities?estate={revision.estate_id}",
        dedupe_key=f"duties.decided:{revision.pk}",
    )


def _decide(user: User, revision: Revision) -> Revision:
    side = side_of(user=user, estate_id=revision.estate_id)
    if side is None:
        raise NotAParty()
    locked = Revision.objects.select_for_update().get(pk=revision.pk)
    if locked.status != RevisionStatus.PROPOSED:
        raise NotPending()
    if locked.proposed_side == side:
        raise SameSide()
    return locked


@transaction.atomic
def revision_agree(*, user: User, revision: Revision, now: datetime | None = None) -> Revision:
    """The other side agrees: the proposal is the list in force from now on."""
    locked = _decide(user, revision)
    locked.status = RevisionStatus.AGREED
    locked.decided_by = user
    locked.decided_at = now or timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    _tell_proposer(locked)
    return locked


@transaction.atomic
def revision_decline(
    *, user: User, revision: Revision, reason: str, now: datetime | None = None
) -> Revision:
    """The other side declines, with its reason; the list in force stays as it was."""
    reason = reason.strip()
    if not reason:
        raise ItemsInvalid(fields={"reason": [_("请说明不同意的理由。")]})
    locked = _decide(user, revision)
    locked.status = RevisionStatus.DECLINED
    locked.decided_by = user
    locked.decided_at = now or timezone.now()
    locked.reason = reason[:500]
    locked.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    _tell_proposer(locked)
    return locked
