"""Publishing an estate's score for a closed survey (method v1, `method.py`), and the
thresholds it may cross (each alert once)."""

from __future__ import annotations

import operator
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import reduce
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Sum
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from accounts.models import User
from committee.selectors import confirmed_seats
from complaints.kpis import estate_kpis as complaint_kpis
from deadlines.services import clock_start
from estates.models import Estate
from estates.settings import EstateSettings
from notices.choices import Kind as NoticeKind
from notices.services import notice_post_system
from notifications.services import notify

from .. import method
from ..choices import DIMENSIONS, AlertKind, Channel
from ..models import Ballot, EstateScore, PlanClock, ScoreAlert, Survey
from ..selectors import weights_in_force

LOW_SCORE = Decimal(70)
LOW_SATISFACTION = Decimal(60)
PLAN_DAYS = 30


def supervision_counts(*, estate_id: int, start: date, end: date) -> dict[str, int] | None:
    """The supervision app's KPIs, or None while that app is not installed (imported here, at
    call time, so the score works without it)."""
    try:
        from supervision.kpis import estate_kpis  # type: ignore[import-not-found]
    except ImportError:
        return None
    k = estate_kpis(estate_id=estate_id, start=start, end=end)
    return {
        name: int(getattr(k, name))
        for name in (
            "items_inspected",
            "items_passed",
            "rectifications_opened",
            "rectifications_verified",
            "rectifications_verified_on_time",
            "rounds_scheduled",
            "rounds_held",
        )
    }


def survey_counts(survey: Survey) -> dict[str, Any]:
    """The ballots' counts, summed by PostgreSQL (one row back, whatever the turnout): every
    ballot holds one rating per dimension."""
    counts = Ballot.objects.filter(survey=survey).aggregate(
        ballots=Count("id"),
        paper=Count("id", filter=Q(channel=Channel.PAPER)),
        ratings_sum=Sum(reduce(operator.add, (F(d) for d in DIMENSIONS))),
    )
    return {
        "ballots_online": counts["ballots"] - counts["paper"],
        "ballots_paper": counts["paper"],
        "ratings_sum": counts["ratings_sum"] or 0,
        "ratings_count": counts["ballots"] * len(DIMENSIONS),
    }


def gather_inputs(*, estate: Estate, start: date, end: date, survey: Survey) -> list[method.Input]:
    """Every input of method v1 with the counts behind it."""
    # the KPI dashboard's own figures, the one definition of them (a leaner statement of our own,
    # tried for bench/scoring, drifted from it within the hour when withdrawals came in)
    k = complaint_kpis(estate_id=estate.pk, start=start, end=end)
    counts = k["counts"]
    limit = EstateSettings.from_estate(estate).sla_hours.response
    sup = supervision_counts(estate_id=estate.pk, start=start, end=end)
    absent = "supervision_absent" if sup is None else ""
    sup = sup or {}
    return [
        method.input_from_counts("satisfaction", survey_counts(survey)),
        method.input_from_counts(
            "inspection_pass",
            {n: sup.get(n, 0) for n in ("items_inspected", "items_passed")},
            reason=absent,
        ),
        method.input_from_counts(
            "rectification",
            {
                n: sup.get(n, 0)
                for n in (
                    "rectifications_opened",
                    "rectifications_verified",
                    "rectifications_verified_on_time",
                )
            },
            reason=absent,
        ),
        method.input_from_counts(
            "complaint_on_time",
            {
                "clocks_stopped": sum(counts["clocks_stopped"].values()),
                "clocks_on_time": sum(counts["clocks_on_time"].values()),
            },
        ),
        method.input_from_counts(
            "complaint_reopen",
            {"ever_resolved": counts["ever_resolved"], "reopened": counts["reopened"]},
        ),
        method.input_from_counts(
            "complaint_rating",
            {
                "rated_count": k["rated_count"],
                "average_rating": None
                if k["average_rating"] is None
                else str(method.q(Decimal(str(k["average_rating"])))),
            },
        ),
        method.input_from_counts(
            "complaint_response",
            {
                "answered": counts["answered"],
                "p90_hours": None
                if k["response_p90_hours"] is None
                else str(method.q(Decimal(str(k["response_p90_hours"])))),
                "limit_hours": str(method.q(Decimal(str(limit)))),
            },
        ),
    ]


def score_publish(*, survey: Survey, now: datetime) -> EstateScore:
    """Compute and store the score of the survey's estate and period (once per survey), then
    check the thresholds. Runs inside the caller's transaction (closing the survey)."""
    existing = EstateScore.objects.filter(survey=survey).first()
    if existing is not None:
        return existing
    estate = Estate.objects.get(pk=survey.estate_id)
    weights, source, agreement = weights_in_force(estate_id=estate.pk)
    inputs = gather_inputs(
        estate=estate, start=survey.period_start, end=survey.period_end, survey=survey
    )
    result = method.blend(inputs, weights)
    score = EstateScore.objects.create(
        estate_id=estate.pk,
        survey=survey,
        period_start=survey.period_start,
        period_end=survey.period_end,
        method_version=method.METHOD_VERSION,
        weights=weights,
        weights_source=source,
        weights_agreement_id=agreement.pk if agreement else None,
        supervision_included=any(i.available for i in inputs if i.key in method.SUPERVISION_INPUTS),
        inputs=[i.as_json() for i in inputs],
        score=result.score,
        published_at=now,
    )
    _post_notice(score, now)
    check_thresholds(score=score, now=now)
    return score


def _post_notice(score: EstateScore, now: datetime) -> None:
    """The score on the estate's board; nothing else tells the residents, so the notice does."""
    period = f"{score.period_start:%Y-%m-%d} – {score.period_end:%Y-%m-%d}"
    body = (
        format_lazy(_("本期服务评分：{score} 分。可查看各项得分和计算方法。"), score=score.score)
        if score.score is not None
        else _("本期样本不足，未得出服务评分。可查看各项数据。")
    )
    notice_post_system(
        estate_id=score.estate_id,
        kind=NoticeKind.SCORE,
        source=f"scoring.score:{score.pk}",
        title=format_lazy(_("服务评分已公布（{period}）"), period=period),
        body=body,
        link=f"/scoring/scores/{score.pk}",
        now=now,
        notify_residents=True,
    )


def _people(estate_id: int) -> tuple[list[User], list[User]]:
    """(the firm's admins and the estate's managers, the estate's confirmed committee)."""
    from accounts.models import RoleGrant

    firm_ids = RoleGrant.objects.filter(role=Role.FIRM_ADMIN).values_list("user_id", flat=True)
    manager_ids = RoleGrant.objects.filter(role=Role.MANAGER, estate_id=estate_id).values_list(
        "user_id", flat=True
    )
    firm = list(User.objects.filter(pk__in=[*firm_ids, *manager_ids]))
    committee = list(
        User.objects.filter(
            pk__in=confirmed_seats().filter(estate_id=estate_id).values_list("user_id", flat=True)
        )
    )
    return firm, committee


def _alert(
    *, estate_id: int, kind: str, key: str, figures: dict[str, Any], now: datetime, due: date | None
) -> ScoreAlert | None:
    """The alert, if this is the first time (unique per estate, kind and key)."""
    if ScoreAlert.objects.filter(estate_id=estate_id, kind=kind, key=key).exists():
        return None
    try:
        with transaction.atomic():
            return ScoreAlert.objects.create(
                estate_id=estate_id, kind=kind, key=key, figures=figures, created_at=now, due_on=due
            )
    except IntegrityError:
        return None


def _satisfaction_of_year(estate_id: int, year: int) -> Decimal | None:
    scores = [
        Decimal(i["score"])
        for s in EstateScore.objects.filter(estate_id=estate_id, period_end__year=year)
        for i in s.inputs
        if i["key"] == "satisfaction" and i["available"]
    ]
    if not scores:
        return None
    return method.q(sum(scores, Decimal(0)) / len(scores))


def check_thresholds(*, score: EstateScore, now: datetime) -> list[ScoreAlert]:
    """Below 70 twice in a row -> an improvement plan (30 days, on the clock engine);
    satisfaction below 60 in two consecutive calendar years (each year: the mean of its
    surveys' satisfaction scores) -> a re-tendering flag for the committee."""
    raised: list[ScoreAlert] = []
    previous = (
        EstateScore.objects.filter(estate_id=score.estate_id, period_end__lt=score.period_end)
        .order_by("-period_end", "-id")
        .first()
    )
    if (
        score.score is not None
        and score.score < LOW_SCORE
        and previous is not None
        and previous.score is not None
        and previous.score < LOW_SCORE
    ):
        due = (now + timedelta(days=PLAN_DAYS)).date()
        alert = _alert(
            estate_id=score.estate_id,
            kind=AlertKind.IMPROVEMENT_PLAN,
            key=str(score.pk),
            figures={
                "scores": [str(previous.score), str(score.score)],
                "periods": [
                    [previous.period_start.isoformat(), previous.period_end.isoformat()],
                    [score.period_start.isoformat(), score.period_end.isoformat()],
                ],
            },
            now=now,
            due=due,
        )
        if alert is not None:
            clock = PlanClock(alert=alert, budget_seconds=0, started_at=now)
            clock_start(clock=clock, budget_seconds=PLAN_DAYS * 86400, now=now, yellow=0.8)
            firm, committee = _people(score.estate_id)  # only when someone is told
            notify(
                users=[*firm, *committee],
                kind="scoring.alert",
                title=_("评分连续两期低于 70 分：请制定整改提升计划"),
                body=f"{previous.score} → {score.score}",
                link=f"/scoring/scores/{score.pk}",
                dedupe_key=f"scoring:alert:{alert.pk}",
            )
            raised.append(alert)
    year = score.period_end.year
    this_year = _satisfaction_of_year(score.estate_id, year)
    last_year = _satisfaction_of_year(score.estate_id, year - 1)
    if (
        this_year is not None
        and last_year is not None
        and this_year < LOW_SATISFACTION
        and last_year < LOW_SATISFACTION
    ):
        alert = _alert(
            estate_id=score.estate_id,
            kind=AlertKind.RETENDER,
            key=str(year),
            figures={"years": [year - 1, year], "satisfaction": [str(last_year), str(this_year)]},
            now=now,
            due=None,
        )
        if alert is not None:
            committee = _people(score.estate_id)[1]
            notify(
                users=committee,
                kind="scoring.alert",
                title=_("满意度连续两年低于 60%：可提请业主大会考虑重新选聘物业"),
                body=f"{year - 1}: {last_year}  {year}: {this_year}",
                link=f"/scoring/scores/{score.pk}",
                dedupe_key=f"scoring:alert:{alert.pk}",
            )
            raised.append(alert)
    return raised
