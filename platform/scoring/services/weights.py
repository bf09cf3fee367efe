"""Weights per estate: either side proposes (its own signature included), the other signs;
the latest set both signed is in force."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from committee.selectors import is_supervisor
from estates.models import Estate

from .. import method
from ..choices import Side
from ..exceptions import AlreadySigned, InvalidWeights, NotSupervisor, WeightsSuperseded
from ..models import WeightAgreement
from ..selectors import keeps_surveys


def side_of(user: User, estate_id: int) -> str:
    """The side `user` signs for on this estate; neither side: refused."""
    if keeps_surveys(user=user, estate_id=estate_id):
        return Side.FIRM
    if is_supervisor(user, estate_id):
        return Side.COMMITTEE
    raise NotSupervisor()


def _sign(agreement: WeightAgreement, side: str, user: User, now: datetime) -> None:
    if side == Side.FIRM:
        agreement.firm_signed_by, agreement.firm_signed_at = user, now
    else:
        agreement.committee_signed_by, agreement.committee_signed_at = user, now
    if agreement.firm_signed_at and agreement.committee_signed_at:
        agreement.agreed_at = now


@transaction.atomic
def weights_propose(
    *, user: User, estate: Estate, weights: dict[str, Any], now: datetime | None = None
) -> WeightAgreement:
    """A new proposal replaces any pending one of the estate (an agreed set stays in force
    until the new one is signed by both)."""
    side = side_of(user, estate.pk)
    if method.weights_error(weights):
        raise InvalidWeights(fields={"weights": [InvalidWeights.default_detail]})
    now = now or timezone.now()
    Estate.objects.select_for_update().filter(pk=estate.pk).first()
    WeightAgreement.objects.filter(estate=estate, agreed_at__isnull=True).update(superseded=True)
    agreement = WeightAgreement(
        estate=estate, weights={k: weights[k] for k in method.INPUTS}, proposed_by_side=side
    )
    _sign(agreement, side, user, now)
    agreement.save()
    return agreement


@transaction.atomic
def weights_sign(
    *, user: User, agreement: WeightAgreement, now: datetime | None = None
) -> WeightAgreement:
    agreement = WeightAgreement.objects.select_for_update().get(pk=agreement.pk)
    side = side_of(user, agreement.estate_id)
    if agreement.superseded:
        raise WeightsSuperseded()
    signed = agreement.firm_signed_at if side == Side.FIRM else agreement.committee_signed_at
    if signed is not None:
        raise AlreadySigned()
    _sign(agreement, side, user, now or timezone.now())
    agreement.save()
    return agreement
