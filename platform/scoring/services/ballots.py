"""Answers: one voice per household. The Ballot (what) is named by an HMAC of (survey, unit)
with the firm's secret; the Participation (who) holds no answer."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from committee.selectors import is_supervisor
from estates.models import Unit

from ..choices import DIMENSIONS, Channel, SurveyStatus, Voice
from ..exceptions import (
    AnsweredOnline,
    FirmCannotAnswer,
    InvalidRatings,
    NotHousehold,
    NotSupervisor,
    OwnerAnswered,
    SurveyNotOpen,
    UnitNotInEstate,
)
from ..models import Ballot, FirmSecret, Participation, Survey
from ..selectors import household_units, is_firm_side

COMMENT_MAX = 500


def _secret() -> bytes:
    found = FirmSecret.objects.order_by("pk").first()
    if found is None:
        FirmSecret.objects.bulk_create(
            [FirmSecret(pk=1, key=secrets.token_hex(32))], ignore_conflicts=True
        )
        found = FirmSecret.objects.order_by("pk").first()
    assert found is not None
    return bytes.fromhex(found.key)


def voter_for(survey_id: int, unit_id: int) -> str:
    """HMAC-SHA256 of "survey:unit" under the firm's own key: stable per household and survey,
    unreadable without the key."""
    return hmac.new(_secret(), f"{survey_id}:{unit_id}".encode(), hashlib.sha256).hexdigest()


def _ratings(ratings: Mapping[str, object]) -> dict[str, int]:
    bad = {
        d: [_("请评 1–5 分。")]
        for d in DIMENSIONS
        if isinstance(ratings.get(d), bool)
        or not isinstance(ratings.get(d), int)
        or not 1 <= ratings[d] <= 5  # type: ignore[operator]
    }
    extra = set(ratings) - set(DIMENSIONS)
    if extra:
        bad.update({name: [_("没有这个维度。")] for name in sorted(extra)})
    if bad:
        raise InvalidRatings(fields=bad)
    return {d: int(ratings[d]) for d in DIMENSIONS}  # type: ignore[call-overload]


def _locked_open(survey: Survey) -> Survey:
    """The survey, share-locked: answers run side by side, closing (FOR UPDATE) waits for
    them, so no answer lands after the close."""
    table = Survey._meta.db_table
    found = list(
        Survey.objects.raw(f"SELECT * FROM {table} WHERE id = %s FOR SHARE", [survey.pk])  # noqa: S608
    )
    if not found or found[0].status != SurveyStatus.OPEN:
        raise SurveyNotOpen()
    return found[0]


def _store(
    *, survey: Survey, unit: Unit, voice: str, channel: str, values: dict[str, int], comment: str
) -> Ballot:
    """Insert the unit's ballot, or change it: the unique constraint keeps one per unit even
    when two submissions race (the loser waits on the index, then updates the winner's row)."""
    voter = voter_for(survey.pk, unit.pk)
    fields = {**values, "comment": comment, "voice": voice, "channel": channel}
    try:
        with transaction.atomic():
            return Ballot.objects.create(
                survey=survey, voter=voter, building_id=unit.building_id, **fields
            )
    except IntegrityError as exc:
        if "scoring_ballot_one_per_unit" not in str(exc):
            raise
    ballot = Ballot.objects.select_for_update().get(survey=survey, voter=voter)
    if voice == Voice.OCCUPANT and ballot.voice == Voice.OWNER:
        raise OwnerAnswered()
    if channel == Channel.PAPER and ballot.channel == Channel.ONLINE:
        raise AnsweredOnline()
    for name, value in fields.items():
        setattr(ballot, name, value)
    ballot.save(update_fields=list(fields))
    return ballot


def _comment(comment: str) -> str:
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise InvalidRatings(fields={"comment": [_("最多 500 个字。")]})
    return comment


@transaction.atomic
def ballot_submit(
    *, user: User, survey: Survey, unit_id: int, ratings: Mapping[str, object], comment: str = ""
) -> None:
    """A household answers online for one of its own units (changeable until close). No firm
    role may answer, whatever units its account is linked to."""
    if is_firm_side(user):
        raise FirmCannotAnswer()
    survey = _locked_open(survey)
    voice = household_units(user=user, estate_id=survey.estate_id).get(unit_id)
    if voice is None:
        raise NotHousehold(fields={"unit": [NotHousehold.default_detail]})
    values = _ratings(ratings)
    unit = Unit.objects.get(pk=unit_id)
    _store(
        survey=survey,
        unit=unit,
        voice=voice,
        channel=Channel.ONLINE,
        values=values,
        comment=_comment(comment),
    )
    Participation.objects.get_or_create(
        survey=survey, unit=unit, user=user, channel=Channel.ONLINE, defaults={"voice": voice}
    )


@transaction.atomic
def ballot_enter_paper(
    *, user: User, survey: Survey, unit_id: int, ratings: Mapping[str, object], comment: str = ""
) -> None:
    """A committee member enters an owner's paper form (marked `paper`, counted separately).
    An online answer of the unit stands; a later paper form of the unit replaces the earlier."""
    if is_firm_side(user):
        raise FirmCannotAnswer()
    if not is_supervisor(user, survey.estate_id):
        raise NotSupervisor()
    survey = _locked_open(survey)
    unit = Unit.objects.filter(pk=unit_id, estate_id=survey.estate_id).first()
    if unit is None:
        raise UnitNotInEstate(fields={"unit": [UnitNotInEstate.default_detail]})
    values = _ratings(ratings)
    _store(
        survey=survey,
        unit=unit,
        voice=Voice.OWNER,
        channel=Channel.PAPER,
        values=values,
        comment=_comment(comment),
    )
    Participation.objects.get_or_create(
        survey=survey,
        unit=unit,
        user=None,
        channel=Channel.PAPER,
        defaults={"voice": Voice.OWNER, "entered_by": user},
    )
