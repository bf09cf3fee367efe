"""Complaint KPIs of one estate over one period (domain.md §1), computed by PostgreSQL.

The population is the estate's requests CREATED in [start, end], both dates inclusive and read
in Asia/Shanghai. One SQL statement whatever the volume (aggregates, a window for repeats,
GROUPING SETS for the breakdowns, a join to the clocks); no Python loop over rows.

Definitions, so a committee can recompute every figure (the numerators and denominators are
returned in `counts`):

- response_p50_hours / response_p90_hours: percentile_cont of first_response_at - created_at
  over the requests that have a first response (every kind). First response = accepted,
  deferred or rejected, whichever came first.
- answered_share: requests with a first response / all requests, leaving out those the
  resident withdrew before anyone answered (target 100 %).
- on_time[kind]: among the STOPPED clocks of that kind, the share with
  stopped_at - started_at - paused_seconds <= budget_seconds. Running or paused clocks are not
  judged yet. A rejection stops every clock, but it is a response, not a plan or a fix: the
  plan and resolution clocks of rejected requests are left out. A withdrawal (撤回 by the
  resident before work started) stops every clock still running: those clocks are left out
  too (a response clock stopped by an earlier acceptance is still judged). A reopened
  request's resolution clock was restarted, so its latest cycle is the one judged.
- resolution_rate: requests now resolved or closed / all requests, both WITHOUT suggestions
  (a suggestion has no resolution clock: it is answered, not fixed; counting open suggestions
  would punish a firm for collecting ideas). Rejected requests stay in the denominator;
  withdrawn ones do not (there was nothing left to fix).
- reopen_rate: requests reopened at least once / requests ever resolved (resolved_at set, or
  reopened, since a reopen clears resolved_at).
- repeat_rate: complaints and repairs with a unit that followed another complaint or repair of
  the same unit and category within the previous 30 days (looking back before `start` too) /
  complaints and repairs with a unit. Suggestions neither repeat nor are repeated.
- average_rating (2 places) and rated_count: the residents' current ratings (a reopen clears
  the earlier rating).
- by_category, by_status: counts, largest first. trend: per Shanghai month of the period, the
  requests created and how many of them are now resolved or closed (months with none included).

Rates are floats 0..1 rounded to 4 places, hours to 2 places; null when the denominator is 0.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.db.models import DurationField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from core.clock import SHANGHAI
from estates.settings import EstateSettings

from .choices import ClockKind, Kind, Status
from .models import ServiceRequest, SlaClock

# --- pure helpers: no ORM, tested without the database -------------------------------------

TARGETS: dict[str, float] = {
    "on_time": 0.95,
    "resolution_rate": 0.85,
    "average_rating": 4.2,
    "answered_share": 1.0,
}
REPEAT_WINDOW = timedelta(days=30)
MAX_SPAN_DAYS = 366
CLOCK_KINDS = [k.value for k in ClockKind]
DONE_STATUSES = [Status.RESOLVED.value, Status.CLOSED.value]


def rate(numerator: int, denominator: int, places: int = 4) -> float | None:
    """numerator / denominator rounded, or None when there is nothing to divide by."""
    if not denominator:
        return None
    return round(numerator / denominator, places)


def hours(seconds: float | None, places: int = 2) -> float | None:
    return None if seconds is None else round(seconds / 3600, places)


def quarter_bounds(d: date) -> tuple[date, date]:
    """First and last day of the calendar quarter holding `d`."""
    first_month = 3 * ((d.month - 1) // 3) + 1
    start = date(d.year, first_month, 1)
    after = date(d.year + 1, 1, 1) if first_month == 10 else date(d.year, first_month + 3, 1)
    return start, after - timedelta(days=1)


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start, end] in Shanghai dates as a half-open range of aware datetimes."""
    return (
        datetime.combine(start, time.min, tzinfo=SHANGHAI),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=SHANGHAI),
    )


def months_between(start: date, end: date) -> list[str]:
    """ "YYYY-MM" of every month that [start, end] touches, in order."""
    out = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def period_error(start: date, end: date) -> str | None:
    """Why [start, end] is not a valid KPI period, or None."""
    if start > end:
        return str(_("结束日期不能早于开始日期。"))
    if (end - start).days + 1 > MAX_SPAN_DAYS:
        return str(_("期间最长 %(days)s 天。") % {"days": MAX_SPAN_DAYS})
    return None


def trend_filled(months: list[str], rows: dict[str, tuple[int, int]]) -> list[dict[str, Any]]:
    """One entry per month, zeros where no request was created."""
    return [
        {"month": m, "count": rows.get(m, (0, 0))[0], "resolved": rows.get(m, (0, 0))[1]}
        for m in months
    ]


def ranked(rows: dict[str, int], key: str) -> list[dict[str, Any]]:
    """[{key, count}] largest first, then by name (stable for charts and tests)."""
    return [{key: k, "count": n} for k, n in sorted(rows.items(), key=lambda kv: (-kv[1], kv[0]))]


# --- the query --------------------------------------------------------------------------------

_REQUESTS = ServiceRequest._meta.db_table
_CLOCKS = SlaClock._meta.db_table

# One statement, so the estate's rows are read from the heap once: with requests of 50 estates
# interleaved in time order, each row of one estate sits on its own page, and those page reads
# are the cost (bench/complaints). `look` reads the period plus the 30 days before it (for
# repeats) through the (estate_id, created_at) index; everything else is computed from it.
# Repeats compare each request with the previous one of its unit and category (lag over a
# window): one pass, no correlated subquery per row. Arithmetic stays in float8 and timestamps
# (date_part, not extract, which is numeric since PostgreSQL 14): ~6 % of the statement.
_KPI_SQL = f"""
WITH look AS MATERIALIZED (
    SELECT r.id, r.kind, r.status, r.category, r.unit_id, r.created_at, r.first_response_at,
           r.resolved_at, r.closed_at, r.reopen_count, r.rating,
           r.created_at >= %(start)s AS in_period
      FROM {_REQUESTS} r
     WHERE r.estate_id = %(estate)s
       AND r.created_at >= %(lookback)s AND r.created_at < %(end)s
), period AS MATERIALIZED (
    SELECT * FROM look WHERE in_period
), repeats AS (
    SELECT count(*) FILTER (WHERE in_period) AS with_unit,
           count(*) FILTER (WHERE in_period AND previous_at >= created_at - %(window)s)
               AS repeated
      FROM (SELECT in_period, created_at,
                   lag(created_at) OVER (
                       PARTITION BY unit_id, category ORDER BY created_at, id
                   ) AS previous_at
              FROM look
             WHERE unit_id IS NOT NULL AND kind <> %(suggestion)s) AS x
), headline AS (
    SELECT count(*) AS total,
           percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (
               ORDER BY date_part('epoch', first_response_at - created_at)
           ) AS percentiles,
           count(first_response_at) AS answered,
           count(*) FILTER (
               WHERE status = %(withdrawn)s AND first_response_at IS NULL
           ) AS withdrawn_unanswered,
           count(*) FILTER (WHERE kind <> %(suggestion)s AND status <> %(withdrawn)s)
               AS actionable,
           count(*) FILTER (WHERE kind <> %(suggestion)s AND status = ANY(%(done)s)) AS done,
           count(*) FILTER (WHERE resolved_at IS NOT NULL OR reopen_count > 0) AS ever_resolved,
           count(*) FILTER (WHERE reopen_count > 0) AS reopened,
           avg(rating)::float8 AS average,
           count(rating) AS rated
      FROM period
), breakdown AS (
    -- in each row exactly one of category / status / month is not null
    SELECT coalesce(json_agg(json_build_array(
               category, status, to_char(month AT TIME ZONE %(tz)s, 'YYYY-MM'), n, done
           )), '[]') AS rows
      FROM (SELECT category, status, date_trunc('month', created_at, %(tz)s) AS month,
                   count(*) AS n,
                   count(*) FILTER (WHERE status = ANY(%(done)s)) AS done
              FROM period
             GROUP BY GROUPING SETS ((category), (status), (month))) AS g
), clocks AS (
    -- a rejection stops every clock but is neither a plan nor a fix; a withdrawal judges none
    SELECT coalesce(json_agg(json_build_array(kind, n, on_time)), '[]') AS rows
      FROM (SELECT c.kind, count(*) AS n,
                   count(*) FILTER (
                       WHERE c.stopped_at - c.started_at
                             <= (c.budget_seconds + c.paused_seconds) * interval '1 second'
                   ) AS on_time
              FROM period p
              JOIN {_CLOCKS} c ON c.request_id = p.id
             WHERE c.stopped_at IS NOT NULL
               AND (c.kind = %(response)s OR p.status <> %(rejected)s)
               AND NOT (p.status = %(withdrawn)s AND c.stopped_at >= p.closed_at)
             GROUP BY c.kind) AS k
)
SELECT h.total, h.percentiles, h.answered, h.withdrawn_unanswered, h.actionable, h.done,
       h.ever_resolved, h.reopened, h.average, h.rated, r.with_unit, r.repeated, b.rows, c.rows
  FROM headline h, repeats r, breakdown b, clocks c
"""  # noqa: S608 (table names from the models, no input)


def _json(value: Any) -> Any:
    # psycopg decodes json itself; a driver that hands back text still works
    return json.loads(value) if isinstance(value, str) else value


def estate_kpis(*, estate_id: int, start: date, end: date) -> dict[str, Any]:
    """The KPI dashboard of one estate (see the module docstring for every definition).
    Scope is the caller's business: run it in the firm's schema for an estate the user may see."""
    since, until = period_bounds(start, end)
    params: dict[str, Any] = {
        "estate": estate_id,
        "start": since,
        "end": until,
        "lookback": since - REPEAT_WINDOW,
        "window": REPEAT_WINDOW,
        "suggestion": Kind.SUGGESTION.value,
        "done": DONE_STATUSES,
        "tz": SHANGHAI.key,
        "response": ClockKind.RESPONSE.value,
        "rejected": Status.REJECTED.value,
        "withdrawn": Status.WITHDRAWN.value,
    }
    with connection.cursor() as cursor:
        cursor.execute(_KPI_SQL, params)
        (
            total,
            percentiles,
            answered,
            withdrawn_unanswered,
            actionable,
            done,
            ever_resolved,
            reopened,
            average,
            rated,
            with_unit,
            repeated,
            breakdown,
            clock_rows,
        ) = cursor.fetchone()

    p50, p90 = percentiles if percentiles else (None, None)
    rows = _json(breakdown)
    categories = {r[0]: r[3] for r in rows if r[0] is not None}
    statuses = {r[1]: r[3] for r in rows if r[1] is not None}
    months = {r[2]: (r[3], r[4]) for r in rows if r[2] is not None}
    clocks = {kind: (stopped, on_time) for kind, stopped, on_time in _json(clock_rows)}
    stopped = {k: clocks.get(k, (0, 0))[0] for k in CLOCK_KINDS}
    on_time = {k: clocks.get(k, (0, 0))[1] for k in CLOCK_KINDS}
    return {
        "estate": estate_id,
        "start": start,
        "end": end,
        "total": total,
        "response_p50_hours": hours(p50),
        "response_p90_hours": hours(p90),
        "on_time": {k: rate(on_time[k], stopped[k]) for k in CLOCK_KINDS},
        "resolution_rate": rate(done, actionable),
        "reopen_rate": rate(reopened, ever_resolved),
        "repeat_rate": rate(repeated, with_unit),
        "average_rating": None if average is None else round(average, 2),
        "rated_count": rated,
        "answered_share": rate(answered, total - withdrawn_unanswered),
        "targets": dict(TARGETS),
        "counts": {
            "answered": answered,
            "answerable": total - withdrawn_unanswered,
            "actionable": actionable,
            "resolved": done,
            "ever_resolved": ever_resolved,
            "reopened": reopened,
            "with_unit": with_unit,
            "repeated": repeated,
            "clocks_stopped": stopped,
            "clocks_on_time": on_time,
        },
        "by_category": ranked(categories, "category"),
        "by_status": ranked(statuses, "status"),
        "trend": trend_filled(months_between(start, end), months),
    }


# --- what a tile is based on, and the requests behind it ------------------------------------

MIN_SAMPLE = 5  # a rate over fewer cases says "sample too small" instead of turning red


def previous_period(start: date, end: date) -> tuple[date, date]:
    """The period of the same length just before [start, end] (a quarter's previous span)."""
    days = (end - start).days + 1
    return start - timedelta(days=days), start - timedelta(days=1)


class KpiSubset:
    """The requests behind a tile (`kpi=` on the request list), each the numerator or the
    complement of the figure in `estate_kpis` over the same period, by the same definition."""

    ANSWERED = "answered"
    UNANSWERED = "unanswered"  # answered_share's missing part (withdrawn-unanswered left out)
    SLOW_RESPONSE = "slow_response"  # first response later than the estate's response hours
    LATE_RESPONSE = "late_response"
    LATE_PLAN = "late_plan"
    LATE_RESOLUTION = "late_resolution"
    ON_TIME_RESOLUTION = "on_time_resolution"
    RESOLVED = "resolved"
    UNRESOLVED = "unresolved"  # resolution_rate's missing part
    REOPENED = "reopened"
    REPEATED = "repeated"
    RATED = "rated"

    CHOICES: tuple[str, ...] = (
        ANSWERED,
        UNANSWERED,
        SLOW_RESPONSE,
        LATE_RESPONSE,
        LATE_PLAN,
        LATE_RESOLUTION,
        ON_TIME_RESOLUTION,
        RESOLVED,
        UNRESOLVED,
        REOPENED,
        REPEATED,
        RATED,
    )


def _judged_clocks(kind: str) -> QuerySet[SlaClock]:
    """The stopped clocks of `kind` that the on-time rate judges (see the module docstring)."""
    judged = SlaClock.objects.filter(request=OuterRef("pk"), kind=kind, stopped_at__isnull=False)
    if kind != ClockKind.RESPONSE:
        judged = judged.exclude(request__status=Status.REJECTED)
    return judged.exclude(
        Q(request__status=Status.WITHDRAWN) & Q(stopped_at__gte=F("request__closed_at"))
    )


def kpi_subset(
    queryset: QuerySet[ServiceRequest], *, subset: str, response_hours: float | None = None
) -> QuerySet[ServiceRequest]:
    """Narrow a request queryset to the requests behind one KPI (`KpiSubset`)."""
    actionable = ~Q(kind=Kind.SUGGESTION) & ~Q(status=Status.WITHDRAWN)
    if subset == KpiSubset.ANSWERED:
        return queryset.filter(first_response_at__isnull=False)
    if subset == KpiSubset.UNANSWERED:
        return queryset.filter(first_response_at__isnull=True).exclude(status=Status.WITHDRAWN)
    if subset == KpiSubset.SLOW_RESPONSE:
        took = ExpressionWrapper(F("first_response_at") - F("created_at"), DurationField())
        limit = timedelta(hours=response_hours or 0)
        return queryset.alias(took=took).filter(first_response_at__isnull=False, took__gt=limit)
    if subset in (
        KpiSubset.LATE_RESPONSE,
        KpiSubset.LATE_PLAN,
        KpiSubset.LATE_RESOLUTION,
        KpiSubset.ON_TIME_RESOLUTION,
    ):
        kind = subset.split("_")[-1]
        spent = ExpressionWrapper(F("stopped_at") - F("started_at"), DurationField())
        allowed = ExpressionWrapper(
            (F("budget_seconds") + F("paused_seconds")) * timedelta(seconds=1), DurationField()
        )
        clocks = _judged_clocks(kind).alias(spent=spent, allowed=allowed)
        if subset == KpiSubset.ON_TIME_RESOLUTION:
            return queryset.filter(Exists(clocks.filter(spent__lte=F("allowed"))))
        return queryset.filter(Exists(clocks.filter(spent__gt=F("allowed"))))
    if subset == KpiSubset.RESOLVED:
        return queryset.filter(actionable, status__in=DONE_STATUSES)
    if subset == KpiSubset.UNRESOLVED:
        return queryset.filter(actionable).exclude(status__in=DONE_STATUSES)
    if subset == KpiSubset.REOPENED:
        return queryset.filter(reopen_count__gt=0)
    if subset == KpiSubset.REPEATED:
        earlier = ServiceRequest.objects.filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), id__lt=OuterRef("id")),
            estate_id=OuterRef("estate_id"),
            unit_id=OuterRef("unit_id"),
            category=OuterRef("category"),
            created_at__gte=OuterRef("created_at") - REPEAT_WINDOW,
        ).exclude(kind=Kind.SUGGESTION)
        return queryset.filter(Exists(earlier), unit__isnull=False).exclude(kind=Kind.SUGGESTION)
    if subset == KpiSubset.RATED:
        return queryset.filter(rating__isnull=False)
    raise ValueError(subset)


def created_within(
    queryset: QuerySet[ServiceRequest], *, start: date | None, end: date | None
) -> QuerySet[ServiceRequest]:
    """Requests created in [start, end] (Shanghai dates, inclusive): the KPI population."""
    if start is not None:
        queryset = queryset.filter(created_at__gte=period_bounds(start, start)[0])
    if end is not None:
        queryset = queryset.filter(created_at__lt=period_bounds(end, end)[1])
    return queryset


def estates_compared(*, estates: list[Any], start: date, end: date) -> list[dict[str, Any]]:
    """One row per estate (a firm's comparison): the headline figures of `estate_kpis` and the
    estate's response limit. One statement per estate; the caller passes the estates in scope."""
    rows = []
    for estate in estates:
        k = estate_kpis(estate_id=estate.pk, start=start, end=end)
        rows.append(
            {
                "estate": estate.pk,
                "estate_name": estate.name,
                "total": k["total"],
                "response_p90_hours": k["response_p90_hours"],
                "response_limit_hours": EstateSettings.from_estate(estate).sla_hours.response,
                "on_time_resolution": k["on_time"]["resolution"],
                "resolution_rate": k["resolution_rate"],
                "reopen_rate": k["reopen_rate"],
                "average_rating": k["average_rating"],
                "rated_count": k["rated_count"],
                "counts": k["counts"],
            }
        )
    return rows
