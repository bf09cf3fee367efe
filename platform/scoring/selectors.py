"""Reads of service scoring: who may do what on an estate's surveys (the one place), the
aggregates the firm may see (never for a group under 5), response rates, weights, scores."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from accounts.choices import Role
from accounts.models import User
from accounts.selectors import active_grants
from committee.selectors import is_supervisor, supervised_estate_ids
from estates.models import Building, Unit
from estates.selectors import scope_for

from . import method
from .choices import DIMENSIONS, Channel, SurveyStatus
from .exceptions import ScoreNotFound, SurveyNotFound
from .models import Ballot, EstateScore, Participation, Survey, WeightAgreement

MIN_GROUP = 5  # no aggregate for fewer answers than this (per building, per dimension)
FIRM_ROLES = frozenset({Role.FIRM_ADMIN, Role.MANAGER, Role.STAFF, Role.AUDITOR})


def is_firm_side(user: User) -> bool:
    """A firm role of any kind: never answers or enters an answer for a resident."""
    return any(g.role in FIRM_ROLES for g in active_grants(user=user))


def keeps_surveys(*, user: User, estate_id: int) -> bool:
    """Firm admin, or a manager of this estate: drafts surveys and signs weights for the firm."""
    return any(
        g.role == Role.FIRM_ADMIN or (g.role == Role.MANAGER and g.estate_id == estate_id)
        for g in active_grants(user=user)
    )


def visible_estate_ids(*, user: User) -> frozenset[int] | None:
    """Estates whose surveys and scores the user sees (None: all of the firm)."""
    scope = scope_for(user=user)
    if scope.all_estates:
        return None
    return scope.visible_estate_ids | supervised_estate_ids(user)


def survey_list(*, user: User) -> QuerySet[Survey]:
    """Firm side and committee: every survey of their estates; residents: open and closed ones
    of their own estates (drafts are the firm's and the committee's business)."""
    qs = (
        Survey.objects.select_related("estate")
        .annotate(answered_units=Count("participations__unit", distinct=True))
        .order_by("-period_start", "-id")
    )
    ids = visible_estate_ids(user=user)
    if ids is None:
        return qs
    scope = scope_for(user=user)
    full = scope.estate_ids | supervised_estate_ids(user)
    homes = scope.home_estate_ids - full
    return qs.filter(
        Q(estate_id__in=full) | (Q(estate_id__in=homes) & ~Q(status=SurveyStatus.DRAFT))
    )


def survey_get(*, user: User, pk: int) -> Survey:
    found = survey_list(user=user).filter(pk=pk).first()
    if found is None:
        raise SurveyNotFound()
    return found


def survey_actions(*, user: User, survey: Survey) -> list[str]:
    """What `user` may do with `survey` now (the services ask the same questions)."""
    actions: list[str] = []
    supervisor = is_supervisor(user, survey.estate_id)
    if survey.status == SurveyStatus.DRAFT:
        if keeps_surveys(user=user, estate_id=survey.estate_id):
            actions.append("edit")
        if supervisor:
            actions.append("open")
    elif survey.status == SurveyStatus.OPEN:
        if supervisor:
            actions += ["close", "paper", "remind"]
        if not is_firm_side(user) and household_units(user=user, estate_id=survey.estate_id):
            actions.append("answer")
    return actions


def household_units(*, user: User, estate_id: int) -> dict[int, str]:
    """unit id -> "owner" | "occupant": the units of `estate_id` the user may answer for (an
    owner's link wins). Empty for firm roles."""
    from datetime import date

    from django.utils import timezone

    from estates.models import Occupancy, OwnerRecord

    if not user.is_authenticated or is_firm_side(user):
        return {}
    today: date = timezone.localdate()
    current = Q(until__isnull=True) | Q(until__gte=today)
    units: dict[int, str] = {}
    for unit_id in Occupancy.objects.filter(
        current, person__user_id=user.pk, unit__estate_id=estate_id
    ).values_list("unit_id", flat=True):
        units[unit_id] = "occupant"
    for unit_id in OwnerRecord.objects.filter(
        current, person__user_id=user.pk, unit__estate_id=estate_id
    ).values_list("unit_id", flat=True):
        units[unit_id] = "owner"
    return units


def my_units(*, user: User, survey: Survey) -> list[dict[str, Any]]:
    """The user's units in the survey's estate and whether each has been answered (and by
    whose voice), for the resident's screen. Never the answers of others."""
    from .services.ballots import voter_for

    units = household_units(user=user, estate_id=survey.estate_id)
    names = {
        u.pk: f"{u.building.name}-{u.number}"
        for u in Unit.objects.filter(pk__in=units).select_related("building")
    }
    out = []
    for unit_id, voice in sorted(units.items()):
        ballot = Ballot.objects.filter(survey=survey, voter=voter_for(survey.pk, unit_id)).first()
        mine = Participation.objects.filter(survey=survey, unit_id=unit_id, user=user).exists()
        out.append(
            {
                "unit": unit_id,
                "label": names.get(unit_id, str(unit_id)),
                "voice": voice,
                "answered": ballot is not None,
                "answered_by": None if ballot is None else ballot.voice,
                "answered_by_me": mine,
            }
        )
    return out


# --- aggregates -------------------------------------------------------------------------------


def _dimension_block(rows: QuerySet[Ballot]) -> dict[str, Any]:
    """Per dimension: n, mean and the 1–5 distribution, or `suppressed` under MIN_GROUP."""
    n = rows.count()
    out: dict[str, Any] = {}
    if n < MIN_GROUP:
        return {
            d: {"n": None, "suppressed": True, "mean": None, "distribution": None}
            for d in DIMENSIONS
        }
    sums = rows.aggregate(**{d: Sum(d) for d in DIMENSIONS})
    for d in DIMENSIONS:
        counts = dict(rows.values_list(d).annotate(c=Count("id")).values_list(d, "c"))
        out[d] = {
            "n": n,
            "suppressed": False,
            "mean": str(method.q(method.Decimal(sums[d]) / n)),
            "distribution": [counts.get(r, 0) for r in range(1, 6)],
        }
    return out


def survey_results(*, survey: Survey) -> dict[str, Any]:
    """What anyone who sees the estate may read once the survey is closed: per dimension and
    per building, never for a group smaller than MIN_GROUP; channel counts (online and the
    committee's paper entries, counted separately); comments only with MIN_GROUP answers,
    sorted by text (no order to link them to anyone)."""
    ballots = Ballot.objects.filter(survey=survey)
    total = ballots.count()
    channels = dict(
        ballots.values_list("channel").annotate(c=Count("id")).values_list("channel", "c")
    )
    buildings = []
    names = dict(Building.objects.filter(estate_id=survey.estate_id).values_list("pk", "name"))
    for building_id, name in sorted(names.items(), key=lambda kv: kv[1]):
        rows = ballots.filter(building_id=building_id)
        n = rows.count()
        buildings.append(
            {
                "building": building_id,
                "name": name,
                "n": n if n >= MIN_GROUP else None,
                "suppressed": n < MIN_GROUP,
                "dimensions": _dimension_block(rows),
            }
        )
    comments: list[str] = []
    if total >= MIN_GROUP:
        comments = sorted(c for c in ballots.exclude(comment="").values_list("comment", flat=True))
    return {
        "survey": survey.pk,
        "min_group": MIN_GROUP,
        "answers": total,
        "online": channels.get(Channel.ONLINE, 0),
        "paper": channels.get(Channel.PAPER, 0),
        "dimensions": _dimension_block(ballots),
        "buildings": buildings,
        "comments": comments,
    }


def response_rates(*, survey: Survey) -> dict[str, Any]:
    """Units answered per building (the committee's view while the survey runs)."""
    units = dict(
        Unit.objects.filter(estate_id=survey.estate_id)
        .values_list("building_id")
        .annotate(c=Count("id"))
        .values_list("building_id", "c")
    )
    answered: dict[int, int] = defaultdict(int)
    for building_id, c in (
        Participation.objects.filter(survey=survey)
        .values_list("unit__building_id")
        .annotate(c=Count("unit", distinct=True))
        .values_list("unit__building_id", "c")
    ):
        answered[building_id] = c
    names = dict(Building.objects.filter(estate_id=survey.estate_id).values_list("pk", "name"))
    rows = [
        {
            "building": b,
            "name": names.get(b, ""),
            "units": units[b],
            "answered": answered.get(b, 0),
            "rate": method.q(method.Decimal(answered.get(b, 0) * 100) / units[b])
            if units[b]
            else None,
        }
        for b in sorted(units, key=lambda b: names.get(b, ""))
    ]
    total_units = sum(units.values())
    total_answered = sum(answered.values())
    return {
        "survey": survey.pk,
        "units": total_units,
        "answered": total_answered,
        "rate": method.q(method.Decimal(total_answered * 100) / total_units)
        if total_units
        else None,
        "buildings": rows,
    }


# --- weights and scores -----------------------------------------------------------------------


def weights_in_force(*, estate_id: int) -> tuple[dict[str, int], str, WeightAgreement | None]:
    """(weights, "agreed" | "default", the agreement)."""
    agreed = (
        WeightAgreement.objects.filter(estate_id=estate_id, agreed_at__isnull=False)
        .order_by("-agreed_at", "-id")
        .first()
    )
    if agreed is None:
        return dict(method.DEFAULT_WEIGHTS), "default", None
    return dict(agreed.weights), "agreed", agreed


def weights_list(*, user: User) -> QuerySet[WeightAgreement]:
    ids = visible_estate_ids(user=user)
    qs = WeightAgreement.objects.all()
    return qs if ids is None else qs.filter(estate_id__in=ids)


def score_list(*, user: User) -> QuerySet[EstateScore]:
    ids = visible_estate_ids(user=user)
    qs = EstateScore.objects.all()
    return qs if ids is None else qs.filter(estate_id__in=ids)


def score_get(*, user: User, pk: int) -> EstateScore:
    found = score_list(user=user).filter(pk=pk).first()
    if found is None:
        raise ScoreNotFound()
    return found


def portfolio(*, user: User) -> dict[str, Any]:
    """Estates ranked by their latest score, each with its trend (up to the last four scores,
    oldest first) and weakest input. The firm sees the estates in its scope; the committee only
    its own estate, plus the firm's average over every estate that has a score."""
    from estates.models import Estate

    latest: dict[int, list[EstateScore]] = defaultdict(list)
    for s in EstateScore.objects.order_by("estate_id", "-period_end", "-id"):
        if len(latest[s.estate_id]) < 4:
            latest[s.estate_id].append(s)
    scored = [v[0].score for v in latest.values() if v[0].score is not None]
    average = method.q(sum(scored, method.Decimal(0)) / len(scored)) if scored else None
    ids = visible_estate_ids(user=user)
    scope = scope_for(user=user)
    if ids is None:
        estates = Estate.objects.all()
    elif scope.estate_ids and not is_firm_side(user):
        estates = Estate.objects.filter(pk__in=supervised_estate_ids(user))
    else:
        estates = Estate.objects.filter(pk__in=scope.estate_ids)
    rows: list[dict[str, Any]] = []
    for estate in estates.order_by("code"):
        scores = latest.get(estate.pk, [])
        head = scores[0] if scores else None
        weakest = None
        if head is not None:
            available = [i for i in head.inputs if i["available"]]
            if available:
                weakest = min(available, key=lambda i: method.Decimal(i["score"]))["key"]
        rows.append(
            {
                "estate": estate.pk,
                "name": estate.name,
                "score": None if head is None or head.score is None else str(head.score),
                "trend": [None if s.score is None else str(s.score) for s in reversed(scores)],
                "weakest": weakest,
            }
        )
    rows.sort(key=lambda r: (r["score"] is None, -method.Decimal(r["score"] or 0), r["name"]))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank if row["score"] is not None else None
    return {"average": None if average is None else str(average), "estates": rows}


def alert_list(*, user: User) -> QuerySet[Any]:
    """Improvement plans: the firm's keepers and the estate's committee; re-tendering flags:
    the committee only."""
    from .choices import AlertKind
    from .models import ScoreAlert

    committee = supervised_estate_ids(user)
    firm = (
        None
        if scope_for(user=user).all_estates
        else frozenset(
            g.estate_id for g in active_grants(user=user) if g.role == Role.MANAGER and g.estate_id
        )
    )
    plans = Q(kind=AlertKind.IMPROVEMENT_PLAN) & (
        Q() if firm is None else Q(estate_id__in=firm | committee)
    )
    if firm is None:
        return ScoreAlert.objects.filter(plans | Q(estate_id__in=committee))
    return ScoreAlert.objects.filter(plans | Q(estate_id__in=committee))


def score_export(*, score: EstateScore) -> dict[str, Any]:
    """The document an owner downloads and checks with tools/verify_score.py: every figure
    the score was computed from, as published (the stored row, not a recomputation)."""
    from estates.models import Estate

    estate = Estate.objects.filter(pk=score.estate_id).first()
    return {
        "format": "linli-estate-score",
        "method": score.method_version,
        "estate": {
            "id": score.estate_id,
            "code": estate.code if estate else "",
            "name": estate.name if estate else "",
        },
        "period": {"start": score.period_start.isoformat(), "end": score.period_end.isoformat()},
        "published_at": score.published_at.isoformat(),
        "weights_source": score.weights_source,
        "weights": score.weights,
        "supervision_included": score.supervision_included,
        "inputs": score.inputs,
        "score": None if score.score is None else str(score.score),
        "verify": "python3 tools/verify_score.py export.json",
    }
